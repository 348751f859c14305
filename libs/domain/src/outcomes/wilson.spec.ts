import { wilsonInterval } from './wilson';

// R's prop.test(x, n, conf.level, correct = FALSE)$conf.int (R 4.2.2), printed at 15 digits; the
// first three are the cicalc test snapshot's figures in clinical-facts §7, the next four Newcombe's
// example proportions computed there.
describe('wilsonInterval against R prop.test(correct = FALSE)', () => {
  it.each([
    [5, 10, 0.9, 0.269271821138267, 0.730728178861733],
    [32, 32, 0.95, 0.89282080174493, 1],
    [0, 32, 0.95, 0, 0.107179198255071],
    [81, 263, 0.95, 0.255288519878274, 0.3662095769828],
    [15, 148, 0.95, 0.062386399530736, 0.160487241723308],
    [0, 20, 0.95, 0, 0.161125158052819],
    [1, 29, 0.95, 0.006113214292763, 0.171755218793203],
    [1, 1, 0.95, 0.206549314377238, 1],
    [7, 12, 0.99, 0.257994851584262, 0.849330670140951],
  ])('%i/%i at %p gives (%p, %p)', (x, n, level, lower, upper) => {
    const interval = wilsonInterval(x, n, level);
    expect(interval.proportion).toBeCloseTo(x / n, 12);
    expect(interval.lower).toBeCloseTo(lower, 6);
    expect(interval.upper).toBeCloseTo(upper, 6);
  });

  it('puts the 0/n lower limit at exactly 0 and the n/n upper limit at exactly 1', () => {
    expect(wilsonInterval(0, 7).lower).toBe(0);
    expect(wilsonInterval(7, 7).upper).toBe(1);
    expect(wilsonInterval(0, 1)).toMatchObject({ proportion: 0, lower: 0 });
  });

  it('has no proportion for no trials, and refuses counts that are not 0 ≤ x ≤ n whole numbers', () => {
    expect(wilsonInterval(0, 0)).toEqual({ successes: 0, trials: 0, proportion: null, lower: null, upper: null });
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
  });
});
