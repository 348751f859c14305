import { kaplanMeier } from '../outcomes/kaplan-meier';
import {
  DEFAULT_RELIEF_SETTINGS,
  courseRelief,
  highestHeldAverages,
  type LaterCourse,
  type ReliefCourse,
  type ReliefFollowUp,
  type ReliefSettings,
} from './relief';
import { followUpSchedule } from './schedule';

// Last session Friday 16 January 2026 in London; the five-day course's follow-ups at days 7, 14,
// 28, 56, 84 and 168, windows as the clinic's default bands make them.
const course = (over: Partial<ReliefCourse> = {}): ReliefCourse => ({
  id: 'c1',
  lastSessionOn: '2026-01-16',
  baselinePainNrs: 8,
  timeZone: 'Europe/London',
  ...over,
});
const schedule = followUpSchedule({
  lastSessionOn: '2026-01-16',
  followUpOffsetsDays: [7, 14, 28, 56, 84, 168],
  timeZone: 'Europe/London',
});
const closesAt = (offsetDays: number) => schedule.find((s) => s.offsetDays === offsetDays)!.closesAtMs;
const at = (iso: string) => Date.parse(iso);
/** A follow-up at `offsetDays` with, when a score is given, one record at 10:00 UTC on its due date (or `on`). */
const followUp = (offsetDays: number, avg?: number, now = avg, on?: string): ReliefFollowUp => {
  const due = schedule.find((s) => s.offsetDays === offsetDays)!.dueOn;
  return {
    id: `f${offsetDays}`,
    offsetDays,
    closesAtMs: closesAt(offsetDays),
    records:
      avg === undefined
        ? []
        : [
            {
              id: `r${offsetDays}`,
              recordedAtMs: at(`${on ?? due}T10:00:00Z`),
              painNrs7DayAverage: avg,
              painNrsNow: now!,
            },
          ],
  };
};
const ASOF = at('2026-08-01T12:00:00Z'); // past every window
const relief = (
  followUps: ReliefFollowUp[],
  over: { course?: Partial<ReliefCourse>; later?: LaterCourse[]; settings?: ReliefSettings; asOfMs?: number } = {},
) =>
  courseRelief(
    course(over.course),
    followUps,
    over.later ?? [],
    over.settings ?? DEFAULT_RELIEF_SETTINGS,
    over.asOfMs ?? ASOF,
  );
const line = (l: ReliefSettings['line']): ReliefSettings => ({ ...DEFAULT_RELIEF_SETTINGS, line: l });

