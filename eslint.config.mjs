// Flat config for the whole workspace. Layering (DESIGN.md): core <- onnx, keras <- report <- cli,
// danger-plugin, github-action. @nx/enforce-module-boundaries checks workspace imports by project tag;
// core additionally may not import Node built-ins, because it must run in a browser.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';
import { builtinModules } from 'node:module';
import globals from 'globals';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/*.d.ts', '**/.nx/**', 'apps/github-action/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          // The CLI imports the report renderers statically and its config/review code on demand
          // (start-up time); likewise core's kernels statically and its hardware presets
          // (`@modelcost/core/hardware`) on demand. Same library both ways, on purpose.
          checkDynamicDependenciesExceptions: ['@modelcost/report', '@modelcost/core'],
          depConstraints: [
            { sourceTag: 'layer:core', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'layer:importer', onlyDependOnLibsWithTags: ['layer:core'] },
            { sourceTag: 'layer:report', onlyDependOnLibsWithTags: ['layer:core', 'layer:importer'] },
            { sourceTag: 'layer:frontend', onlyDependOnLibsWithTags: ['layer:core', 'layer:importer', 'layer:report'] },
            { sourceTag: 'layer:tooling', onlyDependOnLibsWithTags: ['layer:core', 'layer:importer', 'layer:report', 'layer:frontend'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: nodeBuiltins.map((name) => ({ name, message: '@modelcost/core must run in a browser: no Node built-ins.' })) }],
      'no-restricted-globals': ['error', { name: 'process', message: 'core is pure: take values as arguments.' }, { name: 'Buffer', message: 'core uses Uint8Array, not Buffer.' }, { name: 'require', message: 'ESM only.' }],
    },
  },
  {
    // Node scripts outside the projects' sources: benchmarks, generators, build scripts, bins.
    files: ['tools/**/*.mjs', 'packages/*/scripts/**/*.mjs', 'apps/*/scripts/**/*.mjs', '**/bin/*.cjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/bin/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/test/**/*.ts', '**/*.test.ts', 'tools/**/*.ts', 'tools/**/*.mjs'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': 'off',
      'no-restricted-globals': 'off',
    },
  },
);
