// Lint rules for src/, test/ and bench/: typescript-eslint's type-aware recommended set.
// `npm test` runs `npm run lint` (zero warnings allowed), so CI fails on a finding.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'reports/', '.stryker-tmp/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.test.json', './bench/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Dependencies run one way: the lower layers never import the commands or the command line
    // (README, Development: Layout).
    files: ['src/{agent,events,watch,systemd,restart,db,config,log,process,exec,fs,breaker,clock}/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(commands|cli)(/|$)',
              message: 'src/commands and src/cli sit above this module: move what both need down (e.g. to src/agent or src/clock).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
