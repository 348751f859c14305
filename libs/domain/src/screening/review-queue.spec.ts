import { compareForReview, reviewGroup, type ReviewCandidate } from './review-queue';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute)).toISOString();
const c = (name: string, result: ReviewCandidate['result'], suicidalityFlag: boolean, minute: number) => ({
  name,
  result,
  suicidalityFlag,
  submittedAt: at(minute),
});

describe('compareForReview', () => {
  it('puts suicidality first whatever the result, then NEEDS_REVIEW, CONTRAINDICATED, ELIGIBLE, oldest first in each', () => {
    const queue = [
      c('eligible-old', 'ELIGIBLE', false, 0),
      c('contra', 'CONTRAINDICATED', false, 1),
      c('review-new', 'NEEDS_REVIEW', false, 9),
      c('flag-eligible-new', 'ELIGIBLE', true, 8),
      c('review-old', 'NEEDS_REVIEW', false, 2),
      c('flag-contra-old', 'CONTRAINDICATED', true, 3),
    ];
    expect([...queue].sort(compareForReview).map((x) => x.name)).toEqual([
      'flag-contra-old',
      'flag-eligible-new',
      'review-old',
      'review-new',
      'contra',
      'eligible-old',
    ]);
  });

  it('treats a missing result as needing review', () => {
    expect(reviewGroup({ suicidalityFlag: false, result: null })).toBe(
      reviewGroup({ suicidalityFlag: false, result: 'NEEDS_REVIEW' }),
    );
  });

  it('orders instants written with different offsets by time', () => {
    const a = { suicidalityFlag: false, result: 'ELIGIBLE' as const, submittedAt: '2026-03-01T10:00:00+02:00' };
    const b = { suicidalityFlag: false, result: 'ELIGIBLE' as const, submittedAt: '2026-03-01T09:00:00Z' };
    expect(compareForReview(a, b)).toBeLessThan(0);
  });
});
