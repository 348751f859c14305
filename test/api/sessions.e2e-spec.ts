// The infusion session end to end: check-in of today's booked appointment behind the eligibility
// gate, the day-of checks (nothing carried over from screening), a clinician's override of relative
// reasons only, the session screen and the nurse's list of the day, against a real PostgreSQL.
import { DateTime } from 'luxon';
import { startTestApp, TestContext, TestUser } from '../support/context';

const ZONE = 'Europe/London';
const MINUTE = 60_000;

/** Whole minutes late as the list counts them: the test's own run time may add one. */
const about = (minutes: number) => ({
  asymmetricMatch: (actual: unknown) => actual === minutes || actual === minutes + 1,
  toAsymmetricMatcher: () => `${minutes} or ${minutes + 1}`,
});

describe('infusion sessions', () => {
  let ctx: TestContext;
  let nurse: TestUser;
  let clinician: TestUser;
  let scheduler: TestUser;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ NURSE: nurse, CLINICIAN: clinician, SCHEDULER: scheduler } = await ctx.users());
  });
  afterAll(() => ctx.close());

  /** A one-session course booked for an eligible patient, starting `fromNowMinutes` from now (3 h long). */
  async function appointment(
    options: { fromNowMinutes?: number; patientId?: string; minutes?: number; chairId?: string } = {},
  ) {
    const patientId = options.patientId ?? (await ctx.newEligiblePatient()).id;
    const chairId = options.chairId ?? (await ctx.newChair()).id;
    const startsAt = new Date(Date.now() + (options.fromNowMinutes ?? -5) * MINUTE);
    const endsAt = new Date(startsAt.getTime() + (options.minutes ?? 180) * MINUTE);
    const course = await ctx.newBookedCourse(
      patientId,
      [{ chairId, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() }],
      'IV_SINGLE_INFUSION',
    );
    return { appointmentId: course.appointmentIds[0], courseId: course.id, patientId, chairId };
  }

  const facts = (overrides: Record<string, unknown> = {}) => ({
    supervisingClinicianId: clinician.id,
    identityConfirmed: true,
    bloodPressure: { systolic: 120, diastolic: 80, heartRate: 70 },
    spo2: 98,
    weightKg: 72.5,
    pregnancy: 'no',
    escortArranged: true,
    willDrive: false,
    painBefore: 7,
    ...overrides,
  });

  const checkIn = (appointmentId: string, body: object = facts(), user = nurse) =>
    ctx.http().post(`/api/appointments/${appointmentId}/check-in`).set('Cookie', user.cookie).send(body);
  const getSession = (id: string, user = nurse) => ctx.http().get(`/api/sessions/${id}`).set('Cookie', user.cookie);
  const put = (id: string, body: object, user = nurse) =>
    ctx.http().put(`/api/sessions/${id}/check-in`).set('Cookie', user.cookie).send(body);
  const override = (id: string, body: object, user = clinician) =>
    ctx.http().post(`/api/sessions/${id}/check-in-override`).set('Cookie', user.cookie).send(body);
  const codes = (body: { checkIn: { decision: { standing: { code: string }[] } } }) =>
    body.checkIn.decision.standing.map((r) => r.code);
  const action = (
    body: { actions: { action: string; open: boolean; refusal?: { because: string } }[] },
    name: string,
  ) => body.actions.find((a) => a.action === name)!;

  describe('check-in', () => {
    it('checks in a booked appointment of today: the session, its facts dated today, and the start cleared', async () => {
      const { appointmentId, patientId } = await appointment();
      const res = await checkIn(appointmentId);
      expect(res.status).toBe(201);
      const today = DateTime.now().setZone(ZONE).toISODate();
      expect(res.body).toMatchObject({
        state: 'CHECKED_IN',
        version: 1,
        supervisingClinicianId: clinician.id,
        checkedInById: nurse.id,
        painBefore: 7,
        patient: { id: patientId },
        appointment: { id: appointmentId, status: 'BOOKED', sessionCount: 1 },
        protocol: { key: 'IV_SINGLE_INFUSION' },
        checkIn: {
          facts: {
            on: today,
            identityConfirmed: true,
            readings: [{ systolic: 120, diastolic: 80, heartRate: 70 }],
            spo2: 98,
            weightKg: 72.5,
            pregnancyApplies: true,
            pregnancy: 'no',
            escortArranged: true,
            willDrive: false,
          },
          decision: { allowed: true, standing: [] },
          override: null,
        },
        signatures: { nurseSignedAt: null, clinicianSignedAt: null },
        settings: { thresholds: { systolicAbove: 180 }, discharge: { aldreteMinimum: 9 } },
      });
      expect(res.body.checkIn.checks.map((c: { result: string }) => c.result)).toEqual(Array(8).fill('PASS'));
      expect(action(res.body, 'start')).toMatchObject({ open: true });
      expect(action(res.body, 'check_in')).toMatchObject({ open: false, refusal: { because: 'STATE' } });

      const row = await ctx.prisma.infusionSession.findUniqueOrThrow({ where: { id: res.body.id } });
      expect(row).toMatchObject({ checkInCleared: true, checkedInById: nurse.id });
      expect(row.weightKg?.toNumber()).toBe(72.5);
      expect(row.eligibilityScreeningIds).toHaveLength(3);
      const audit = await ctx.prisma.auditEvent.findMany({ where: { patientId }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => `${a.action} ${a.entity}`)).toEqual(['READ Eligibility', 'CREATE InfusionSession']);
      expect(JSON.stringify(audit.map((a) => a.fields))).not.toContain('72.5');

      const read = await getSession(res.body.id, clinician);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(res.body);
      expect(read.headers['cache-control']).toContain('no-store');
      expect(
        await ctx.prisma.auditEvent.count({ where: { patientId, action: 'READ', entity: 'InfusionSession' } }),
      ).toBe(1);
    });

    it('refuses an ineligible patient with 422 NOT_ELIGIBLE, audits the gate and writes no session', async () => {
      const patient = await ctx.newPatient();
      const { appointmentId } = await appointment({ patientId: patient.id });
      const res = await checkIn(appointmentId);
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'NOT_ELIGIBLE' });
      expect(await ctx.prisma.infusionSession.count({ where: { appointmentId } })).toBe(0);
      expect(
        await ctx.prisma.auditEvent.findMany({
          where: { patientId: patient.id },
          select: { action: true, entity: true },
        }),
      ).toEqual([{ action: 'READ', entity: 'Eligibility' }]);
    });

    it('refuses an appointment that is not today, or not booked', async () => {
      const tomorrow = await appointment({ fromNowMinutes: 24 * 60 });
      expect((await checkIn(tomorrow.appointmentId)).body).toMatchObject({ status: 409, reason: 'NOT_TODAY' });

      const cancelled = await appointment();
      await ctx.prisma.appointment.update({ where: { id: cancelled.appointmentId }, data: { status: 'CANCELLED' } });
      expect((await checkIn(cancelled.appointmentId)).body).toMatchObject({ status: 409, reason: 'NOT_BOOKED' });

      const noShow = await appointment();
      await ctx.prisma.appointment.update({ where: { id: noShow.appointmentId }, data: { status: 'NO_SHOW' } });
      expect((await checkIn(noShow.appointmentId)).body).toMatchObject({ status: 409, reason: 'NOT_BOOKED' });
      expect(
        await ctx.prisma.infusionSession.count({
          where: { appointmentId: { in: [tomorrow, cancelled, noShow].map((a) => a.appointmentId) } },
        }),
      ).toBe(0);
    });

    it('refuses a check-in without the identity confirmed, or supervised by someone who is not a clinician', async () => {
      const { appointmentId } = await appointment();
      const unconfirmed = await checkIn(appointmentId, facts({ identityConfirmed: false }));
      expect(unconfirmed.status).toBe(400);
      expect(unconfirmed.body.errors).toEqual([expect.objectContaining({ field: 'identityConfirmed' })]);
      const byNurse = await checkIn(appointmentId, facts({ supervisingClinicianId: nurse.id }));
      expect(byNurse.body).toMatchObject({
        status: 400,
        errors: [{ field: 'supervisingClinicianId', rule: 'isClinician' }],
      });
      expect(await ctx.prisma.infusionSession.count({ where: { appointmentId } })).toBe(0);
    });

    it('two check-ins of one appointment at once make one session', async () => {
      const { appointmentId } = await appointment();
      const [a, b] = await Promise.all([checkIn(appointmentId), checkIn(appointmentId)]);
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      expect([a, b].find((r) => r.status === 409)!.body).toMatchObject({ reason: 'ALREADY_CHECKED_IN' });
      expect(await ctx.prisma.infusionSession.count({ where: { appointmentId } })).toBe(1);
    });

    it('never carries a fact over from screening: BP, weight and pregnancy status are asked again today', async () => {
      const patient = await ctx.newPatient();
      for (const kind of ['CARDIOVASCULAR', 'PSYCHIATRIC'] as const) await ctx.newSignedScreening(patient.id, kind);
      await ctx.newSignedScreening(patient.id, 'GENERAL', { answers: { pregnancy: 'no', weight_kg: 70 } });
      const { appointmentId } = await appointment({ patientId: patient.id });
      const res = await checkIn(appointmentId, {
        supervisingClinicianId: clinician.id,
        identityConfirmed: true,
        escortArranged: true,
        willDrive: false,
      });
      expect(res.status).toBe(201);
      expect(codes(res.body)).toEqual(
        expect.arrayContaining([
          'BLOOD_PRESSURE_NOT_RECORDED',
          'HEART_RATE_NOT_RECORDED',
          'SPO2_NOT_RECORDED',
          'WEIGHT_NOT_RECORDED',
          'PREGNANCY_NOT_RECORDED',
        ]),
      );
      expect(res.body.checkIn.facts).toMatchObject({ readings: [], weightKg: null, pregnancy: null });
      expect(action(res.body, 'start')).toMatchObject({ open: false, refusal: { because: 'CHECK_IN_NOT_CLEARED' } });

      // The missing facts recorded later the same day clear the start.
      const done = await put(res.body.id, {
        version: 1,
        bloodPressure: { systolic: 118, diastolic: 76, heartRate: 64 },
        spo2: 97,
        weightKg: 70,
        pregnancy: 'no',
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ version: 2, checkIn: { decision: { allowed: true } } });
    });

    it('asks nothing about pregnancy when the screening recorded that it does not apply', async () => {
      const patient = await ctx.newPatient({ sex: 'MALE' });
      for (const kind of ['CARDIOVASCULAR', 'PSYCHIATRIC'] as const) await ctx.newSignedScreening(patient.id, kind);
      await ctx.newSignedScreening(patient.id, 'GENERAL', { answers: { pregnancy: 'not_applicable' } });
      const { appointmentId } = await appointment({ patientId: patient.id });
      const res = await checkIn(appointmentId, facts({ pregnancy: undefined }));
      expect(res.body).toMatchObject({
        checkIn: { facts: { pregnancyApplies: false }, decision: { allowed: true } },
      });
    });

    it('a positive pregnancy status blocks the start with its reason, and no override lifts it', async () => {
      const { appointmentId } = await appointment();
      const res = await checkIn(appointmentId, facts({ pregnancy: 'yes' }));
      expect(res.status).toBe(201);
      expect(res.body.checkIn.decision.standing).toEqual([
        expect.objectContaining({ code: 'PREGNANCY_NOT_EXCLUDED', severity: 'ABSOLUTE', ruleId: 'check-in.pregnancy' }),
      ]);
      expect(action(res.body, 'start')).toMatchObject({ open: false, refusal: { because: 'CHECK_IN_NOT_CLEARED' } });

      const lifted = await override(res.body.id, {
        version: 1,
        reason: 'Clinician reviewed and accepts the pregnancy status',
        accepts: ['PREGNANCY_NOT_EXCLUDED'],
      });
      expect(lifted.status).toBe(422);
      expect(lifted.body).toMatchObject({
        code: 'OVERRIDE_NOT_ALLOWED',
        reasons: [{ code: 'PREGNANCY_NOT_EXCLUDED', ruleId: 'check-in.pregnancy' }],
      });
      const after = await ctx.prisma.infusionSession.findUniqueOrThrow({ where: { id: res.body.id } });
      expect(after).toMatchObject({ checkInCleared: false, checkInOverrideById: null, version: 1 });
    });

    it('a BP above the review limit asks for a recheck after rest, keeps both readings, and a clinician decides', async () => {
      const { appointmentId } = await appointment();
      const firstAt = new Date(Date.now() - 6 * MINUTE).toISOString();
      const res = await checkIn(
        appointmentId,
        facts({ bloodPressure: { systolic: 152, diastolic: 96, heartRate: 80, takenAt: firstAt } }),
      );
      expect(codes(res.body)).toEqual(['BP_RECHECK_NEEDED']);

      // A recheck sooner than the rest does not count.
      const soon = await put(res.body.id, {
        version: 1,
        recheck: {
          systolic: 150,
          diastolic: 95,
          heartRate: 78,
          takenAt: new Date(Date.parse(firstAt) + MINUTE).toISOString(),
        },
      });
      expect(codes(soon.body)).toEqual(['RECHECK_TOO_SOON']);

      const rested = await put(res.body.id, { version: 2, recheck: { systolic: 150, diastolic: 95, heartRate: 78 } });
      expect(rested.status).toBe(200);
      expect(rested.body.checkIn.facts.readings.map((r: { systolic: number }) => r.systolic)).toEqual([152, 150, 150]);
      expect(rested.body.checkIn.decision.standing).toEqual([
        expect.objectContaining({ code: 'BP_ABOVE_REVIEW', severity: 'RELATIVE' }),
      ]);

      // The first reading of the day is kept as taken.
      const replace = await put(res.body.id, {
        version: 3,
        bloodPressure: { systolic: 120, diastolic: 80, heartRate: 70 },
      });
      expect(replace.body).toMatchObject({
        status: 400,
        errors: [{ field: 'bloodPressure', rule: 'firstReadingKept' }],
      });

      const reason = 'Known hypertension, stable on treatment; proceed with monitoring';
      const byNurse = await override(res.body.id, { version: 3, reason, accepts: ['BP_ABOVE_REVIEW'] }, nurse);
      expect(byNurse.status).toBe(403);

      const cleared = await override(res.body.id, { version: 3, reason, accepts: ['BP_ABOVE_REVIEW'] });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({
        version: 4,
        checkIn: {
          decision: { allowed: true, standing: [], accepted: [{ code: 'BP_ABOVE_REVIEW' }] },
          override: { byId: clinician.id, reason, accepts: ['BP_ABOVE_REVIEW'] },
        },
      });
      expect(action(cleared.body, 'start')).toMatchObject({ open: true });

      const stale = await override(res.body.id, { version: 3, reason, accepts: ['BP_ABOVE_REVIEW'] });
      expect(stale.body).toMatchObject({ status: 409, code: 'STALE_VERSION', currentVersion: 4 });
    });

    it('an override names only reasons standing today', async () => {
      const { appointmentId } = await appointment();
      const res = await checkIn(appointmentId, facts({ escortArranged: false }));
      expect(codes(res.body)).toEqual(['NO_ESCORT']);
      const wrong = await override(res.body.id, {
        version: 1,
        reason: 'Escort arrives at the end of the session',
        accepts: ['NO_ESCORT', 'FASTING_SHORT'],
      });
      expect(wrong.body).toMatchObject({ status: 422, reasons: [{ code: 'FASTING_SHORT' }] });
    });

    it("is 404 for another clinic's session or appointment", async () => {
      const other = await ctx.newClinic();
      const stranger = await ctx.newUser(['NURSE'], other);
      const { sessionId, appointmentId } = await ctx.newCheckedInSession();
      expect((await getSession(sessionId, stranger)).status).toBe(404);
      expect((await checkIn(appointmentId, facts(), stranger)).status).toBe(404);
    });
  });

  describe('appointments once checked in', () => {
    it('refuses cancel, reschedule and no-show of an appointment with a session', async () => {
      const later = await appointment({ fromNowMinutes: 60 });
      const checkedIn = await checkIn(later.appointmentId);
      expect(checkedIn.status).toBe(201);
      const version = (await ctx.prisma.appointment.findUniqueOrThrow({ where: { id: later.appointmentId } })).version;
      const call = (path: string, body: object, user = scheduler) =>
        ctx.http().post(`/api/appointments/${later.appointmentId}/${path}`).set('Cookie', user.cookie).send(body);
      expect((await call('cancel', { version, reason: 'Patient asked to cancel' })).body).toMatchObject({
        status: 409,
        reason: 'CHECKED_IN',
      });
      const startsAt = new Date(Date.now() + 90 * MINUTE).toISOString();
      const endsAt = new Date(Date.now() + 270 * MINUTE).toISOString();
      expect((await call('reschedule', { version, chairId: later.chairId, startsAt, endsAt })).body).toMatchObject({
        status: 409,
        reason: 'CHECKED_IN',
      });
      const started = await ctx.newCheckedInSession();
      const startedVersion = (await ctx.prisma.appointment.findUniqueOrThrow({ where: { id: started.appointmentId } }))
        .version;
      const noShow = await ctx
        .http()
        .post(`/api/appointments/${started.appointmentId}/no-show`)
        .set('Cookie', nurse.cookie)
        .send({ version: startedVersion });
      expect(noShow.body).toMatchObject({ status: 409, reason: 'CHECKED_IN' });
      expect(
        await ctx.prisma.appointment.count({
          where: { id: { in: [later.appointmentId, started.appointmentId] }, status: 'BOOKED' },
        }),
      ).toBe(2);
    });
  });

  describe("today's list", () => {
    it('lists every appointment of the day by chair and time with its state and what is overdue', async () => {
      const chairA = await ctx.newChair({ name: `A ${Date.now()}` });
      const chairB = await ctx.newChair({ name: `B ${Date.now()}` });
      const expectedLate = await appointment({ fromNowMinutes: -30, chairId: chairB.id, minutes: 45 });
      const expectedLater = await appointment({ fromNowMinutes: 30, chairId: chairB.id, minutes: 60 });
      const noShow = await appointment({ fromNowMinutes: -60, chairId: chairA.id, minutes: 30 });
      await ctx.prisma.appointment.update({ where: { id: noShow.appointmentId }, data: { status: 'NO_SHOW' } });
      const checkedIn = await appointment({ fromNowMinutes: -25, chairId: chairA.id, minutes: 90 });
      const session = (await checkIn(checkedIn.appointmentId)).body;
      const infusing = await ctx.newCheckedInSession();
      await ctx.prisma.infusionSession.update({
        where: { id: infusing.sessionId },
        data: { state: 'INFUSING', startedAt: new Date(Date.now() - 20 * MINUTE) },
      });
      const cancelled = await appointment({ fromNowMinutes: 10 });
      await ctx.prisma.appointment.update({ where: { id: cancelled.appointmentId }, data: { status: 'CANCELLED' } });

      const res = await ctx.http().get('/api/sessions/today').set('Cookie', nurse.cookie);
      expect(res.status).toBe(200);
      expect(res.body.date).toBe(DateTime.now().setZone(ZONE).toISODate());
      const mine = [noShow, checkedIn, expectedLate, expectedLater].map((a) => a.appointmentId);
      const items = res.body.items.filter((i: { appointmentId: string }) => mine.includes(i.appointmentId));
      // Chair A before chair B, each by booked start.
      expect(items.map((i: { appointmentId: string }) => i.appointmentId)).toEqual(mine);
      expect(items).toEqual([
        expect.objectContaining({ state: 'NO_SHOW', sessionId: null, overdue: {} }),
        expect.objectContaining({
          state: 'CHECKED_IN',
          sessionId: session.id,
          sessionVersion: 1,
          nurseSigned: false,
          coSigned: false,
          draftAdverseEvents: 0,
          overdue: {},
        }),
        expect.objectContaining({
          state: 'EXPECTED',
          overdue: { checkIn: { dueAt: expect.any(String), minutesOverdue: about(30) } },
        }),
        expect.objectContaining({ state: 'EXPECTED', overdue: {} }),
      ]);
      expect(items[1]).toMatchObject({
        chairName: chairA.name,
        mrn: expect.any(String),
        patientName: expect.any(String),
      });
      const running = res.body.items.find((i: { sessionId: string }) => i.sessionId === infusing.sessionId);
      expect(running).toMatchObject({
        state: 'INFUSING',
        overdue: { vitals: { dueAt: expect.any(String), minutesOverdue: about(20) } },
      });
      expect(res.body.items.some((i: { appointmentId: string }) => i.appointmentId === cancelled.appointmentId)).toBe(
        false,
      );

      const searched = await ctx.prisma.auditEvent.findMany({
        where: {
          action: 'SEARCH',
          entity: 'InfusionSession',
          patientId: { in: [expectedLate.patientId, noShow.patientId] },
        },
      });
      expect(searched).toHaveLength(2);
    });

    it('shows the discharge as overdue once the booked end has passed, and lists another day when asked', async () => {
      const ended = await appointment({ fromNowMinutes: -50, minutes: 40 });
      const session = (await checkIn(ended.appointmentId)).body;
      const res = await ctx.http().get('/api/sessions/today').set('Cookie', clinician.cookie);
      const item = res.body.items.find((i: { sessionId: string }) => i.sessionId === session.id);
      expect(item.overdue).toEqual({ discharge: { dueAt: expect.any(String), minutesOverdue: about(10) } });
      expect((await getSession(session.id)).body.overdue).toEqual(item.overdue);

      const tomorrow = await appointment({ fromNowMinutes: 24 * 60 });
      const date = DateTime.now().setZone(ZONE).plus({ days: 1 }).toISODate();
      const next = await ctx.http().get(`/api/sessions/today?date=${date}`).set('Cookie', nurse.cookie);
      expect(next.body.date).toBe(date);
      expect(next.body.items.map((i: { appointmentId: string }) => i.appointmentId)).toContain(tomorrow.appointmentId);
    });
  });
});
