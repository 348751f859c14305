import { ageOn, ICD10_PATTERN } from './patient';

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
