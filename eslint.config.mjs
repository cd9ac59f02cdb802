// Lint configuration: typescript-eslint's recommended rules, plus a guard that keeps the
// analysis core pure (no Node built-ins, no CLI/LSP/output imports).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const coreFolders = ['parse', 'model', 'knowledge', 'rules', 'fixes', 'config'];

export default tseslint.config(
  { ignores: ['**/out/**', '**/dist/**', '**/node_modules/**', '.cache/**', 'client/out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: [...coreFolders.map((f) => `server/src/${f}/**/*.ts`), 'server/src/analyze.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http', 'https'],
              message: 'The analysis core is pure: no Node.js I/O.',
            },
            {
              group: ['**/cli/**', '**/lsp/**', '**/outputs/**', '**/node/**', 'vscode-languageserver*'],
              message: 'The core must not depend on its callers.',
            },
          ],
        },
      ],
    },
  },
);
