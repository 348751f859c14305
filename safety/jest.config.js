// The hazard log's checks: its references to tests, rules and database objects must all resolve.
module.exports = {
  ...require('../jest.preset'),
  displayName: 'safety',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
