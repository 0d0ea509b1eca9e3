// @ts-check
// The project's shape, kept by a tool (`npm run lint`, part of `npm test`): the import
// boundaries of ARCHITECTURE.md and STYLE.md, and no import cycle.
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const SUBGRAPHS = ['catalog', 'entitlements', 'subscriptions', 'invoicing'];

/** What each folder may not import (import-x/no-restricted-paths zones: `target` may not import from `from`). */
const zones = [
  // kernel/ is pure shared vocabulary: it imports nothing of ours but itself.
  {
    target: './subgraphs/kernel',
    from: ['./subgraphs', './gateway', './server', './schema', './ops'],
    except: ['./kernel'],
    message: 'kernel/ imports only kernel/.',
  },
  // server/ is the server code the gateway and the subgraphs share: it knows neither.
  {
    target: './server',
    from: ['./subgraphs', './gateway', './schema', './ops'],
    except: ['./kernel'],
    message: 'server/ imports only server/ and kernel/.',
  },
  // Production code never imports a test's helpers or a benchmark; tests beside their modules may use test/support/.
  {
    target: './{subgraphs,gateway,server,schema,ops}/**/!(*.test).ts',
    from: ['./test', './bench'],
    message: 'production code never imports tests or benchmarks.',
  },
  // A subgraph never imports another subgraph: what it needs of one travels as an event or through the gateway.
  ...SUBGRAPHS.map((name) => ({
    target: `./subgraphs/${name}`,
    from: SUBGRAPHS.filter((other) => other !== name).map((other) => `./subgraphs/${other}`),
    message: 'a subgraph never imports another subgraph.',
  })),
  // domain/ holds pure rules over plain data: kernel/ and its own domain/ only.
  ...SUBGRAPHS.map((name) => ({
    target: `./subgraphs/${name}/domain`,
    from: ['./subgraphs', './gateway', './server', './schema'],
    except: ['./kernel', `./${name}/domain`],
    message: 'domain/ imports only kernel/ and its own domain/.',
  })),
  // The gateway never reaches into a subgraph: only kernel/, server/, and runtime/ with the registry to start them embedded.
  {
    target: './gateway',
    from: SUBGRAPHS.map((name) => `./subgraphs/${name}`),
    message: "the gateway never imports a subgraph's internals.",
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'bench/results/**', '**/*.cjs', '**/*.mjs', '**/*.js'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
    plugins: { 'import-x': importX, '@typescript-eslint': tseslint.plugin },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
      // no-cycle follows imports by parsing each dependency: it must know .ts files parse with the TS parser.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      // ES imports only; the few places that must require() say why on the line.
      '@typescript-eslint/no-require-imports': 'error',
    },
  },
  {
    // One concern per function: production code keeps each under about a screen.
    files: ['**/*.ts'],
    ignores: ['**/*.test.ts', 'test/**', 'bench/**', '**/migrations/**'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
);
