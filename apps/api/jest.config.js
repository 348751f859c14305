module.exports = {
  ...require('../../jest.preset'),
  displayName: 'api-unit',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