describe('courseRelief', () => {
  it('loses relief at the first record whose 7-day average falls below 30 %, counting days from the last session', () => {
    // Baseline 8: 30 % is 5.6. 3 (62.5 %), 4 (50 %), 5 (37.5 %) hold; 6 (25 %) on day 56 is the loss.
    const r = relief([
      followUp(7, 3),
      followUp(14, 4),
      followUp(28, 5),
      followUp(56, 6),
      followUp(84, 5),
      followUp(168, 8),
    ]);
    expect(r.outcome).toEqual({
      code: 'RELIEF_LOST',
      day: 56,
      on: '2026-03-13',
      followUpIds: ['f56'],
      recordIds: ['r56'],
    });
    expect(r.observation).toEqual({ time: 56, reliefLost: true });
    expect(r.reasons.map((x) => [x.code, x.ruleId])).toEqual([['RELIEF_LOST', 'relief.lost']]);
    expect(r.reasons[0].message).toBe(
      'Relief lost on 2026-03-13, day 56: 7-day average pain 6 against 8 before the course, a 25 % (2-point) reduction, below the 30 % reduction line',
    );
    // Every record keeps its figures, the later ones too.
    expect(r.measurements.map((m) => [m.followUpId, m.day, m.sevenDayAverage.percentReduction, m.reliefHeld])).toEqual([
      ['f7', 7, 62.5, true],
      ['f14', 14, 50, true],
      ['f28', 28, 37.5, true],
      ['f56', 56, 25, false],
      ['f84', 84, 37.5, true],
      ['f168', 168, 0, false],
    ]);
    expect(r.responder.SUBSTANTIAL).toEqual({ met: true, followUpIds: ['f7', 'f14'], recordIds: ['r7', 'r14'] });
    expect(r.responder.POINTS.followUpIds).toEqual(['f7', 'f14', 'f28', 'f56', 'f84']);
  });

  it('decides on the 7-day average and only reports pain now beside it', () => {
    const r = relief([followUp(7, 4, 9), followUp(14, 6, 2)]);
    expect(r.measurements.map((m) => [m.sevenDayAverage.moderate, m.painNow.moderate, m.reliefHeld])).toEqual([
      [true, false, true],
      [false, true, false],
    ]);
    expect(r.measurements[1].painNow).toEqual({
      painNrs: 2,
      pointsReduction: 6,
      percentReduction: 75,
      moderate: true,
      substantial: true,
      pointsMet: true,
    });
    expect(r.outcome.code).toBe('RELIEF_LOST');
    expect(r.outcome.day).toBe(14);
  });

  describe('ties at the thresholds hold relief', () => {
    it('exactly 30 % holds and just under does not (baseline 10: 7 and 7.01)', () => {
      expect(relief([followUp(7, 7)], { course: { baselinePainNrs: 10 } }).outcome.code).toBe('STILL_RESPONDING');
      expect(relief([followUp(7, 7.01)], { course: { baselinePainNrs: 10 } }).outcome.code).toBe('RELIEF_LOST');
    });

    it('exactly 30 % of a fractional product holds (baseline 7, 4.9)', () => {
      const r = relief([followUp(7, 4.9)], { course: { baselinePainNrs: 7 } });
      expect(r.measurements[0].sevenDayAverage.moderate).toBe(true);
      expect(r.outcome.code).toBe('STILL_RESPONDING');
    });

    it('on the 50 % line, exactly half holds (baseline 8: 4 holds, 5 does not)', () => {
      expect(relief([followUp(7, 4)], { settings: line('SUBSTANTIAL') }).outcome.code).toBe('STILL_RESPONDING');
      expect(relief([followUp(7, 5)], { settings: line('SUBSTANTIAL') }).outcome).toMatchObject({
        code: 'RELIEF_LOST',
        day: 7,
      });
    });

    it('on the 2-point line, exactly 2 points holds (baseline 5: 3 holds, 4 does not)', () => {
      const settings = line('POINTS');
      expect(relief([followUp(7, 3)], { course: { baselinePainNrs: 5 }, settings }).outcome.code).toBe(
        'STILL_RESPONDING',
      );
      expect(relief([followUp(7, 4)], { course: { baselinePainNrs: 5 }, settings }).outcome.code).toBe('RELIEF_LOST');
    });

    it('takes the thresholds from the settings', () => {
      const settings: ReliefSettings = {
        line: 'MODERATE',
        responder: { ...DEFAULT_RELIEF_SETTINGS.responder, moderatePercent: 40 },
      };
      // Baseline 8, 5: 37.5 % holds at 30 % and not at 40 %.
      expect(relief([followUp(7, 5)]).outcome.code).toBe('STILL_RESPONDING');
      expect(relief([followUp(7, 5)], { settings }).outcome.code).toBe('RELIEF_LOST');
    });
  });

  it('marks a course whose first follow-up is already below the line as never responding, the loss at that day', () => {
    const r = relief([followUp(7, 7), followUp(14, 3)]);
    expect(r.observation).toEqual({ time: 7, reliefLost: true });
    expect(r.reasons.map((x) => x.code)).toEqual(['RELIEF_LOST', 'NEVER_RESPONDED']);
    expect(r.responder.MODERATE).toEqual({ met: true, followUpIds: ['f14'], recordIds: ['r14'] });
  });

  describe('a second course started mid-follow-up', () => {
    const second: LaterCourse = { id: 'c2', kind: 'COURSE', startsAtMs: at('2026-03-02T09:00:00Z') }; // day 45

    it('censors at the new course start, and the records after it measure the new course', () => {
      // Responding at 7, 14 and 28; the day-56 record (after the new course) would be a loss.
      const r = relief([followUp(7, 3), followUp(14, 4), followUp(28, 5), followUp(56, 7), followUp(84)], {
        later: [second],
      });
      expect(r.outcome).toEqual({
        code: 'NEW_COURSE_STARTED',
        day: 45,
        on: '2026-03-02',
        followUpIds: ['f28'],
        recordIds: ['r28'],
        laterCourseId: 'c2',
      });
      expect(r.observation).toEqual({ time: 45, reliefLost: false });
      expect(r.measurements.map((m) => [m.followUpId, m.counted])).toEqual([
        ['f7', true],
        ['f14', true],
        ['f28', true],
        ['f56', false],
      ]);
      expect(r.reasons[0].message).toBe(
        'A new course began on 2026-03-02, day 45, before relief was lost: relief held on 2026-02-13, day 28 (7-day average 5 against 8, a 37.5 % (3-point) reduction)',
      );
    });

    it('does not censor a loss found before the new course began', () => {
      const r = relief([followUp(7, 3), followUp(28, 7)], { later: [second] });
      expect(r.outcome).toMatchObject({ code: 'RELIEF_LOST', day: 28 });
    });

    it('censors at the earliest of several later courses, a booster included', () => {
      const booster: LaterCourse = { id: 'b1', kind: 'BOOSTER', startsAtMs: at('2026-02-20T09:00:00Z') }; // day 35
      const r = relief([followUp(7, 3), followUp(28, 4)], { later: [second, booster] });
      expect(r.outcome).toMatchObject({ code: 'NEW_COURSE_STARTED', day: 35, laterCourseId: 'b1' });
      expect(r.reasons[0].message).toMatch(/^A new booster began on 2026-02-20/);
    });

    it('counts a record taken the morning the new course starts, before its first session', () => {
      const sameDay: LaterCourse = { id: 'c2', kind: 'COURSE', startsAtMs: at('2026-02-13T14:00:00Z') }; // day 28, afternoon
      const r = relief([followUp(7, 3), followUp(28, 7)], { later: [sameDay] }); // recorded 10:00
      expect(r.outcome).toMatchObject({ code: 'RELIEF_LOST', day: 28 });
    });

    it('ignores a course booked but not begun at the time asked about', () => {
      const r = relief([followUp(7, 3), followUp(14, 4)], { later: [second], asOfMs: at('2026-02-10T12:00:00Z') });
      expect(r.outcome).toMatchObject({ code: 'STILL_RESPONDING', day: 14 });
    });

    it('gives no observation when the new course began before any follow-up', () => {
      const early: LaterCourse = { id: 'c2', kind: 'COURSE', startsAtMs: at('2026-01-20T09:00:00Z') };
      const r = relief([followUp(7, 3)], { later: [early] });
      expect(r.outcome.code).toBe('NO_FOLLOW_UP');
      expect(r.observation).toBeNull();
      expect(r.reasons[0].message).toBe('A new course began on 2026-01-20 before any follow-up was recorded');
    });
  });

  describe('missing records', () => {
    it('is lost to follow-up when a window closed with no record after the last contact, censored at that contact', () => {
      const r = relief([followUp(7, 3), followUp(14, 4), followUp(28), followUp(56), followUp(84), followUp(168)], {
        asOfMs: at('2026-03-01T12:00:00Z'), // day 28's window closed 20 February; day 56's is not open yet
      });
      expect(r.outcome).toEqual({
        code: 'LOST_TO_FOLLOW_UP',
        day: 14,
        on: '2026-01-30',
        followUpIds: ['f14', 'f28'],
        recordIds: ['r14'],
      });
      expect(r.observation).toEqual({ time: 14, reliefLost: false });
      expect(r.reasons[0].message).toMatch(/the day-28 follow-up window closed with no record$/);
    });

    it('is still responding while the next window is open, up to the minute it closes', () => {
      const followUps = [followUp(7, 3), followUp(14, 4), followUp(28)];
      expect(relief(followUps, { asOfMs: closesAt(28) - 1 }).outcome.code).toBe('STILL_RESPONDING');
      expect(relief(followUps, { asOfMs: closesAt(28) }).outcome.code).toBe('LOST_TO_FOLLOW_UP');
    });

    it('takes a miss between two contacts as no censoring: a later record is contact again', () => {
      const r = relief([followUp(7, 3), followUp(28), followUp(56, 4), followUp(84, 5), followUp(168, 4)]);
      expect(r.outcome).toMatchObject({ code: 'STILL_RESPONDING', day: 168, followUpIds: ['f168'] });
    });

    it('finds a loss at a record after a missed window', () => {
      const r = relief([followUp(7, 3), followUp(28), followUp(56, 7)]);
      expect(r.outcome).toMatchObject({ code: 'RELIEF_LOST', day: 56 });
    });

    it('is lost to follow-up when the window missed closed before a new course began', () => {
      const later: LaterCourse = { id: 'c2', kind: 'COURSE', startsAtMs: at('2026-04-01T09:00:00Z') };
      const r = relief([followUp(7, 3), followUp(14, 4), followUp(28), followUp(56)], { later: [later] });
      expect(r.outcome).toMatchObject({ code: 'LOST_TO_FOLLOW_UP', day: 14, followUpIds: ['f14', 'f28', 'f56'] });
    });

    it('has no observation without any record', () => {
      const r = relief([followUp(7), followUp(14)], { asOfMs: at('2026-01-20T12:00:00Z') });
      expect(r.outcome).toEqual({ code: 'NO_FOLLOW_UP', day: null, on: null, followUpIds: [], recordIds: [] });
      expect(r.observation).toBeNull();
      expect(r.responder.MODERATE.met).toBeNull();
    });

    it('ignores records taken after the time asked about', () => {
      const r = relief([followUp(7, 3), followUp(14, 7)], { asOfMs: at('2026-01-25T12:00:00Z') });
      expect(r.measurements.map((m) => m.recordId)).toEqual(['r7']);
      expect(r.outcome.code).toBe('STILL_RESPONDING');
    });
  });

  describe('the baseline', () => {
    it('of 0 gives no reduction and no observation', () => {
      const r = relief([followUp(7, 0)], { course: { baselinePainNrs: 0 } });
      expect(r.outcome.code).toBe('NO_BASELINE');
      expect(r.reasons.map((x) => [x.code, x.ruleId])).toEqual([['NO_BASELINE_PAIN', 'relief.baseline']]);
      expect(r.observation).toBeNull();
      expect(r.measurements[0]).toMatchObject({
        reliefHeld: null,
        sevenDayAverage: { painNrs: 0, percentReduction: null },
      });
    });

    it('not recorded gives no observation, the scores still listed', () => {
      const r = relief([followUp(7, 3)], { course: { baselinePainNrs: null } });
      expect(r.outcome.code).toBe('NO_BASELINE');
      expect(r.observation).toBeNull();
      expect(r.measurements.map((m) => m.sevenDayAverage.painNrs)).toEqual([3]);
      expect(r.responder.POINTS.met).toBeNull();
    });
  });

  it('does not count a record with a score outside 0–10, and says so', () => {
    const r = relief([followUp(7, 3), followUp(14, 11)]);
    expect(r.outcome).toMatchObject({ code: 'STILL_RESPONDING', day: 7 });
    expect(r.reasons.map((x) => x.code)).toEqual(['STILL_RESPONDING', 'NRS_OUT_OF_RANGE']);
  });

  it('dates a record by the clinic calendar: 00:30 BST on 30 March is day 73', () => {
    const f: ReliefFollowUp = {
      id: 'f84',
      offsetDays: 84,
      closesAtMs: closesAt(84),
      records: [{ id: 'late', recordedAtMs: at('2026-03-29T23:30:00Z'), painNrs7DayAverage: 3, painNrsNow: 3 }],
    };
    expect(relief([f]).measurements[0]).toMatchObject({ recordedOn: '2026-03-30', day: 73 });
  });

  it('orders several records of one follow-up by time, each with its ids', () => {
    const f: ReliefFollowUp = {
      id: 'f7',
      offsetDays: 7,
      closesAtMs: closesAt(7),
      records: [
        { id: 'second', recordedAtMs: at('2026-01-24T10:00:00Z'), painNrs7DayAverage: 6, painNrsNow: 6 },
        { id: 'first', recordedAtMs: at('2026-01-23T10:00:00Z'), painNrs7DayAverage: 3, painNrsNow: 3 },
      ],
    };
    const r = relief([f]);
    expect(r.measurements.map((m) => m.recordId)).toEqual(['first', 'second']);
    expect(r.outcome).toMatchObject({ code: 'RELIEF_LOST', day: 8, followUpIds: ['f7'], recordIds: ['second'] });
  });

  it('gives observations a Kaplan–Meier curve takes as they are', () => {
    const observations = [
      relief([followUp(7, 3), followUp(28, 7)]),
      relief([followUp(7, 3), followUp(14, 4), followUp(28)], { asOfMs: closesAt(28) }),
      relief([followUp(7, 3)], { course: { baselinePainNrs: null } }),
    ].flatMap((r) => (r.observation ? [r.observation] : []));
    const curve = kaplanMeier(observations);
    expect(curve.subjects).toBe(2);
    expect(curve.steps.map((s) => [s.time, s.events, s.censored])).toEqual([
      [14, 0, 1],
      [28, 1, 0],
    ]);
  });
});

