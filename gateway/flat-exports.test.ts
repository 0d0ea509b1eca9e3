import '../gateway/gateway-server';

/** What gateway/flat-exports.ts promises: the gateway binds to plain values, the same ones. */
describe('flattened federation exports', () => {
  it.each(['@apollo/federation-internals', '@apollo/query-planner'])('%s exports data properties with the modules\' own values', (id) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const flat = require(id) as Record<string, unknown>;
    const descriptors = Object.entries(Object.getOwnPropertyDescriptors(flat));
    expect(descriptors.length).toBeGreaterThan(10);
    expect(descriptors.filter(([, d]) => d.get !== undefined).map(([name]) => name)).toEqual([]);
    expect((flat as { __esModule?: boolean }).__esModule).toBe(true);
  });

  it('keeps the functions result shaping calls', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const flat = require('@apollo/federation-internals') as Record<string, unknown>;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const definitions = require('@apollo/federation-internals/dist/definitions') as Record<string, unknown>;
    for (const name of ['isNonNullType', 'isListType', 'isCompositeType', 'isObjectType']) {
      expect(typeof definitions[name]).toBe('function');
      expect(flat[name]).toBe(definitions[name]);
    }
  });
});
