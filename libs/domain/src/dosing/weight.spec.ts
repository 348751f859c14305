import { DEFAULT_DOSING_SETTINGS } from './settings';
import { weightReason } from './weight';

describe('weightReason (default 20–350 kg, the screening checklist range)', () => {
  const check = (kg: number | null | undefined) => weightReason(kg, DEFAULT_DOSING_SETTINGS)?.code;
  it('accepts the limits themselves', () => {
    expect(check(20)).toBeUndefined();
    expect(check(350)).toBeUndefined();
    expect(check(72.5)).toBeUndefined();
  });
  it('refuses just outside, never clamping', () => {
    expect(check(19.9)).toBe('WEIGHT_IMPLAUSIBLE');
    expect(check(350.1)).toBe('WEIGHT_IMPLAUSIBLE');
    expect(check(0)).toBe('WEIGHT_IMPLAUSIBLE');
    expect(check(-70)).toBe('WEIGHT_IMPLAUSIBLE');
    expect(check(Infinity)).toBe('WEIGHT_IMPLAUSIBLE');
  });
  it('a missing weight is its own reason', () => {
    expect(check(null)).toBe('WEIGHT_MISSING');
    expect(check(undefined)).toBe('WEIGHT_MISSING');
    expect(check(NaN)).toBe('WEIGHT_MISSING');
  });
  it('is absolute: nothing to override, the patient is weighed again', () => {
    expect(weightReason(400, DEFAULT_DOSING_SETTINGS)).toMatchObject({
      severity: 'ABSOLUTE',
      ruleId: 'dosing.weight-plausible',
      message: 'A weight of 400 kg is outside 20–350 kg: weigh the patient again',
    });
  });
  it('follows the clinic setting', () => {
    expect(weightReason(19, { weightKg: { min: 10, max: 200 } })).toBeUndefined();
  });
});