describe('highestHeldAverages', () => {
  const under = (l: ReliefSettings['line']) => highestHeldAverages(line(l));

  it('holds the 30 % line up to a reduction of exactly 30 %: 7 from 10, 2 from 3 (33 %), 0 from 1', () => {
    expect(under('MODERATE')).toEqual([0, 1, 2, 2, 3, 4, 4, 5, 6, 7]);
  });

  it('holds the 50 % line up to exactly half: 5 from 10, 1 from 3 (67 %), 0 from 1', () => {
    expect(under('SUBSTANTIAL')).toEqual([0, 1, 1, 2, 2, 3, 3, 4, 4, 5]);
  });

  it('holds the 2-point line up to 2 below the baseline, and never from a baseline of 1 (−1)', () => {
    expect(under('POINTS')).toEqual([-1, 0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("agrees with courseRelief's loss for every baseline and average under each line", () => {
    for (const l of ['MODERATE', 'SUBSTANTIAL', 'POINTS'] as const)
      under(l).forEach((highest, i) => {
        for (let average = 0; average <= 10; average++) {
          const { outcome } = relief([followUp(7, average)], { course: { baselinePainNrs: i + 1 }, settings: line(l) });
          expect(outcome.code).toBe(average > highest ? 'RELIEF_LOST' : 'STILL_RESPONDING');
        }
      });
  });
});
