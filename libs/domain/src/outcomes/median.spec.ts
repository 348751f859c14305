import { kaplanMeier } from './kaplan-meier';
import { medianSurvival, survivalQuantile } from './median';
import { AML_MAINTAINED, AML_NONMAINTAINED, observations, PLACEBO, SIX_MP } from './worked-examples.fixture';

// R's print(survfit) and quantile(survfit) on the worked examples of clinical-facts §6.
describe('medianSurvival, as print.survfit reports it', () => {
  it('gives aml Maintained 31 [18, NA] and Nonmaintained 23 [8, NA] (survival tests/doaml.Rout.save)', () => {
    expect(medianSurvival(kaplanMeier(AML_MAINTAINED))).toEqual({ time: 31, lower: 18, upper: null });
    expect(medianSurvival(kaplanMeier(AML_NONMAINTAINED))).toEqual({ time: 23, lower: 8, upper: null });
  });

  it("gives 6-MP 23 [16, NA] and placebo 8 [4, 12] (the notes' published quantile(survfit) output)", () => {
    expect(medianSurvival(kaplanMeier(SIX_MP))).toEqual({ time: 23, lower: 16, upper: null });
    expect(medianSurvival(kaplanMeier(PLACEBO))).toEqual({ time: 8, lower: 4, upper: 12 });
  });

  it('moves the lower limit with the level: aml Maintained 23 at 90 %, 6-MP 13 at 99 % (R)', () => {
    expect(medianSurvival(kaplanMeier(AML_MAINTAINED, 0.9))).toEqual({ time: 31, lower: 23, upper: null });
    expect(medianSurvival(kaplanMeier(SIX_MP, 0.99))).toEqual({ time: 23, lower: 13, upper: null });
  });

  it('takes the midpoint where the curve sits on 0.5 and later drops (R: 1, 2, 3+, 4 → 3 [1, NA])', () => {
    expect(medianSurvival(kaplanMeier(observations('1, 2, 3+, 4')))).toEqual({ time: 3, lower: 1, upper: null });
  });

  it('takes the time it reached 0.5 where the curve ends on 0.5 (R: 1, 2, 3+, 4+ → 2 [1, NA])', () => {
    expect(medianSurvival(kaplanMeier(observations('1, 2, 3+, 4+')))).toEqual({ time: 2, lower: 1, upper: null });
  });

  it('is not reached when fewer than half lost relief, nor for one patient censored', () => {
    expect(medianSurvival(kaplanMeier(observations('3+, 5+, 5+, 8+')))).toEqual({
      time: null,
      lower: null,
      upper: null,
    });
    expect(medianSurvival(kaplanMeier(observations('4+')))).toEqual({ time: null, lower: null, upper: null });
    expect(medianSurvival(kaplanMeier([]))).toEqual({ time: null, lower: null, upper: null });
  });

  it('gives one patient who lost relief at 4 the median 4 with both limits NA (R)', () => {
    expect(medianSurvival(kaplanMeier(observations('4')))).toEqual({ time: 4, lower: null, upper: null });
  });

  it('handles ties of losses and censorings (R: 2, 3, 3, 3+, 3+, 5, 6+, 6 → 5 [3, NA])', () => {
    expect(medianSurvival(kaplanMeier(observations('2, 3, 3, 3+, 3+, 5, 6+, 6')))).toEqual({
      time: 5,
      lower: 3,
      upper: null,
    });
  });
});

describe('survivalQuantile, as quantile.survfit computes it', () => {
  const quantiles = (curve: ReturnType<typeof kaplanMeier>, ps: number[]) => ps.map((p) => survivalQuantile(curve, p));

  it('gives aml Maintained 18 [13, NA], 31 [18, NA], 48 [34, NA] at 25, 50, 75 % (R)', () => {
    expect(quantiles(kaplanMeier(AML_MAINTAINED), [0.25, 0.5, 0.75])).toEqual([
      { time: 18, lower: 13, upper: null },
      { time: 31, lower: 18, upper: null },
      { time: 48, lower: 34, upper: null },
    ]);
  });

  it('gives aml Nonmaintained 8 [5, 30], 23 [8, NA], 33 [27, NA] (R)', () => {
    expect(quantiles(kaplanMeier(AML_NONMAINTAINED), [0.25, 0.5, 0.75])).toEqual([
      { time: 8, lower: 5, upper: 30 },
      { time: 23, lower: 8, upper: null },
      { time: 33, lower: 27, upper: null },
    ]);
  });

  it('gives placebo 2 [1, 5], 4 [2, 8], 8 [4, 12], 12 [8, NA], 17 [12, NA] at 10–90 % (R)', () => {
    expect(quantiles(kaplanMeier(PLACEBO), [0.1, 0.25, 0.5, 0.75, 0.9])).toEqual([
      { time: 2, lower: 1, upper: 5 },
      { time: 4, lower: 2, upper: 8 },
      { time: 8, lower: 4, upper: 12 },
      { time: 12, lower: 8, upper: null },
      { time: 17, lower: 12, upper: null },
    ]);
  });

  it('gives 6-MP 6 [6, 16] at 10 %, 13 [6, NA] at 25 % and nothing at 75 % but its lower limit 23 (R)', () => {
    expect(quantiles(kaplanMeier(SIX_MP), [0.1, 0.25, 0.75])).toEqual([
      { time: 6, lower: 6, upper: 16 },
      { time: 13, lower: 6, upper: null },
      { time: null, lower: 23, upper: null },
    ]);
  });

  it('takes midpoints where the curve sits on the level, to the last time where it ends there (R)', () => {
    expect(quantiles(kaplanMeier(observations('1, 2, 3+, 4')), [0.25, 0.5, 0.75])).toEqual([
      { time: 1.5, lower: 1, upper: null },
      { time: 3, lower: 1, upper: null },
      { time: 4, lower: 2, upper: null },
    ]);
    // Here quantile.survfit's median (3) and print.survfit's (2) differ, as in R.
    expect(quantiles(kaplanMeier(observations('1, 2, 3+, 4+')), [0.25, 0.5, 0.75])).toEqual([
      { time: 1.5, lower: 1, upper: null },
      { time: 3, lower: 1, upper: null },
      { time: null, lower: 2, upper: null },
    ]);
  });

  it('gives one patient lost at 4 the quantiles 4 with NA limits, and refuses a probability outside [0, 1]', () => {
    expect(survivalQuantile(kaplanMeier(observations('4')), 0.25)).toEqual({ time: 4, lower: null, upper: null });
    expect(() => survivalQuantile(kaplanMeier(PLACEBO), 1.5)).toThrow(RangeError);
  });
});
