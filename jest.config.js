/**
 * Tests are transpiled by swc (no type checking: `npm run typecheck` does that once, with tsc 5.9).
 * One DynamoDB Local process serves the whole run; every test file creates its own table in it.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // auto-bind (used by graphql-codegen's plugins) ships only ES modules; let swc compile it for the
  // codegen freshness test.
  transformIgnorePatterns: ['/node_modules/(?!(auto-bind)/)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
};
