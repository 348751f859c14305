// Shared Jest settings: SWC transpiles TypeScript (with decorator metadata for Nest);
// `tsc --noEmit` does the type checking in its own target.
const path = require('node:path');

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            useDefineForClassFields: false,
            react: { runtime: 'automatic' },
          },
          target: 'es2022',
          // Rewritten at compile time, so global setup files (which skip moduleNameMapper) resolve it too.
          baseUrl: __dirname,
          paths: {
            '@cadence/domain': ['libs/domain/src/index.ts'],
            '@cadence/domain/testing': ['libs/domain/src/testing.ts'],
          },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleNameMapper: {
    '^@cadence/domain$': path.join(__dirname, 'libs/domain/src/index.ts'),
    '^@cadence/domain/testing$': path.join(__dirname, 'libs/domain/src/testing.ts'),
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
};
