import fc from 'fast-check';
import {
  AUDITC,
  CSSRS_SCREEN,
  GAD7,
  INSTRUMENTS,
  PHQ9,
  cssrsRiskLevel,
  scoreAuditC,
  scoreCssrsScreen,
  scoreGad7,
  scoreInstrument,
  scorePhq9,
} from './instruments';

/** Answers q1..qn with the given values. */
const items = (...values: number[]) => Object.fromEntries(values.map((v, i) => [`q${i + 1}`, v]));
/** n items summing to `total`, filled from q1 with the highest allowed value, item 9 kept at 0. */
function totalling(total: number, n: number, max: number): Record<string, number> {
  const values: number[] = [];
  let left = total;
  for (let i = 0; i < n; i++) {
    const v = i === 8 ? 0 : Math.min(max, left);
    values.push(v);
    left -= v;
  }
  if (left !== 0) throw new Error(`cannot make ${total} from ${n} items`);
  return items(...values);
}

describe('PHQ-9', () => {
  it('scores all zero as 0, none–minimal, no flag', () => {
    const r = scorePhq9(items(0, 0, 0, 0, 0, 0, 0, 0, 0));
    expect(r).toMatchObject({ complete: true, score: 0, band: 'NONE_MINIMAL', missing: [], flags: [] });
  });

  it('scores all max as 27, severe, with the suicidality flag from item 9', () => {
    const r = scorePhq9(items(3, 3, 3, 3, 3, 3, 3, 3, 3));
    expect(r).toMatchObject({ complete: true, score: 27, band: 'SEVERE', flags: ['SUICIDALITY'] });
  });

  it('scores a hand-worked example: 2+1+3+2+0+1+2+1+0 = 12, moderate', () => {
    expect(scorePhq9(items(2, 1, 3, 2, 0, 1, 2, 1, 0))).toMatchObject({ score: 12, band: 'MODERATE', flags: [] });
  });

  it.each([
    [4, 'NONE_MINIMAL'],
    [5, 'MILD'],
    [9, 'MILD'],
    [10, 'MODERATE'],
    [14, 'MODERATE'],
    [15, 'MODERATELY_SEVERE'],
    [19, 'MODERATELY_SEVERE'],
    [20, 'SEVERE'],
  ])('puts a total of %i in band %s', (total, band) => {
    const r = scorePhq9(totalling(total, 9, 3));
    expect(r.score).toBe(total);
    expect(r.band).toBe(band);
  });

  it('flags item 9 > 0 whatever the total', () => {
    const r = scorePhq9(items(0, 0, 0, 0, 0, 0, 0, 0, 1));
    expect(r).toMatchObject({ score: 1, band: 'NONE_MINIMAL', flags: ['SUICIDALITY'] });
  });

  it('does not score an incomplete form as zero, and lists what is missing', () => {
    const r = scorePhq9({ q1: 0, q2: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 0 });
    expect(r.complete).toBe(false);
    expect(r.score).toBeUndefined();
    expect(r.band).toBeUndefined();
    expect(r.missing).toEqual(['q3']);
  });

  it('still raises the suicidality flag from item 9 on an incomplete form', () => {
    const r = scorePhq9({ q9: 2 });
    expect(r.complete).toBe(false);
    expect(r.missing).toHaveLength(8);
    expect(r.flags).toEqual(['SUICIDALITY']);
  });

  it('treats null as unanswered and an out-of-range value as invalid, not as a score', () => {
    const r = scorePhq9({ ...items(1, 1, 1, 1, 1, 1, 1, 1, 1), q2: null, q5: 4 });
    expect(r).toMatchObject({ complete: false, missing: ['q2'], invalid: ['q5'] });
    expect(r.score).toBeUndefined();
  });
});

