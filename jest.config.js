// @ts-check
/** @type {import('jest').Config['transform']} */
const transform = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }],
};

/**
 * Two projects, as Kill Bill splits its suites: "unit" runs the pure rules next to
 * their modules in milliseconds; "graph" starts the real gateway and subgraphs over a
 * real database and sends HTTP requests.
 * @type {import('jest').Config}
 */
module.exports = {
  // Global only (jest ignores it inside a project): the graph tests start real servers.
  testTimeout: 30_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/subgraphs/**/*.test.ts', '<rootDir>/gateway/**/*.test.ts', '<rootDir>/server/**/*.test.ts'],
    },
    {
      displayName: 'graph',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/test/security/', '<rootDir>/test/services/'],
    },
    // The five-process topology needs PostgreSQL and NATS: `npm run test:services` (in .ci/run).
    ...(process.env.DATABASE_URL && process.env.NATS_URL
      ? [
          {
            displayName: 'services',
            testEnvironment: 'node',
            transform,
            setupFiles: ['<rootDir>/test/services/services-topology.setup.ts'],
            setupFilesAfterEnv: ['<rootDir>/test/services/services-timeout.setup.ts'],
            // The topology's own test, and the capability suites that talk to the graph only
            // through HTTP (the others need a fixed clock or a subgraph's database in this process).
            testMatch: [
              '<rootDir>/test/services/**/*.test.ts',
              ...['add-on-assignment', 'assignment-race', 'audit', 'catalog', 'concurrency', 'multi-subscription', 'scopes', 'tenant-isolation', 'tenants-and-users'].map(
                (name) => `<rootDir>/test/capabilities/${name}.test.ts`,
              ),
            ],
          },
        ]
      : []),
    {
      // What a GraphQL security scanner tries, against the gateway in production mode.
      displayName: 'security',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/security/**/*.test.ts'],
    },
  ],
};
