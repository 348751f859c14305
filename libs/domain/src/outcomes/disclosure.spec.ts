import { DEFAULT_OUTCOME_SETTINGS, groupDisclosure } from './disclosure';

describe('groupDisclosure', () => {
  const settings = { suppressBelow: 5, smallGroupBelow: 20 };
  it.each([
    [0, 'SUPPRESSED', false],
    [4, 'SUPPRESSED', false],
    [5, 'SMALL_GROUP', true],
    [19, 'SMALL_GROUP', true],
    [20, 'SHOWN', true],
  ] as const)('a group of %i is %s', (size, code, shown) => {
    const d = groupDisclosure(size, settings);
    expect(d).toMatchObject({ code, shown, ruleId: 'outcomes.disclosure' });
    expect(d.message.length).toBeGreaterThan(0);
  });
  it('names the suppression size in its sentence', () => {
    expect(groupDisclosure(3, settings).message).toBe('Fewer than 5 in this group: its figures are suppressed');
  });
  it('refuses a size that is not a count', () => {
    expect(() => groupDisclosure(-1, DEFAULT_OUTCOME_SETTINGS)).toThrow(RangeError);
    expect(() => groupDisclosure(2.5, DEFAULT_OUTCOME_SETTINGS)).toThrow(RangeError);
  });
});
