import {
  ageOn,
  dateOfBirthProblem,
  ICD10_PATTERN,
  MRN_PATTERN,
  MRN_RULE,
  mrnProblem,
  weightKgProblem,
  WEIGHT_RULE,
  PHONE_PATTERN,
  PHONE_RULE,
  phoneProblem,
  primaryDiagnosisProblem,
} from './patient';

describe('ageOn', () => {
  it('counts a birthday on the day itself', () => {
    expect(ageOn('1980-06-15', '2026-06-15')).toBe(46);
    expect(ageOn('1980-06-15', '2026-06-14')).toBe(45);
    expect(ageOn('1980-06-15', '2026-06-16')).toBe(46);
  });
  it('handles a 29 February birthday in a common year', () => {
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });
});

describe('ICD10_PATTERN', () => {
  it.each(['G90.50', 'M79.7', 'G56.41', 'M54', 'G89.4'])('accepts %s', (code) => {
    expect(ICD10_PATTERN.test(code)).toBe(true);
  });
  it.each(['', 'g90.5', 'M7', 'M79.', 'M79.12345', '123'])('rejects %s', (code) => {
    expect(ICD10_PATTERN.test(code)).toBe(false);
  });
});

describe('dateOfBirthProblem', () => {
  const today = '2026-11-28';
  it.each([
    ['1980-04-02', undefined],
    ['2026-11-28', undefined],
    ['1900-01-01', undefined],
    ['2024-02-29', undefined],
  ])('accepts %s', (value, expected) => expect(dateOfBirthProblem(value, today)).toBe(expected));
  it.each([
    ['2026-11-29', 'must not be in the future'],
    ['1899-12-31', 'must not be before 1900-01-01'],
    ['2023-02-29', 'must be a real calendar date written YYYY-MM-DD'],
    ['2023-02-30', 'must be a real calendar date written YYYY-MM-DD'],
    ['2023-13-01', 'must be a real calendar date written YYYY-MM-DD'],
    ['2023-1-01', 'must be a real calendar date written YYYY-MM-DD'],
    ['1980-04-02T00:00:00Z', 'must be a real calendar date written YYYY-MM-DD'],
  ])('refuses %s', (value, expected) => expect(dateOfBirthProblem(value, today)).toBe(expected));
});

describe('primaryDiagnosisProblem', () => {
  it('allows none or one primary diagnosis', () => {
    expect(primaryDiagnosisProblem([])).toBeUndefined();
    expect(primaryDiagnosisProblem([{ isPrimary: false }, { isPrimary: false }])).toBeUndefined();
    expect(primaryDiagnosisProblem([{ isPrimary: true }, { isPrimary: false }])).toBeUndefined();
  });
  it('refuses two', () => {
    expect(primaryDiagnosisProblem([{ isPrimary: true }, { isPrimary: true }])).toBe(
      'must have at most one primary diagnosis',
    );
  });
});

describe('MRN and phone formats', () => {
  it.each(['A', 'MRN-004211', 'a'.repeat(32)])('accepts the MRN %s', (mrn) => {
    expect(mrnProblem(mrn)).toBeUndefined();
    expect(MRN_PATTERN.test(mrn)).toBe(true);
  });
  it.each(['', 'a'.repeat(33), 'MRN 1', 'MRN_1', 'MRN-ü'])('refuses the MRN %j', (mrn) => {
    expect(mrnProblem(mrn)).toBe(MRN_RULE);
  });
  it.each(['+44 20 7946 0958', '(020) 7946-0958', '12345', '+' + '1'.repeat(32)])('accepts the phone %s', (phone) => {
    expect(phoneProblem(phone)).toBeUndefined();
    expect(PHONE_PATTERN.test(phone)).toBe(true);
  });
  it.each(['1234', '1'.repeat(33), '++44 20', '020 7946 0958 ext 2', '44+20'])('refuses the phone %j', (phone) => {
    expect(phoneProblem(phone)).toBe(PHONE_RULE);
  });
});

describe('weightKgProblem', () => {
  it.each([1, 1.1, 72.3, 499.9, 500])('accepts %p kg', (kg) => {
    expect(weightKgProblem(kg)).toBeUndefined();
  });

  it.each([0.9, 500.1, 900, -70, 0, 72.25, 61.55, Number.NaN, Number.POSITIVE_INFINITY])(
    'refuses %p kg with the range, never a corrected value',
    (kg) => {
      expect(weightKgProblem(kg)).toBe(WEIGHT_RULE);
    },
  );

  it('states the range and the precision', () => {
    expect(WEIGHT_RULE).toBe('must be from 1 to 500 kg, to at most one decimal place');
  });
});
