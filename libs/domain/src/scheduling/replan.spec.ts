import { isPlanFeasible } from './feasibility';
import type { Protocol } from './protocol';
import { type CourseSessionDay, otherDayMoveProblems, replanDateProblems, replanWindow } from './replan';
import { catalogueProtocol, newClinic } from './scheduling.factory';
import { findCoursePlans } from './slot-search';

/** Sessions 1… of a course on the given clinic-local dates, booked and not started. */
function course(dates: string[], overrides: Partial<CourseSessionDay>[] = []): CourseSessionDay[] {
  return dates.map((date, i) => ({
    id: `A${i + 1}`,
    sessionNumber: i + 1,
    date,
    status: 'BOOKED',
    started: false,
    ...overrides[i],
  }));
}

const fiveDay = catalogueProtocol('IV_FIVE_DAY_LOW_DOSE');
const weekdays = catalogueProtocol('IV_MULTI_DAY_WEEKDAYS');
const single = catalogueProtocol('IV_SINGLE_INFUSION');
const continuous = catalogueProtocol('IV_CONTINUOUS_100H');
const weekly: Protocol = { ...fiveDay, key: 'WEEKLY', pattern: { kind: 'EVERY_N_DAYS', n: 7, sessions: 3 } };

// Monday 7 to Friday 11 December 2026.
const WEEK = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11'];

describe('otherDayMoveProblems', () => {
  it('lets the one session of a single-session protocol, or a continuous infusion, move to any day', () => {
    expect(otherDayMoveProblems(single, course(['2026-12-07']), 1, '2027-03-01')).toEqual([]);
    expect(otherDayMoveProblems(continuous, course(['2026-12-07']), 1, '2026-12-01')).toEqual([]);
  });

  it('always allows the session its own day', () => {
    expect(otherDayMoveProblems(fiveDay, course(WEEK), 3, '2026-12-09')).toEqual([]);
  });

  it('keeps a session of a consecutive-days course on the day after the one before and before the one after', () => {
    for (const to of ['2026-12-12', '2026-12-06', '2026-12-13']) {
      const problems = otherDayMoveProblems(fiveDay, course(WEEK), 5, to);
      expect(problems).toEqual([
        {
          code: 'MOVE_BREAKS_CONSECUTIVE_DAYS',
          message: expect.stringContaining('must be on 2026-12-11, the day after session 4'),
        },
      ]);
      expect(problems[0].message).toMatch(/re-plan from session 5/);
    }
    // A middle session is held by both neighbours.
    expect(otherDayMoveProblems(fiveDay, course(WEEK), 3, '2026-12-10').map((p) => p.code)).toEqual([
      'MOVE_BREAKS_CONSECUTIVE_DAYS',
      'MOVE_BREAKS_CONSECUTIVE_DAYS',
    ]);
  });

  it('counts a cancelled neighbour as holding no day, but keeps the distance to the next live one', () => {
    const cancelled = course(WEEK, [{}, {}, {}, { status: 'CANCELLED' }, {}]);
    // Session 5 stays two days after session 3 on 9 December.
    expect(otherDayMoveProblems(fiveDay, cancelled, 5, '2026-12-11')).toEqual([]);
    expect(otherDayMoveProblems(fiveDay, cancelled, 5, '2026-12-12')[0].message).toMatch(
      /must be on 2026-12-11, 2 days after session 3/,
    );
    // With every other session cancelled, nothing holds it.
    const alone = course(WEEK, [{ status: 'CANCELLED' }, { status: 'NO_SHOW' }, { status: 'CANCELLED' }, {}, {}]);
    expect(otherDayMoveProblems(fiveDay, alone, 4, '2026-12-01')[0].code).toBe('MOVE_BREAKS_CONSECUTIVE_DAYS');
    expect(otherDayMoveProblems(fiveDay, alone.slice(0, 4), 4, '2026-12-01')).toEqual([]);
  });

  it('keeps a weekday course on consecutive working days across the weekend', () => {
    // Sessions Thu 10, Fri 11, Mon 14 December.
    const sessions = course(['2026-12-10', '2026-12-11', '2026-12-14']);
    expect(otherDayMoveProblems(weekdays, sessions, 3, '2026-12-14')).toEqual([]);
    for (const to of ['2026-12-12', '2026-12-15']) {
      expect(otherDayMoveProblems(weekdays, sessions, 3, to)).toEqual([
        { code: 'MOVE_BREAKS_WEEKDAYS', message: expect.stringContaining('must be on 2026-12-14') },
      ]);
    }
  });

  it('keeps "every 7 days" at least 7 days from each neighbour: 7 allowed, 6 refused', () => {
    const sessions = course(['2026-12-01', '2026-12-08', '2026-12-15']);
    // The last session later: 7 days after the second is the boundary.
    expect(otherDayMoveProblems(weekly, sessions, 3, '2026-12-16')).toEqual([]);
    expect(otherDayMoveProblems(weekly, sessions, 3, '2026-12-14')).toEqual([
      { code: 'MOVE_TOO_CLOSE', message: expect.stringContaining('6 days from it') },
    ]);
    // The middle session: 8 December may not move a day either way without closing a gap.
    expect(otherDayMoveProblems(weekly, sessions, 2, '2026-12-09').map((p) => p.code)).toEqual(['MOVE_TOO_CLOSE']);
    expect(otherDayMoveProblems(weekly, sessions, 2, '2026-12-07').map((p) => p.code)).toEqual(['MOVE_TOO_CLOSE']);
    // The first session earlier is a longer gap.
    expect(otherDayMoveProblems(weekly, sessions, 1, '2026-11-20')).toEqual([]);
    // Past its neighbour is the wrong side of it.
    expect(otherDayMoveProblems(weekly, sessions, 3, '2026-12-07')[0].message).toMatch(/wrong side/);
  });
});

