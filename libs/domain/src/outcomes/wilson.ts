import { zForLevel } from './normal';

export interface ProportionWithInterval {
  successes: number;
  trials: number;
  /** Null when there are no trials: no proportion to estimate. */
  proportion: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * Wilson score interval for a proportion (Wilson 1927; Newcombe 1998; clinical-facts §7), R's
 * `prop.test(x, n, correct = FALSE)$conf.int`: (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n).
 * At 0/n the lower limit is exactly 0 and at n/n the upper exactly 1, as R sets them.
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95): ProportionWithInterval {
  if (!Number.isInteger(trials) || trials < 0 || !Number.isInteger(successes) || successes < 0 || successes > trials)
    throw new RangeError(`A proportion counts 0 ≤ successes ≤ trials, whole numbers; not ${successes}/${trials}`);
  if (trials === 0) return { successes, trials, proportion: null, lower: null, upper: null };
  const z = zForLevel(level);
  const p = successes / trials;
  const centre = p + (z * z) / (2 * trials);
  const halfWidth = z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials));
  const denominator = 1 + (z * z) / trials;
  return {
    successes,
    trials,
    proportion: p,
    lower: successes === 0 ? 0 : Math.max(0, (centre - halfWidth) / denominator),
    upper: successes === trials ? 1 : Math.min(1, (centre + halfWidth) / denominator),
  };
}
