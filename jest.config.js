// Three projects, each runnable alone (`npm test -- --selectProjects unit`), chosen by path:
//   unit         `*.unit.test.ts`: no database, broker, network or served process
//   integration  every other `test/**/*.test.ts` of a workspace: real PostgreSQL, RabbitMQ or a served process
//   e2e          `test/e2e/`: the whole system through the router
const { readWorkspaces } = require('./lint/workspace-walls.mjs');

/** `text` as a literal part of a regular expression. */
const literally = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// Tests import every workspace (package, subgraph, router) by its package name from source,
// so no build is needed first; the list is the root package.json's workspaces.
const fromSource = Object.fromEntries(
  readWorkspaces(__dirname).map(({ name, folder }) => [`^${literally(name)}$`, `<rootDir>/${folder}/src`]),
);

/** @type {import('jest').Config} */
const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/router', '<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  moduleNameMapper: fromSource,
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