describe('GAD-7', () => {
  it('scores all zero and all max', () => {
    expect(scoreGad7(items(0, 0, 0, 0, 0, 0, 0))).toMatchObject({ complete: true, score: 0, band: 'MINIMAL' });
    expect(scoreGad7(items(3, 3, 3, 3, 3, 3, 3))).toMatchObject({ complete: true, score: 21, band: 'SEVERE' });
  });

  it.each([
    [4, 'MINIMAL'],
    [5, 'MILD'],
    [9, 'MILD'],
    [10, 'MODERATE'],
    [14, 'MODERATE'],
    [15, 'SEVERE'],
  ])('puts a total of %i in band %s', (total, band) => {
    expect(scoreGad7(totalling(total, 7, 3))).toMatchObject({ score: total, band });
  });

  it('has no suicidality item and raises no flags', () => {
    expect(scoreGad7(items(3, 3, 3, 3, 3, 3, 3)).flags).toEqual([]);
  });

  it('lists missing items instead of scoring', () => {
    const r = scoreGad7({ q1: 3, q2: 3 });
    expect(r).toMatchObject({ complete: false, missing: ['q3', 'q4', 'q5', 'q6', 'q7'] });
    expect(r.score).toBeUndefined();
  });
});

describe('AUDIT-C', () => {
  it('scores all zero (never drinks) as negative for everyone', () => {
    const r = scoreAuditC(items(0, 0, 0), { sex: 'FEMALE' });
    expect(r).toMatchObject({ complete: true, score: 0, band: 'NEGATIVE', flags: [] });
  });

  it('scores all max as 12, positive', () => {
    expect(scoreAuditC(items(4, 4, 4), { sex: 'MALE' })).toMatchObject({
      score: 12,
      band: 'POSITIVE',
      flags: ['POSITIVE_SCREEN'],
    });
  });

  it('uses 4 as the cut-off for men: 3 negative, 4 positive', () => {
    expect(scoreAuditC(items(2, 1, 0), { sex: 'MALE' })).toMatchObject({ score: 3, band: 'NEGATIVE' });
    expect(scoreAuditC(items(3, 1, 0), { sex: 'MALE' })).toMatchObject({ score: 4, band: 'POSITIVE' });
  });

  it('uses 3 as the cut-off for women: 2 negative, 3 positive', () => {
    expect(scoreAuditC(items(2, 0, 0), { sex: 'FEMALE' })).toMatchObject({ score: 2, band: 'NEGATIVE' });
    expect(scoreAuditC(items(3, 0, 0), { sex: 'FEMALE' })).toMatchObject({ score: 3, band: 'POSITIVE' });
  });

  it.each(['OTHER', 'UNKNOWN', undefined] as const)('uses the cautious cut-off of 3 for sex %s and says so', (sex) => {
    const r = scoreAuditC(items(3, 0, 0), { sex });
    expect(r.band).toBe('POSITIVE');
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toMatch(/lower \(more cautious\) cut-off of 3/);
  });

  it('skips the quantity questions for someone who never drinks (not missing)', () => {
    expect(scoreAuditC({ q1: 0 }, { sex: 'MALE' })).toMatchObject({ complete: true, score: 0, missing: [] });
  });

  it('needs the quantity questions from anyone who drinks', () => {
    const r = scoreAuditC({ q1: 2 }, { sex: 'MALE' });
    expect(r).toMatchObject({ complete: false, missing: ['q2', 'q3'] });
    expect(r.score).toBeUndefined();
  });
});

