import fc from 'fast-check';
import { kaplanMeier, numbersAtRisk, survivalAt, type SurvivalCurve } from './kaplan-meier';
import {
  AML_MAINTAINED,
  countedObservations,
  expandCounts,
  expectR,
  AML_NONMAINTAINED,
  observations,
  PLACEBO,
  R_AML_MAINTAINED,
  R_AML_MAINTAINED_90,
  R_AML_NONMAINTAINED,
  R_PLACEBO,
  R_SIX_MP,
  R_SIX_MP_99,
  SIX_MP,
  type RRow,
} from './worked-examples.fixture';

function expectRTable(curve: SurvivalCurve, table: RRow[]) {
  expect(curve.steps.map((s) => [s.time, s.atRisk, s.events, s.censored])).toEqual(table.map((r) => r.slice(0, 4)));
  curve.steps.forEach((step, i) => {
    const [, , , , survival, se, lower, upper] = table[i];
    expectR(step.survival, survival);
    expectR(step.standardError, se);
    expectR(step.lower, lower);
    expectR(step.upper, upper);
  });
}

describe('kaplanMeier against R survfit (clinical-facts §6 worked examples)', () => {
  it('reproduces the aml Maintained arm at every time (survival tests/doaml.Rout.save)', () => {
    const curve = kaplanMeier(AML_MAINTAINED);
    expectRTable(curve, R_AML_MAINTAINED);
    expect(curve).toMatchObject({ level: 0.95, subjects: 11, events: 7 });
  });

  it('reproduces the aml Nonmaintained arm, whose last row R prints as NaN and NA', () => {
    const curve = kaplanMeier(AML_NONMAINTAINED);
    expectRTable(curve, R_AML_NONMAINTAINED);
    expect(curve.steps.at(-1)).toMatchObject({ survival: 0, logStandardError: null, lower: null, upper: null });
  });

  it('reproduces the Freireich 6-MP arm, ties of losses and censorings at week 6 and 10 included', () => {
    expectRTable(kaplanMeier(SIX_MP), R_SIX_MP);
  });

  it('reproduces the Freireich placebo arm (every patient lost remission)', () => {
    expectRTable(kaplanMeier(PLACEBO), R_PLACEBO);
  });

  it('keeps se(log S), the Greenwood square root, beside se(S): 0.0953462589245592 at aml day 9', () => {
    expectR(kaplanMeier(AML_MAINTAINED).steps[0].logStandardError, 0.0953462589245592);
  });

  it('reproduces the 90 % limits of aml Maintained and the 99 % limits of 6-MP', () => {
    const limits = (curve: SurvivalCurve) => curve.steps.map((s) => [s.lower, s.upper]);
    limits(kaplanMeier(AML_MAINTAINED, 0.9)).forEach(([lower, upper], i) => {
      expectR(lower, R_AML_MAINTAINED_90[i][0]);
      expectR(upper, R_AML_MAINTAINED_90[i][1]);
    });
    limits(kaplanMeier(SIX_MP, 0.99)).forEach(([lower, upper], i) => {
      expectR(lower, R_SIX_MP_99[i][0]);
      expectR(upper, R_SIX_MP_99[i][1]);
    });
  });
});

describe('kaplanMeier edge cases (R survfit output)', () => {
  it('gives a flat curve at 1 with limits 1 when nobody lost relief', () => {
    const curve = kaplanMeier(observations('3+, 5+, 5+, 8+'));
    expect(curve.steps).toEqual([
      {
        time: 3,
        atRisk: 4,
        events: 0,
        censored: 1,
        survival: 1,
        standardError: 0,
        logStandardError: 0,
        lower: 1,
        upper: 1,
      },
      {
        time: 5,
        atRisk: 3,
        events: 0,
        censored: 2,
        survival: 1,
        standardError: 0,
        logStandardError: 0,
        lower: 1,
        upper: 1,
      },
      {
        time: 8,
        atRisk: 1,
        events: 0,
        censored: 1,
        survival: 1,
        standardError: 0,
        logStandardError: 0,
        lower: 1,
        upper: 1,
      },
    ]);
    expect(curve.events).toBe(0);
  });

  it('follows one patient who lost relief to 0 with undefined limits, and one censored at 1', () => {
    expect(kaplanMeier(observations('4')).steps).toEqual([
      {
        time: 4,
        atRisk: 1,
        events: 1,
        censored: 0,
        survival: 0,
        standardError: null,
        logStandardError: null,
        lower: null,
        upper: null,
      },
    ]);
    expect(kaplanMeier(observations('4+')).steps).toEqual([
      {
        time: 4,
        atRisk: 1,
        events: 0,
        censored: 1,
        survival: 1,
        standardError: 0,
        logStandardError: 0,
        lower: 1,
        upper: 1,
      },
    ]);
  });

  it('counts censorings at a time of losses as still at risk there (R: 2, 3, 3, 3+, 3+, 5, 6+, 6)', () => {
    expectRTable(kaplanMeier(observations('2, 3, 3, 3+, 3+, 5, 6+, 6')), [
      [2, 8, 1, 0, 0.875, 0.116926793336686, 0.673381936505955, 1],
      [3, 7, 2, 2, 0.625, 0.171163299220364, 0.365400278682409, 1],
      [5, 3, 1, 0, 0.416666666666667, 0.204831683385453, 0.158979618431859, 1],
      [6, 2, 1, 1, 0.208333333333333, 0.179416815038386, 0.0385215175174708, 1],
    ]);
  });

  it('gives an empty curve for no patients', () => {
    expect(kaplanMeier([])).toEqual({ level: 0.95, subjects: 0, events: 0, steps: [] });
  });

  it('does not depend on the order the observations come in', () => {
    expect(kaplanMeier([...SIX_MP].reverse())).toEqual(kaplanMeier(SIX_MP));
  });

  it('takes counted observations as the same patients one by one: 6-MP as counts per time and outcome', () => {
    const counted = [...tally(SIX_MP)].map(([key, count]) => ({ ...JSON.parse(key), count }));
    expect(counted.length).toBeLessThan(SIX_MP.length);
    expect(kaplanMeier(counted)).toEqual(kaplanMeier(SIX_MP));
  });

  it('refuses a count that is not a whole number of at least 1', () => {
    for (const count of [0, -1, 1.5, Number.NaN])
      expect(() => kaplanMeier([{ time: 3, reliefLost: true, count }])).toThrow(RangeError);
  });

  it('refuses a time that is not a finite number and a level outside (0, 1)', () => {
    expect(() => kaplanMeier([{ time: Number.NaN, reliefLost: true }])).toThrow(RangeError);
    expect(() => kaplanMeier(SIX_MP, 1)).toThrow(RangeError);
    expect(() => kaplanMeier(SIX_MP, 0)).toThrow(RangeError);
  });
});

