// Closures that lead somewhere: an admin previews the bookings a closure would strand before it is
// saved (nothing written, times and chairs only), and afterwards the chair board marks those
// sessions "to move" and a same-day search says the clinic is closed rather than only that no
// chair is free.
import { DateTime } from 'luxon';
import { startTestApp, TestContext, TestUser } from '../support/context';

const ZONE = 'Europe/London';

/** A clinic-local date `days` from today. */
function localDay(days: number): string {
  return DateTime.now().setZone(ZONE).startOf('day').plus({ days }).toISODate()!;
}

/** The UTC instant of a clinic-local wall-clock time on a date. */
function at(date: string, hhmm: string): string {
  return DateTime.fromISO(`${date}T${hhmm}`, { zone: ZONE }).toUTC().toISO()!;
}

const iso = (instant: string) => new Date(instant).toISOString();

describe('closures that lead somewhere', () => {
  let ctx: TestContext;
  let admin: TestUser;
  let scheduler: TestUser;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ ADMIN: admin, SCHEDULER: scheduler } = await ctx.users());
    await ctx.openClinic();
  });
  afterAll(() => ctx.close());

  const preview = (body: object, user = admin) =>
    ctx.http().post('/api/clinic/closures/preview').set('Cookie', user.cookie).send(body);
  const addClosure = (body: object) => ctx.http().post('/api/clinic/closures').set('Cookie', admin.cookie).send(body);
  const board = (from: string, to: string) =>
    ctx.http().get('/api/appointments').query({ from, to }).set('Cookie', scheduler.cookie);
  /** Everything a preview could write: closures, audit rows and appointments. */
  const written = async () => ({
    closures: await ctx.prisma.closure.count(),
    audit: await ctx.prisma.auditEvent.count(),
    appointments: await ctx.prisma.appointment.findMany({ select: { id: true, status: true, version: true } }),
  });

  describe('POST /api/clinic/closures/preview', () => {
    it('lists what adding the closure then strands, writes nothing, and names no patient', async () => {
      const day = localDay(40);
      const patient = await ctx.newEligiblePatient({ givenName: 'Mary', familyName: 'Seacole' });
      const chair = await ctx.newChair({ name: 'Preview chair' });
      const course = await ctx.newBookedCourse(patient.id, [
        { chairId: chair.id, startsAt: at(localDay(39), '09:00'), endsAt: at(localDay(39), '13:00') },
        { chairId: chair.id, startsAt: at(day, '09:00'), endsAt: at(day, '13:00') },
      ]);
      const bed = await ctx.newChair({ kind: 'BED' });
      const inpatient = await ctx.newEligiblePatient();
      await ctx.newBookedCourse(
        inpatient.id,
        [{ chairId: bed.id, startsAt: at(day, '09:00'), endsAt: at(localDay(41), '13:00') }],
        'IV_CONTINUOUS_100H',
      );
      const closure = { startsOn: day, endsOn: day, reason: 'Staff training' };

      const before = await written();
      const res = await preview(closure);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        affectedAppointments: [
          {
            id: course.appointmentIds[1],
            chairName: 'Preview chair',
            startsAt: iso(at(day, '09:00')),
            endsAt: iso(at(day, '13:00')),
            sessionNumber: 2,
            sessionCount: 2,
          },
        ],
      });
      expect(res.text).not.toContain('Seacole');
      expect(res.text).not.toContain(patient.mrn);
      expect(await written()).toEqual(before);

      const saved = await addClosure(closure);
      expect(saved.status).toBe(201);
      expect(saved.body.affectedAppointments).toEqual(res.body.affectedAppointments);
    });

    it('refuses what adding would refuse, naming the field and rule, and writes nothing', async () => {
      const before = await written();
      const backwards = await preview({ startsOn: localDay(45), endsOn: localDay(44), reason: 'Flood' });
      expect(backwards.status).toBe(400);
      expect(backwards.headers['content-type']).toContain('application/problem+json');
      expect(backwards.body.errors).toContainEqual(expect.objectContaining({ field: 'endsOn' }));
      const blank = await preview({ startsOn: localDay(45), endsOn: localDay(45), reason: '  ' });
      expect(blank.status).toBe(400);
      expect(blank.body.errors).toContainEqual(expect.objectContaining({ field: 'reason' }));
      const added = await addClosure({ startsOn: localDay(45), endsOn: localDay(44), reason: 'Flood' });
      expect(added.status).toBe(400);
      expect(added.body.errors).toEqual(backwards.body.errors);
      expect(await written()).toEqual(before);
    });

    it('is for admins only, as adding a closure is', async () => {
      const body = { startsOn: localDay(46), endsOn: localDay(46), reason: 'Audit' };
      for (const role of ['SCHEDULER', 'NURSE', 'CLINICIAN'] as const) {
        const user = (await ctx.users())[role];
        expect((await preview(body, user)).status).toBe(403);
      }
      expect((await ctx.http().post('/api/clinic/closures/preview').send(body)).status).toBe(401);
    });
  });

  describe('after the closure', () => {
    it('marks the stranded session on the board, says the clinic is closed, and unmarks it once cancelled', async () => {
      const day = localDay(50);
      const patient = await ctx.newEligiblePatient();
      const chair = await ctx.newChair({ name: 'Stranded chair' });
      const course = await ctx.newBookedCourse(
        patient.id,
        [{ chairId: chair.id, startsAt: at(day, '09:00'), endsAt: at(day, '13:00') }],
        'IV_SINGLE_INFUSION',
      );
      const id = course.appointmentIds[0];
      const other = await ctx.newEligiblePatient();
      const fine = await ctx.newBookedCourse(
        other.id,
        [{ chairId: chair.id, startsAt: at(localDay(51), '09:00'), endsAt: at(localDay(51), '13:00') }],
        'IV_SINGLE_INFUSION',
      );
      const range = [at(day, '00:00'), at(localDay(52), '00:00')] as const;
      const marks = async () =>
        Object.fromEntries(
          ((await board(...range)).body.items as { id: string; toMove: string[] }[]).map((a) => [a.id, a.toMove]),
        );
      expect(await marks()).toMatchObject({ [id]: [], [fine.appointmentIds[0]]: [] });

      // Before the closure, the same-day search names no closure.
      const open = await ctx
        .http()
        .post(`/api/appointments/${id}/reschedule-options`)
        .set('Cookie', scheduler.cookie)
        .send({});
      expect(open.status).toBe(200);
      expect(open.body.reasons).toEqual([]);
      expect(open.body.plans.length).toBeGreaterThan(0);

      expect((await addClosure({ startsOn: day, endsOn: day, reason: 'Boiler repair' })).status).toBe(201);
      expect(await marks()).toMatchObject({ [id]: ['CLINIC_CLOSED'], [fine.appointmentIds[0]]: [] });

      const closed = await ctx
        .http()
        .post(`/api/appointments/${id}/reschedule-options`)
        .set('Cookie', scheduler.cookie)
        .send({});
      expect(closed.status).toBe(200);
      expect(closed.body).toEqual({
        plans: [],
        reasons: [
          {
            code: 'CLINIC_CLOSED',
            message: `The clinic is closed on ${day} (Boiler repair), so no chair is free for this session that day.`,
          },
        ],
      });

      // The desk's list and the board agree; cancelling takes the session off both.
      const list = await ctx.http().get('/api/clinic/bookings-to-move').set('Cookie', scheduler.cookie);
      const row = (list.body as { id: string; version: number; reasons: string[] }[]).find((b) => b.id === id);
      expect(row).toMatchObject({ reasons: ['CLINIC_CLOSED'], version: 1 });
      const cancelled = await ctx
        .http()
        .post(`/api/appointments/${id}/cancel`)
        .set('Cookie', scheduler.cookie)
        .send({ version: row!.version, reason: 'Clinic closed; patient to rebook' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'CANCELLED', toMove: [] });
      expect(await marks()).toMatchObject({ [id]: [] });
      const after = await ctx.http().get('/api/clinic/bookings-to-move').set('Cookie', scheduler.cookie);
      expect((after.body as { id: string }[]).map((b) => b.id)).not.toContain(id);
    });

    it('marks a session on a chair out of service, whichever chair the board is filtered to', async () => {
      const day = localDay(55);
      const retired = await ctx.newChair({ name: 'Retired chair', active: false });
      const patient = await ctx.newEligiblePatient();
      const course = await ctx.newBookedCourse(
        patient.id,
        [{ chairId: retired.id, startsAt: at(day, '10:00'), endsAt: at(day, '12:00') }],
        'IV_SINGLE_INFUSION',
      );
      const res = await ctx
        .http()
        .get('/api/appointments')
        .query({ from: at(day, '00:00'), to: at(localDay(56), '00:00'), chairId: retired.id })
        .set('Cookie', scheduler.cookie);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({ id: course.appointmentIds[0], toMove: ['CHAIR_OUT_OF_SERVICE'] }),
      ]);
    });
  });
});
