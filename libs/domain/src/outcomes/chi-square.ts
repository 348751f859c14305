/**
 * The chi-square distribution's upper tail, P(X > x) for X ~ χ²(df): the log-rank test's p-value.
 * No small npm package does only this (@stdlib's chi-square CDF brings some 200 packages; jstat
 * declares no licence), so it is the regularised upper incomplete gamma Q(df/2, x/2) by the series
 * and the Lentz continued fraction of Press et al., Numerical Recipes (3rd ed., 2007, §6.2, gser and
 * gcf). df is a whole number, so ln Γ(df/2) is exact from Γ(1) = 1 and Γ(1/2) = √π.
 */
export function chiSquareUpperTail(x: number, degreesOfFreedom: number): number {
  if (!Number.isInteger(degreesOfFreedom) || degreesOfFreedom < 1)
    throw new RangeError(`Degrees of freedom are a whole number of at least 1, not ${degreesOfFreedom}`);
  if (Number.isNaN(x)) throw new RangeError('A chi-square statistic is a number');
  if (x <= 0) return 1;
  return regularisedUpperGamma(degreesOfFreedom / 2, x / 2);
}

const EPSILON = Number.EPSILON;
const TINY = Number.MIN_VALUE / EPSILON;
const MAX_TERMS = 10_000;

function regularisedUpperGamma(a: number, x: number): number {
  const logPrefactor = -x + a * Math.log(x) - logGammaOfHalfInteger(a);
  if (x < a + 1) {
    // Series for the lower function P(a, x); Q = 1 − P.
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_TERMS && Math.abs(term) > Math.abs(sum) * EPSILON; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - sum * Math.exp(logPrefactor);
  }
  // Continued fraction for Q(a, x), modified Lentz.
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= EPSILON) break;
  }
  return Math.exp(logPrefactor) * h;
}

/** ln Γ(a) for a = k/2, k ≥ 1: Γ(a) = (a − 1)(a − 2)… down to Γ(1) = 1 or Γ(1/2) = √π. */
function logGammaOfHalfInteger(a: number): number {
  let log = Number.isInteger(a) ? 0 : 0.5 * Math.log(Math.PI);
  for (let k = a - 1; k > 0; k--) log += Math.log(k);
  return log;
}
