import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * The `SafeInt` scalar (R39): a whole number from −(2^53 − 1) to 2^53 − 1, sent as a JSON
 * number. GraphQL's `Int` stops at 2^31 − 1, which a large tenant's annual invoice passes
 * in cents; every integer a JavaScript client reads stays exact up to 2^53 − 1.
 */
export const SafeIntScalar = new GraphQLScalarType<number, number>({
  name: 'SafeInt',
  description: 'A whole number from -(2^53 - 1) to 2^53 - 1, sent as a JSON number.',
  serialize(value) {
    const number = typeof value === 'bigint' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw new GraphQLError('SafeInt cannot represent a value outside ±(2^53 − 1) or not whole');
    return number;
  },
  parseValue(value) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new GraphQLError('SafeInt must be a whole number from -(2^53 - 1) to 2^53 - 1', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return value;
  },
  parseLiteral(ast) {
    const value = ast.kind === Kind.INT ? Number(ast.value) : NaN;
    if (!Number.isSafeInteger(value)) {
      throw new GraphQLError('SafeInt must be a whole number from -(2^53 - 1) to 2^53 - 1', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return value;
  },
});
