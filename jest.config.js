/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/subgraphs', '<rootDir>/router', '<rootDir>/test'],
  testMatch: ['**/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  // Tests import the shared packages from source, so no build is needed first.
  moduleNameMapper: {
    '^@agora/(subgraph-kit|postgres|testing|demo-data|events|contracts)$': '<rootDir>/packages/$1/src',
  },
  testTimeout: 30_000,
};
