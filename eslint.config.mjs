// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', '.data/'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // No consistent-type-imports: with emitDecoratorMetadata, a class used only as a constructor
    // parameter type is still needed at run time by typedi, and that rule would erase it.
    rules: {
      // Leading underscore: deliberately unused (an omitted field in a destructuring rest, an unused parameter).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  // CommonJS tool configuration (.dependency-cruiser.cjs).
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  {
    // The client's build scripts run in Node.
    files: ['client/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  prettier,
);
