import { chiSquareUpperTail } from './chi-square';
import { observationCount, patientsObserved, type ReliefObservation } from './kaplan-meier';

export interface ReliefGroup {
  group: string;
  observations: readonly ReliefObservation[];
}

export interface LogRankGroup {
  group: string;
  subjects: number;
  observed: number;
  expected: number;
}

export interface LogRankTest {
  groups: LogRankGroup[];
  /** Variance–covariance matrix of O − E, groups in the order given. */
  variance: number[][];
  chiSquare: number;
  /** Groups with expected losses above 0, less one (R's df). */
  degreesOfFreedom: number;
  /** Null when fewer than two groups have anyone at risk at a loss of relief: there is nothing to test. */
  pValue: number | null;
}

/**
 * The log-rank test between two or more groups, as R's `survival::survdiff` (rho = 0) computes it
 * (clinical-facts §6): at each time with D losses of relief among N at risk, n_k of them in group k,
 * E_k += D·n_k/N and V_kl += D·(n_k/N)(δ_kl − n_l/N)(N − D)/(N − 1); χ² = (O − E)ᵀ V⁻ (O − E) over
 * the groups with E > 0, the first dropped, on that many groups less one degrees of freedom.
 */
export function logRank(groups: readonly ReliefGroup[]): LogRankTest {
  const k = groups.length;
  // Who leaves each group at each time, and how many of them lost relief: counted once per time
  // rather than sorting every observation (a clinic's groups hold hundreds of thousands of courses).
  const atTime = new Map<number, { leaving: number[]; lost: number[] }>();
  groups.forEach(({ observations }, g) => {
    for (const o of observations) {
      let tally = atTime.get(o.time);
      if (!tally) {
        tally = { leaving: new Array<number>(k).fill(0), lost: new Array<number>(k).fill(0) };
        atTime.set(o.time, tally);
      }
      const count = observationCount(o);
      tally.leaving[g] += count;
      if (o.reliefLost) tally.lost[g] += count;
    }
  });
  const atRisk = groups.map(({ observations }) => patientsObserved(observations));
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const variance = groups.map(() => new Array<number>(k).fill(0));
  let total = atRisk.reduce((sum, n) => sum + n, 0);
  for (const time of [...atTime.keys()].sort((a, b) => a - b)) {
    const { leaving, lost } = atTime.get(time)!;
    let deaths = 0;
    for (let a = 0; a < k; a++) {
      observed[a] += lost[a];
      deaths += lost[a];
    }
    if (deaths > 0) {
      for (let a = 0; a < k; a++) {
        expected[a] += (deaths * atRisk[a]) / total;
        if (total < 2) continue;
        const spread = (deaths * atRisk[a] * (total - deaths)) / (total * (total - 1));
        variance[a][a] += spread;
        for (let b = 0; b < k; b++) variance[a][b] -= (spread * atRisk[b]) / total;
      }
    }
    for (let a = 0; a < k; a++) atRisk[a] -= leaving[a];
    total -= leaving.reduce((sum, n) => sum + n, 0);
  }
  const tested = expected.flatMap((e, g) => (e > 0 ? [g] : []));
  const rest = tested.slice(1);
  const chiSquare =
    tested.length < 2
      ? 0
      : quadraticForm(
          rest.map((a) => rest.map((b) => variance[a][b])),
          rest.map((g) => observed[g] - expected[g]),
        );
  const degreesOfFreedom = Math.max(0, tested.length - 1);
  return {
    groups: groups.map(({ group, observations }, g) => ({
      group,
      subjects: patientsObserved(observations),
      observed: observed[g],
      expected: expected[g],
    })),
    variance,
    chiSquare,
    degreesOfFreedom,
    pValue: degreesOfFreedom > 0 ? chiSquareUpperTail(chiSquare, degreesOfFreedom) : null,
  };
}

/**
 * xᵀ V⁻ x through a Cholesky (LDLᵀ) factorisation that sets a non-positive or negligible pivot to
 * zero and skips it, a generalised inverse as survival's `cholesky2`/`chsolve2` take one; for a
 * non-singular V this is R's `solve(V, x)`.
 */
function quadraticForm(v: number[][], x: number[]): number {
  const n = x.length;
  const m = v.map((row) => [...row]);
  const scale = Math.max(...m.map((row, i) => Math.abs(row[i])));
  const eps = 1e-9 * scale;
  const pivots = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    if (m[i][i] <= eps) continue;
    pivots[i] = m[i][i];
    for (let j = i + 1; j < n; j++) {
      const factor = m[j][i] / m[i][i];
      for (let l = j; l < n; l++) m[l][j] -= factor * m[l][i];
      m[j][i] = factor;
    }
  }
  // Forward solve L y = x (unit lower triangle), then Σ y_i² / d_i over the kept pivots.
  const y = [...x];
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (pivots[j] !== 0) y[i] -= m[i][j] * y[j];
  return y.reduce((sum, yi, i) => (pivots[i] === 0 ? sum : sum + (yi * yi) / pivots[i]), 0);
}
