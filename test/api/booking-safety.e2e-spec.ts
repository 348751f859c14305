// Booking safety end to end: one infusion a day per patient, a moved session of a consecutive-days
// course stays on its own day, nothing that has started (or belongs to a cancelled course) is moved or cancelled, a course
// is not cancelled while a session is in the chair, and only the newest protocol version books.
import { DateTime } from 'luxon';
import pg from 'pg';
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

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** Resolves once some session is waiting for an advisory lock (the booking under test). */
async function waitForAdvisoryLockWaiter(client: pg.Client) {
  for (let i = 0; i < 100; i++) {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`,
    );
    if (rows[0].n > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('No request waited for the eligibility lock within 5 s');
}

describe('booking safety', () => {
  let ctx: TestContext;
  let scheduler: TestUser;
  let nurse: TestUser;
  let admin: TestUser;
  let fiveDay: string;
  let single: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ SCHEDULER: scheduler, NURSE: nurse, ADMIN: admin } = await ctx.users());
    await ctx.openClinic();
    fiveDay = await ctx.protocolId('IV_FIVE_DAY_LOW_DOSE');
    single = await ctx.protocolId('IV_SINGLE_INFUSION');
  });
  afterAll(() => ctx.close());

  const post = (path: string, body: object, user = scheduler) =>
    ctx.http().post(path).set('Cookie', user.cookie).send(body);

  /**
   * Rows a booking write could touch. Reads leave READ audit rows (the eligibility gate records
   * every consultation), so audit rows count here only when they record a change.
   */
  async function writtenRows() {
    const { audit: _reads, ...rows } = await rowCounts(ctx.prisma);
    return { ...rows, changes: await ctx.prisma.auditEvent.count({ where: { action: { not: 'READ' } } }) };
  }

  const appointment = (id: string) =>
    ctx.prisma.appointment.findUniqueOrThrow({
      where: { id },
      select: { status: true, version: true, chairId: true, startsAt: true, endsAt: true },
    });

  function fiveDays(chairId: string, first: string, hhmm = '09:00') {
    return [0, 1, 2, 3, 4].map((d) => ({
      chairId,
      startsAt: at(addDays(first, d), hhmm),
      endsAt: at(addDays(first, d), hhmm, 240),
    }));
  }

  describe('eligibility decided under the lock screening changes take', () => {
    it('waits for a screening change in flight and then refuses on what it committed (422, nothing booked)', async () => {
      const chair = await ctx.newChair();
      const patient = await ctx.newEligiblePatient();
      // Submitted after the signed screenings (which the factory signs at noon), so it is the newer.
      const pending = await ctx.newSubmittedScreening(patient.id, 'CARDIOVASCULAR', {
        result: 'ELIGIBLE',
        submittedAt: `${localDay(0)}T12:30:00Z`,
      });
      const day = localDay(4);
      // Another connection plays a clinician's screening change: it holds the patient's eligibility
      // lock while it turns the pending screening into a contraindication.
      const clinician = new pg.Client({ connectionString: ctx.config.databaseUrl });
      await clinician.connect();
      try {
        await clinician.query('BEGIN');
        await clinician.query(`SELECT pg_advisory_xact_lock(hashtext('eligibility:' || $1::text))`, [patient.id]);
        const absolute = {
          ruleId: 'bp-confirmed-block',
          reason: 'Blood pressure at or above the block limit',
          severity: 'ABSOLUTE',
          source: 'test',
          evidence: '',
        };
        await clinician.query(`UPDATE "Screening" SET result = 'CONTRAINDICATED', reasons = $2::jsonb WHERE id = $1`, [
          pending.id,
          JSON.stringify([absolute]),
        ]);
        const booking = post('/api/courses', {
          patientId: patient.id,
          protocolId: single,
          sessions: [{ chairId: chair.id, startsAt: at(day, '10:00'), endsAt: at(day, '10:40') }],
        }).then((res) => res);
        await waitForAdvisoryLockWaiter(clinician);
        await clinician.query('COMMIT');
        const res = await booking;
        expect(res.status).toBe(422);
        expect(res.body.code).toBe('NOT_ELIGIBLE');
        expect(await ctx.prisma.course.count({ where: { patientId: patient.id } })).toBe(0);
      } finally {
        await clinician.end();
      }
    });
  });

  describe('one infusion a day per patient', () => {
    it('refuses a second course with a session on a day the patient is already booked (409, nothing written)', async () => {
      const [chairA, chairB] = [await ctx.newChair(), await ctx.newChair()];
      const patient = await ctx.newEligiblePatient();
      const day = localDay(6);
      // A single infusion late in the afternoon, in another chair: no overlap with a 09:00 session.
      await post('/api/courses', {
        patientId: patient.id,
        protocolId: single,
        sessions: [{ chairId: chairB.id, startsAt: at(day, '16:00'), endsAt: at(day, '16:40') }],
      }).expect(201);

      const before = await writtenRows();
      const res = await post('/api/courses', {
        patientId: patient.id,
        protocolId: fiveDay,
        sessions: fiveDays(chairA.id, addDays(day, -2)),
      }).expect(409);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('PLAN_INFEASIBLE');
      expect(res.body.reasons).toEqual([expect.objectContaining({ code: 'PATIENT_SAME_DAY', sessionIndex: 2 })]);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'sessions[2]', rule: 'PATIENT_SAME_DAY' })]);
      expect(await writtenRows()).toEqual(before);

      // Another patient may have that chair and those days.
      const other = await ctx.newEligiblePatient();
      await post('/api/courses', {
        patientId: other.id,
        protocolId: fiveDay,
        sessions: fiveDays(chairA.id, addDays(day, -2)),
      }).expect(201);
    });

    it('never offers a plan with a session on a day the patient is already booked', async () => {
      const chair = await ctx.newChair();
      const patient = await ctx.newEligiblePatient();
      const day = localDay(12);
      await post('/api/courses', {
        patientId: patient.id,
        protocolId: single,
        sessions: [{ chairId: chair.id, startsAt: at(day, '17:00'), endsAt: at(day, '17:40') }],
      }).expect(201);
      const res = await post('/api/courses/options', {
        patientId: patient.id,
        protocolId: fiveDay,
        earliest: addDays(day, -4),
        k: 10,
      }).expect(200);
      expect(res.body.plans.length).toBeGreaterThan(0);
      for (const plan of res.body.plans as { sessions: { startsAt: string }[] }[]) {
        const days = plan.sessions.map((s) => DateTime.fromISO(s.startsAt).setZone(ZONE).toISODate());
        expect(days).not.toContain(day);
      }
      // The first offer starts the day after the booked one: every earlier five-day run crosses it.
      expect(DateTime.fromISO(res.body.plans[0].sessions[0].startsAt).setZone(ZONE).toISODate()).toBe(addDays(day, 1));
    });
  });

  describe('moving one session', () => {
    it('refuses to move a session of a consecutive-days course to another day, before or after its course (409, nothing written)', async () => {
      const [chair, spare] = [await ctx.newChair(), await ctx.newChair()];
      const patient = await ctx.newEligiblePatient();
      const first = localDay(4);
      const course = await post('/api/courses', {
        patientId: patient.id,
        protocolId: fiveDay,
        sessions: fiveDays(chair.id, first),
      }).expect(201);
      const fifth = course.body.appointments[4];

      const before = await writtenRows();
      for (const day of [first, addDays(first, 11)]) {
        const res = await post(`/api/appointments/${fifth.id}/reschedule`, {
          version: 1,
          chairId: spare.id,
          startsAt: at(day, '13:00'),
          endsAt: at(day, '17:00'),
        }).expect(409);
        expect(res.body.code).toBe('PLAN_INFEASIBLE');
        expect(res.body.reasons).toEqual([expect.objectContaining({ code: 'MOVE_BREAKS_CONSECUTIVE_DAYS' })]);
        expect(res.body.reasons[0].message).toMatch(/the day after session 4 .*re-plan from session 5/);
      }
      // The search for new times does not leave the session's day either.
      const later = await post(`/api/appointments/${fifth.id}/reschedule-options`, {
        earliest: addDays(first, 6),
      }).expect(409);
      expect(later.body.reasons).toEqual([expect.objectContaining({ code: 'MOVE_BREAKS_CONSECUTIVE_DAYS' })]);
      expect(await writtenRows()).toEqual(before);
      expect(await appointment(fifth.id)).toMatchObject({
        version: 1,
        chairId: chair.id,
        startsAt: new Date(fifth.startsAt),
      });
    });

    it('offers and makes a move to another chair and time on the same day', async () => {
      const [chair, spare] = [await ctx.newChair(), await ctx.newChair()];
      const patient = await ctx.newEligiblePatient();
      const first = localDay(5);
      const course = await post('/api/courses', {
        patientId: patient.id,
        protocolId: fiveDay,
        sessions: fiveDays(chair.id, first),
      }).expect(201);
      const third = course.body.appointments[2];
      const day = addDays(first, 2);

      // Searching from today still searches only the session's day.
      const options = await post(`/api/appointments/${third.id}/reschedule-options`, { earliest: localDay(0) }).expect(
        200,
      );
      expect(options.body.plans.length).toBeGreaterThan(0);
      for (const plan of options.body.plans) {
        expect(plan.sessions).toHaveLength(1);
        expect(DateTime.fromISO(plan.sessions[0].startsAt).setZone(ZONE).toISODate()).toBe(day);
        // Where the session already is, is not offered as a move.
        expect([plan.sessions[0].chairId, Date.parse(plan.sessions[0].startsAt)]).not.toEqual([
          third.chairId,
          Date.parse(third.startsAt),
        ]);
      }

      const target = { chairId: spare.id, startsAt: at(day, '13:30'), endsAt: at(day, '17:30') };
      const moved = await post(`/api/appointments/${third.id}/reschedule`, { version: 1, ...target }).expect(200);
      expect(moved.body).toMatchObject({
        id: third.id,
        chairId: spare.id,
        startsAt: new Date(target.startsAt).toISOString(),
        version: 2,
        status: 'BOOKED',
      });
    });
  });

  describe('sessions that have started, and cancelled courses', () => {
    it('refuses to move or cancel a session under way or over; a no-show records it instead', async () => {
      const chair = await ctx.newChair();
      const patient = await ctx.newEligiblePatient();
      const tomorrow = localDay(1);
      const course = await ctx.newBookedCourse(patient.id, [
        { chairId: chair.id, startsAt: minutesFromNow(-60), endsAt: minutesFromNow(180) },
        { chairId: chair.id, startsAt: at(tomorrow, '09:00'), endsAt: at(tomorrow, '13:00') },
      ]);
      const [underWay] = course.appointmentIds;
      const over = await ctx.newBookedCourse(patient.id, [
        { chairId: chair.id, startsAt: at(localDay(-2), '09:00'), endsAt: at(localDay(-2), '13:00') },
      ]);

      const before = await writtenRows();
      for (const id of [underWay, over.appointmentIds[0]]) {
        const current = await appointment(id);
        const move = await post(`/api/appointments/${id}/reschedule`, {
          version: 1,
          chairId: chair.id,
          startsAt: minutesFromNow(300),
          endsAt: minutesFromNow(540),
        }).expect(409);
        expect(move.body).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'SESSION_STARTED' });
        expect(move.body.detail).toMatch(/no-show/);
        const search = await post(`/api/appointments/${id}/reschedule-options`, {}).expect(409);
        expect(search.body).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'SESSION_STARTED' });
        const cancel = await post(`/api/appointments/${id}/cancel`, { version: 1, reason: 'Patient left' }).expect(409);
        expect(cancel.body).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'SESSION_STARTED' });
        expect(await appointment(id)).toEqual(current);
      }
      expect(await writtenRows()).toEqual(before);

      const noShow = await post(`/api/appointments/${over.appointmentIds[0]}/no-show`, { version: 1 }, nurse).expect(
        200,
      );
      expect(noShow.body).toMatchObject({ status: 'NO_SHOW', version: 2 });
    });

    it('refuses to cancel a course while a session is under way, then cancels what has not started once it is marked', async () => {
      const chair = await ctx.newChair();
      const patient = await ctx.newEligiblePatient();
      const [yesterday, tomorrow] = [localDay(-1), localDay(1)];
      const course = await ctx.newBookedCourse(patient.id, [
        { chairId: chair.id, startsAt: at(yesterday, '09:00'), endsAt: at(yesterday, '13:00') },
        { chairId: chair.id, startsAt: minutesFromNow(-30), endsAt: minutesFromNow(210) },
        { chairId: chair.id, startsAt: at(tomorrow, '09:00'), endsAt: at(tomorrow, '13:00') },
      ]);
      const [done, underWay, upcoming] = course.appointmentIds;

      const before = await writtenRows();
      const refused = await post(`/api/courses/${course.id}/cancel`, {
        version: 1,
        reason: 'Patient moved away',
      }).expect(409);
      expect(refused.body).toMatchObject({
        code: 'INVALID_TRANSITION',
        reason: 'SESSION_UNDER_WAY',
        appointmentIds: [underWay],
      });
      expect(refused.body.detail).toMatch(/under way; finish it or mark it first/);
      expect(await writtenRows()).toEqual(before);
      expect(
        await ctx.prisma.course.findUniqueOrThrow({
          where: { id: course.id },
          select: { status: true, version: true },
        }),
      ).toEqual({ status: 'BOOKED', version: 1 });
      expect((await appointment(upcoming)).status).toBe('BOOKED');

      await post(`/api/appointments/${underWay}/no-show`, { version: 1 }, nurse).expect(200);
      const cancelled = await post(`/api/courses/${course.id}/cancel`, {
        version: 1,
        reason: 'Patient moved away',
      }).expect(200);
      expect(cancelled.body).toMatchObject({ status: 'CANCELLED', version: 2 });
      const statuses = Object.fromEntries(
        cancelled.body.appointments.map((a: { id: string; status: string }) => [a.id, a.status]),
      );
      // The session that is over waits for completion or a no-show; only the one to come is cancelled.
      expect(statuses).toEqual({ [done]: 'BOOKED', [underWay]: 'NO_SHOW', [upcoming]: 'CANCELLED' });
      const audit = await ctx.prisma.auditEvent.findMany({
        where: { patientId: patient.id, action: 'CANCEL' },
        select: { entity: true, entityId: true },
      });
      expect(audit).toEqual(
        expect.arrayContaining([
          { entity: 'Course', entityId: course.id },
          { entity: 'Appointment', entityId: upcoming },
        ]),
      );
      expect(audit).toHaveLength(2);

      // A session of the cancelled course left over (already past) still goes through no-show.
      await post(`/api/appointments/${done}/cancel`, { version: 1, reason: 'x' }).expect(409);
      await post(`/api/appointments/${done}/no-show`, { version: 1 }, nurse).expect(200);
    });

    it('refuses to move or cancel a future session of a course that is no longer booked', async () => {
      const chair = await ctx.newChair();
      const patient = await ctx.newEligiblePatient();
      const day = localDay(3);
      const course = await ctx.newBookedCourse(patient.id, [
        { chairId: chair.id, startsAt: at(day, '09:00'), endsAt: at(day, '13:00') },
      ]);
      // A course cancelled while this session stayed booked (as data written before the rule).
      await ctx.prisma.course.update({
        where: { id: course.id },
        data: { status: 'CANCELLED', cancelReason: 'legacy' },
      });
      const id = course.appointmentIds[0];

      const before = await writtenRows();
      const move = await post(`/api/appointments/${id}/reschedule`, {
        version: 1,
        chairId: chair.id,
        startsAt: at(day, '13:00'),
        endsAt: at(day, '17:00'),
      }).expect(409);
      expect(move.body).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'COURSE_NOT_BOOKED' });
      const search = await post(`/api/appointments/${id}/reschedule-options`, {}).expect(409);
      expect(search.body).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'COURSE_NOT_BOOKED' });
      const cancel = await post(`/api/appointments/${id}/cancel`, { version: 1, reason: 'x' }).expect(409);
      expect(cancel.body).toMatchObject({ code: 'INVALID_TRANSITION', reason: 'COURSE_NOT_BOOKED' });
      expect(await writtenRows()).toEqual(before);
      expect(await appointment(id)).toMatchObject({ status: 'BOOKED', version: 1 });
    });
  });

  describe('protocol versions', () => {
    it('books only the newest active version of a protocol (422 naming it, nothing written)', async () => {
      const chair = await ctx.newChair();
      const patient = await ctx.newEligiblePatient();
      const v1 = await ctx.prisma.protocol.findUniqueOrThrow({ where: { id: single } });
      const published = await post(
        '/api/protocols',
        { key: v1.key, name: v1.name, route: v1.route, setting: v1.setting, definition: v1.definition as object },
        admin,
      ).expect(201);
      expect(published.body.version).toBe(2);

      const day = localDay(8);
      const session = { chairId: chair.id, startsAt: at(day, '10:00'), endsAt: at(day, '10:40') };
      const before = await writtenRows();
      const res = await post('/api/courses', { patientId: patient.id, protocolId: single, sessions: [session] }).expect(
        422,
      );
      expect(res.body).toMatchObject({
        code: 'PROTOCOL_NOT_BOOKABLE',
        reason: 'PROTOCOL_SUPERSEDED',
        currentProtocolId: published.body.id,
        currentVersion: 2,
      });
      expect(res.body.detail).toContain(`${v1.name} version 1 has been superseded by version 2`);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'protocolId', rule: 'latestVersion' })]);
      const options = await post('/api/courses/options', {
        patientId: patient.id,
        protocolId: single,
        earliest: day,
      }).expect(422);
      expect(options.body.reason).toBe('PROTOCOL_SUPERSEDED');
      expect(await writtenRows()).toEqual(before);

      const booked = await post('/api/courses', {
        patientId: patient.id,
        protocolId: published.body.id,
        sessions: [session],
      }).expect(201);
      expect(booked.body.protocol).toMatchObject({ id: published.body.id, version: 2 });
    });
  });
});
