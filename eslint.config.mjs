// ESLint: type-aware rules for the TypeScript in functions/, infra/ and test/, plus the import rules
// that keep the layers apart. Formatting is Prettier's (`npm run lint` runs both); eslint-config-prettier
// switches off every rule that would argue with it.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const typescriptFiles = ['functions/**/*.ts', 'infra/**/*.ts', 'test/**/*.ts'];

/** Every folder of functions/ but local/ (the local stack, which may run anything). */
const outsideLocal = 'functions/!(local)/**';

/**
 * Who may import whom. Lower layers know nothing of higher ones: shared/ is the bottom, modules/ and
 * mail/ sit on it, graphql/, http/ and app/ on those, handlers/ only start things (nothing imports
 * them but the local stack and the tests, which run entry points as AWS does).
 */
const layerZones = [
  {
    target: 'functions/shared',
    from: ['modules', 'mail', 'graphql', 'http', 'handlers', 'app', 'local'].map((layer) => `functions/${layer}`),
    message: 'functions/shared is the bottom layer: move what both need into shared/.',
  },
  {
    target: 'functions/modules',
    from: ['http', 'handlers', 'local', 'app'].map((layer) => `functions/${layer}`),
    message: 'A module does not know how it is served: move what it needs into shared/.',
  },
  {
    target: 'functions/mail',
    from: ['modules', 'http', 'handlers'].map((layer) => `functions/${layer}`),
    message: 'functions/mail renders and sends what it is given; the module reads the data.',
  },
  {
    target: outsideLocal,
    from: 'functions/local',
    message: 'functions/local is the local stack: nothing deployed may depend on it.',
  },
  {
    target: [outsideLocal, 'infra/**'],
    from: 'functions/handlers',
    message: 'functions/handlers holds Lambda entry points only: import what they use from where it lives.',
  },
];

export default defineConfig(
  globalIgnores(['cdk.out/', 'coverage/', '.data/', 'functions/graphql/generated/']),
  {
    files: typescriptFiles,
    extends: [js.configs.recommended, tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.d.ts', '.js', '.json'] })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A promise nobody awaits is a send that never happens once Lambda freezes the process.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'import-x/no-cycle': 'error',
      'import-x/no-self-import': 'error',
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  {
    // Tests read GraphQL responses, which are JSON: their assertions say what shape they expect.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['jest.config.js'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  prettier,
);
