/**
 * The standard normal quantile by Wichura's algorithm AS 241 (PPND16; Applied Statistics 1988,
 * 37:477–484), the algorithm R's `qnorm` implements (R `src/nmath/qnorm.c`): about 16 significant
 * digits, so confidence limits agree with R's far closer than 1e-6. The coefficients are the
 * paper's, written at the shortest decimals that give the same doubles; constant term first.
 */
const CENTRAL_NUMERATOR = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987, 67265.7709270087,
  33430.57558358813, 2509.0809287301227,
];
const CENTRAL_DENOMINATOR = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271, 28729.085735721943,
  5226.495278852546,
];
const NEAR_NUMERATOR = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684, 0.2417807251774506,
  0.022723844989269184, 0.0007745450142783414,
];
const NEAR_DENOMINATOR = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
  0.0005475938084995345, 1.0507500716444169e-9,
];
const TAIL_NUMERATOR = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
  0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
];
const TAIL_DENOMINATOR = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133, 0.000018463183175100548,
  1.421511758316446e-7, 2.0442631033899397e-15,
];

const polynomial = (coefficients: readonly number[], x: number) =>
  coefficients.reduceRight((sum, coefficient) => sum * x + coefficient, 0);
const ratio = (numerator: readonly number[], denominator: readonly number[], x: number) =>
  polynomial(numerator, x) / polynomial(denominator, x);

export function normalQuantile(p: number): number {
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (!(p > 0 && p < 1)) throw new RangeError(`A probability lies between 0 and 1, not ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return q * ratio(CENTRAL_NUMERATOR, CENTRAL_DENOMINATOR, 0.180625 - q * q);
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const value =
    r <= 5 ? ratio(NEAR_NUMERATOR, NEAR_DENOMINATOR, r - 1.6) : ratio(TAIL_NUMERATOR, TAIL_DENOMINATOR, r - 5);
  return q < 0 ? -value : value;
}

/** z for a two-sided confidence level, R's `qnorm(1 - (1 - level) / 2)`: 1.959964 at 0.95. */
export function zForLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`A confidence level lies strictly between 0 and 1, not ${level}`);
  return normalQuantile(1 - (1 - level) / 2);
}