describe('C-SSRS screener', () => {
  const none = { q1: false, q2: false, q6: false };

  it('is complete with Q1, Q2 and Q6 all no: Q3–Q5 are skipped, not missing', () => {
    expect(scoreCssrsScreen(none)).toMatchObject({ complete: true, band: 'NONE', missing: [], flags: [] });
  });

  it('does not report a numeric score (it triages, it does not sum)', () => {
    expect(scoreCssrsScreen(none).score).toBeUndefined();
  });

  it('asks Q3–Q5 after a yes to Q2', () => {
    const r = scoreCssrsScreen({ q1: true, q2: true, q6: false });
    expect(r).toMatchObject({ complete: false, missing: ['q3', 'q4', 'q5'], flags: ['SUICIDALITY'] });
    expect(r.band).toBeUndefined();
  });

  it('asks the timing of behaviour after a yes to Q6', () => {
    expect(scoreCssrsScreen({ ...none, q6: true }).missing).toEqual(['q6_recent']);
  });

  it.each([
    ['Q1 yes only → LOW', { q1: true, q2: false, q6: false }, 'LOW'],
    ['Q2 yes, Q3–Q5 no → LOW', { q1: true, q2: true, q3: false, q4: false, q5: false, q6: false }, 'LOW'],
    ['Q3 yes → MODERATE', { q1: true, q2: true, q3: true, q4: false, q5: false, q6: false }, 'MODERATE'],
    ['Q4 yes → HIGH', { q1: true, q2: true, q3: true, q4: true, q5: false, q6: false }, 'HIGH'],
    ['Q5 yes → HIGH', { q1: true, q2: true, q3: false, q4: false, q5: true, q6: false }, 'HIGH'],
    ['Q6 yes over 3 months ago → MODERATE', { q1: false, q2: false, q6: true, q6_recent: false }, 'MODERATE'],
    ['Q6 yes within 3 months → HIGH', { q1: false, q2: false, q6: true, q6_recent: true }, 'HIGH'],
  ])('%s', (_name, answers, risk) => {
    const r = scoreCssrsScreen(answers);
    expect(r.complete).toBe(true);
    expect(r.band).toBe(risk);
    expect(r.flags).toEqual(['SUICIDALITY']);
  });

  it('all yes is HIGH', () => {
    const all = { q1: true, q2: true, q3: true, q4: true, q5: true, q6: true, q6_recent: true };
    expect(scoreCssrsScreen(all)).toMatchObject({ complete: true, band: 'HIGH', flags: ['SUICIDALITY'] });
  });

  it('keeps a positive answer to a skipped question rather than discarding it', () => {
    expect(cssrsRiskLevel({ q1: false, q2: false, q4: true, q6: false })).toBe('HIGH');
    expect(scoreCssrsScreen({ q1: false, q2: false, q4: true, q6: false }).flags).toEqual(['SUICIDALITY']);
  });

  it('treats behaviour of unrecorded timing as recent until told otherwise', () => {
    expect(cssrsRiskLevel({ q6: true })).toBe('HIGH');
  });
});

describe('instrument registry', () => {
  it('holds the four instruments by id with their items and allowed values', () => {
    expect(Object.keys(INSTRUMENTS).sort()).toEqual(['AUDITC', 'CSSRS_SCREEN', 'GAD7', 'PHQ9']);
    expect(INSTRUMENTS.PHQ9).toBe(PHQ9);
    expect(PHQ9.items).toHaveLength(9);
    expect(GAD7.items).toHaveLength(7);
    expect(AUDITC.items).toHaveLength(3);
    expect(CSSRS_SCREEN.items.map((i) => i.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q6_recent']);
    expect(PHQ9.items[8].options.map((o) => o.value)).toEqual([0, 1, 2, 3]);
    expect(AUDITC.items[0].options.map((o) => o.value)).toEqual([0, 1, 2, 3, 4]);
  });

  it('has contiguous bands covering 0..maxScore for the summed scales', () => {
    for (const def of [PHQ9, GAD7]) {
      expect(def.bands[0].min).toBe(0);
      expect(def.bands[def.bands.length - 1].max).toBe(def.maxScore);
      def.bands.slice(1).forEach((b, i) => expect(b.min).toBe(def.bands[i].max + 1));
    }
  });

  it('routes scoreInstrument to the right scorer', () => {
    expect(scoreInstrument('GAD7', items(1, 1, 1, 1, 1, 1, 1)).score).toBe(7);
    expect(scoreInstrument('AUDITC', items(1, 1, 1), { sex: 'MALE' }).band).toBe('NEGATIVE');
  });
});

describe('properties', () => {
  it('a complete PHQ-9 scores the sum of its items, in the band that contains it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 }), (values) => {
        const r = scorePhq9(items(...values));
        const band = PHQ9.bands.find((b) => b.band === r.band)!;
        return (
          r.complete && r.score === values.reduce((a, b) => a + b, 0) && r.score >= band.min && r.score <= band.max
        );
      }),
    );
  });

  it('removing any answer from a complete PHQ-9 leaves it unscored with that item missing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (values, drop) => {
          const answers: Record<string, number> = items(...values);
          delete answers[`q${drop}`];
          const r = scorePhq9(answers);
          return !r.complete && r.score === undefined && r.missing.length === 1 && r.missing[0] === `q${drop}`;
        },
      ),
    );
  });
});
