import type { CurveStep, Disclosure, ReliefGroup } from './api/outcomes.api';
import { atRiskRows, curvePoints, rateBar, survivalOn } from './series';

const step = (time: number, survival: number, lower: number | null, upper: number | null): CurveStep => ({
  time,
  atRisk: 10,
  events: 1,
  censored: 0,
  survival,
  standardError: 0.1,
  lower,
  upper,
});

const shown: Disclosure = { code: 'SHOWN', ruleId: 'outcomes.disclosure', shown: true, message: '30 in this group' };

describe('curvePoints', () => {
  it('starts every curve at day 0 with everyone still with relief', () => {
    expect(curvePoints([step(3, 0.9, 0.75, 1), step(7, 0.5, 0.3, 0.8)])).toEqual([
      { day: 0, survival: 1, band: [1, 1] },
      { day: 3, survival: 0.9, band: [0.75, 1] },
      { day: 7, survival: 0.5, band: [0.3, 0.8] },
    ]);
  });

  it('keeps a step at day 0 rather than a second start, and leaves out an undefined band', () => {
    expect(curvePoints([step(0, 0.8, 0.6, 1), step(5, 0, null, null)])).toEqual([
      { day: 0, survival: 0.8, band: [0.6, 1] },
      { day: 5, survival: 0 },
    ]);
  });

  it('draws no points but the start for an empty curve', () => {
    expect(curvePoints([])).toEqual([{ day: 0, survival: 1, band: [1, 1] }]);
  });
});

describe('survivalOn', () => {
  const steps = [step(3, 0.9, null, null), step(7, 0.5, null, null)];
  it('holds each step until the next (step-after), 1 before the first', () => {
    expect(survivalOn(steps, 0)).toBe(1);
    expect(survivalOn(steps, 2)).toBe(1);
    expect(survivalOn(steps, 3)).toBe(0.9);
    expect(survivalOn(steps, 6)).toBe(0.9);
    expect(survivalOn(steps, 7)).toBe(0.5);
    expect(survivalOn(steps, 400)).toBe(0.5);
  });
});

describe('atRiskRows', () => {
  const group = (name: string, atRisk: { time: number; atRisk: number }[], disclosure = shown): ReliefGroup => ({
    group: name,
    disclosure,
    subjects: 30,
    events: 10,
    median: null,
    steps: [],
    atRisk,
    reliefAt: [],
    outcomes: [],
  });

  it('lines the groups up on the same days and leaves withheld groups out', () => {
    const suppressed = {
      code: 'SUPPRESSED' as const,
      ruleId: 'outcomes.disclosure',
      shown: false,
      message: 'fewer than 5 patients',
    };
    expect(
      atRiskRows([
        group('A', [
          { time: 0, atRisk: 30 },
          { time: 7, atRisk: 20 },
        ]),
        group('B', [{ time: 7, atRisk: 4 }]),
        group('C', [], suppressed),
      ]),
    ).toEqual({
      days: [0, 7],
      rows: [
        { group: 'A', counts: [30, 20] },
        { group: 'B', counts: [null, 4] },
      ],
    });
  });
});

describe('rateBar', () => {
  const p = { successes: 12, trials: 30, proportion: 0.4, lower: 0.25, upper: 0.58 };

  it('gives the rate in percent with the interval as distances below and above it', () => {
    const bar = rateBar('1 month', p, shown);
    expect(bar.percent).toBeCloseTo(40, 10);
    expect(bar.error?.[0]).toBeCloseTo(15, 10);
    expect(bar.error?.[1]).toBeCloseTo(18, 10);
    expect(bar).toMatchObject({ successes: 12, trials: 30, withheld: null, caution: null });
  });

  it("draws no bar for a withheld group and says the API's reason; flags a small one", () => {
    const suppressed = { code: 'SUPPRESSED' as const, ruleId: 'r', shown: false, message: 'fewer than 5 patients' };
    expect(rateBar('6 months', null, suppressed)).toEqual({
      label: '6 months',
      percent: null,
      error: null,
      successes: null,
      trials: null,
      withheld: 'fewer than 5 patients',
      caution: null,
    });
    const small = {
      code: 'SMALL_GROUP' as const,
      ruleId: 'r',
      shown: true,
      message: 'fewer than 20 patients: read with caution',
    };
    expect(rateBar('3 months', p, small).caution).toBe('fewer than 20 patients: read with caution');
  });
});
