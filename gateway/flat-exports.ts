/**
 * `@apollo/federation-internals` (and `@apollo/query-planner`) are compiled TypeScript
 * whose index re-exports every module through `__exportStar`: each name is a getter on
 * an exports object of hundreds of properties (dictionary mode, no inline caches). The
 * gateway's result shaping calls `isNonNullType`, `isListType`, `assert`... through those
 * getters for every field of every answer, a large share of the gateway's CPU
 * (bench/README.md has the measurements; `flat-exports.test.ts` fails if the packages'
 * export shape changes under this). Loaded here first, their exports are replaced in the module cache by
 * a plain object with the same values, so the gateway's modules, loaded after, bind to
 * data properties. The values are the modules' own (nothing is reassigned after load).
 */
const MODULES = ['@apollo/federation-internals', '@apollo/query-planner'];

for (const id of MODULES) {
  const path = require.resolve(id);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(id) as Record<string, unknown>;
  const cached = require.cache[path];
  if (!cached) continue;
  const flat: Record<string, unknown> = { ...loaded };
  Object.defineProperty(flat, '__esModule', { value: true });
  cached.exports = flat;
}

export {};
