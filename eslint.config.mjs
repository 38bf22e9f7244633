// Lint rules. The important ones are the workflow rules: code under workflows/ and domain/ runs inside
// Temporal's deterministic sandbox and is replayed, so it must not reach for I/O, the wall clock,
// randomness or the worker/client/activity packages (the sandbox would fail or, worse, diverge on replay).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'fs', 'fs/promises', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'dns', 'tls',
  'worker_threads', 'cluster', 'process', 'timers', 'timers/promises', 'stream', 'zlib', 'readline',
];
const forbiddenInSandbox = [
  ...nodeBuiltins,
  ...nodeBuiltins.map((m) => `node:${m}`),
  '@temporalio/activity',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/testing',
  'nodemailer',
  'pdfkit',
  'libsql',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'devserver/dist/**', 'dist/**', 'ui/**', 'data/**', 'test/artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: forbiddenInSandbox.map((name) => ({ name, message: 'not deterministic: workflow and domain code runs in the Temporal sandbox' })) },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'take "now" as input (domain) or use workflow time (workflows)' },
        { object: 'Math', property: 'random', message: 'use uuid4() from @temporalio/workflow or pass values in' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'use sleep() or condition() from @temporalio/workflow' },
        { name: 'setInterval', message: 'use sleep() in a loop from @temporalio/workflow' },
        { name: 'fetch', message: 'I/O belongs in an activity' },
        { name: 'process', message: 'the environment belongs to the worker, not to workflow code' },
      ],
    },
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@temporalio/*'], message: 'domain/ is pure: no Temporal imports' }], paths: forbiddenInSandbox.map((name) => ({ name, message: 'domain/ is pure: no I/O' })) },
      ],
    },
  },
  {
    // The tests run on jest (scripts/test.mjs): its API comes from @jest/globals, assertions are expect().
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['node:test', 'node:assert', 'node:assert/strict', 'assert', 'assert/strict'].map((name) => ({ name, message: 'tests use jest: import describe/it/expect from @jest/globals' })) },
      ],
    },
  },
  {
    files: ['devserver/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['../../domain*', '../../workflows*', '../../activities*', '../../worker*', '../../client*'], message: 'devserver/ imports nothing from the application' }] },
      ],
    },
  },
);
