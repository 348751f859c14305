// The infusion session end to end: check-in of today's booked appointment behind the eligibility
// gate, the day-of checks (nothing carried over from screening), a clinician's override of relative
// reasons only, the session screen and the nurse's list of the day, against a real PostgreSQL.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import pg from 'pg';
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

  describe("a clinician's recheck", () => {
    it('an override asking for a blood-pressure recheck appears on the day list and as a check-in task, done once measured today', async () => {
      const patient = await ctx.newPatient();
      for (const kind of ['PSYCHIATRIC', 'GENERAL'] as const) await ctx.newSignedScreening(patient.id, kind);
      const reasons = [
        {
          ruleId: 'cv.bp-above-review',
          reason: 'Blood pressure above the review limit',
          severity: 'RELATIVE',
          source: 'test',
          evidence: 'reading 1 150/95 mmHg',
        },
      ];
      const submitted = await ctx.newSubmittedScreening(patient.id, 'CARDIOVASCULAR', {
        result: 'NEEDS_REVIEW',
        reasons,
      });
      const reason = 'White-coat reading; recheck BP before each infusion';
      const badRecheck = await ctx
        .http()
        .post(`/api/screenings/${submitted.id}/override`)
        .set('Cookie', clinician.cookie)
        .send({ version: submitted.version, reason, rechecks: ['ECG'] })
        .expect(400);
      expect(badRecheck.body.errors).toEqual([expect.objectContaining({ field: 'rechecks' })]);
      const signed = await ctx
        .http()
        .post(`/api/screenings/${submitted.id}/override`)
        .set('Cookie', clinician.cookie)
        .send({ version: submitted.version, reason, rechecks: ['BLOOD_PRESSURE'] })
        .expect(200);
      expect(signed.body).toMatchObject({ status: 'SIGNED', overrideReason: reason, rechecks: ['BLOOD_PRESSURE'] });

      const { appointmentId } = await appointment({ patientId: patient.id });
      const list = await ctx.http().get('/api/sessions/today').set('Cookie', nurse.cookie).expect(200);
      const item = list.body.items.find((i: { appointmentId: string }) => i.appointmentId === appointmentId);
      expect(item.rechecks).toEqual([{ check: 'BLOOD_PRESSURE', reason }]);

      const { bloodPressure: _bp, ...withoutBp } = facts();
      const first = await checkIn(appointmentId, withoutBp);
      expect(first.status).toBe(201);
      expect(first.body.checkIn.rechecks).toEqual([
        {
          check: 'BLOOD_PRESSURE',
          reason,
          done: false,
          message: 'Measure the blood pressure before the infusion, as the clinician asked',
        },
      ]);
      const measured = await put(first.body.id, {
        version: first.body.version,
        bloodPressure: { systolic: 138, diastolic: 86, heartRate: 72 },
      });
      expect(measured.status).toBe(200);
      expect(measured.body.checkIn.rechecks).toEqual([
        expect.objectContaining({ done: true, message: 'Blood pressure measured today: 138/86 mmHg' }),
      ]);
    });

    it('the database keeps rechecks to overridden screenings and to the checks a check-in measures', async () => {
      const patient = await ctx.newPatient();
      const draft = await ctx.newSubmittedScreening(patient.id, 'CARDIOVASCULAR');
      await expect(
        ctx.prisma
          .$executeRaw`UPDATE "Screening" SET rechecks = ARRAY['ECG'], "overrideReason" = 'a reason' WHERE id = ${draft.id}::uuid`,
      ).rejects.toThrow(/Screening_rechecks_known/);
      await expect(
        ctx.prisma.$executeRaw`UPDATE "Screening" SET rechecks = ARRAY['BLOOD_PRESSURE'] WHERE id = ${draft.id}::uuid`,
      ).rejects.toThrow(/Screening_rechecks_need_override/);
    });
  });

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

  describe('discharge, signatures and the signed record', () => {
    /**
     * A checked-in session (baseline 120/80, 70 bpm) whose infusion ran and stopped
     * `stoppedMinutesAgo` (default 70) minutes ago, with one recovery reading `reading`.
     */
    async function inRecovery(
      options: {
        stoppedMinutesAgo?: number;
        reading?: Partial<Record<'systolic' | 'diastolic' | 'heartRate' | 'spo2', number>> | null;
      } = {},
    ) {
      const fixture = await ctx.newCheckedInSession({ supervisingClinicianId: clinician.id });
      const stoppedAt = new Date(Date.now() - (options.stoppedMinutesAgo ?? 70) * MINUTE);
      const startedAt = new Date(stoppedAt.getTime() - 40 * MINUTE);
      const orderId = randomUUID();
      await ctx.prisma.doseOrder.create({
        data: {
          id: orderId,
          sessionId: fixture.sessionId,
          form: 'INFUSION',
          route: 'IV',
          perKg: 0.5,
          weightKg: 70,
          rateMgPerHour: 35,
          plannedMinutes: 40,
          expectedMg: 23.333,
          check: {},
          orderedById: clinician.id,
        },
      });
      await ctx.prisma.doseEvent.createMany({
        data: [
          {
            id: randomUUID(),
            sessionId: fixture.sessionId,
            orderId,
            kind: 'START',
            at: startedAt,
            rateMgPerHour: 35,
            byId: nurse.id,
          },
          { id: randomUUID(), sessionId: fixture.sessionId, orderId, kind: 'STOP', at: stoppedAt, byId: nurse.id },
        ],
      });
      await ctx.prisma.infusionSession.update({
        where: { id: fixture.sessionId },
        data: { state: 'IN_RECOVERY', startedAt, stoppedAt },
      });
      if (options.reading !== null)
        await ctx.prisma.vitalsReading.create({
          data: {
            id: randomUUID(),
            sessionId: fixture.sessionId,
            takenAt: new Date(Date.now() - 2 * MINUTE),
            systolic: 124,
            diastolic: 82,
            heartRate: 72,
            spo2: 97,
            ...options.reading,
            recordedById: nurse.id,
          },
        });
      return fixture;
    }

    const post = (id: string, what: string, body: object, user: TestUser) =>
      ctx.http().post(`/api/sessions/${id}/${what}`).set('Cookie', user.cookie).send(body);
    const goodScores = { activity: 2, respiration: 2, circulation: 2, consciousness: 2 };
    const discharge = (id: string, change: object = {}, user = nurse) =>
      post(
        id,
        'discharge',
        { version: 1, aldrete: goodScores, onRoomAir: true, escortPresent: true, painAfter: 3, ...change },
        user,
      );
    const reasonCodes = (body: { reasons: { code: string }[] }) => body.reasons.map((r) => r.code).sort();

    /** A session discharged, ready for signatures. */
    async function discharged() {
      const fixture = await inRecovery();
      const res = await discharge(fixture.sessionId);
      expect(res.status).toBe(200);
      return fixture;
    }

    it('refuses discharge with each reason that stands: Aldrete below, no escort, observation short, vitals off baseline', async () => {
      const early = await inRecovery({ stoppedMinutesAgo: 20, reading: { systolic: 150, heartRate: 90 } });
      const res = await discharge(early.sessionId, {
        aldrete: { ...goodScores, activity: 1, consciousness: 1 },
        escortPresent: false,
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'DISCHARGE_NOT_ALLOWED' });
      expect(reasonCodes(res.body)).toEqual([
        'ALDRETE_BELOW',
        'ESCORT_ABSENT',
        'OBSERVATION_SHORT',
        'VITALS_OFF_BASELINE',
        'VITALS_OFF_BASELINE',
      ]);
      expect(res.body.reasons).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ ruleId: 'discharge.aldrete', message: 'Modified Aldrete score 8 is below 9' }),
          expect.objectContaining({ ruleId: 'discharge.escort-present' }),
        ]),
      );
      const row = await ctx.prisma.infusionSession.findUniqueOrThrow({ where: { id: early.sessionId } });
      expect(row).toMatchObject({ state: 'IN_RECOVERY', discharge: null, painAfter: null, version: 1 });
    });

    it('refuses discharge without a recovery reading, and scores the O2 item from the latest SpO2', async () => {
      const none = await inRecovery({ reading: null });
      expect(reasonCodes((await discharge(none.sessionId)).body)).toEqual(['ALDRETE_BELOW', 'VITALS_MISSING']);
      // 92 % on air is not above 92: the O2 item scores 1 and the total 9 still passes.
      const ok = await inRecovery({ reading: { spo2: 92 } });
      const res = await discharge(ok.sessionId);
      expect(res.status).toBe(200);
      expect(res.body.discharge).toMatchObject({ aldrete: { oxygenSaturation: 1 }, aldreteTotal: 9 });
    });

    it('discharges when the check passes: DISCHARGED, pain after, the scores kept; not twice, not from another state', async () => {
      const fixture = await inRecovery();
      const res = await discharge(fixture.sessionId);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        state: 'DISCHARGED',
        version: 2,
        painAfter: 3,
        discharge: { aldreteTotal: 10, escortPresent: true, dischargedById: nurse.id },
      });
      expect((await discharge(fixture.sessionId, { version: 2 })).body).toMatchObject({ status: 409, reason: 'STATE' });
      const checkedIn = await ctx.newCheckedInSession();
      expect((await discharge(checkedIn.sessionId)).body).toMatchObject({ status: 409, reason: 'STATE' });
      expect((await discharge(fixture.sessionId, {}, clinician)).status).toBe(403);
    });

    it('signs and co-signs in order and by role, completing the appointment and the one-session course', async () => {
      const fixture = await discharged();
      expect((await post(fixture.sessionId, 'co-sign', { version: 2 }, clinician)).body).toMatchObject({
        status: 409,
        reasons: [{ code: 'NOT_SIGNED_BY_NURSE' }],
      });
      expect((await post(fixture.sessionId, 'sign', { version: 2 }, clinician)).status).toBe(403);
      const signed = await post(fixture.sessionId, 'sign', { version: 2 }, nurse);
      expect(signed.status).toBe(200);
      expect(signed.body).toMatchObject({
        version: 3,
        signatures: { nurseSignedById: nurse.id, clinicianSignedAt: null },
      });
      expect((await post(fixture.sessionId, 'sign', { version: 3 }, nurse)).body).toMatchObject({
        status: 409,
        reasons: [{ code: 'ALREADY_SIGNED' }],
      });
      expect((await post(fixture.sessionId, 'co-sign', { version: 3 }, nurse)).status).toBe(403);
      const coSigned = await post(fixture.sessionId, 'co-sign', { version: 3 }, clinician);
      expect(coSigned.status).toBe(200);
      expect(coSigned.body).toMatchObject({
        version: 4,
        appointment: { status: 'COMPLETED' },
        signatures: { nurseSignedById: nurse.id, clinicianSignedById: clinician.id },
      });
      expect(await ctx.prisma.course.findUniqueOrThrow({ where: { id: fixture.courseId } })).toMatchObject({
        status: 'COMPLETED',
      });
      expect((await post(fixture.sessionId, 'co-sign', { version: 4 }, clinician)).body).toMatchObject({
        status: 409,
        reasons: [{ code: 'ALREADY_CO_SIGNED' }],
      });
      const list = await ctx.http().get('/api/sessions/today').set('Cookie', nurse.cookie);
      expect(list.body.items.find((i: { sessionId: string }) => i.sessionId === fixture.sessionId)).toMatchObject({
        state: 'DISCHARGED',
        nurseSigned: true,
        coSigned: true,
      });
    });

    it('refuses to sign before discharge', async () => {
      const fixture = await inRecovery();
      expect((await post(fixture.sessionId, 'sign', { version: 1 }, nurse)).body).toMatchObject({
        status: 409,
        reasons: [{ code: 'NOT_DISCHARGED' }],
      });
    });

    it('holds the signature while an adverse event is a draft, or a grade 3 one has not been seen by a clinician', async () => {
      const fixture = await discharged();
      const event = (change: object) =>
        ctx.prisma.adverseEvent.create({
          data: {
            id: randomUUID(),
            sessionId: fixture.sessionId,
            term: 'hypertension',
            onsetAt: new Date(Date.now() - 30 * MINUTE),
            recordedById: nurse.id,
            status: 'CONFIRMED',
            grade: 2,
            ...change,
          },
        });
      const draft = await event({ status: 'DRAFT', grade: null });
      const severe = await event({ grade: 3, decidedById: nurse.id, decidedAt: new Date() });
      const held = await post(fixture.sessionId, 'sign', { version: 2 }, nurse);
      expect(held.status).toBe(422);
      expect(held.body).toMatchObject({ code: 'SIGNING_NOT_ALLOWED' });
      expect(held.body.reasons).toEqual([
        expect.objectContaining({
          code: 'ADVERSE_EVENT_DRAFT',
          adverseEventId: draft.id,
          ruleId: 'signing.adverse-events-settled',
        }),
        expect.objectContaining({
          code: 'ADVERSE_EVENT_NOT_SEEN',
          adverseEventId: severe.id,
          ruleId: 'signing.serious-events-seen',
        }),
      ]);

      await ctx.prisma.adverseEvent.update({
        where: { id: draft.id },
        data: { status: 'DISMISSED', dismissReason: 'Cuff too small', decidedById: nurse.id, decidedAt: new Date() },
      });
      // The supervising clinician reads the alert the grade 3 event raised: the event has been seen.
      const alert = await ctx.prisma.staffAlert.create({
        data: {
          clinicId: ctx.clinicId,
          recipientId: clinician.id,
          kind: 'ADVERSE_EVENT_SERIOUS',
          sessionId: fixture.sessionId,
          adverseEventId: severe.id,
          message: 'Grade 3 adverse event',
        },
      });
      expect((await post(fixture.sessionId, 'sign', { version: 2 }, nurse)).body).toMatchObject({
        reasons: [{ code: 'ADVERSE_EVENT_NOT_SEEN' }],
      });
      await ctx.prisma.staffAlert.update({ where: { id: alert.id }, data: { readAt: new Date() } });
      expect((await post(fixture.sessionId, 'sign', { version: 2 }, nurse)).status).toBe(200);
    });

    it('a signed record cannot be changed at the database, as the API role connects; addenda are added', async () => {
      const fixture = await discharged();
      expect((await post(fixture.sessionId, 'addenda', { text: 'Too early' }, nurse)).body).toMatchObject({
        status: 409,
        reason: 'NOT_SIGNED',
      });
      await post(fixture.sessionId, 'sign', { version: 2 }, nurse).expect(200);
      const runtime = new pg.Client({ connectionString: ctx.config.databaseUrl });
      await runtime.connect();
      try {
        const id = fixture.sessionId;
        await expect(runtime.query(`UPDATE "InfusionSession" SET "painAfter" = 0 WHERE id = $1`, [id])).rejects.toThrow(
          /signed by its nurse/,
        );
        await expect(runtime.query(`DELETE FROM "InfusionSession" WHERE id = $1`, [id])).rejects.toThrow(
          /never deleted/,
        );
        await expect(
          runtime.query(
            `INSERT INTO "VitalsReading" (id, "sessionId", "takenAt", "heartRate", "recordedById") VALUES ($1, $2, now(), 70, $3)`,
            [randomUUID(), id, nurse.id],
          ),
        ).rejects.toThrow(/the record is signed/);
        await expect(
          runtime.query(`UPDATE "VitalsReading" SET "heartRate" = 60 WHERE "sessionId" = $1`, [id]),
        ).rejects.toThrow();
        await expect(runtime.query(`DELETE FROM "DoseEvent" WHERE "sessionId" = $1`, [id])).rejects.toThrow();

        await post(id, 'co-sign', { version: 3 }, clinician).expect(200);
        await expect(
          runtime.query(`UPDATE "InfusionSession" SET "clinicianSignedAt" = now() WHERE id = $1`, [id]),
        ).rejects.toThrow(/signed and co-signed/);
        await expect(runtime.query(`TRUNCATE "InfusionSession" CASCADE`)).rejects.toThrow();
      } finally {
        await runtime.end();
      }

      const note = await post(fixture.sessionId, 'addenda', { text: 'Patient phoned: home safely.' }, clinician);
      expect(note.status).toBe(201);
      expect(note.body.addenda).toEqual([
        expect.objectContaining({ authorId: clinician.id, text: 'Patient phoned: home safely.' }),
      ]);
      expect(note.body).toMatchObject({ version: 4, painAfter: 3 });
    });

    it('two sessions of one course co-signed at once complete the course once', async () => {
      const patient = await ctx.newEligiblePatient();
      const chair = await ctx.newChair();
      const start = (minutes: number) => new Date(Date.now() + minutes * MINUTE).toISOString();
      const booked = await ctx.newBookedCourse(
        patient.id,
        [-5, 60].map((m) => ({ chairId: chair.id, startsAt: start(m), endsAt: start(m + 50) })),
      );
      const ids: string[] = [];
      for (const appointmentId of booked.appointmentIds) {
        const id = (await checkIn(appointmentId)).body.id;
        const stoppedAt = new Date(Date.now() - 61 * MINUTE);
        await ctx.prisma.infusionSession.update({
          where: { id },
          data: { state: 'IN_RECOVERY', startedAt: new Date(stoppedAt.getTime() - 20 * MINUTE), stoppedAt },
        });
        await ctx.prisma.vitalsReading.create({
          data: {
            id: randomUUID(),
            sessionId: id,
            takenAt: new Date(),
            systolic: 121,
            diastolic: 80,
            heartRate: 71,
            spo2: 98,
            recordedById: nurse.id,
          },
        });
        await discharge(id).expect(200);
        await post(id, 'sign', { version: 2 }, nurse).expect(200);
        ids.push(id);
      }
      const answers = await Promise.all(ids.map((id) => post(id, 'co-sign', { version: 3 }, clinician)));
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect((await ctx.prisma.course.findUniqueOrThrow({ where: { id: booked.id } })).status).toBe('COMPLETED');
      expect(
        await ctx.prisma.auditEvent.count({ where: { entity: 'Course', entityId: booked.id, action: 'UPDATE' } }),
      ).toBe(1);
    });

    it('completes a course once every appointment is completed, cancelled or a no-show, and one was completed', async () => {
      const start = (minutes: number) => new Date(Date.now() + minutes * MINUTE).toISOString();
      const day = 24 * 60;
      /** A course of today's session and two later ones; today's is checked in, discharged and signed. */
      async function course() {
        const patient = await ctx.newEligiblePatient();
        const chair = await ctx.newChair();
        const booked = await ctx.newBookedCourse(
          patient.id,
          [-5, 2 * day, 3 * day].map((m) => ({ chairId: chair.id, startsAt: start(m), endsAt: start(m + 60) })),
        );
        const id = (await checkIn(booked.appointmentIds[0])).body.id;
        const stoppedAt = new Date(Date.now() - 61 * MINUTE);
        await ctx.prisma.infusionSession.update({
          where: { id },
          data: { state: 'IN_RECOVERY', startedAt: new Date(stoppedAt.getTime() - 30 * MINUTE), stoppedAt },
        });
        await ctx.prisma.vitalsReading.create({
          data: {
            id: randomUUID(),
            sessionId: id,
            takenAt: new Date(),
            systolic: 118,
            diastolic: 79,
            heartRate: 68,
            spo2: 98,
            recordedById: nurse.id,
          },
        });
        await discharge(id).expect(200);
        await post(id, 'sign', { version: 2 }, nurse).expect(200);
        return { ...booked, sessionId: id };
      }
      const status = async (id: string) => (await ctx.prisma.course.findUniqueOrThrow({ where: { id } })).status;

      const goingOn = await course();
      await post(goingOn.sessionId, 'co-sign', { version: 3 }, clinician).expect(200);
      expect(await status(goingOn.id)).toBe('BOOKED');
      // Its later sessions cancelled at the desk: the last cancellation completes the course.
      for (const [i, appointmentId] of goingOn.appointmentIds.slice(1).entries()) {
        expect(await status(goingOn.id)).toBe('BOOKED');
        await ctx
          .http()
          .post(`/api/appointments/${appointmentId}/cancel`)
          .set('Cookie', scheduler.cookie)
          .send({ version: 1, reason: `Patient asked to stop (${i + 1})` })
          .expect(200);
      }
      expect(await status(goingOn.id)).toBe('COMPLETED');

      const ended = await course();
      await ctx.prisma.appointment.update({ where: { id: ended.appointmentIds[1] }, data: { status: 'CANCELLED' } });
      await ctx.prisma.appointment.update({ where: { id: ended.appointmentIds[2] }, data: { status: 'NO_SHOW' } });
      await post(ended.sessionId, 'co-sign', { version: 3 }, clinician).expect(200);
      expect(await status(ended.id)).toBe('COMPLETED');
      expect(
        await ctx.prisma.auditEvent.count({
          where: { entity: 'Course', entityId: ended.id, action: 'UPDATE', fields: { has: 'status' } },
        }),
      ).toBe(1);
    });
  });

  describe('infusion settings', () => {
    it("shows the clinic's settings over the cited defaults, saves them at the clinic's version, and the session follows", async () => {
      const { ADMIN: admin } = await ctx.users();
      const clinicId = await ctx.newClinic();
      const owner = await ctx.newUser(['ADMIN'], clinicId);
      const read = await ctx.http().get('/api/clinic/infusion-settings').set('Cookie', owner.cookie);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({
        version: 1,
        infusion: {
          vitalsIntervalMinutes: 15,
          thresholds: { systolicAbove: 180, spo2Below: 92 },
          discharge: { aldreteMinimum: 9 },
        },
        dosing: { weightKg: { min: 20, max: 350 }, windowCapsMg: { '30': null, '90': null, '365': null } },
      });
      const saved = await ctx
        .http()
        .put('/api/clinic/infusion-settings')
        .set('Cookie', owner.cookie)
        .send({
          version: 1,
          infusion: { thresholds: { systolicAbove: 170 }, discharge: { aldreteMinimum: 8 } },
          dosing: { windowCapsMg: { '30': 600 } },
        });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        version: 2,
        infusion: {
          thresholds: { systolicAbove: 170, systolicBelow: 90 },
          discharge: { aldreteMinimum: 8, baselineMarginPercent: 20 },
        },
        dosing: { windowCapsMg: { '30': 600, '90': null } },
      });
      const stale = await ctx
        .http()
        .put('/api/clinic/infusion-settings')
        .set('Cookie', owner.cookie)
        .send({ version: 1, infusion: {} });
      expect(stale.body).toMatchObject({ status: 409, code: 'STALE_VERSION', currentVersion: 2 });
      expect(
        await ctx.prisma.auditEvent.count({
          where: { entity: 'Clinic', entityId: clinicId, action: 'UPDATE', fields: { has: 'infusionSettings' } },
        }),
      ).toBe(1);
      // Another clinic's settings are its own.
      const own = await ctx.http().get('/api/clinic/infusion-settings').set('Cookie', admin.cookie);
      expect(own.body.infusion.thresholds.systolicAbove).toBe(180);

      // A session shows the thresholds in force for its chart.
      await ctx.prisma.clinic.update({
        where: { id: ctx.clinicId },
        data: { infusionSettings: { thresholds: { heartRateAbove: 110 } } },
      });
      try {
        const { sessionId } = await ctx.newCheckedInSession();
        const session = await getSession(sessionId);
        expect(session.body.settings.thresholds).toMatchObject({ heartRateAbove: 110, heartRateBelow: 50 });
      } finally {
        await ctx.prisma.clinic.update({ where: { id: ctx.clinicId }, data: { infusionSettings: {} } });
      }
    });
  });
});
