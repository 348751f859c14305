// Moving sessions to other days end to end: re-planning the rest of a course from one session
// keeps the protocol's pattern and is all or nothing under the eligibility gate, a stale version
// is refused, and a session moved to another day races a booking of the same slot cleanly.
import { DateTime } from 'luxon';
import { rowCounts, startTestApp, TestContext, TestUser } from '../support/context';

const ZONE = 'Europe/London';

/** A clinic-local date `days` from today. */
function localDay(days: number): string {
  return DateTime.now().setZone(ZONE).startOf('day').plus({ days }).toISODate()!;
}

/** The UTC instant of a clinic-local wall-clock time. */
function at(date: string, hhmm: string, plusMinutes = 0): string {
  return DateTime.fromISO(`${date}T${hhmm}`, { zone: ZONE }).plus({ minutes: plusMinutes }).toUTC().toISO()!;
}

function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate()!;
}

const dayOf = (instant: string) => DateTime.fromISO(instant).setZone(ZONE).toISODate()!;

interface PlanSession {
  chairId: string;
  startsAt: string;
  endsAt: string;
}

describe('re-planning a course', () => {
  let ctx: TestContext;
  let scheduler: TestUser;
  let fiveDay: string;
  let single: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ SCHEDULER: scheduler } = await ctx.users());
    await ctx.openClinic();
    fiveDay = await ctx.protocolId('IV_FIVE_DAY_LOW_DOSE');
    single = await ctx.protocolId('IV_SINGLE_INFUSION');
  });
  afterAll(() => ctx.close());

  const post = (path: string, body: object, user = scheduler) =>
    ctx.http().post(path).set('Cookie', user.cookie).send(body);

  /** Rows a write could touch; the gate's READ audit rows are not changes. */
  async function writtenRows() {
    const { audit: _reads, ...rows } = await rowCounts(ctx.prisma);
    return { ...rows, changes: await ctx.prisma.auditEvent.count({ where: { action: { not: 'READ' } } }) };
  }

  const appointments = (courseId: string) =>
    ctx.prisma.appointment.findMany({
      where: { courseId },
      orderBy: { sessionNumber: 'asc' },
      select: {
        id: true,
        sessionNumber: true,
        status: true,
        version: true,
        chairId: true,
        startsAt: true,
        endsAt: true,
      },
    });

  /** A five-day course booked through the API from `first`, at `hhmm` on `chairId`. */
  async function fiveDayCourse(patientId: string, chairId: string, first: string, hhmm = '09:00') {
    const sessions = [0, 1, 2, 3, 4].map((d) => ({
      chairId,
      startsAt: at(addDays(first, d), hhmm),
      endsAt: at(addDays(first, d), hhmm, 240),
    }));
    const res = await post('/api/courses', { patientId, protocolId: fiveDay, sessions }).expect(201);
    return res.body as { id: string; appointments: { id: string; version: number; startsAt: string }[] };
  }

  /** The replan body for `plan` over the sessions moving (as replan-options named them). */
  const replanBody = (
    fromSession: number,
    moving: { appointmentId: string; version: number }[],
    sessions: PlanSession[],
  ) => ({
    fromSession,
    sessions: sessions.map((s, i) => ({
      appointmentId: moving[i].appointmentId,
      version: moving[i].version,
      chairId: s.chairId,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
    })),
  });

  it('re-plans sessions 4–5 of a five-day course onto consecutive later days, leaving 1–3 alone and raising their calendar SEQUENCE', async () => {
    const chair = await ctx.newChair();
    const patient = await ctx.newEligiblePatient();
    const first = localDay(2);
    const course = await fiveDayCourse(patient.id, chair.id, first);
    const before = await appointments(course.id);

    const options = await post(`/api/courses/${course.id}/replan-options`, {
      fromSession: 4,
      earliest: addDays(first, 8),
    }).expect(200);
    expect(options.body.moving.map((m: { sessionNumber: number }) => m.sessionNumber)).toEqual([4, 5]);
    expect(options.body.searchFrom).toBe(addDays(first, 8));
    expect(options.body.rule).toMatch(/^Sessions 4–5 stay on consecutive days with each other/);
    expect(options.body.plans.length).toBeGreaterThan(0);
    for (const plan of options.body.plans as { sessions: PlanSession[]; reasons: { code: string }[] }[]) {
      expect(plan.sessions).toHaveLength(2);
      const [d4, d5] = plan.sessions.map((s) => dayOf(s.startsAt));
      expect(d4 >= addDays(first, 8)).toBe(true);
      expect(d5).toBe(addDays(d4, 1));
      expect(plan.reasons.length).toBeGreaterThan(0);
    }
    const chosen = options.body.plans[0].sessions as PlanSession[];
    const res = await post(`/api/courses/${course.id}/replan`, replanBody(4, options.body.moving, chosen)).expect(200);
    expect(res.body.items.map((i: { sessionNumber: number; version: number }) => [i.sessionNumber, i.version])).toEqual(
      [
        [4, 2],
        [5, 2],
      ],
    );

    const after = await appointments(course.id);
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
    expect(after.slice(3).map((a) => [a.startsAt.toISOString(), a.status])).toEqual(
      chosen.map((s) => [new Date(s.startsAt).toISOString(), 'BOOKED']),
    );
    expect(
      await ctx.prisma.auditEvent.count({
        where: { action: 'RESCHEDULE', entityId: { in: [after[3].id, after[4].id] } },
      }),
    ).toBe(2);

    // A calendar that imported the sessions replaces the moved ones: same UID, SEQUENCE 1.
    const ics = await ctx
      .http()
      .get(`/api/patients/${patient.id}/appointments.ics`)
      .set('Cookie', scheduler.cookie)
      .expect(200);
    const events = ics.text.split('BEGIN:VEVENT').slice(1);
    const sequence = (id: string) => /SEQUENCE:(\d+)/.exec(events.find((e) => e.includes(id))!)![1];
    expect([after[2].id, after[3].id, after[4].id].map(sequence)).toEqual(['0', '1', '1']);
  });

  it('keeps the pattern: a gap between the re-planned sessions, or session 4 on the day of session 3, is refused (409, nothing written)', async () => {
    const chair = await ctx.newChair();
    const patient = await ctx.newEligiblePatient();
    const first = localDay(3);
    const course = await fiveDayCourse(patient.id, chair.id, first);
    const moving = course.appointments.slice(3).map((a) => ({ appointmentId: a.id, version: a.version }));
    const session = (day: string) => ({ chairId: chair.id, startsAt: at(day, '13:00'), endsAt: at(day, '13:00', 240) });
    const before = await writtenRows();

    const gap = await post(
      `/api/courses/${course.id}/replan`,
      replanBody(4, moving, [session(addDays(first, 8)), session(addDays(first, 10))]),
    ).expect(409);
    expect(gap.body.code).toBe('PLAN_INFEASIBLE');
    expect(gap.body.reasons).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'PATTERN_BROKEN' })]));

    const early = await post(
      `/api/courses/${course.id}/replan`,
      replanBody(4, moving, [session(addDays(first, 2)), session(addDays(first, 3))]),
    ).expect(409);
    expect(early.body.reasons).toEqual([
      expect.objectContaining({ code: 'REPLAN_TOO_EARLY', message: expect.stringContaining(addDays(first, 3)) }),
    ]);

    // Naming other sessions than the ones re-planned is a field error.
    const wrong = await post(
      `/api/courses/${course.id}/replan`,
      replanBody(3, moving, [session(addDays(first, 8)), session(addDays(first, 9))]),
    ).expect(400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'sessions', rule: 'replannedSessions' })]);
    expect(await writtenRows()).toEqual(before);
  });

  it('is all or nothing under the eligibility gate: one new date past the screening refuses every move (422 naming it)', async () => {
    const chair = await ctx.newChair();
    // Screenings valid from today to day 8 of the clinic's calendar.
    const patient = await ctx.newEligiblePatient({}, { validDays: 8 });
    const first = localDay(1);
    const course = await fiveDayCourse(patient.id, chair.id, first);
    const moving = course.appointments.slice(3).map((a) => ({ appointmentId: a.id, version: a.version }));
    const session = (day: string) => ({ chairId: chair.id, startsAt: at(day, '10:00'), endsAt: at(day, '10:00', 240) });
    const before = await writtenRows();
    const rows = await appointments(course.id);

    const [d4, d5] = [localDay(8), localDay(9)];
    const res = await post(
      `/api/courses/${course.id}/replan`,
      replanBody(4, moving, [session(d4), session(d5)]),
    ).expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('NOT_ELIGIBLE');
    const refused = (res.body.eligibility as { on: string }[]).map((e) => e.on);
    expect(refused).toContain(d5);
    expect(refused).not.toContain(d4);
    expect(await writtenRows()).toEqual(before);
    expect(await appointments(course.id)).toEqual(rows);

    // The same move within the screening's validity goes through.
    await post(
      `/api/courses/${course.id}/replan`,
      replanBody(4, moving, [session(localDay(7)), session(localDay(8))]),
    ).expect(200);
  });

  it('shifts sessions 4–5 a day later, session 4 into the chair and time session 5 leaves', async () => {
    const chair = await ctx.newChair();
    const patient = await ctx.newEligiblePatient();
    const first = localDay(5);
    const course = await fiveDayCourse(patient.id, chair.id, first);
    const moving = course.appointments.slice(3).map((a) => ({ appointmentId: a.id, version: a.version }));
    const session = (day: string) => ({ chairId: chair.id, startsAt: at(day, '09:00'), endsAt: at(day, '09:00', 240) });
    const target = [session(addDays(first, 4)), session(addDays(first, 5))];

    await post(`/api/courses/${course.id}/replan`, replanBody(4, moving, target)).expect(200);
    const after = await appointments(course.id);
    expect(after.slice(3).map((a) => a.startsAt.toISOString())).toEqual(
      target.map((t) => new Date(t.startsAt).toISOString()),
    );
  });

  it('answers a stale version with 409 and moves nothing', async () => {
    const chair = await ctx.newChair();
    const patient = await ctx.newEligiblePatient();
    const first = localDay(4);
    const course = await fiveDayCourse(patient.id, chair.id, first);
    const fifth = course.appointments[4];
    // Someone moves session 5 to the afternoon of its own day after the desk read the course.
    await post(`/api/appointments/${fifth.id}/reschedule`, {
      version: 1,
      chairId: chair.id,
      startsAt: at(addDays(first, 4), '14:00'),
      endsAt: at(addDays(first, 4), '14:00', 240),
    }).expect(200);
    const rows = await appointments(course.id);
    const moving = course.appointments.slice(3).map((a) => ({ appointmentId: a.id, version: a.version }));
    const session = (day: string) => ({ chairId: chair.id, startsAt: at(day, '09:00'), endsAt: at(day, '09:00', 240) });

    const res = await post(
      `/api/courses/${course.id}/replan`,
      replanBody(4, moving, [session(addDays(first, 9)), session(addDays(first, 10))]),
    ).expect(409);
    expect(res.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    expect(await appointments(course.id)).toEqual(rows);
  });

  it('never touches a session that has started, and names no session beyond the course', async () => {
    const chair = await ctx.newChair();
    const patient = await ctx.newEligiblePatient();
    // Session 1 started an hour ago; sessions 2–3 follow on the next days.
    const start = DateTime.now().minus({ hours: 1 });
    const sessions = [0, 1, 2].map((d) => ({
      chairId: chair.id,
      startsAt: start.plus({ days: d }).toUTC().toISO()!,
      endsAt: start.plus({ days: d, minutes: 240 }).toUTC().toISO()!,
    }));
    const course = await ctx.newBookedCourse(patient.id, sessions, 'IV_FIVE_DAY_LOW_DOSE');

    const started = await post(`/api/courses/${course.id}/replan-options`, { fromSession: 1 }).expect(409);
    expect(started.body.reasons).toEqual([
      expect.objectContaining({
        code: 'REPLAN_SESSION_STARTED',
        message: expect.stringMatching(/^Session 1 has started/),
      }),
    ]);
    const beyond = await post(`/api/courses/${course.id}/replan-options`, { fromSession: 6 }).expect(400);
    expect(beyond.body.errors).toEqual([
      expect.objectContaining({ field: 'fromSession', rule: 'REPLAN_NO_SUCH_SESSION' }),
    ]);
    // From session 2 on, the sessions after the one under way are searched.
    const rest = await post(`/api/courses/${course.id}/replan-options`, {
      fromSession: 2,
      earliest: localDay(5),
    }).expect(200);
    expect(rest.body.moving.map((m: { sessionNumber: number }) => m.sessionNumber)).toEqual([2, 3]);
  });

  describe('moving one session to another day', () => {
    it('moves the session of a single-infusion course to another day, and keeps a five-day session on its own', async () => {
      const chair = await ctx.newChair();
      const patient = await ctx.newEligiblePatient();
      const day = localDay(3);
      const booked = await post('/api/courses', {
        patientId: patient.id,
        protocolId: single,
        sessions: [{ chairId: chair.id, startsAt: at(day, '09:00'), endsAt: at(day, '09:00', 40) }],
      }).expect(201);
      const appointment = booked.body.appointments[0];
      const later = addDays(day, 4);

      const options = await post(`/api/appointments/${appointment.id}/reschedule-options`, { date: later }).expect(200);
      expect(options.body.plans.length).toBeGreaterThan(0);
      for (const plan of options.body.plans as { sessions: PlanSession[] }[])
        expect(dayOf(plan.sessions[0].startsAt)).toBe(later);
      const moved = await post(`/api/appointments/${appointment.id}/reschedule`, {
        version: 1,
        chairId: options.body.plans[0].sessions[0].chairId,
        startsAt: options.body.plans[0].sessions[0].startsAt,
        endsAt: options.body.plans[0].sessions[0].endsAt,
      }).expect(200);
      expect(dayOf(moved.body.startsAt)).toBe(later);

      const course = await fiveDayCourse((await ctx.newEligiblePatient()).id, chair.id, localDay(10));
      const refused = await post(`/api/appointments/${course.appointments[4].id}/reschedule-options`, {
        date: localDay(20),
      }).expect(409);
      expect(refused.body.reasons).toEqual([
        expect.objectContaining({
          code: 'MOVE_BREAKS_CONSECUTIVE_DAYS',
          message: expect.stringMatching(/re-plan from session 5/),
        }),
      ]);
    });

    it('a concurrent booking of a slot being moved into gives exactly one success', async () => {
      const chair = await ctx.newChair();
      const [mover, booker] = [await ctx.newEligiblePatient(), await ctx.newEligiblePatient()];
      const day = localDay(5);
      const booked = await post('/api/courses', {
        patientId: mover.id,
        protocolId: single,
        sessions: [{ chairId: chair.id, startsAt: at(day, '09:00'), endsAt: at(day, '09:00', 40) }],
      }).expect(201);
      const slot = {
        chairId: chair.id,
        startsAt: at(addDays(day, 2), '11:00'),
        endsAt: at(addDays(day, 2), '11:00', 40),
      };

      const [move, booking] = await Promise.all([
        post(`/api/appointments/${booked.body.appointments[0].id}/reschedule`, { version: 1, ...slot }),
        post('/api/courses', { patientId: booker.id, protocolId: single, sessions: [slot] }),
      ]);
      expect([move.status, booking.status].filter((status) => status < 300)).toHaveLength(1);
      const loser = move.status < 300 ? booking : move;
      expect(loser.status).toBe(409);
      expect(loser.headers['content-type']).toContain('application/problem+json');
      // The booking lock orders the two: the later one's re-check, or the constraint, refuses it.
      expect(['SLOT_TAKEN', 'PLAN_INFEASIBLE']).toContain(loser.body.code);
      if (loser.body.code === 'PLAN_INFEASIBLE')
        expect(loser.body.reasons).toEqual([expect.objectContaining({ code: 'RESOURCE_BUSY' })]);
      const inSlot = await ctx.prisma.appointment.count({
        where: { chairId: chair.id, startsAt: new Date(slot.startsAt), status: 'BOOKED' },
      });
      expect(inSlot).toBe(1);
    });

    it('a concurrent booking of a slot a re-plan moves into gives exactly one success, and the re-plan moves none of its sessions if it loses', async () => {
      const chair = await ctx.newChair();
      const [mover, booker] = [await ctx.newEligiblePatient(), await ctx.newEligiblePatient()];
      const first = localDay(6);
      const course = await fiveDayCourse(mover.id, chair.id, first);
      const rows = await appointments(course.id);
      const moving = course.appointments.slice(3).map((a) => ({ appointmentId: a.id, version: a.version }));
      const session = (day: string) => ({
        chairId: chair.id,
        startsAt: at(day, '12:00'),
        endsAt: at(day, '12:00', 240),
      });
      const target = [session(addDays(first, 9)), session(addDays(first, 10))];

      const [replan, booking] = await Promise.all([
        post(`/api/courses/${course.id}/replan`, replanBody(4, moving, target)),
        post('/api/courses', {
          patientId: booker.id,
          protocolId: single,
          sessions: [{ ...target[1], endsAt: at(addDays(first, 10), '12:00', 40) }],
        }),
      ]);
      expect([replan.status, booking.status].filter((s) => s < 300)).toHaveLength(1);
      const loser = replan.status < 300 ? booking : replan;
      expect(loser.status).toBe(409);
      expect(['SLOT_TAKEN', 'PLAN_INFEASIBLE']).toContain(loser.body.code);
      if (replan.status === 409) expect(await appointments(course.id)).toEqual(rows);
      else expect((await appointments(course.id)).slice(3).every((a) => a.version === 2)).toBe(true);
    });
  });
});
