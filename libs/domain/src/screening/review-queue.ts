import type { ScreeningStatus } from './eligibility';

/**
 * The order a clinician reviews submitted screenings in: any suicidality signal first, whatever
 * else the screening says (it is raised immediately), then screenings that need a decision
 * (NEEDS_REVIEW), then contraindicated ones (to confirm), then eligible ones; oldest first within
 * each group so nobody waits behind later arrivals.
 */
export interface ReviewCandidate {
  suicidalityFlag: boolean;
  result: ScreeningStatus | null | undefined;
  /** ISO instant of submission. */
  submittedAt: string;
}

const RESULT_RANK: Record<ScreeningStatus, number> = { NEEDS_REVIEW: 1, CONTRAINDICATED: 2, ELIGIBLE: 3 };

export function reviewGroup(candidate: Pick<ReviewCandidate, 'suicidalityFlag' | 'result'>): number {
  if (candidate.suicidalityFlag) return 0;
  return candidate.result ? RESULT_RANK[candidate.result] : 1;
}

export function compareForReview(a: ReviewCandidate, b: ReviewCandidate): number {
  return reviewGroup(a) - reviewGroup(b) || Date.parse(a.submittedAt) - Date.parse(b.submittedAt);
}
