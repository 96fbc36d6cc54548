// Three projects, each runnable alone (`npm test -- --selectProjects unit`), chosen by path:
//   unit         `*.unit.test.ts`: no database, broker, network or served process
//   integration  every other `test/**/*.test.ts` of a workspace: real PostgreSQL, RabbitMQ or a served process
//   e2e          `test/e2e/`: the whole system through the router
/** @type {import('jest').Config} */
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/router', '<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  // Tests import the shared packages from source, so no build is needed first.
  moduleNameMapper: {
    '^@agora/(subgraph-kit|postgres|testing|demo-data|events|contracts)$': '<rootDir>/packages/$1/src',
  },
};

const E2E = '<rootDir>/test/e2e/';
const UNIT = '\\.unit\\.test\\.ts$';

/** @type {import('jest').Config} */
module.exports = {
  // A global option: it holds for every project.
  testTimeout: 30_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['**/test/**/*.unit.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', E2E],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['**/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', E2E, UNIT],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
    },
  ],
};
