import { kaplanMeier, survivalAt } from './kaplan-meier';
import { conditionalCurve, reliefForecast } from './forecast';
import { AML_MAINTAINED, SIX_MP } from './worked-examples.fixture';

// AML maintained arm (clinical-facts §6): 9, 13, 13+, 18, 23, 28+, 31, 34, 45+, 48, 161+.
const aml = kaplanMeier(AML_MAINTAINED);
const Z = 1.959963984540054;

describe('conditionalCurve', () => {
  it('is S(t + u) / S(t) at every step after t', () => {
    for (const t of [0, 9, 10, 20, 33]) {
      const c = conditionalCurve(aml, t);
      for (const s of c.steps)
        expect(s.survival).toBeCloseTo(survivalAt(aml, t + s.time).survival / survivalAt(aml, t).survival, 12);
    }
  });

  it('from day 0 is the curve itself, bands included', () => {
    const c = conditionalCurve(aml, 0);
    expect(c.steps).toEqual(aml.steps);
    expect(c.subjects).toBe(11);
  });

  it('has Greenwood limits over the losses after t only (hand-computed at t = 10)', () => {
    // At risk after day 10: 10. Losses at 13 (n 10), 18 (8), 23 (7), 31 (5), 34 (4).
    const c = conditionalCurve(aml, 10);
    expect(c.subjects).toBe(10);
    const at24 = c.steps.find((s) => s.time === 24)!;
    const s = 0.9 * (7 / 8) * (6 / 7) * (4 / 5) * (3 / 4);
    const greenwood = 1 / (10 * 9) + 1 / (8 * 7) + 1 / (7 * 6) + 1 / (5 * 4) + 1 / (4 * 3);
    expect(at24.survival).toBeCloseTo(0.405, 12);
    expect(at24.survival).toBeCloseTo(s, 12);
    expect(at24.lower!).toBeCloseTo(s * Math.exp(-Z * Math.sqrt(greenwood)), 9);
    expect(at24.upper!).toBeCloseTo(Math.min(1, s * Math.exp(Z * Math.sqrt(greenwood))), 9);
  });

  it('never rises and its bands hold the estimate (6-MP, every day)', () => {
    const curve = kaplanMeier(SIX_MP);
    for (let t = 0; t < 36; t++) {
      const steps = conditionalCurve(curve, t).steps;
      steps.forEach((s, i) => {
        if (i > 0) expect(s.survival).toBeLessThanOrEqual(steps[i - 1].survival);
        if (s.lower !== null) expect(s.lower).toBeLessThanOrEqual(s.survival);
        if (s.upper !== null) expect(s.upper).toBeGreaterThanOrEqual(s.survival);
      });
    }
  });

  it('refuses a negative day', () => {
    expect(() => conditionalCurve(aml, -1)).toThrow(RangeError);
  });
});

describe('reliefForecast', () => {
  it('forecasts the median further days, its interval and the dates (hand-computed at t = 10)', () => {
    // Conditional survival: 13 → 0.9, 18 → 0.7875, 23 → 0.675, 31 → 0.54, 34 → 0.405: the median is day 34, 24 days on.
    // Lower limits: 0.732 at 13, 0.564 at 18, 0.430 at 23: the lower limit of the median is 13 days on.
    // Upper limits stay above one half (1 at day 48): the upper limit is not reached.
    const f = reliefForecast(aml, '2026-01-01', 10, { forecastMinimumAtRisk: 10 });
    expect(f.code).toBe('FORECAST');
    expect(f.patientsBehind).toBe(10);
    expect(f.curveAtDay).toBeCloseTo(10 / 11, 12);
    expect(f.medianFurtherDays).toEqual({ time: 24, lower: 13, upper: null });
    expect(f.expectedLossOn).toBe('2026-02-04');
    expect(f.expectedLossInterval).toEqual({ lower: '2026-01-24', upper: null });
    expect(f.reasons[0]).toMatchObject({ code: 'FORECAST', ruleId: 'outcomes.forecast' });
    expect(f.reasons[0].message).toContain('from the 10 patients');
  });

  it('says too few patients below the threshold instead of guessing (8 after day 13)', () => {
    const f = reliefForecast(aml, '2026-01-01', 13, { forecastMinimumAtRisk: 10 });
    expect(f.code).toBe('TOO_FEW_PATIENTS');
    expect(f.patientsBehind).toBe(8);
    expect(f.expectedLossOn).toBeNull();
    expect(f.medianFurtherDays).toBeNull();
    expect(f.reasons[0].message).toBe(
      'Too few patients to forecast: 8 like this patient still had relief after day 13, fewer than the 10 a forecast needs',
    );
    expect(reliefForecast(aml, '2026-01-01', 13, { forecastMinimumAtRisk: 8 }).code).toBe('FORECAST');
  });

  it('says when the median is not reached', () => {
    const held = kaplanMeier([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((time) => ({ time, reliefLost: time === 3 })));
    const f = reliefForecast(held, '2026-01-01', 0, { forecastMinimumAtRisk: 10 });
    expect(f.code).toBe('MEDIAN_NOT_REACHED');
    expect(f.expectedLossOn).toBeNull();
  });

  it('has no one behind it past the last time followed', () => {
    expect(reliefForecast(aml, '2026-01-01', 200).patientsBehind).toBe(0);
  });
});