describe('survivalAt and numbersAtRisk (R summary(fit, times, extend = TRUE) on aml Maintained)', () => {
  const curve = kaplanMeier(AML_MAINTAINED);
  const times = [0, 9, 10, 13, 20, 48, 100, 161, 200];

  it('reads the numbers at risk R prints: 11 11 10 10 7 2 1 1 0', () => {
    expect(numbersAtRisk(curve, times).map((r) => r.atRisk)).toEqual([11, 11, 10, 10, 7, 2, 1, 1, 0]);
  });

  it('reads the survival and limits at a time between, at and after the steps', () => {
    const expected: [number, number, number][] = [
      [1, 1, 1],
      [0.909090909090909, 0.754133845081525, 1],
      [0.909090909090909, 0.754133845081525, 1],
      [0.818181818181818, 0.619248987399364, 1],
      [0.715909090909091, 0.488426287422128, 1],
      [0.184090909090909, 0.0359178984891853, 0.943525769474552],
      [0.184090909090909, 0.0359178984891853, 0.943525769474552],
      [0.184090909090909, 0.0359178984891853, 0.943525769474552],
      [0.184090909090909, 0.0359178984891853, 0.943525769474552],
    ];
    times.forEach((time, i) => {
      const point = survivalAt(curve, time);
      expectR(point.survival, expected[i][0]);
      expectR(point.lower, expected[i][1]);
      expectR(point.upper, expected[i][2]);
    });
  });
});

describe('kaplanMeier properties', () => {
  const cohort = fc.array(fc.record({ time: fc.integer({ min: 0, max: 60 }), reliefLost: fc.boolean() }), {
    minLength: 1,
    maxLength: 40,
  });

  it('never rises, keeps the estimate inside its band, and loses everyone at risk once', () => {
    fc.assert(
      fc.property(cohort, fc.constantFrom(0.8, 0.9, 0.95, 0.99), (data, level) => {
        const curve = kaplanMeier(data, level);
        let previous = 1;
        let next = data.length;
        for (const step of curve.steps) {
          expect(step.survival).toBeLessThanOrEqual(previous);
          expect(step.atRisk).toBe(next);
          next -= step.events + step.censored;
          previous = step.survival;
          if (step.lower !== null && step.upper !== null) {
            expect(step.lower).toBeLessThanOrEqual(step.survival);
            expect(step.upper).toBeGreaterThanOrEqual(step.survival);
            expect(step.upper).toBeLessThanOrEqual(1);
          } else expect(step.survival).toBe(0);
        }
        expect(next).toBe(0);
        expect(curve.events).toBe(data.filter((o) => o.reliefLost).length);
      }),
    );
  });

  it('gives exactly the curve of the expanded patients when they come as counts', () => {
    fc.assert(
      fc.property(countedObservations(60, 500, 30), (data) => {
        expect(kaplanMeier(data)).toEqual(kaplanMeier(expandCounts(data)));
      }),
    );
  });

  it('widens the band with the level', () => {
    fc.assert(
      fc.property(cohort, (data) => {
        const narrow = kaplanMeier(data, 0.9).steps;
        kaplanMeier(data, 0.99).steps.forEach((step, i) => {
          if (step.lower === null) return;
          expect(step.lower).toBeLessThanOrEqual(narrow[i].lower as number);
          expect(step.upper).toBeGreaterThanOrEqual(narrow[i].upper as number);
        });
      }),
    );
  });
});

/** How many observations share each time and outcome, keyed by both. */
function tally(observations: readonly { time: number; reliefLost: boolean }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { time, reliefLost } of observations) {
    const key = JSON.stringify({ time, reliefLost });
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
