/**
 * Tests are transpiled by swc (no type checking: `npm run typecheck` does that once, with tsc 5.9).
 *
 * Three projects, picked with `--selectProjects`:
 * - unit: pure code (no network, no DynamoDB); runs without Java.
 * - integration: over DynamoDB Local, SMTP servers and AWS stand-ins on loopback, the local stack.
 * - infra: the CDK app and the bundles; its table-access audit also needs DynamoDB Local.
 * One DynamoDB Local process serves the whole run: both of those name the same global setup, which
 * jest runs once per run (it keeps a set of setup paths); every test file creates its own table in it.
 */
const base = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // auto-bind (used by graphql-codegen's plugins) and intl-messageformat with its @formatjs parts
  // (the text catalogues) ship only ES modules; let swc compile them.
  transformIgnorePatterns: ['/node_modules/(?!(auto-bind|intl-messageformat|@formatjs)/)'],
};

const withDynamoDbLocal = {
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

/** @type {import('jest').Config} */
module.exports = {
  // A global option: jest ignores it inside a project.
  testTimeout: 30000,
  projects: [
    { ...base, displayName: 'unit', roots: ['<rootDir>/test/unit'] },
    { ...base, ...withDynamoDbLocal, displayName: 'integration', roots: ['<rootDir>/test/integration'] },
    { ...base, ...withDynamoDbLocal, displayName: 'infra', roots: ['<rootDir>/test/infra'] },
  ],
};
