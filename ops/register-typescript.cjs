'use strict';
/**
 * How the graph's processes run their TypeScript without a build step:
 *
 *   node --require ./ops/register-typescript.cjs gateway/main.ts
 *
 * Each `.ts` file is transpiled by esbuild when it is first required (types are checked by
 * `npm run typecheck`, not here), with inline source maps so stack traces name the
 * TypeScript lines. Nothing else changes: module resolution stays Node's own, which
 * tries the registered `.ts` extension like `.js`.
 *
 * The development scripts (compose, token, benchmarks' harness) use tsx. The serving
 * processes do not, because of what tsx costs while serving, measured with CPU profiles
 * of a subgraph under load: it asks esbuild to keep function names, which wraps every
 * named closure in a `defineProperty` call each time it is created, and it hooks module
 * resolution, so every `require()` made at run time goes through its resolver; Apollo
 * Server requires `crypto` to hash every operation it receives, which was 7 % of the
 * CPU of a subgraph call that read nothing.
 */
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { transformSync } = require('esbuild');

process.setSourceMapsEnabled(true);

const OPTIONS = {
  loader: 'ts',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  // As tsc compiles them for tsconfig.json's ES2022 target.
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
};

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...OPTIONS, sourcefile: filename });
  module._compile(code, filename);
};
