// Browser tests: Chromium (see chromium.ts) driven by playwright-core against the built app.
module.exports = {
  ...require('../../jest.preset'),
  displayName: 'browser',
  rootDir: __dirname,
  roots: ['<rootDir>', '<rootDir>/../../apps/admin/e2e'],
  testMatch: ['**/*.e2e.ts'],
  globalSetup: '<rootDir>/global-setup.ts',
  globalTeardown: '<rootDir>/global-teardown.ts',
  testTimeout: 120000,
  maxWorkers: 1,
};
