import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// ISO-8601 with a date, a time, optional fraction and a zone (Z or ±hh:mm). A bare
// date or a local time is refused: an instant without a zone is ambiguous.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) {
    throw new GraphQLError('DateTime must be an ISO-8601 instant with a zone, e.g. 2026-06-30T00:00:00Z', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new GraphQLError(`"${value}" is not a valid instant`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return date;
}

/** The `DateTime` scalar of every subgraph: in as ISO-8601 with a zone, out in UTC with milliseconds. */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant in UTC, ISO-8601.',
  serialize(value) {
    const date = value instanceof Date ? value : new Date(value as string | number);
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent an invalid date');
    return date.toISOString();
  },
  parseValue: parseInstant,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('DateTime must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parseInstant(ast.value);
  },
});