describe('replanWindow', () => {
  it('re-plans sessions 4–5 of a five-day course as two consecutive days after session 3', () => {
    const window = replanWindow(fiveDay, course(WEEK), 4, '2026-12-01');
    expect(window).toMatchObject({
      ok: true,
      sessions: 2,
      afterKept: '2026-12-10',
      searchFrom: '2026-12-10',
      protocol: { key: fiveDay.key, minutesPerSession: 240, pattern: { kind: 'CONSECUTIVE_DAYS', sessions: 2 } },
    });
    if (!window.ok) throw new Error('refused');
    expect(window.moving.map((s) => s.id)).toEqual(['A4', 'A5']);
    expect(window.rule).toBe(
      'Sessions 4–5 stay on consecutive days with each other, starting no earlier than 2026-12-10 (the pattern allows 2026-12-10 at the soonest, the day after session 3).',
    );
  });

  it('starts from the later of the date asked and the day after the sessions kept', () => {
    expect(replanWindow(fiveDay, course(WEEK), 4, '2026-12-09')).toMatchObject({ searchFrom: '2026-12-10' });
    expect(replanWindow(fiveDay, course(WEEK), 4, '2026-12-10')).toMatchObject({ searchFrom: '2026-12-10' });
    expect(replanWindow(fiveDay, course(WEEK), 4, '2026-12-11')).toMatchObject({ searchFrom: '2026-12-11' });
    // From session 1 nothing is kept: the date asked is the only limit.
    expect(replanWindow(fiveDay, course(WEEK), 1, '2026-12-02')).toMatchObject({
      searchFrom: '2026-12-02',
      afterKept: null,
      sessions: 5,
    });
  });

  it('keeps every n days from the session kept and among the re-planned sessions', () => {
    const window = replanWindow(weekly, course(['2026-12-01', '2026-12-08', '2026-12-15']), 2, '2026-12-03');
    expect(window).toMatchObject({
      ok: true,
      afterKept: '2026-12-08',
      searchFrom: '2026-12-08',
      protocol: { pattern: { kind: 'EVERY_N_DAYS', n: 7, sessions: 2 } },
    });
  });

  it('re-plans the rest of a weekday course as a weekday course of their count', () => {
    const window = replanWindow(weekdays, course(WEEK), 3, '2026-12-09');
    expect(window).toMatchObject({
      ok: true,
      sessions: 3,
      protocol: { pattern: { kind: 'WEEKDAYS', minSessions: 3, maxSessions: 3 } },
    });
  });

  it('never touches a started or recorded session from n on, and names each', () => {
    const started = course(WEEK, [{}, {}, {}, { started: true }, { status: 'COMPLETED' }]);
    const refused = replanWindow(fiveDay, started, 4, '2026-12-12');
    expect(refused).toEqual({
      ok: false,
      problems: [
        { code: 'REPLAN_SESSION_STARTED', message: 'Session 4 has started; re-plan from session 5 or later.' },
        {
          code: 'REPLAN_SESSION_STARTED',
          message: 'Session 5 has been recorded (completed); re-plan from session 6 or later.',
        },
      ],
    });
    // Sessions before n may be under way or done: they are kept as they are.
    expect(replanWindow(fiveDay, course(WEEK, [{ status: 'COMPLETED' }, { started: true }]), 3, '2026-12-10').ok).toBe(
      true,
    );
  });

  it('leaves cancelled sessions cancelled, and refuses when nothing booked is left', () => {
    const window = replanWindow(fiveDay, course(WEEK, [{}, {}, {}, { status: 'CANCELLED' }, {}]), 4, '2026-12-01');
    expect(window).toMatchObject({ ok: true, sessions: 1, searchFrom: '2026-12-10' });
    if (window.ok) expect(window.moving.map((s) => s.sessionNumber)).toEqual([5]);
    const none = course(WEEK, [{}, {}, {}, { status: 'CANCELLED' }, { status: 'CANCELLED' }]);
    expect(replanWindow(fiveDay, none, 4, '2026-12-01')).toMatchObject({
      ok: false,
      problems: [{ code: 'REPLAN_NOTHING_TO_MOVE' }],
    });
    expect(replanWindow(fiveDay, course(WEEK), 6, '2026-12-01')).toMatchObject({
      ok: false,
      problems: [{ code: 'REPLAN_NO_SUCH_SESSION' }],
    });
  });
});

