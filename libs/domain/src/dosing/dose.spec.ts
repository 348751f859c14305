import { findProtocol } from '../scheduling/protocol';
import { allowedAtWeight, doseFormOf, planDose, rangeReason, type DoseForm } from './dose';
import { DEFAULT_DOSING_SETTINGS } from './settings';

const infusion: DoseForm = { kind: 'INFUSION', mgPerKgPerHour: { min: 0.1, max: 0.5 } };
const bolus: DoseForm = { kind: 'BOLUS', mgPerKg: { min: 0.2, max: 0.5 } };
const settings = DEFAULT_DOSING_SETTINGS;
const plan = (form: DoseForm, perKg: number, weightKg: number | null, plannedMinutes = 240, perSessionCapMg = 1000) =>
  planDose({ form, perKg, weightKg, plannedMinutes, perSessionCapMg, settings });

describe('doseFormOf', () => {
  it('an IV protocol is dosed in mg/kg/h, intranasal in mg/kg per dose', () => {
    expect(doseFormOf(findProtocol('IV_FIVE_DAY_LOW_DOSE')!)).toEqual({
      kind: 'INFUSION',
      mgPerKgPerHour: { min: 0.1, max: 0.5 },
    });
    expect(doseFormOf(findProtocol('INTRANASAL_BREAKTHROUGH')!)).toEqual({
      kind: 'BOLUS',
      mgPerKg: { min: 0.2, max: 0.5 },
    });
    expect(doseFormOf({ doseRangeMgPerKgPerHour: null, doseRangeMgPerKgPerDose: null })).toBeUndefined();
  });
});

describe('planDose: infusion', () => {
  it('rate = mg/kg/h × weight, rounded to the nearest 0.1 mg/h; expected total = rate × planned hours', () => {
    const { plan: p, reasons } = plan(infusion, 0.35, 70);
    expect(p).toMatchObject({ exact: 0.35 * 70, amount: 24.5, rounding: 'NEAREST', expectedSessionMg: 98 });
    expect(reasons).toEqual([]);
    expect(plan(infusion, 0.15, 73.3).plan?.amount).toBe(11); // 10.995
    expect(plan(infusion, 0.15, 73.1).plan?.amount).toBe(11); // 10.965
    expect(plan(infusion, 0.15, 72.9).plan?.amount).toBe(10.9); // 10.935
  });
  it('never rounds up past the top of the range: 0.5 × 70.3 = 35.15 → 35.1, not 35.2', () => {
    expect(plan(infusion, 0.5, 70.3).plan).toMatchObject({ amount: 35.1, rounding: 'DOWN_TO_RANGE_TOP' });
    expect(plan(infusion, 0.5, 70.3).reasons).toEqual([]);
  });
  it('never rounds up past the session cap: 21.15 mg/h for 4 h is 84.6 mg; 21.2 would be 84.8 > 84.7', () => {
    expect(plan(infusion, 0.3, 70.5, 240, 84.7).plan).toMatchObject({
      amount: 21.1,
      rounding: 'DOWN_TO_SESSION_CAP',
      expectedSessionMg: 84.4,
    });
    expect(plan(infusion, 0.3, 70.5, 240, 84.8).plan).toMatchObject({ amount: 21.2, rounding: 'NEAREST' });
  });
  it('a prescription outside the range is planned with a relative reason', () => {
    const above = plan(infusion, 0.6, 70);
    expect(above.plan?.amount).toBe(42);
    expect(above.reasons).toEqual([
      expect.objectContaining({ code: 'ABOVE_RANGE', severity: 'RELATIVE', ruleId: 'dosing.within-protocol-range' }),
    ]);
    expect(plan(infusion, 0.05, 70).reasons.map((r) => r.code)).toEqual(['BELOW_RANGE']);
  });
  it('no plan without a plausible weight today', () => {
    expect(plan(infusion, 0.3, null)).toEqual({ reasons: [expect.objectContaining({ code: 'WEIGHT_MISSING' })] });
    expect(plan(infusion, 0.3, 351).plan).toBeUndefined();
  });
});

describe('planDose: bolus', () => {
  it('dose = mg/kg × weight to the nearest 0.1 mg, never up past the range top', () => {
    expect(plan(bolus, 0.3, 72.5).plan).toMatchObject({ amount: 21.8, expectedSessionMg: 21.8, rounding: 'NEAREST' });
    expect(plan(bolus, 0.5, 70.3).plan).toMatchObject({ amount: 35.1, rounding: 'DOWN_TO_RANGE_TOP' });
  });
});

describe('the range at a weight', () => {
  it('the bottom is rounded down to the step, the top is exact', () => {
    expect(allowedAtWeight({ min: 0.1, max: 0.5 }, 70.55, 0.1)).toEqual({ min: 7, max: 0.5 * 70.55 });
  });
  it.each([
    [6.9, 'BELOW_RANGE'],
    [7, undefined],
    [35.275, undefined],
    [35.276, 'ABOVE_RANGE'],
  ])('%p mg/h at 70.55 kg on 0.1–0.5 mg/kg/h → %p', (rate, code) => {
    expect(rangeReason(rate, { min: 0.1, max: 0.5 }, 70.55, 0.1, 'mg/h')?.code).toBe(code);
  });
});
