import type { Answers } from './answers';
import { scoreScreeningInstruments } from './score-screening';
import { positiveSuicidalityAnswers } from './suicidality';
import { PSYCHIATRIC_V1 } from './templates';

const positives = (answers: Answers) =>
  positiveSuicidalityAnswers(PSYCHIATRIC_V1, answers).map((a) => `${a.itemId}.${a.questionId}=${String(a.value)}`);

describe('positiveSuicidalityAnswers', () => {
  it('finds nothing when nothing is answered', () => {
    expect(positives({})).toEqual([]);
    expect(positives({ phq9: {}, cssrs: {} })).toEqual([]);
    expect(positives({ phq9: { q9: null }, cssrs: { q1: undefined } })).toEqual([]);
  });

  it('counts PHQ-9 item 9 from "several days" (1), not "not at all" (0)', () => {
    expect(positives({ phq9: { q9: 0 } })).toEqual([]);
    expect(positives({ phq9: { q9: 1 } })).toEqual(['phq9.q9=1']);
    expect(positives({ phq9: { q9: 3 } })).toEqual(['phq9.q9=3']);
  });

  it('ignores the other PHQ-9 items however high, and an item 9 value outside the scale', () => {
    expect(positives({ phq9: { q1: 3, q2: 3, q8: 3, q9: 0 } })).toEqual([]);
    expect(positives({ phq9: { q9: 7 } })).toEqual([]);
  });

  it('counts a C-SSRS "yes", not a "no"', () => {
    expect(positives({ cssrs: { q1: false, q2: false, q6: false } })).toEqual([]);
    expect(positives({ cssrs: { q1: true, q2: false } })).toEqual(['cssrs.q1=true']);
  });

  it('counts C-SSRS behaviour (q6) whether or not it was recent; the recency answer is not itself a signal', () => {
    expect(positives({ cssrs: { q6: true } })).toEqual(['cssrs.q6=true']);
    expect(positives({ cssrs: { q6: true, q6_recent: false } })).toEqual(['cssrs.q6=true']);
    expect(positives({ cssrs: { q6: true, q6_recent: true } })).toEqual(['cssrs.q6=true']);
    expect(positives({ cssrs: { q6_recent: true } })).toEqual([]);
  });

  it('lists answers in the order the checklist asks them', () => {
    expect(positives({ phq9: { q9: 2 }, cssrs: { q2: true, q1: true } })).toEqual([
      'cssrs.q1=true',
      'cssrs.q2=true',
      'phq9.q9=2',
    ]);
  });

  it('agrees with the flag the scoring raises', () => {
    const cases: Answers[] = [
      {},
      { phq9: { q9: 0 } },
      { phq9: { q9: 1 } },
      { cssrs: { q6_recent: true } },
      { cssrs: { q3: true } },
    ];
    for (const answers of cases) {
      const flagged = Object.values(scoreScreeningInstruments(PSYCHIATRIC_V1, answers)).some((r) =>
        r.flags.includes('SUICIDALITY'),
      );
      expect(positiveSuicidalityAnswers(PSYCHIATRIC_V1, answers).length > 0).toBe(flagged);
    }
  });
});
