// ESLint (flat config): the page's modules run in the browser; the build scripts and tests run
// in Node (the tests also hand functions to the browser, so they see its globals too).
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['dist/', 'dist-single/', 'dist-scorm/', 'target/', 'node_modules/', 'tests/screenshots/'] },
  js.configs.recommended,
  {
    files: ['web/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
  // The stand-in learning platform of the SCORM tests: classic scripts in its pages.
  { files: ['tests/lms/*.js'], languageOptions: { sourceType: 'script', globals: globals.browser } },
  {
    files: ['scripts/**/*.mjs', 'tests/**/*.mjs', 'eslint.config.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
  // The tests look for control characters in messages on purpose.
  { files: ['tests/**/*.mjs'], rules: { 'no-control-regex': 'off' } },
  {
    rules: {
      'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }],
      'prefer-const': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
];
