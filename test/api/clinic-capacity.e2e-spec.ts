// Capacity changes that strand bookings: a closure, a chair taken out of service or a nurse shift
// change is stored, and the answer lists the booked sessions it leaves without a chair or over the
// nurse ratio, without patient data (admins are not given patients). The front desk sees whom to
// call in GET /api/clinic/bookings-to-move, and each patient it names is audited as a read.
import { DateTime } from 'luxon';
import { startTestApp, TestContext, TestUser } from '../support/context';

const ZONE = 'Europe/London';

/** A clinic-local date `days` from today. */
function localDay(days: number): string {
  return DateTime.now().setZone(ZONE).startOf('day').plus({ days }).toISODate()!;
}

/** The UTC instant of a clinic-local wall-clock time on a date. */
function at(date: string, hhmm: string, plusMinutes = 0): string {
  return DateTime.fromISO(`${date}T${hhmm}`, { zone: ZONE }).plus({ minutes: plusMinutes }).toUTC().toISO()!;
}

const iso = (instant: string) => new Date(instant).toISOString();

describe('clinic capacity changes that strand bookings', () => {
  let ctx: TestContext;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ ADMIN: admin } = await ctx.users());
    await ctx.openClinic();
  });
  afterAll(() => ctx.close());

  const addClosure = (body: object) => ctx.http().post('/api/clinic/closures').set('Cookie', admin.cookie).send(body);
  const patchChair = (id: string, body: object) =>
    ctx.http().patch(`/api/clinic/chairs/${id}`).set('Cookie', admin.cookie).send(body);
  const auditRows = (entity: string, entityId: string) =>
    ctx.prisma.auditEvent.count({ where: { entity, entityId, action: { in: ['CREATE', 'UPDATE'] } } });

  /** A booked single session in another clinic, on the same instants: never this clinic's business. */
  async function bookElsewhere(startsAt: string, endsAt: string) {
    const otherClinic = await ctx.newClinic();
    const patient = await ctx.newPatient({}, otherClinic);
    const chair = await ctx.newChair({ clinicId: otherClinic });
    const author = await ctx.newUser(['SCHEDULER'], otherClinic);
    await ctx.prisma.course.create({
      data: {
        clinicId: otherClinic,
        patientId: patient.id,
        protocolId: await ctx.protocolId('IV_SINGLE_INFUSION', otherClinic),
        bookedById: author.id,
        sessionCount: 1,
        eligibilityScreeningIds: [],
        appointments: {
          create: [
            {
              clinicId: otherClinic,
              patientId: patient.id,
              chairId: chair.id,
              sessionNumber: 1,
              startsAt: new Date(startsAt),
              endsAt: new Date(endsAt),
            },
          ],
        },
      },
    });
  }

  describe('POST /api/clinic/closures', () => {
    it('stores a closure over free days and names no bookings', async () => {
      const day = localDay(40);
      const res = await addClosure({ startsOn: day, endsOn: day, reason: 'Training day' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        startsOn: day,
        endsOn: day,
        reason: 'Training day',
        affectedAppointments: [],
      });
      expect(await auditRows('Closure', res.body.id)).toBe(1);
    });

    it('still stores a closure over booked days, listing the chair sessions on or running into them', async () => {
      const first = localDay(20);
      const last = localDay(21);
      const dayBefore = localDay(19);
      const dayAfter = localDay(22);

      const ada = await ctx.newEligiblePatient({ givenName: 'Ada', familyName: 'Lovelace' });
      const chair = await ctx.newChair({ name: 'Closure chair 1' });
      // Session 2 of 2 falls on the second closed day; session 1 is days before.
      const course = await ctx.newBookedCourse(ada.id, [
        { chairId: chair.id, startsAt: at(localDay(15), '09:00'), endsAt: at(localDay(15), '09:00', 240) },
        { chairId: chair.id, startsAt: at(last, '09:00'), endsAt: at(last, '09:00', 240) },
      ]);

      // Ends exactly at local midnight before the closure: not stranded.
      const early = await ctx.newEligiblePatient();
      const earlyChair = await ctx.newChair();
      await ctx.newBookedCourse(early.id, [
        { chairId: earlyChair.id, startsAt: at(dayBefore, '20:00'), endsAt: at(first, '00:00') },
      ]);

      // Runs past local midnight into the closure: stranded.
      const late = await ctx.newEligiblePatient({ givenName: 'Grace', familyName: 'Hopper' });
      const lateChair = await ctx.newChair({ name: 'Closure chair 2' });
      const lateCourse = await ctx.newBookedCourse(late.id, [
        { chairId: lateChair.id, startsAt: at(dayBefore, '22:00'), endsAt: at(first, '01:00') },
      ]);

      // Starts at local midnight after the closure: not stranded.
      const after = await ctx.newEligiblePatient();
      await ctx.newBookedCourse(after.id, [
        { chairId: earlyChair.id, startsAt: at(dayAfter, '00:00'), endsAt: at(dayAfter, '04:00') },
      ]);

      // Cancelled on a closed day, or on a bed (the ward stays open): not stranded.
      const cancelled = await ctx.newEligiblePatient();
      const cancelledCourse = await ctx.newBookedCourse(cancelled.id, [
        { chairId: earlyChair.id, startsAt: at(first, '10:00'), endsAt: at(first, '12:00') },
      ]);
      await ctx.prisma.appointment.updateMany({
        where: { courseId: cancelledCourse.id },
        data: { status: 'CANCELLED', cancelReason: 'Patient request' },
      });
      const inpatient = await ctx.newEligiblePatient();
      const bed = await ctx.newChair({ kind: 'BED' });
      await ctx.newBookedCourse(
        inpatient.id,
        [{ chairId: bed.id, startsAt: at(dayBefore, '09:00'), endsAt: at(dayAfter, '13:00') }],
        'IV_CONTINUOUS_100H',
      );

      // Another clinic's booking on the same days: not this clinic's.
      await bookElsewhere(at(first, '09:00'), at(first, '13:00'));

      const res = await addClosure({ startsOn: first, endsOn: last, reason: 'Burst pipe' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ startsOn: first, endsOn: last, reason: 'Burst pipe' });
      expect(res.body.affectedAppointments).toEqual([
        {
          id: lateCourse.appointmentIds[0],
          chairName: 'Closure chair 2',
          startsAt: iso(at(dayBefore, '22:00')),
          endsAt: iso(at(first, '01:00')),
          sessionNumber: 1,
          sessionCount: 1,
        },
        {
          id: course.appointmentIds[1],
          chairName: 'Closure chair 1',
          startsAt: iso(at(last, '09:00')),
          endsAt: iso(at(last, '09:00', 240)),
          sessionNumber: 2,
          sessionCount: 2,
        },
      ]);

      // The closure is stored and audited; the bookings still stand.
      const stored = await ctx.prisma.closure.findUniqueOrThrow({ where: { id: res.body.id } });
      expect(stored.reason).toBe('Burst pipe');
      expect(await auditRows('Closure', res.body.id)).toBe(1);
      expect(
        await ctx.prisma.appointment.count({
          where: { id: { in: [course.appointmentIds[1], lateCourse.appointmentIds[0]] }, status: 'BOOKED' },
        }),
      ).toBe(2);
    });
  });

  describe('PATCH /api/clinic/chairs/:id', () => {
    it('takes an unbooked chair out of service and names no bookings', async () => {
      const chair = await ctx.newChair({ name: 'Spare chair' });
      const res = await patchChair(chair.id, { active: false });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: chair.id,
        name: 'Spare chair',
        kind: 'CHAIR',
        active: false,
        affectedAppointments: [],
      });
      expect(await auditRows('Chair', chair.id)).toBe(1);
    });

    it('taking a booked chair out of service lists its sessions that have not started, and keeps them', async () => {
      const chair = await ctx.newChair({ name: 'Chair to retire' });
      const otherChair = await ctx.newChair();
      const patient = await ctx.newEligiblePatient({ givenName: 'Mary', familyName: 'Seacole' });
      const past = localDay(-3);
      const soon = localDay(5);
      const later = localDay(6);
      const course = await ctx.newBookedCourse(patient.id, [
        { chairId: chair.id, startsAt: at(past, '09:00'), endsAt: at(past, '13:00') },
        { chairId: otherChair.id, startsAt: at(soon, '09:00'), endsAt: at(soon, '13:00') },
        { chairId: chair.id, startsAt: at(later, '09:00'), endsAt: at(later, '13:00') },
      ]);
      const cancelledPatient = await ctx.newEligiblePatient();
      const cancelled = await ctx.newBookedCourse(cancelledPatient.id, [
        { chairId: chair.id, startsAt: at(soon, '09:00'), endsAt: at(soon, '13:00') },
      ]);
      await ctx.prisma.appointment.update({
        where: { id: cancelled.appointmentIds[0] },
        data: { status: 'CANCELLED', cancelReason: 'Patient request' },
      });

      const renamed = await patchChair(chair.id, { name: 'Chair to retire ' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.affectedAppointments).toEqual([]);

      const res = await patchChair(chair.id, { active: false });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: chair.id, active: false });
      expect(res.body.affectedAppointments).toEqual([
        {
          id: course.appointmentIds[2],
          chairName: 'Chair to retire',
          startsAt: iso(at(later, '09:00')),
          endsAt: iso(at(later, '13:00')),
          sessionNumber: 3,
          sessionCount: 3,
        },
      ]);
      expect(await auditRows('Chair', chair.id)).toBe(2);
      expect(await ctx.prisma.appointment.count({ where: { courseId: course.id, status: 'BOOKED' } })).toBe(3);

      // Back in service: nothing is stranded.
      const back = await patchChair(chair.id, { active: true });
      expect(back.status).toBe(200);
      expect(back.body).toMatchObject({ active: true, affectedAppointments: [] });
    });

    it("refuses another clinic's chair without naming its bookings", async () => {
      const otherClinic = await ctx.newClinic();
      const chair = await ctx.newChair({ clinicId: otherClinic });
      const res = await patchChair(chair.id, { active: false });
      expect(res.status).toBe(404);
      expect(res.body.affectedAppointments).toBeUndefined();
    });
  });

  describe('admins are not given patients (a closure used to name them)', () => {
    it('lists a stranded booking to the admin without name, MRN or patient id, and to the front desk with them, audited', async () => {
      const day = localDay(30);
      const patient = await ctx.newEligiblePatient({ givenName: 'Florence', familyName: 'Nightingale' });
      const chair = await ctx.newChair({ name: 'Leak chair' });
      const course = await ctx.newBookedCourse(patient.id, [
        { chairId: chair.id, startsAt: at(day, '09:00'), endsAt: at(day, '13:00') },
      ]);
      const patientReads = () => ctx.prisma.auditEvent.count({ where: { patientId: patient.id, action: 'READ' } });
      const readsBefore = await patientReads();

      const res = await addClosure({ startsOn: day, endsOn: day, reason: 'Flood' });
      expect(res.status).toBe(201);
      expect(res.body.affectedAppointments).toEqual([
        {
          id: course.appointmentIds[0],
          chairName: 'Leak chair',
          startsAt: iso(at(day, '09:00')),
          endsAt: iso(at(day, '13:00')),
          sessionNumber: 1,
          sessionCount: 1,
        },
      ]);
      expect(res.text).not.toContain('Nightingale');
      expect(res.text).not.toContain(patient.mrn);
      expect(res.text).not.toContain(patient.id);
      expect(await patientReads()).toBe(readsBefore);

      // Admins are denied the front desk's list; the scheduler sees whom to call, and that is a read of the patient.
      const { SCHEDULER: scheduler } = await ctx.users();
      const denied = await ctx.http().get('/api/clinic/bookings-to-move').set('Cookie', admin.cookie);
      expect(denied.status).toBe(403);
      const desk = await ctx.http().get('/api/clinic/bookings-to-move').set('Cookie', scheduler.cookie);
      expect(desk.status).toBe(200);
      expect(desk.body).toContainEqual({
        id: course.appointmentIds[0],
        patientId: patient.id,
        patientName: 'Florence Nightingale',
        mrn: patient.mrn,
        chairName: 'Leak chair',
        startsAt: iso(at(day, '09:00')),
        endsAt: iso(at(day, '13:00')),
        sessionNumber: 1,
        sessionCount: 1,
        version: 1,
        reasons: ['CLINIC_CLOSED'],
      });
      const reads = await ctx.prisma.auditEvent.findMany({
        where: { patientId: patient.id, action: 'READ', entity: 'Patient' },
        orderBy: { id: 'desc' },
        take: 1,
      });
      expect(await patientReads()).toBe(readsBefore + 1);
      expect(reads[0]).toMatchObject({ actorId: scheduler.id, entityId: patient.id });
    });
  });

  describe('nurse shift changes that leave bookings over the nurse ratio', () => {
    // A clinic of its own: two nurses on the weekly rota, one infusion each, three chairs.
    let clinicId: string;
    let clinicAdmin: TestUser;
    let scheduler: TestUser;
    let chairs: string[];
    const day = localDay(12);
    const weekday = DateTime.fromISO(day).weekday;

    const post = (path: string, body: object) => ctx.http().post(path).set('Cookie', clinicAdmin.cookie).send(body);
    const del = (path: string) => ctx.http().delete(path).set('Cookie', clinicAdmin.cookie);

    async function book(chairId: string, from: string, minutes: number, givenName: string) {
      const patient = await ctx.newPatient({ givenName, familyName: 'Ratio' }, clinicId);
      const author = await ctx.newUser(['SCHEDULER'], clinicId);
      const course = await ctx.prisma.course.create({
        data: {
          clinicId,
          patientId: patient.id,
          protocolId: await ctx.protocolId('IV_SINGLE_INFUSION', clinicId),
          bookedById: author.id,
          sessionCount: 1,
          eligibilityScreeningIds: [],
          appointments: {
            create: [
              {
                clinicId,
                patientId: patient.id,
                chairId,
                sessionNumber: 1,
                startsAt: new Date(at(day, from)),
                endsAt: new Date(at(day, from, minutes)),
              },
            ],
          },
        },
        select: { appointments: { select: { id: true } } },
      });
      return { patient, appointmentId: course.appointments[0].id };
    }

    beforeAll(async () => {
      clinicId = await ctx.newClinic();
      await ctx.prisma.clinic.update({ where: { id: clinicId }, data: { maxInfusionsPerNurse: 1, timezone: ZONE } });
      await ctx.openClinic({ clinicId, nurses: 2 });
      clinicAdmin = await ctx.newUser(['ADMIN'], clinicId);
      scheduler = await ctx.newUser(['SCHEDULER'], clinicId);
      chairs = [];
      for (let i = 1; i <= 3; i++) chairs.push((await ctx.newChair({ clinicId, name: `Ratio chair ${i}` })).id);
    });

    it('lists the bookings a dated shift of one nurse leaves over the ratio, and none once it is removed', async () => {
      const first = await book(chairs[0], '10:00', 60, 'Alan');
      const second = await book(chairs[1], '10:30', 60, 'Edsger');
      const alone = await book(chairs[2], '14:00', 60, 'Barbara');

      const added = await post('/api/clinic/nurse-shifts', {
        date: day,
        startsAt: '08:00',
        endsAt: '18:00',
        nurses: 1,
      });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ date: day, weekday: null, nurses: 1 });
      expect(added.body.overNurseRatio).toEqual([
        {
          id: first.appointmentId,
          chairName: 'Ratio chair 1',
          startsAt: iso(at(day, '10:00')),
          endsAt: iso(at(day, '11:00')),
          sessionNumber: 1,
          sessionCount: 1,
        },
        {
          id: second.appointmentId,
          chairName: 'Ratio chair 2',
          startsAt: iso(at(day, '10:30')),
          endsAt: iso(at(day, '11:30')),
          sessionNumber: 1,
          sessionCount: 1,
        },
      ]);
      expect(added.text).not.toContain(first.patient.mrn);

      // The front desk sees whom to call; the lone afternoon booking fits one nurse and is not listed.
      const desk = await ctx.http().get('/api/clinic/bookings-to-move').set('Cookie', scheduler.cookie);
      expect(desk.status).toBe(200);
      expect(desk.body.map((b: { id: string; mrn: string; reasons: string[] }) => [b.id, b.mrn, b.reasons])).toEqual([
        [first.appointmentId, first.patient.mrn, ['OVER_NURSE_RATIO']],
        [second.appointmentId, second.patient.mrn, ['OVER_NURSE_RATIO']],
      ]);

      const removed = await del(`/api/clinic/nurse-shifts/${added.body.id}`);
      expect(removed.status).toBe(200);
      expect(removed.body).toEqual({ overNurseRatio: [] });

      // Without the weekly rota row of that weekday there is no nurse that day at all.
      const row = await ctx.prisma.nurseShift.findFirstOrThrow({ where: { clinicId, weekday } });
      const noRota = await del(`/api/clinic/nurse-shifts/${row.id}`);
      expect(noRota.status).toBe(200);
      expect(noRota.body.overNurseRatio.map((a: { id: string }) => a.id)).toEqual([
        first.appointmentId,
        second.appointmentId,
        alone.appointmentId,
      ]);
      expect(
        await ctx.prisma.auditEvent.count({
          where: { entity: 'NurseShift', action: { in: ['CREATE', 'DELETE'] }, actorId: clinicAdmin.id },
        }),
      ).toBe(3);
    });
  });

  describe('PATCH /api/clinic: concurrent edits are detected, not silently merged', () => {
    it('takes an edit on the current version, bumps it, and refuses a second edit made on the old one with 409', async () => {
      const clinicId = await ctx.newClinic();
      const clinicAdmin = await ctx.newUser(['ADMIN'], clinicId);
      const patch = (body: object) => ctx.http().patch('/api/clinic').set('Cookie', clinicAdmin.cookie).send(body);
      const opened = await ctx.http().get('/api/clinic').set('Cookie', clinicAdmin.cookie);
      const version = opened.body.version as number;

      const first = await patch({ version, screeningValidityDays: 14 });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ version: version + 1, screeningValidityDays: 14, overNurseRatio: [] });

      const second = await patch({ version, screeningValidityDays: 60 });
      expect(second.status).toBe(409);
      expect(second.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(second.body).toMatchObject({ currentVersion: version + 1 });
      expect(second.body.errors).toEqual([expect.objectContaining({ field: 'version', rule: 'current' })]);
      const stored = await ctx.prisma.clinic.findUniqueOrThrow({ where: { id: clinicId } });
      expect(stored).toMatchObject({ screeningValidityDays: 14, version: version + 1 });
    });
  });

  describe('a dated shift of no nurse', () => {
    it("is stored (no chair-side nursing that day) and lists that day's chair bookings; a weekly row of no nurse is refused", async () => {
      const clinicId = await ctx.newClinic();
      await ctx.openClinic({ clinicId, nurses: 2 });
      const clinicAdmin = await ctx.newUser(['ADMIN'], clinicId);
      const post = (body: object) =>
        ctx.http().post('/api/clinic/nurse-shifts').set('Cookie', clinicAdmin.cookie).send(body);
      const day = localDay(25);

      const none = await post({ date: day, startsAt: '08:00', endsAt: '18:00', nurses: 0 });
      expect(none.status).toBe(201);
      expect(none.body).toMatchObject({ date: day, nurses: 0, overNurseRatio: [] });

      const weekly = await post({ weekday: 1, startsAt: '08:00', endsAt: '18:00', nurses: 0 });
      expect(weekly.status).toBe(400);
      expect(weekly.body.errors).toEqual([expect.objectContaining({ field: 'nurses', rule: 'nurseCount' })]);
      expect(await ctx.prisma.nurseShift.count({ where: { clinicId, nurses: 0 } })).toBe(1);
    });
  });
});
