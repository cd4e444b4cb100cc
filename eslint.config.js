import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';
import { layers } from './layers.config.js';

const banned = [
  { selector: "MemberExpression[property.name=/^(innerHTML|outerHTML)$/]", message: 'Render text with textContent or created nodes; never parse strings as HTML.' },
  { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Never parse strings as HTML.' },
  { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never parse strings as HTML.' },
  { selector: "CallExpression[callee.name='eval']", message: 'No eval.' },
  { selector: "NewExpression[callee.name='Function']", message: 'No new Function.' },
  { selector: "CallExpression[callee.property.name='write'][callee.object.name='document']", message: 'No document.write.' },
];

// Cached reads (the popup's timelines) are valid until the next write, so writes are counted.
const uncountedWrites = [
  { selector: "CallExpression[callee.property.name='transaction'] > Literal[value='readwrite']", message: 'Open write transactions with writeTransaction() from lib/store/open-db.ts, which counts them.' },
  { selector: "CallExpression[callee.property.name=/^(put|add|delete|clear)$/] > Literal.arguments:first-child[value='versions']", message: 'Write versions inside writeTransaction() from lib/store/open-db.ts, which counts them.' },
];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'bench-results/**', '.demo-profile/**',
    // Other generators' build configs, kept to rebuild the fixtures they made (their own module styles).
    'scripts/corpus/generator-pages/**'] },
  ...tseslint.configs.recommended,
  {
    // Page, feed and import text reaches regular expressions: none may backtrack super-linearly.
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/no-misleading-capturing-group': 'error',
    },
  },
  {
    rules: {
      'no-restricted-syntax': ['error', ...banned, ...uncountedWrites],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Core, shells and UI (layers.config.js).
  ...layers,
  {
    // Where writes are counted.
    files: ['lib/store/open-db.ts'],
    rules: { 'no-restricted-syntax': ['error', ...banned] },
  },
  {
    // Tests, their browser harness and scripts build fixture pages; the ban protects the extension's own code.
    files: ['tests/**', 'harness/**', 'scripts/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Tests run their patterns on the project's own fixtures, never on hostile text.
    files: ['tests/**'],
    rules: { 'regexp/no-super-linear-move': 'off' },
  },
);
