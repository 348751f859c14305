import {
  PROMIS_COPYRIGHT_NOTICE,
  PROMIS_PAIN_INTERFERENCE_6A,
  PROMIS_PI_6A_ITEM_IDS,
  PROMIS_PI_6A_T_SCORES,
  scorePromisPainInterference6a,
  type PromisPi6aItemId,
} from './promis-pain-interference';

/** Six answers summing to `raw`: as many 5s as fit, the rest 1s and one in between. */
function answersSumming(raw: number): Record<PromisPi6aItemId, number> {
  let left = raw - 6;
  const values = PROMIS_PI_6A_ITEM_IDS.map(() => {
    const extra = Math.min(4, left);
    left -= extra;
    return 1 + extra;
  });
  return Object.fromEntries(PROMIS_PI_6A_ITEM_IDS.map((id, i) => [id, values[i]])) as Record<PromisPi6aItemId, number>;
}

describe('PROMIS Pain Interference 6a (clinical-facts §1)', () => {
  it('asks the six items in the short form’s order with their LOINC codes, on the 1–5 scale', () => {
    const form = PROMIS_PAIN_INTERFERENCE_6A;
    expect(form.items.map((i) => [i.id, i.loinc])).toEqual([
      ['PAININ9', '61758-9'],
      ['PAININ22', '61769-6'],
      ['PAININ31', '61773-8'],
      ['PAININ34', '61775-3'],
      ['PAININ12', '61761-3'],
      ['PAININ36', '61777-9'],
    ]);
    expect(form.items[0].text).toBe('How much did pain interfere with your day to day activities?');
    expect(form.recall).toBe('In the past 7 days');
    expect(form.options.map((o) => [o.value, o.label, o.loinc])).toEqual([
      [1, 'Not at all', 'LA6568-5'],
      [2, 'A little bit', 'LA13863-8'],
      [3, 'Somewhat', 'LA13909-9'],
      [4, 'Quite a bit', 'LA13902-4'],
      [5, 'Very much', 'LA13914-9'],
    ]);
  });

  it('keeps the PROMIS copyright notice with the item text', () => {
    expect(PROMIS_PAIN_INTERFERENCE_6A.copyrightNotice).toBe(PROMIS_COPYRIGHT_NOTICE);
    expect(PROMIS_COPYRIGHT_NOTICE).toMatch(/^Copyright © 2010 PROMIS Health Organization/);
    expect(PROMIS_COPYRIGHT_NOTICE).toContain('subject to the PROMIS Terms and Conditions');
  });

  it.each([
    [6, 41.1, 6.0],
    [7, 48.6, 2.4],
    [8, 50.7, 1.8],
    [9, 52.2, 1.6],
    [10, 53.4, 1.6],
    [11, 54.5, 1.6],
    [12, 55.6, 1.5],
    [13, 56.6, 1.5],
    [14, 57.6, 1.5],
    [15, 58.6, 1.5],
    [16, 59.5, 1.5],
    [17, 60.4, 1.4],
    [18, 61.2, 1.4],
    [19, 62.1, 1.4],
    [20, 63.0, 1.5],
    [21, 63.8, 1.5],
    [22, 64.8, 1.5],
    [23, 65.7, 1.5],
    [24, 66.7, 1.5],
    [25, 67.6, 1.5],
    [26, 68.7, 1.5],
    [27, 69.8, 1.5],
    [28, 71.0, 1.6],
    [29, 72.6, 2.0],
    [30, 76.3, 3.6],
  ])('scores raw %i as T %d (SE %d)', (raw, tScore, standardError) => {
    expect(scorePromisPainInterference6a(answersSumming(raw))).toEqual({
      complete: true,
      rawScore: raw,
      tScore,
      standardError,
      missing: [],
      invalid: [],
    });
  });

  it('agrees with the EAP summed-score table computed from the item parameters (Lord–Wingersky, N(0,1) prior)', () => {
    // Graded-response slopes and thresholds of the six items (clinical-facts §1.3, Assessment Center export).
    const items: [number, number[]][] = [
      [6.53406, [0.1579, 0.8959, 1.4377, 2.0103]],
      [5.3971, [0.1709, 0.8366, 1.3266, 1.9589]],
      [5.90514, [0.473, 1.0094, 1.5063, 2.077]],
      [4.92619, [0.1771, 0.8447, 1.363, 1.9795]],
      [5.29892, [0.1808, 0.8281, 1.2865, 1.8824]],
      [5.69697, [0.3417, 0.959, 1.4786, 2.036]],
    ];
    const sums = Array.from({ length: 25 }, () => ({ w: 0, m: 0, s: 0 }));
    for (let theta = -6; theta <= 6; theta += 0.01) {
      let likelihood = [1];
      for (const [a, b] of items) {
        const above = [1, ...b.map((bk) => 1 / (1 + Math.exp(-a * (theta - bk)))), 0];
        const next = new Array(likelihood.length + 4).fill(0);
        likelihood.forEach((l, i) => [0, 1, 2, 3, 4].forEach((k) => (next[i + k] += l * (above[k] - above[k + 1]))));
        likelihood = next;
      }
      const prior = Math.exp((-theta * theta) / 2);
      likelihood.forEach((l, i) => {
        sums[i].w += l * prior;
        sums[i].m += l * prior * theta;
        sums[i].s += l * prior * theta * theta;
      });
    }
    PROMIS_PI_6A_T_SCORES.forEach((row, i) => {
      const eap = sums[i].m / sums[i].w;
      expect(row.rawScore).toBe(i + 6);
      expect(Math.abs(row.tScore - (50 + 10 * eap))).toBeLessThanOrEqual(0.05);
      expect(Math.abs(row.standardError - 10 * Math.sqrt(sums[i].s / sums[i].w - eap * eap))).toBeLessThanOrEqual(0.05);
    });
  });

  it('gives the same T for the same raw score whichever items carry it', () => {
    const a = scorePromisPainInterference6a({
      PAININ9: 5,
      PAININ22: 1,
      PAININ31: 1,
      PAININ34: 1,
      PAININ12: 1,
      PAININ36: 1,
    });
    const b = scorePromisPainInterference6a({
      PAININ9: 1,
      PAININ22: 1,
      PAININ31: 1,
      PAININ34: 1,
      PAININ12: 1,
      PAININ36: 5,
    });
    expect([a.rawScore, a.tScore]).toEqual([10, 53.4]);
    expect(b).toEqual(a);
  });

  it('scores nothing with one item missing or out of the scale, naming it: no proration', () => {
    const { PAININ36: _, ...five } = answersSumming(20);
    expect(scorePromisPainInterference6a(five)).toEqual({ complete: false, missing: ['PAININ36'], invalid: [] });
    expect(scorePromisPainInterference6a({ ...answersSumming(12), PAININ22: 0, PAININ12: 2.5 })).toEqual({
      complete: false,
      missing: [],
      invalid: ['PAININ22', 'PAININ12'],
    });
    expect(scorePromisPainInterference6a({ ...answersSumming(12), PAININ9: null })).toMatchObject({
      complete: false,
      missing: ['PAININ9'],
    });
  });
});
