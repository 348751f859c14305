import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'apps/admin/src/api/schema.d.ts', 'tmp/**', '.data/**', '.nx/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      // Imports between projects follow the tags in each project.json: the domain library stands
      // alone; the API and the admin app may use it but never each other.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'scope:admin', onlyDependOnLibsWithTags: ['type:domain'] },
            { sourceTag: 'type:safety', onlyDependOnLibsWithTags: ['type:domain'] },
          ],
        },
      ],
    },
  },
  {
    // Cross-app tests and benchmarks build the API from its own factory and seed, by design.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The domain library is plain TypeScript: no framework, database or HTTP imports.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', '@prisma/*', 'react', 'react-dom', 'fastify', 'pg', 'express'],
              message: 'libs/domain holds plain rules: no framework, database or HTTP imports.',
            },
          ],
        },
      ],
    },
  },
);
