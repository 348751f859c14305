// API end-to-end tests: the real Nest app over HTTP (supertest) on a real PostgreSQL database.
module.exports = {
  ...require('../../jest.preset'),
  displayName: 'api-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/../support/global-setup.ts',
  globalTeardown: '<rootDir>/../support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
