import { DEFAULT_RESPONDER_SETTINGS, responderStatus, type ResponderAssessment } from './responders';

const at = (assessments: ResponderAssessment[], offsetDays: number) =>
  assessments.find((a) => a.offsetDays === offsetDays) as ResponderAssessment;
const levelAt = (baseline: number, painNrs: number) => at(responderStatus(baseline, [{ offsetDays: 14, painNrs }]), 14);

describe('responderStatus by the IMMPACT thresholds (clinical-facts §4)', () => {
  it('assesses the 2-week, 1-, 3- and 6-month follow-ups (days 14, 28, 84, 168) and no other', () => {
    const status = responderStatus(8, [
      { offsetDays: 7, painNrs: 1 },
      { offsetDays: 14, painNrs: 3 },
      { offsetDays: 28, painNrs: 5 },
      { offsetDays: 84, painNrs: 7 },
      { offsetDays: 168, painNrs: 9 },
    ]);
    expect(status.map((a) => [a.milestone, a.offsetDays, a.level, a.pointsResponder])).toEqual([
      ['TWO_WEEKS', 14, 'SUBSTANTIAL', true],
      ['ONE_MONTH', 28, 'MODERATE', true],
      ['THREE_MONTHS', 84, 'BELOW_MODERATE', false],
      ['SIX_MONTHS', 168, 'BELOW_MODERATE', false],
    ]);
    expect(status[0]).toMatchObject({ assessed: true, painNrs: 3, percentReduction: 62.5, pointsReduction: 5 });
    expect(status[3].percentReduction).toBeCloseTo(-12.5, 12);
  });

  it('is substantial at exactly 50 % and moderate just below (baseline 10: 5 and 5.1)', () => {
    expect(levelAt(10, 5).level).toBe('SUBSTANTIAL');
    expect(levelAt(10, 5.1).level).toBe('MODERATE');
  });

  it('is moderate at exactly 30 % and below moderate just under (baseline 10: 7 and 7.1)', () => {
    expect(levelAt(10, 7).level).toBe('MODERATE');
    expect(levelAt(10, 7.1).level).toBe('BELOW_MODERATE');
  });

  it('reaches a threshold that binary fractions miss by a hair (baseline 7: 4.9 is 30 %, 3.5 is 50 %; 6.3 → 4.41)', () => {
    expect(levelAt(7, 4.9).level).toBe('MODERATE');
    expect(levelAt(7, 3.5).level).toBe('SUBSTANTIAL');
    expect(levelAt(6.3, 4.41).level).toBe('MODERATE');
  });

  it('meets the points threshold at exactly 2 points, not at 1.9, whatever the percent', () => {
    expect(levelAt(5, 3)).toMatchObject({ level: 'MODERATE', pointsResponder: true });
    expect(levelAt(5, 3.1)).toMatchObject({ level: 'MODERATE', pointsResponder: false });
    expect(levelAt(3, 2)).toMatchObject({ level: 'MODERATE', pointsResponder: false });
    expect(levelAt(10, 8)).toMatchObject({ level: 'BELOW_MODERATE', pointsResponder: true });
  });

  it('gives the reasons with code, rule and the figures', () => {
    expect(levelAt(8, 3).reasons).toEqual([
      {
        code: 'SUBSTANTIAL',
        ruleId: 'outcomes.responder.percent-reduction',
        message:
          'Pain 3 at day 14 against 8 before the course, a 62.5 % reduction: at least the 50 % IMMPACT calls substantial',
      },
      {
        code: 'POINTS_MET',
        ruleId: 'outcomes.responder.points-reduction',
        message: '5 NRS points of reduction, at least 2',
      },
    ]);
  });

  it('does not assess a milestone without its follow-up, without a baseline, or with a baseline of 0', () => {
    expect(at(responderStatus(6, []), 28)).toMatchObject({
      assessed: false,
      level: null,
      pointsResponder: null,
      reasons: [{ code: 'NO_FOLLOW_UP', ruleId: 'outcomes.responder.follow-up' }],
    });
    expect(at(responderStatus(null, [{ offsetDays: 28, painNrs: 2 }]), 28)).toMatchObject({
      assessed: false,
      painNrs: 2,
      reasons: [{ code: 'NO_BASELINE' }],
    });
    expect(levelAt(0, 0)).toMatchObject({
      assessed: false,
      percentReduction: null,
      reasons: [{ code: 'NO_BASELINE_PAIN' }],
    });
  });

  it('does not assess a score outside 0–10', () => {
    expect(levelAt(11, 3).reasons[0].code).toBe('NRS_OUT_OF_RANGE');
    expect(levelAt(6, -1).reasons[0].code).toBe('NRS_OUT_OF_RANGE');
    expect(levelAt(6, Number.NaN).reasons[0].code).toBe('NRS_OUT_OF_RANGE');
    expect(levelAt(10, 0).level).toBe('SUBSTANTIAL');
  });

  it("follows the clinic's thresholds and milestone days", () => {
    const settings = {
      ...DEFAULT_RESPONDER_SETTINGS,
      moderatePercent: 20,
      substantialPercent: 40,
      minimumPoints: 1,
      milestoneDays: { TWO_WEEKS: 14, ONE_MONTH: 30, THREE_MONTHS: 90, SIX_MONTHS: 180 },
    };
    const status = responderStatus(
      10,
      [
        { offsetDays: 30, painNrs: 8 },
        { offsetDays: 90, painNrs: 6 },
      ],
      settings,
    );
    expect(at(status, 30)).toMatchObject({ level: 'MODERATE', pointsResponder: true });
    expect(at(status, 90).level).toBe('SUBSTANTIAL');
    expect(at(status, 180).reasons[0].code).toBe('NO_FOLLOW_UP');
  });
});
