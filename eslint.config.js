import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

// Dependency zones (see README, "Design"): the pure core never reaches the UI, the database, workers or the network.
const pureZone = (extra = []) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['**/state/**', '**/views/**', '**/ui/**', '**/db/**', '*.svelte'],
          message: 'The pure core may not import UI, state or db.',
        },
        {
          group: [
            'dexie',
            'svelte',
            'svelte/*',
            'chart.js',
            'chart.js/*',
            '@huggingface/transformers',
            ...extra,
          ],
          message: 'The pure core has no DOM, Dexie or model runtime.',
        },
      ],
    },
  ],
});

export default ts.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'public/models/', '.e2e/', 'static/', 'tests/fixtures/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    files: ['src/lib/core/**', 'src/lib/dataset/**', 'src/lib/metrics/**', 'src/lib/ratings/**'],
    rules: pureZone(['**/judge/providers/**', '**/model/**']),
  },
  {
    files: ['src/lib/judge/**'],
    ignores: ['src/lib/judge/providers/**', 'src/lib/judge/queue/**'],
    rules: pureZone(),
  },
  {
    files: ['src/lib/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/state/**', '**/db/**', 'dexie'],
              message: 'UI components take props and call back; only state touches db.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/state/**', '**/views/**', '**/ui/**', '**/db/**', 'dexie', 'svelte'],
              message: 'The CLI runs the pure core in Node.',
            },
          ],
        },
      ],
    },
  },
);
