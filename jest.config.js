// jest for every test/**/*.test.ts. TypeScript is transformed by @swc/jest (fast, no type-check:
// `npm run typecheck` does that). Each test file launches its own servers on free ports, so files
// run in parallel; long suites set their own timeouts with jest.setTimeout / per-test timeouts.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/artifacts/'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // A workflow test boots a devserver, bundles the workflows and starts a worker: 5 s is too short.
  testTimeout: 120_000,
  maxWorkers: process.env.TEST_CONCURRENCY ? Number(process.env.TEST_CONCURRENCY) : 2,
  verbose: true,
};
