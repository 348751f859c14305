// Unit tests of the admin app's pure logic (reducers, form mappings); components are covered by
// the browser tests.
module.exports = {
  ...require('../../jest.preset'),
  displayName: 'admin',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
