// Booking end to end: options from the domain's search, all-or-nothing course booking under
// concurrency, the eligibility gate, single-session changes with versions, the chair board and
// the iCalendar feed, against a real PostgreSQL with its exclusion constraints.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { isExclusionViolation } from '../../apps/api/src/common/prisma/pg-errors';
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

/**
 * Rows a refused booking must not write. Consulting the eligibility gate leaves a READ audit row
 * even on a refusal, so audit rows count only when they record a change.
 */
async function writtenRows(ctx: TestContext) {
  const { audit: _reads, ...rows } = await rowCounts(ctx.prisma);
  return { ...rows, changes: await ctx.prisma.auditEvent.count({ where: { action: { not: 'READ' } } }) };
}

describe('booking', () => {
  let ctx: TestContext;
  let scheduler: TestUser;
  let nurse: TestUser;
  let fiveDay: string;
  let single: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ SCHEDULER: scheduler, NURSE: nurse } = await ctx.users());
    await ctx.openClinic();
    fiveDay = await ctx.protocolId('IV_FIVE_DAY_LOW_DOSE');
    single = await ctx.protocolId('IV_SINGLE_INFUSION');
  });
  afterAll(() => ctx.close());

  const post = (path: string, body: object, user = scheduler) =>
    ctx.http().post(path).set('Cookie', user.cookie).send(body);

  function fiveDays(chairId: string, first: string, hhmm = '09:00') {
    return [0, 1, 2, 3, 4].map((d) => ({
      chairId,
      startsAt: at(addDays(first, d), hhmm),
      endsAt: at(addDays(first, d), hhmm, 240),
    }));
  }

  it('50 concurrent bookings of one chair and time: exactly one 201, 49 clean 409s, one set of appointments', async () => {
    const chair = await ctx.newChair();
    const day = localDay(6);
    const session = { chairId: chair.id, startsAt: at(day, '10:00'), endsAt: at(day, '10:00', 40) };
    const patients = [];
    for (let i = 0; i < 50; i++) patients.push(await ctx.newEligiblePatient());

    const responses = await Promise.all(
      patients.map((p) => post('/api/courses', { patientId: p.id, protocolId: single, sessions: [session] })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const r of responses.filter((res) => res.status === 409)) {
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(['SLOT_TAKEN', 'PLAN_INFEASIBLE']).toContain(r.body.code);
      expect(r.body.correlationId).toEqual(expect.any(String));
    }
    const booked = await ctx.prisma.appointment.findMany({ where: { chairId: chair.id } });
    expect(booked).toHaveLength(1);
    expect(await ctx.prisma.course.count({ where: { appointments: { some: { chairId: chair.id } } } })).toBe(1);
  });

  it('a five-day course whose fourth day is taken books nothing', async () => {
    const chair = await ctx.newChair();
    const first = localDay(8);
    const other = await ctx.newPatient();
    await ctx.newBookedCourse(other.id, [
      { chairId: chair.id, startsAt: at(addDays(first, 3), '08:00'), endsAt: at(addDays(first, 3), '12:00') },
    ]);
    const patient = await ctx.newEligiblePatient();
    const before = await writtenRows(ctx);

    const res = await post('/api/courses', {
      patientId: patient.id,
      protocolId: fiveDay,
      sessions: fiveDays(chair.id, first),
    }).expect(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('PLAN_INFEASIBLE');
    expect(res.body.reasons).toEqual([expect.objectContaining({ code: 'RESOURCE_BUSY', sessionIndex: 3 })]);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'sessions[3]', rule: 'RESOURCE_BUSY' })]);
    expect(await writtenRows(ctx)).toEqual(before);
  });

  it('a closure on the fourth day also books nothing, naming the closed day', async () => {
    const chair = await ctx.newChair();
    const first = localDay(15);
    const closure = await ctx.prisma.closure.create({
      data: {
        clinicId: ctx.clinicId,
        startsOn: new Date(`${addDays(first, 3)}T00:00:00Z`),
        endsOn: new Date(`${addDays(first, 3)}T00:00:00Z`),
        reason: 'Training day',
      },
    });
    const patient = await ctx.newEligiblePatient();
    const before = await writtenRows(ctx);
    const res = await post('/api/courses', {
      patientId: patient.id,
      protocolId: fiveDay,
      sessions: fiveDays(chair.id, first),
    }).expect(409);
    expect(res.body.reasons).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'CLINIC_CLOSED', sessionIndex: 3 })]),
    );
    expect(await writtenRows(ctx)).toEqual(before);
    await ctx.prisma.closure.delete({ where: { id: closure.id } });
  });

  it('an ineligible or expired-eligibility patient cannot be booked (422, nothing written)', async () => {
    const chair = await ctx.newChair();
    const first = localDay(9);
    const unscreened = await ctx.newPatient();
    const expiring = await ctx.newEligiblePatient({}, { validDays: 2 });
    const contraindicated = await ctx.newPatient();
    for (const kind of ['CARDIOVASCULAR', 'PSYCHIATRIC', 'GENERAL'] as const) {
      await ctx.newSignedScreening(
        contraindicated.id,
        kind,
        kind === 'CARDIOVASCULAR' ? { result: 'CONTRAINDICATED' } : {},
      );
    }
    for (const patient of [unscreened, expiring, contraindicated]) {
      const before = await writtenRows(ctx);
      const res = await post('/api/courses', {
        patientId: patient.id,
        protocolId: fiveDay,
        sessions: fiveDays(chair.id, first),
      }).expect(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('NOT_ELIGIBLE');
      expect(res.body.eligibility).toEqual(
        expect.arrayContaining([expect.objectContaining({ status: expect.not.stringMatching(/^ELIGIBLE$/) })]),
      );
      expect(await writtenRows(ctx)).toEqual(before);
    }
  });

  it('options are feasible plans, earliest first; booking one keeps the protocol version and the screenings', async () => {
    const patient = await ctx.newEligiblePatient();
    const earliest = localDay(3);
    const res = await post('/api/courses/options', {
      patientId: patient.id,
      protocolId: fiveDay,
      earliest,
      k: 4,
    }).expect(200);
    const plans = res.body.plans as {
      sessions: { chairId: string; chairName: string; startsAt: string; endsAt: string }[];
      sameChair: boolean;
      sameTime: boolean;
    }[];
    expect(plans).toHaveLength(4);
    const firstStarts = plans.map((p) => Date.parse(p.sessions[0].startsAt));
    expect([...firstStarts].sort((a, b) => a - b)).toEqual(firstStarts);
    expect(firstStarts[0]).toBeGreaterThanOrEqual(Date.parse(at(earliest, '00:00')));
    for (const plan of plans) {
      expect(plan.sessions).toHaveLength(5);
      const days = plan.sessions.map((s) => DateTime.fromISO(s.startsAt).setZone(ZONE).toISODate());
      expect(days).toEqual([0, 1, 2, 3, 4].map((d) => addDays(days[0]!, d)));
      for (const s of plan.sessions) {
        expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(240 * 60_000);
        expect(s.chairName).toEqual(expect.any(String));
      }
    }

    const booked = await post('/api/courses', {
      patientId: patient.id,
      protocolId: fiveDay,
      sessions: plans[0].sessions.map(({ chairId, startsAt, endsAt }) => ({ chairId, startsAt, endsAt })),
      baselinePainNrs: 7,
      baselinePainInterference: 6,
    }).expect(201);
    expect(booked.body).toMatchObject({
      patientId: patient.id,
      protocol: { id: fiveDay, key: 'IV_FIVE_DAY_LOW_DOSE', version: 1 },
      status: 'BOOKED',
      sessionCount: 5,
      baselinePainNrs: 7,
      version: 1,
    });
    expect([...booked.body.eligibilityScreeningIds].sort()).toEqual([...patient.screeningIds].sort());
    expect(
      booked.body.appointments.map((a: { sessionNumber: number; status: string }) => [a.sessionNumber, a.status]),
    ).toEqual([
      [1, 'BOOKED'],
      [2, 'BOOKED'],
      [3, 'BOOKED'],
      [4, 'BOOKED'],
      [5, 'BOOKED'],
    ]);
    // The same plan again (another patient) is refused: the chairs are taken.
    const again = await ctx.newEligiblePatient();
    await post('/api/courses', {
      patientId: again.id,
      protocolId: fiveDay,
      sessions: booked.body.appointments.map((a: { chairId: string; startsAt: string; endsAt: string }) => ({
        chairId: a.chairId,
        startsAt: a.startsAt,
        endsAt: a.endsAt,
      })),
    }).expect(409);

    const read = await ctx.http().get(`/api/courses/${booked.body.id}`).set('Cookie', nurse.cookie).expect(200);
    expect(read.body.id).toBe(booked.body.id);
    const list = await ctx
      .http()
      .get(`/api/patients/${patient.id}/courses`)
      .set('Cookie', scheduler.cookie)
      .expect(200);
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([booked.body.id]);
  });

  it('refuses to search or book a home protocol, and wants a session count for a weekday course', async () => {
    const patient = await ctx.newEligiblePatient();
    const oral = await ctx.protocolId('ORAL_MAINTENANCE');
    const res = await post('/api/courses/options', {
      patientId: patient.id,
      protocolId: oral,
      earliest: localDay(2),
    }).expect(422);
    expect(res.body.code).toBe('PROTOCOL_NOT_BOOKABLE');
    const weekdays = await ctx.protocolId('IV_MULTI_DAY_WEEKDAYS');
    const noCount = await post('/api/courses/options', {
      patientId: patient.id,
      protocolId: weekdays,
      earliest: localDay(2),
    }).expect(400);
    expect(noCount.body.errors).toEqual([expect.objectContaining({ field: 'sessions' })]);
    const six = await post('/api/courses/options', {
      patientId: patient.id,
      protocolId: weekdays,
      earliest: localDay(2),
      sessions: 6,
      k: 2,
    }).expect(200);
    for (const plan of six.body.plans) {
      expect(plan.sessions).toHaveLength(6);
      for (const s of plan.sessions) expect(DateTime.fromISO(s.startsAt).setZone(ZONE).weekday).toBeLessThanOrEqual(5);
    }
  });

  it('reschedules, cancels and records no-shows with versions', async () => {
    const chair = await ctx.newChair();
    const patient = await ctx.newEligiblePatient();
    const first = localDay(10);
    const course = await post('/api/courses', {
      patientId: patient.id,
      protocolId: fiveDay,
      sessions: fiveDays(chair.id, first, '08:00'),
    }).expect(201);
    const second = course.body.appointments[1];

    const options = await post(`/api/appointments/${second.id}/reschedule-options`, {
      earliest: addDays(first, 1),
    }).expect(200);
    expect(options.body.plans.length).toBeGreaterThan(0);
    for (const plan of options.body.plans) {
      expect(plan.sessions).toHaveLength(1);
      expect(Date.parse(plan.sessions[0].endsAt) - Date.parse(plan.sessions[0].startsAt)).toBe(240 * 60_000);
    }
    const target = {
      chairId: chair.id,
      startsAt: at(addDays(first, 1), '13:00'),
      endsAt: at(addDays(first, 1), '17:00'),
    };
    const stale = await post(`/api/appointments/${second.id}/reschedule`, { version: 2, ...target }).expect(409);
    expect(stale.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 1 });
    // Onto the patient's own session of the next day: a consecutive-days session keeps its day.
    const clash = await post(`/api/appointments/${second.id}/reschedule`, {
      version: 1,
      chairId: chair.id,
      startsAt: course.body.appointments[2].startsAt,
      endsAt: course.body.appointments[2].endsAt,
    }).expect(409);
    expect(clash.body.code).toBe('PLAN_INFEASIBLE');
    expect(clash.body.reasons).toEqual([
      expect.objectContaining({ code: 'MOVE_BREAKS_CONSECUTIVE_DAYS' }),
      expect.objectContaining({ code: 'MOVE_BREAKS_CONSECUTIVE_DAYS' }),
    ]);
    const moved = await post(`/api/appointments/${second.id}/reschedule`, { version: 1, ...target }).expect(200);
    expect(moved.body).toMatchObject({
      id: second.id,
      startsAt: new Date(target.startsAt).toISOString(),
      version: 2,
      status: 'BOOKED',
      sessionNumber: 2,
      sessionCount: 5,
    });

    const third = course.body.appointments[2];
    const cancelled = await post(`/api/appointments/${third.id}/cancel`, {
      version: 1,
      reason: 'Patient unwell',
    }).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', version: 2 });
    const twice = await post(`/api/appointments/${third.id}/cancel`, { version: 2, reason: 'again' }).expect(409);
    expect(twice.body.code).toBe('INVALID_TRANSITION');

    // A no-show only once the appointment has started.
    const early = await post(
      `/api/appointments/${course.body.appointments[3].id}/no-show`,
      { version: 1 },
      nurse,
    ).expect(409);
    expect(early.body.code).toBe('INVALID_TRANSITION');
    const pastChair = await ctx.newChair();
    const yesterday = localDay(-1);
    const past = await ctx.newBookedCourse(patient.id, [
      { chairId: pastChair.id, startsAt: at(yesterday, '09:00'), endsAt: at(yesterday, '13:00') },
    ]);
    await post(`/api/appointments/${past.appointmentIds[0]}/no-show`, { version: 2 }, nurse).expect(409);
    const noShow = await post(`/api/appointments/${past.appointmentIds[0]}/no-show`, { version: 1 }, nurse).expect(200);
    expect(noShow.body).toMatchObject({ status: 'NO_SHOW', version: 2 });

    // Cancelling the course cancels what is still to come and keeps what is not.
    await post(`/api/courses/${course.body.id}/cancel`, { version: 2, reason: 'x' }).expect(409);
    const whole = await post(`/api/courses/${course.body.id}/cancel`, {
      version: 1,
      reason: 'Patient moved away',
    }).expect(200);
    expect(whole.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'Patient moved away', version: 2 });
    expect(whole.body.appointments.every((a: { status: string }) => a.status === 'CANCELLED')).toBe(true);
    await post(`/api/courses/${course.body.id}/cancel`, { version: 2, reason: 'again' }).expect(409);
    const audit = await ctx.prisma.auditEvent.findMany({
      where: { patientId: patient.id, action: { in: ['BOOK', 'RESCHEDULE', 'CANCEL', 'NO_SHOW'] } },
    });
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['BOOK', 'RESCHEDULE', 'CANCEL', 'NO_SHOW']));
  });

  it('lists the chair board for a range, optionally for one chair', async () => {
    const chair = await ctx.newChair({ name: 'Board chair' });
    const patient = await ctx.newEligiblePatient({ givenName: 'Grace', familyName: 'Hopper' });
    const first = localDay(20);
    await post('/api/courses', {
      patientId: patient.id,
      protocolId: fiveDay,
      sessions: fiveDays(chair.id, first, '12:00'),
    }).expect(201);
    const from = at(first, '00:00');
    const to = at(addDays(first, 2), '00:00');
    const res = await ctx
      .http()
      .get('/api/appointments')
      .query({ from, to, chairId: chair.id })
      .set('Cookie', nurse.cookie)
      .expect(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items[0]).toMatchObject({
      patientId: patient.id,
      patientName: 'Grace Hopper',
      mrn: patient.mrn,
      protocolName: 'Five consecutive days, low-dose IV (4 h a day)',
      sessionNumber: 1,
      sessionCount: 5,
      chairId: chair.id,
      chairName: 'Board chair',
      startsAt: new Date(at(first, '12:00')).toISOString(),
      status: 'BOOKED',
      kind: 'INITIAL',
      version: 1,
    });
    const all = await ctx
      .http()
      .get('/api/appointments')
      .query({ from, to })
      .set('Cookie', scheduler.cookie)
      .expect(200);
    expect(all.body.items.length).toBeGreaterThanOrEqual(2);
    await ctx
      .http()
      .get('/api/appointments')
      .query({ from, to: at(addDays(first, 40), '00:00') })
      .set('Cookie', scheduler.cookie)
      .expect(400);
  });

  it('exports upcoming appointments as iCalendar with the right local times across a clock change', async () => {
    const chair = await ctx.newChair({ name: 'Chair ICS' });
    const patient = await ctx.newPatient();
    // The next change of the clocks in London after tomorrow.
    let day = DateTime.now().setZone(ZONE).startOf('day').plus({ days: 2 });
    while (day.offset === day.plus({ days: 1 }).offset) day = day.plus({ days: 1 });
    // `day` is the last local midnight before the change, which happens during the following day.
    const before = day.minus({ days: 1 }).toISODate()!;
    const after = day.plus({ days: 2 }).toISODate()!;
    await ctx.newBookedCourse(patient.id, [
      { chairId: chair.id, startsAt: at(before, '10:00'), endsAt: at(before, '14:00') },
      { chairId: chair.id, startsAt: at(after, '10:00'), endsAt: at(after, '14:00') },
    ]);
    const cancelled = await ctx.newBookedCourse(patient.id, [
      { chairId: chair.id, startsAt: at(after, '15:00'), endsAt: at(after, '19:00') },
    ]);
    await ctx.prisma.appointment.update({ where: { id: cancelled.appointmentIds[0] }, data: { status: 'CANCELLED' } });

    const res = await ctx
      .http()
      .get(`/api/patients/${patient.id}/appointments.ics`)
      .set('Cookie', scheduler.cookie)
      .buffer(true)
      .parse((r, cb) => {
        let text = '';
        r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        r.on('end', () => cb(null, text));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const text = res.body as string;
    expect(text).toContain('BEGIN:VTIMEZONE');

    const calendar = new ICAL.Component(ICAL.parse(text));
    for (const tz of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(2);
    events.sort((a, b) => a.startDate.toJSDate().getTime() - b.startDate.toJSDate().getTime());
    const [e1, e2] = events;
    for (const [event, date] of [
      [e1, before],
      [e2, after],
    ] as const) {
      expect(event.startDate.zone?.tzid).toBe(ZONE);
      expect([event.startDate.hour, event.startDate.minute, event.endDate.hour]).toEqual([10, 0, 14]);
      expect(event.startDate.toJSDate().toISOString()).toBe(new Date(at(date, '10:00')).toISOString());
      expect(event.location).toContain('Chair ICS');
    }
    expect(e1.summary).toBe('Five consecutive days, low-dose IV (4 h a day) — session 1 of 2');
    expect(e2.summary).toContain('session 2 of 2');
    // The UTC hour differs across the change while the local hour does not.
    expect(e1.startDate.toJSDate().getUTCHours()).not.toBe(e2.startDate.toJSDate().getUTCHours());
    expect(text).not.toMatch(/DIAGNOS|ICD/i);
  });

  it('recognises an exclusion-constraint violation however Prisma reports it', async () => {
    const chair = await ctx.newChair();
    const [a, b] = [await ctx.newPatient(), await ctx.newPatient()];
    const day = localDay(25);
    const slot = { chairId: chair.id, startsAt: at(day, '09:00'), endsAt: at(day, '10:00') };
    await ctx.newBookedCourse(a.id, [slot]);
    const error = await ctx.newBookedCourse(b.id, [slot]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    expect(isExclusionViolation(error)).toBe(true);
    expect(isExclusionViolation(new Error('unique constraint failed'))).toBe(false);
  });
});
