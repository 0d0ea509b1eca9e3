import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

import { parseInstant } from '../subgraphs/kernel/instant';

/** Refused DateTime input; the message never repeats the value (it may be anything, of any size). */
function readInstant(value: unknown): Date {
  const date = typeof value === 'string' ? parseInstant(value) : null;
  if (!date) {
    throw new GraphQLError('DateTime must be an ISO-8601 instant with a zone and a real calendar date, e.g. 2026-06-30T00:00:00Z', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
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
  parseValue: readInstant,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('DateTime must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return readInstant(ast.value);
  },
});
