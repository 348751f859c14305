// Test oracles and factories: slow, obviously correct versions of the domain's algorithms, for
// property tests and benchmarks to check the real ones against, and complete unremarkable checklist
// answers. Kept out of the production barrel (index.ts), so the API and the admin app cannot call
// them by mistake; import '@cadence/domain/testing'.
export { bruteForceCoursePlans } from './scheduling/brute-force';
export { cardiovascularAnswers, generalAnswers, psychiatricAnswers } from './screening/test-factories';