describe('replanDateProblems', () => {
  const window = replanWindow(fiveDay, course(WEEK), 4, '2026-12-01');
  if (!window.ok) throw new Error('refused');

  it('accepts the first re-planned session on the first day the pattern allows, and refuses the day before', () => {
    expect(replanDateProblems(window, ['2026-12-10', '2026-12-11'])).toEqual([]);
    expect(replanDateProblems(window, ['2026-12-09', '2026-12-10'])).toEqual([
      {
        code: 'REPLAN_TOO_EARLY',
        message: expect.stringContaining('the earliest day the pattern allows is 2026-12-10'),
      },
    ]);
  });
});

describe('re-planning through the slot search and the re-check', () => {
  it('finds sessions 4–5 on consecutive later days, which the re-check accepts and a gap between them breaks', () => {
    const clinic = newClinic({ days: [1, 2, 3, 4, 5, 6, 7] });
    const window = replanWindow(fiveDay, course(WEEK), 4, '2026-12-14');
    if (!window.ok) throw new Error('refused');
    const [plan] = findCoursePlans({
      protocol: window.protocol,
      sessions: window.sessions,
      clinic,
      existing: [],
      patientId: 'P',
      earliest: window.searchFrom,
      horizonDays: 30,
      k: 1,
    });
    expect(plan.sessions.map((s) => s.start.slice(0, 10))).toEqual(['2026-12-14', '2026-12-15']);
    const ctx = { protocol: window.protocol, clinic, existing: [], patientId: 'P' };
    expect(isPlanFeasible(plan, ctx).feasible).toBe(true);
    const gap = {
      sessions: [
        plan.sessions[0],
        { ...plan.sessions[1], start: '2026-12-16T09:00:00.000Z', end: '2026-12-16T13:00:00.000Z' },
      ],
    };
    expect(isPlanFeasible(gap, ctx).reasons.map((r) => r.code)).toContain('PATTERN_BROKEN');
  });
});
