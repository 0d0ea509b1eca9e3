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
      testMatch: ['<rootDir>/subgraphs/**/*.test.ts', '<rootDir>/gateway/**/*.test.ts'],
    },
    {
      displayName: 'graph',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['<rootDir>/test/security/'],
    },
    {
      // What a GraphQL security scanner tries, against the gateway in production mode.
      displayName: 'security',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/security/**/*.test.ts'],
    },
  ],
};
