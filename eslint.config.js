// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Packages that core must never import: it is headless and renders nothing. */
const CORE_FORBIDDEN_PACKAGES = ['lit', 'lit/*', '@lit/*', 'elkjs', 'elkjs/*', 'uplot', 'uplot/*'];

/** DOM globals that core must never touch (it runs in Node, in workers and in browsers). */
const DOM_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'sessionStorage',
  'HTMLElement',
  'customElements',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'docs/api/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object instead of an enum (house style).' },
        { selector: 'TSModuleDeclaration[kind="namespace"]', message: 'No namespaces (house style).' },
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only (house style).' },
        { selector: 'TSParameterProperty', message: 'No constructor parameter properties (house style).' },
      ],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: CORE_FORBIDDEN_PACKAGES, message: 'core is headless: no lit, elkjs or uplot.' }] },
      ],
      'no-restricted-globals': [
        'error',
        ...DOM_GLOBALS.map((name) => ({ name, message: 'core never touches the DOM.' })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded PRNG (createRng); core must be deterministic.' },
      ],
    },
  },
  {
    // Plain data and arithmetic: these parts of core stay free of tfjs (ARCHITECTURE §2), so they
    // run anywhere, cheaply, and their results are structured-cloneable.
    files: ['packages/core/src/trace/**/*.ts', 'packages/core/src/memory/**/*.ts', 'packages/core/src/data/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: CORE_FORBIDDEN_PACKAGES, message: 'core is headless: no lit, elkjs or uplot.' },
            { group: ['@tensorflow/*'], message: 'trace/, memory/ and data/ never import tfjs.' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/elements/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@tensorflow/*'], message: 'elements use the public API of @lora-viz/core, never tfjs.' },
          ],
        },
      ],
    },
  },
  {
    files: ['examples/demo/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tensorflow/*', '@lora-viz/*/src/*', '../../packages/*', 'lit', 'lit/*'],
              message: 'the demo uses only the public entry points of @lora-viz/core and @lora-viz/elements.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.config.ts', '**/test/**/*.ts', 'scripts/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.mocha } },
    rules: { 'no-restricted-syntax': 'off' },
  },
);
