import fc from 'fast-check';
import type { ReliefObservation } from './kaplan-meier';
import { logRank } from './log-rank';
import {
  AML_MAINTAINED,
  AML_NONMAINTAINED,
  countedObservations,
  expandCounts,
  observations,
  PLACEBO,
  SIX_MP,
} from './worked-examples.fixture';

// R's survdiff(Surv(time, status) ~ group) (survival 3.5-3) on the notes' examples and small hand-made groups.
describe('logRank against R survdiff', () => {
  it('gives aml O = 7, 11; E = 10.689336, 7.310664; χ² = 3.396389 on 1 df, p = 0.065339', () => {
    const test = logRank([
      { group: 'Maintained', observations: AML_MAINTAINED },
      { group: 'Nonmaintained', observations: AML_NONMAINTAINED },
    ]);
    expect(test.groups.map((g) => [g.group, g.subjects, g.observed])).toEqual([
      ['Maintained', 11, 7],
      ['Nonmaintained', 12, 11],
    ]);
    expect(test.groups[0].expected).toBeCloseTo(10.6893359923007, 6);
    expect(test.groups[1].expected).toBeCloseTo(7.31066400769928, 6);
    expect(test.variance[0][0]).toBeCloseTo(4.00755074593873, 6);
    expect(test.variance[0][1]).toBeCloseTo(-4.00755074593873, 6);
    expect(test.chiSquare).toBeCloseTo(3.3963886989776, 6);
    expect(test.degreesOfFreedom).toBe(1);
    expect(test.pValue).toBeCloseTo(0.0653393220405051, 6);
  });

  it("gives 6-MP against placebo χ² = 16.792941 and p = 4.168809e-05 (the notes' published 16.79294, 4.168809e-05)", () => {
    const test = logRank([
      { group: '6-MP', observations: SIX_MP },
      { group: 'Placebo', observations: PLACEBO },
    ]);
    expect(test.groups.map((g) => g.observed)).toEqual([9, 21]);
    expect(test.groups[0].expected).toBeCloseTo(19.2505009480311, 6);
    expect(test.groups[1].expected).toBeCloseTo(10.7494990519689, 6);
    expect(test.variance[1][1]).toBeCloseTo(6.2569605736755, 6);
    expect(test.chiSquare).toBeCloseTo(16.7929409892165, 6);
    expect(test.pValue).toBeCloseTo(4.16880910933453e-5, 10);
  });

  const a = observations('2, 4, 4+, 7, 9+');
  const b = observations('3, 5+, 6, 8, 12+');
  const c = observations('1, 2, 10, 11+');

  it('tests three groups on 2 df with the full variance matrix (R: χ² = 0.111339, p = 0.945852)', () => {
    const test = logRank([
      { group: 'a', observations: a },
      { group: 'b', observations: b },
      { group: 'c', observations: c },
    ]);
    expect(test.groups.map((g) => g.observed)).toEqual([3, 3, 3]);
    [2.70905760905761, 3.47615717615718, 2.81478521478521].forEach((e, i) =>
      expect(test.groups[i].expected).toBeCloseTo(e, 6),
    );
    const rVariance = [
      [1.721225699597328, -1.037603523128, -0.683622176469329],
      [-1.037603523127999, 2.08079317397, -1.043189650841998],
      [-0.683622176469329, -1.043189650841998, 1.726811827311328],
    ];
    rVariance.forEach((row, i) => row.forEach((v, j) => expect(test.variance[i][j]).toBeCloseTo(v, 6)));
    expect(test.chiSquare).toBeCloseTo(0.111339077260672, 6);
    expect(test.degreesOfFreedom).toBe(2);
    expect(test.pValue).toBeCloseTo(0.945851651682668, 6);
  });

  it('keeps a group with no losses of relief but patients at risk (R: χ² = 2.038109, p = 0.153400)', () => {
    const test = logRank([
      { group: 'a', observations: observations('2, 4, 4+, 7, 9') },
      { group: 'b', observations: observations('3+, 5+, 6+, 8+') },
    ]);
    expect(test.groups.map((g) => g.observed)).toEqual([4, 0]);
    expect(test.groups[1].expected).toBeCloseTo(1.20634920634921, 6);
    expect(test.chiSquare).toBeCloseTo(2.03810868031052, 6);
    expect(test.pValue).toBeCloseTo(0.153400273753378, 6);
  });

  it('tests four groups, one without losses, on 3 df (R: χ² = 2.064908, p = 0.559045)', () => {
    const test = logRank([
      { group: 'a', observations: a },
      { group: 'b', observations: b },
      { group: 'c', observations: c },
      { group: 'd', observations: observations('4+, 6+, 9+') },
    ]);
    expect(test.groups[3]).toMatchObject({ observed: 0, subjects: 3 });
    expect(test.groups[3].expected).toBeCloseTo(1.52827156503627, 6);
    expect(test.chiSquare).toBeCloseTo(2.06490797830687, 6);
    expect(test.degreesOfFreedom).toBe(3);
    expect(test.pValue).toBeCloseTo(0.559044675080003, 6);
  });

  it('drops a group with nobody at risk at any loss (E = 0) and, with one group left, has nothing to test', () => {
    // R: E = (2, 0), χ² = 0 on 0 df (R prints p = 1 for that degenerate case; here it is null).
    const test = logRank([
      { group: 'a', observations: observations('5, 6, 7+') },
      { group: 'b', observations: observations('1+, 2+') },
    ]);
    expect(test.groups.map((g) => g.expected)).toEqual([2, 0]);
    expect(test).toMatchObject({ chiSquare: 0, degreesOfFreedom: 0, pValue: null });
  });

  it('has nothing to test when nobody lost relief', () => {
    const test = logRank([
      { group: 'a', observations: observations('5+, 6+') },
      { group: 'b', observations: observations('1+') },
    ]);
    expect(test).toMatchObject({ chiSquare: 0, degreesOfFreedom: 0, pValue: null });
    expect(test.groups.map((g) => [g.observed, g.expected])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('gives a group of one its share: one patient lost at 3 against three censored later (R: χ² = 3, p = 0.083265)', () => {
    const test = logRank([
      { group: 'one', observations: observations('3') },
      { group: 'rest', observations: observations('4+, 5+, 6+') },
    ]);
    expect(test.groups[0].expected).toBeCloseTo(0.25, 12);
    expect(test.chiSquare).toBeCloseTo(3, 12);
    expect(test.pValue).toBeCloseTo(0.0832645166635504, 6);
  });
});

describe('logRank properties', () => {
  const group = fc.array(fc.record({ time: fc.integer({ min: 0, max: 30 }), reliefLost: fc.boolean() }), {
    minLength: 1,
    maxLength: 15,
  });

  it('shares the observed losses out as expected ones, and gives a p-value in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(group, { minLength: 2, maxLength: 4 }), (groups) => {
        const test = logRank(groups.map((observations, i) => ({ group: `g${i}`, observations })));
        const observed = test.groups.reduce((sum, g) => sum + g.observed, 0);
        const expected = test.groups.reduce((sum, g) => sum + g.expected, 0);
        expect(expected).toBeCloseTo(observed, 9);
        expect(test.chiSquare).toBeGreaterThanOrEqual(-1e-12);
        if (test.pValue !== null) {
          expect(test.pValue).toBeGreaterThanOrEqual(0);
          expect(test.pValue).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('gives exactly the answer of the expanded patients when they come as counts', () => {
    const named = (lists: readonly (readonly ReliefObservation[])[]) =>
      lists.map((observations, i) => ({ group: `g${i}`, observations }));
    fc.assert(
      fc.property(fc.array(countedObservations(30, 200, 10), { minLength: 2, maxLength: 4 }), (groups) => {
        expect(logRank(named(groups))).toEqual(logRank(named(groups.map(expandCounts))));
      }),
    );
  });

  it('does not depend on which group comes first', () => {
    fc.assert(
      fc.property(group, group, (x, y) => {
        const forward = logRank([
          { group: 'x', observations: x },
          { group: 'y', observations: y },
        ]);
        const backward = logRank([
          { group: 'y', observations: y },
          { group: 'x', observations: x },
        ]);
        expect(backward.chiSquare).toBeCloseTo(forward.chiSquare, 9);
      }),
    );
  });

  it('gives exactly the same answer whatever order each group lists its patients in', () => {
    fc.assert(
      fc.property(fc.array(group, { minLength: 2, maxLength: 3 }), (groups) => {
        const named = (lists: (typeof groups)[number][]) =>
          lists.map((observations, i) => ({ group: `g${i}`, observations }));
        expect(logRank(named(groups.map((g) => [...g].reverse())))).toEqual(logRank(named(groups)));
      }),
    );
  });
});
