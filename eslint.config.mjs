// Each rule that is turned on beyond the recommended sets says why.
import tseslint from 'typescript-eslint';
import { readWorkspaces, workspaceWalls } from './lint/workspace-walls.mjs';

const walls = workspaceWalls(readWorkspaces(import.meta.dirname));

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/__generated__/**',
      '**/drizzle/**',
      '.data/**',
      'node_modules/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    // agora/workspace-walls (lint/workspace-walls.mjs) is turned on for the workspaces below.
    plugins: { agora: walls.plugin },
    languageOptions: {
      // One program over sources, tests and tool configs (tsconfig.test.json includes them all).
      parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A promise nobody awaits loses its error and can outlive the request.
      '@typescript-eslint/no-floating-promises': 'error',
      // Passing an async function where a callback's result is ignored hides rejections.
      '@typescript-eslint/no-misused-promises': 'error',
      // A new enum value (error code, order status) must be handled everywhere it is switched on.
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // Type-only imports vanish at build time and keep import cycles harmless.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Unused arguments are named with a leading underscore on purpose (resolver signatures).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Configuration is parsed once in each service's config.ts; nothing else reads the environment.
    files: ['subgraphs/*/src/**/*.ts', 'router/src/**/*.ts'],
    ignores: ['**/config.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in config.ts.' },
      ],
    },
  },
  {
    // A subgraph imports only its own files and the shared packages under packages/, never another
    // subgraph or the router, whatever path it takes (package name, deep package path, relative or
    // absolute path); shared packages import neither, except that packages/testing starts real
    // subgraphs and the router from their package names. The workspaces come from package.json.
    files: walls.files,
    ignores: [
      // Test harness code outside the subgraphs' own rooms is out of this rule for now.
      'router/test/**',
    ],
    rules: { 'agora/workspace-walls': 'error' },
  },
  {
    files: ['**/test/**/*.ts'],
    rules: {
      // Test assertions dig into untyped GraphQL results.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
