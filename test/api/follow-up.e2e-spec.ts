// Follow-up end to end against a real PostgreSQL: the schedule made when the last session of a
// course is co-signed, the nurses' worklist, recording a follow-up, the clinician's bladder review,
// the patient's single-use link, and a patient's follow-up timeline.
import {
  clinicMidnight,
  followUpSchedule,
  followUpWorklist,
  PROMIS_COPYRIGHT_NOTICE,
  type ScheduledFollowUp,
} from '@cadence/domain';
import { randomUUID } from 'node:crypto';
import { FollowUpScheduling } from '../../apps/api/src/modules/follow-up/follow-up-schedule.service';
import { newLinkToken } from '../../apps/api/src/modules/follow-up/link-tokens';
import { addDaysTo, startTestApp, TestContext, TestUser, todayIn } from '../support/context';

const ZONE = 'Europe/London';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('follow-up', () => {
  let ctx: TestContext;
  let nurse: TestUser;
  let clinician: TestUser;
  let scheduler: TestUser;

  beforeAll(async () => {
    // Forwarded addresses are believed from the test client, so each test of the public link
    // routes calls from its own address and their throttle counts only that test's requests.
    ctx = await startTestApp({ TRUSTED_PROXIES: 'loopback', PUBLIC_ORIGIN: 'https://cadence.example.org' });
    ({ NURSE: nurse, CLINICIAN: clinician, SCHEDULER: scheduler } = await ctx.users());
  });
  afterAll(() => ctx.close());

  const post = (path: string, body: object, user: TestUser) =>
    ctx.http().post(path).set('Cookie', user.cookie).send(body);

  /** Checks in today's appointment over HTTP, then discharges, signs and co-signs its session. */
  async function closeTodaysSession(appointmentId: string): Promise<string> {
    const checkIn = await post(
      `/api/appointments/${appointmentId}/check-in`,
      {
        supervisingClinicianId: clinician.id,
        identityConfirmed: true,
        bloodPressure: { systolic: 120, diastolic: 80, heartRate: 70 },
        spo2: 98,
        weightKg: 72.5,
        pregnancy: 'no',
        escortArranged: true,
        willDrive: false,
        painBefore: 7,
      },
      nurse,
    ).expect(201);
    const id = checkIn.body.id as string;
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
        systolic: 121,
        diastolic: 80,
        heartRate: 71,
        spo2: 98,
        recordedById: nurse.id,
      },
    });
    await post(
      `/api/sessions/${id}/discharge`,
      {
        version: 1,
        aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2 },
        onRoomAir: true,
        escortPresent: true,
        painAfter: 3,
      },
      nurse,
    ).expect(200);
    await post(`/api/sessions/${id}/sign`, { version: 2 }, nurse).expect(200);
    await post(`/api/sessions/${id}/co-sign`, { version: 3 }, clinician).expect(200);
    return id;
  }

  /** A course of `days` daily appointments ending with today's (started 5 minutes ago); the earlier ones completed. */
  async function courseEndingToday(protocolKey: string, days: number) {
    const patient = await ctx.newEligiblePatient();
    const chair = await ctx.newChair();
    const start = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY - 5 * MINUTE);
    const booked = await ctx.newBookedCourse(
      patient.id,
      Array.from({ length: days }, (_, i) => {
        const startsAt = start(days - 1 - i);
        return {
          chairId: chair.id,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 50 * MINUTE).toISOString(),
        };
      }),
      protocolKey,
    );
    await ctx.prisma.appointment.updateMany({
      where: { id: { in: booked.appointmentIds.slice(0, -1) } },
      data: { status: 'COMPLETED' },
    });
    return { ...booked, patientId: patient.id, todaysAppointmentId: booked.appointmentIds[days - 1] };
  }

  const stored = (courseId: string) =>
    ctx.prisma.followUp.findMany({ where: { courseId }, orderBy: { offsetDays: 'asc' } });
  const day = (column: Date) => column.toISOString().slice(0, 10);

  describe('schedule on completion', () => {
    it('co-signing the last session of a five-day course schedules its eight follow-ups in the clinic zone, audited', async () => {
      const course = await courseEndingToday('IV_FIVE_DAY_LOW_DOSE', 5);
      expect(await stored(course.id)).toEqual([]);
      await closeTodaysSession(course.todaysAppointmentId);

      const row = await ctx.prisma.course.findUniqueOrThrow({ where: { id: course.id } });
      expect(row.status).toBe('COMPLETED');
      expect(row.completedAt!.getTime()).toBeGreaterThan(Date.now() - MINUTE);
      const today = todayIn(ZONE);
      const expected = followUpSchedule({
        lastSessionOn: today,
        followUpOffsetsDays: [7, 14, 28, 56, 84, 112, 140, 168],
        timeZone: ZONE,
      });
      const followUps = await stored(course.id);
      expect(
        followUps.map((f) => ({
          offsetDays: f.offsetDays,
          dueOn: day(f.dueOn),
          opensOn: day(f.opensOn),
          closesOn: day(f.closesOn),
          opensAtMs: f.opensAt.getTime(),
          closesAtMs: f.closesAt.getTime(),
          status: f.status,
          patientId: f.patientId,
        })),
      ).toEqual(
        expected.map((w) => ({
          offsetDays: w.offsetDays,
          dueOn: w.dueOn,
          opensOn: w.opensOn,
          closesOn: w.closesOn,
          opensAtMs: w.opensAtMs,
          closesAtMs: w.closesAtMs,
          status: 'UPCOMING',
          patientId: course.patientId,
        })),
      );
      expect(followUps[0].dueOn.toISOString().slice(0, 10)).toBe(addDaysTo(today, 7));
      expect(followUps[7].dueOn.toISOString().slice(0, 10)).toBe(addDaysTo(today, 168));
      const audit = await ctx.prisma.auditEvent.findMany({
        where: { entity: 'FollowUp', action: 'CREATE', patientId: course.patientId },
      });
      expect(audit.map((a) => a.entityId).sort()).toEqual(followUps.map((f) => f.id).sort());
      expect(audit.every((a) => a.actorId === clinician.id)).toBe(true);
    });

    it('co-signing a session that is not the last schedules nothing; scheduling twice adds nothing', async () => {
      const patient = await ctx.newEligiblePatient();
      const chair = await ctx.newChair();
      const at = (minutes: number) => new Date(Date.now() + minutes * MINUTE).toISOString();
      const booked = await ctx.newBookedCourse(
        patient.id,
        [-5, 2 * 24 * 60].map((m) => ({ chairId: chair.id, startsAt: at(m), endsAt: at(m + 50) })),
        'IV_MULTI_DAY_WEEKDAYS',
      );
      await closeTodaysSession(booked.appointmentIds[0]);
      expect(await stored(booked.id)).toEqual([]);

      const fixture = await ctx.newCompletedCourse();
      const before = await stored(fixture.courseId);
      expect(before.map((f) => f.offsetDays)).toEqual([1, 3, 7, 14]);
      const again = await ctx.app
        .get(FollowUpScheduling)
        .scheduleCompletedCourse(null, { requestId: 'again', ip: '127.0.0.1' }, fixture.courseId);
      expect(again).toBe(0);
      expect(await stored(fixture.courseId)).toEqual(before);
    });

    it('counts from the last completed session when the course completes by cancelling the rest', async () => {
      const patient = await ctx.newEligiblePatient();
      const chair = await ctx.newChair();
      const at = (minutes: number) => new Date(Date.now() + minutes * MINUTE).toISOString();
      const booked = await ctx.newBookedCourse(
        patient.id,
        [-2 * 24 * 60, 2 * 24 * 60].map((m) => ({ chairId: chair.id, startsAt: at(m), endsAt: at(m + 50) })),
        'IV_MULTI_DAY_WEEKDAYS',
      );
      await ctx.prisma.appointment.update({ where: { id: booked.appointmentIds[0] }, data: { status: 'COMPLETED' } });
      await post(
        `/api/appointments/${booked.appointmentIds[1]}/cancel`,
        { version: 1, reason: 'Patient asked to stop' },
        scheduler,
      ).expect(200);
      const ended = (await ctx.prisma.appointment.findUniqueOrThrow({ where: { id: booked.appointmentIds[0] } }))
        .endsAt;
      const lastSessionOn = ended.toLocaleDateString('en-CA', { timeZone: ZONE });
      expect((await stored(booked.id)).map((f) => [f.offsetDays, day(f.dueOn)])).toEqual(
        [7, 14, 28, 56, 84].map((offset) => [offset, addDaysTo(lastSessionOn, offset)]),
      );
    });

    it('gives a cancelled course no follow-ups', async () => {
      const patient = await ctx.newEligiblePatient();
      const chair = await ctx.newChair();
      const at = (minutes: number) => new Date(Date.now() + minutes * MINUTE).toISOString();
      const booked = await ctx.newBookedCourse(
        patient.id,
        [2 * 24 * 60].map((m) => ({ chairId: chair.id, startsAt: at(m), endsAt: at(m + 50) })),
        'IV_SINGLE_INFUSION',
      );
      await post(
        `/api/appointments/${booked.appointmentIds[0]}/cancel`,
        { version: 1, reason: 'Patient changed their mind' },
        scheduler,
      ).expect(200);
      await ctx.prisma.course.update({ where: { id: booked.id }, data: { status: 'CANCELLED' } });
      const scheduled = await ctx.app
        .get(FollowUpScheduling)
        .scheduleCompletedCourse(null, { requestId: 'cancelled', ip: '127.0.0.1' }, booked.id);
      expect(scheduled).toBe(0);
      expect(await stored(booked.id)).toEqual([]);
    });
  });

  // ---------------------------------------------------------------------------------------------
  // Recording, reading, the worklist and the patient's link

  const PROMIS_ITEMS = ['PAININ9', 'PAININ22', 'PAININ31', 'PAININ34', 'PAININ12', 'PAININ36'];
  const BLADDER = ['FREQUENCY', 'URGENCY', 'PAIN_PASSING_URINE', 'BLOOD_IN_URINE', 'NIGHT_TIME_VOIDING'];
  /** A complete set of answers: PROMIS raw 12 (T 55.6), PHQ-9 total 3, no bladder symptom, no home dose. */
  const answers = (overrides: Record<string, unknown> = {}) => ({
    painNrsNow: 3,
    painNrs7DayAverage: 4,
    painInterference: Object.fromEntries(PROMIS_ITEMS.map((id) => [id, 2])),
    phq9: { q1: 1, q2: 1, q3: 1, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 0 },
    bladder: Object.fromEntries(BLADDER.map((s) => [s, false])),
    supportingCare: ['PHYSIOTHERAPY'],
    homeDoses: [],
    note: 'Walking further than before the course',
    ...overrides,
  });
  const staffRecord = (overrides: Record<string, unknown> = {}) => ({
    id: randomUUID(),
    channel: 'PHONE',
    recordedAtMs: Date.now() - MINUTE,
    ...answers(),
    ...overrides,
  });
  const record = (followUpId: string, body: object, user = nurse) =>
    post(`/api/follow-ups/${followUpId}/records`, body, user);
  const get = (path: string, user = nurse) => ctx.http().get(path).set('Cookie', user.cookie);
  const offset = (fixture: { followUps: { id: string; offsetDays: number }[] }, days: number) =>
    fixture.followUps.find((f) => f.offsetDays === days)!.id;

  describe('recording a follow-up', () => {
    it('scores a record inside the window, completes the follow-up, adds home doses to the dose ledger, audited', async () => {
      // Day 7 of a single infusion: the day-7 follow-up is due today.
      const fixture = await ctx.newCompletedCourse({ lastSessionDaysAgo: 7 });
      const followUpId = offset(fixture, 7);
      expect(fixture.followUps.find((f) => f.id === followUpId)!.status).toBe('DUE');
      const takenAt = Date.now() - DAY;
      const body = staffRecord({
        homeDoses: [
          { route: 'ORAL', mg: 25, atMs: takenAt },
          { route: 'INTRANASAL', mg: 12.5, atMs: takenAt + MINUTE },
        ],
      });
      const res = await record(followUpId, body);
      expect(res.status).toBe(201);
      expect(res.body.record).toMatchObject({
        id: body.id,
        channel: 'PHONE',
        recordedById: nurse.id,
        insideWindow: true,
        painNrsNow: 3,
        painNrs7DayAverage: 4,
        painInterference: { rawScore: 12, tScore: 55.6, standardError: 1.5 },
        phq9: { total: 3, band: 'NONE_MINIMAL' },
        bladder: { positive: [], review: null },
        supportingCare: ['PHYSIOTHERAPY'],
        note: 'Walking further than before the course',
        flags: [],
      });
      expect(res.body.record.homeDoses.map((d: { route: string; mg: number }) => [d.route, d.mg])).toEqual([
        ['ORAL', 25],
        ['INTRANASAL', 12.5],
      ]);
      expect(res.body.followUp.state).toMatchObject({ status: 'COMPLETED', completedByRecordId: body.id });
      expect(res.body.cliniciansAlerted).toBe(0);
      expect((await ctx.prisma.followUp.findUniqueOrThrow({ where: { id: followUpId } })).status).toBe('COMPLETED');

      const doses = await ctx.prisma.homeDose.findMany({ where: { followUpRecordId: body.id } });
      expect(doses.map((d) => [d.courseId, d.patientId, d.recordedById])).toEqual([
        [fixture.courseId, fixture.patientId, nurse.id],
        [fixture.courseId, fixture.patientId, nurse.id],
      ]);
      const ledger = await get(`/api/patients/${fixture.patientId}/dose-ledger`).expect(200);
      const byRoute = Object.fromEntries(
        ledger.body.byRoute.map((r: { route: string; allTimeMg: number }) => [r.route, r.allTimeMg]),
      );
      expect(byRoute).toMatchObject({ ORAL: 25, INTRANASAL: 12.5 });

      const audit = await ctx.prisma.auditEvent.findMany({
        where: { patientId: fixture.patientId, actorId: nurse.id, action: { in: ['CREATE', 'UPDATE'] } },
      });
      expect(audit.map((a) => [a.action, a.entity]).sort()).toEqual(
        [
          ['CREATE', 'FollowUpRecord'],
          ['CREATE', 'HomeDose'],
          ['CREATE', 'HomeDose'],
          ['UPDATE', 'FollowUp'],
        ].sort(),
      );

      // A retry stores nothing more; the same id with other answers is refused.
      const retry = await record(followUpId, body);
      expect(retry.status).toBe(200);
      expect(retry.body.record).toEqual(res.body.record);
      expect(await ctx.prisma.homeDose.count({ where: { followUpRecordId: body.id } })).toBe(2);
      const other = await record(followUpId, { ...body, painNrsNow: 5 });
      expect(other.status).toBe(409);
      expect(other.body).toMatchObject({ code: 'ENTRY_ID_TAKEN', errors: [{ field: 'id' }] });
    });

    it('keeps a record taken outside the window but does not complete the follow-up with it', async () => {
      const fixture = await ctx.newCompletedCourse({ lastSessionDaysAgo: 7 });
      const dayFourteen = offset(fixture, 14);
      const res = await record(dayFourteen, staffRecord());
      expect(res.status).toBe(201);
      expect(res.body.record.insideWindow).toBe(false);
      expect(res.body.followUp.state.status).toBe('UPCOMING');
      expect(res.body.followUp.state.reasons.map((r: { code: string }) => r.code)).toEqual([
        'UPCOMING',
        'RECORD_OUTSIDE_WINDOW',
      ]);
      expect((await ctx.prisma.followUp.findUniqueOrThrow({ where: { id: dayFourteen } })).status).toBe('UPCOMING');
      const read = await get(`/api/follow-ups/${dayFourteen}`).expect(200);
      expect(read.body.records.map((r: { id: string }) => r.id)).toEqual([res.body.record.id]);
    });

    it('alerts every clinician at once to PHQ-9 item 9 above "not at all" and flags it in the answer', async () => {
      const fixture = await ctx.newCompletedCourse({ lastSessionDaysAgo: 7 });
      const res = await record(
        offset(fixture, 7),
        staffRecord({ phq9: { q1: 2, q2: 2, q3: 1, q4: 1, q5: 0, q6: 1, q7: 0, q8: 0, q9: 1 } }),
      );
      expect(res.status).toBe(201);
      expect(res.body.record.flags).toEqual([
        expect.objectContaining({ code: 'SUICIDALITY', ruleId: 'follow-up.suicidality-flagged' }),
      ]);
      const clinicians = await ctx.prisma.user.count({
        where: { clinicId: ctx.clinicId, active: true, roles: { has: 'CLINICIAN' } },
      });
      expect(res.body.cliniciansAlerted).toBe(clinicians);
      const alerts = await ctx.prisma.staffAlert.findMany({ where: { followUpRecordId: res.body.record.id } });
      expect(alerts).toHaveLength(clinicians);
      expect(alerts.every((a) => a.kind === 'FOLLOW_UP_SUICIDALITY' && a.patientId === fixture.patientId)).toBe(true);
      // No patient data in the alert's words; the inbox names the patient and the record.
      expect(alerts[0].message).not.toContain(fixture.patientId);
      const inbox = await get('/api/alerts', clinician).expect(200);
      expect(inbox.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'FOLLOW_UP_SUICIDALITY',
            followUpRecordId: res.body.record.id,
            patient: expect.objectContaining({ id: fixture.patientId }),
          }),
        ]),
      );
      expect(
        await ctx.prisma.auditEvent.count({
          where: { entity: 'StaffAlert', action: 'CREATE', patientId: fixture.patientId },
        }),
      ).toBe(clinicians);
    });

    it('is recorded by a nurse only, in the clinic of the follow-up', async () => {
      const fixture = await ctx.newCompletedCourse({ lastSessionDaysAgo: 7 });
      expect((await record(offset(fixture, 7), staffRecord(), clinician)).status).toBe(403);
      const elsewhere = await ctx.newUser(['NURSE'], await ctx.newClinic());
      expect((await record(offset(fixture, 7), staffRecord(), elsewhere)).status).toBe(404);
      expect((await get(`/api/follow-ups/${offset(fixture, 7)}`, elsewhere)).status).toBe(404);
    });
  });

  describe('bladder review', () => {
    it('flags any yes for a clinician, who reviews it once; the record itself never changes', async () => {
      const fixture = await ctx.newCompletedCourse({ lastSessionDaysAgo: 7 });
      const res = await record(
        offset(fixture, 7),
        staffRecord({ bladder: { ...Object.fromEntries(BLADDER.map((s) => [s, false])), URGENCY: true } }),
      );
      expect(res.status).toBe(201);
      const id = res.body.record.id as string;
      expect(res.body.record.bladder.positive).toEqual(['URGENCY']);
      expect(res.body.record.flags).toEqual([expect.objectContaining({ code: 'BLADDER_SYMPTOMS' })]);

      // It waits in the clinic's review queue, for clinicians of this clinic only, audited per patient.
      const queue = (user = clinician) => get('/api/follow-up-records/bladder-reviews', user);
      const waiting = await queue();
      expect(waiting.status).toBe(200);
      expect(waiting.body.items).toContainEqual(
        expect.objectContaining({
          recordId: id,
          positive: ['URGENCY'],
          offsetDays: 7,
          patient: expect.objectContaining({ id: fixture.patientId }),
        }),
      );
      expect((await queue(nurse)).status).toBe(403);
      const elsewhere = await ctx.newUser(['CLINICIAN'], await ctx.newClinic());
      expect((await queue(elsewhere)).body.items).toEqual([]);
      expect(
        await ctx.prisma.auditEvent.count({
          where: { action: 'SEARCH', entity: 'FollowUpRecord', patientId: fixture.patientId, actorId: clinician.id },
        }),
      ).toBe(1);

      const review = (body: object, user = clinician) =>
        post(`/api/follow-up-records/${id}/bladder-review`, body, user);
      expect((await review({ note: 'Seen' }, nurse)).status).toBe(403);
      expect((await review({ note: '   ' })).status).toBe(400);
      const reviewed = await review({ note: 'Urgency only, no haematuria: urine dip clear; recheck next call' });
      expect(reviewed.status).toBe(200);
      expect(reviewed.body.bladder.review).toMatchObject({
        reviewedById: clinician.id,
        note: 'Urgency only, no haematuria: urine dip clear; recheck next call',
      });
      expect((await queue()).body.items.map((i: { recordId: string }) => i.recordId)).not.toContain(id);
      const again = await review({ note: 'Second look' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        code: 'INVALID_TRANSITION',
        errors: [{ field: 'bladderReview', rule: 'once' }],
      });
      expect(
        await ctx.prisma.auditEvent.count({
          where: { entity: 'FollowUpRecord', entityId: id, action: 'UPDATE', actorId: clinician.id },
        }),
      ).toBe(1);
      // The database refuses any other change to the record, even from the owner role.
      await expect(ctx.prisma.followUpRecord.update({ where: { id }, data: { painNrsNow: 9 } })).rejects.toThrow(
        /append-only/,
      );

      const clear = await record(offset(fixture, 14), staffRecord());
      const nothing = await post(
        `/api/follow-up-records/${clear.body.record.id}/bladder-review`,
        { note: 'x' },
        clinician,
      );
      expect(nothing.status).toBe(409);
      expect(nothing.body.errors).toEqual([expect.objectContaining({ rule: 'positiveAnswers' })]);
    });
  });

  describe('worklist', () => {
    const toScheduled = (f: {
      offsetDays: number;
      dueOn: Date;
      opensOn: Date;
      closesOn: Date;
      opensAt: Date;
      closesAt: Date;
    }): ScheduledFollowUp => ({
      offsetDays: f.offsetDays,
      timeZone: ZONE,
      dueOn: day(f.dueOn),
      opensOn: day(f.opensOn),
      closesOn: day(f.closesOn),
      dueAtMs: clinicMidnight(day(f.dueOn), ZONE),
      opensAtMs: f.opensAt.getTime(),
      closesAtMs: f.closesAt.getTime(),
    });

    it("lists the clinic's follow-ups in the domain's order of urgency, with status, reasons, window, patient, course, last scores and how to reach them", async () => {
      const clinicId = await ctx.newClinic();
      const worker = await ctx.newUser(['NURSE'], clinicId);
      const courses = [];
      for (const daysAgo of [5, 7, 8, 10, 20])
        courses.push(await ctx.newCompletedCourse({ clinicId, lastSessionDaysAgo: daysAgo }));
      // One reachable by email only, one by phone.
      await ctx.prisma.patient.update({
        where: { id: courses[1].patientId },
        data: { email: 'ada@example.org', escortName: 'Charles', escortPhone: '01632 960 001' },
      });
      await ctx.prisma.patient.update({ where: { id: courses[2].patientId }, data: { phone: '01632 960 123' } });
      // A follow-up completed by a record inside its window is off the list; its scores become the patient's last.
      const done = courses[2];
      const recorded = await record(
        offset(done, 7),
        staffRecord({ bladder: { ...answers().bladder, FREQUENCY: true } }),
        worker,
      );
      expect(recorded.status).toBe(201);
      // A record outside a window is named among the reasons of the follow-up it was given for.
      await record(offset(courses[0], 3), staffRecord({ recordedAtMs: Date.now() - 3 * DAY }), worker).expect(201);
      // A stored status the daily job has not yet moved on: the status is the domain's at now.
      await ctx.prisma.followUp.update({ where: { id: offset(courses[1], 7) }, data: { status: 'UPCOMING' } });
      // A patient whose later course has begun: the earlier course's follow-ups are not chased.
      const superseded = await ctx.newCompletedCourse({ clinicId, lastSessionDaysAgo: 8 });
      const chair = await ctx.newChair({ clinicId });
      await ctx.prisma.course.create({
        data: {
          clinicId,
          patientId: superseded.patientId,
          protocolId: await ctx.protocolId('IV_SINGLE_INFUSION', clinicId),
          bookedById: worker.id,
          sessionCount: 1,
          eligibilityScreeningIds: [],
          appointments: {
            create: [
              {
                clinicId,
                patientId: superseded.patientId,
                chairId: chair.id,
                sessionNumber: 1,
                startsAt: new Date(Date.now() - 5 * MINUTE),
                endsAt: new Date(Date.now() + 35 * MINUTE),
              },
            ],
          },
        },
      });

      const res = await get('/api/follow-ups/worklist?pageSize=200', worker).expect(200);
      const now = Date.now();
      const stored = await ctx.prisma.followUp.findMany({
        where: { clinicId, courseId: { not: superseded.courseId } },
        include: { records: { select: { recordedAt: true } } },
      });
      const expected = followUpWorklist(
        stored.map((f) => ({
          id: f.id,
          followUp: toScheduled(f),
          recordedAtMs: f.records.map((r) => r.recordedAt.getTime()),
        })),
        now,
      );
      expect(res.body.items.map((e: { followUpId: string }) => e.followUpId)).toEqual(expected.map((e) => e.id));
      expect(res.body.items.map((e: { state: { status: string } }) => e.state.status)).toEqual(
        expected.map((e) => e.state.status),
      );
      expect(res.body.total).toBe(expected.length);
      // Overdue first, then due, then recent misses; nothing upcoming, completed or superseded.
      const statuses = res.body.items.map((e: { state: { status: string } }) => e.state.status);
      expect(
        [...statuses].sort(
          (a: string, b: string) => ['OVERDUE', 'DUE', 'MISSED'].indexOf(a) - ['OVERDUE', 'DUE', 'MISSED'].indexOf(b),
        ),
      ).toEqual(statuses);
      expect(new Set(statuses)).toEqual(new Set(['OVERDUE', 'DUE', 'MISSED']));
      const listed = new Set(res.body.items.map((e: { followUpId: string }) => e.followUpId));
      expect(listed.has(offset(done, 7))).toBe(false);
      expect(superseded.followUps.some((f) => listed.has(f.id))).toBe(false);
      expect(listed.has(offset(courses[1], 7))).toBe(true);

      const entry = (id: string) => res.body.items.find((e: { followUpId: string }) => e.followUpId === id);
      const dueToday = entry(offset(courses[1], 7));
      expect(dueToday).toMatchObject({
        state: {
          status: 'DUE',
          daysLeft: 3,
          reasons: [expect.objectContaining({ code: 'DUE', ruleId: 'follow-up.status' })],
        },
        window: {
          offsetDays: 7,
          dueOn: todayIn(ZONE),
          opensOn: addDaysTo(todayIn(ZONE), -2),
          closesOn: addDaysTo(todayIn(ZONE), 3),
        },
        patient: { id: courses[1].patientId, mrn: expect.any(String), givenName: 'Test' },
        course: {
          id: courses[1].courseId,
          protocolKey: 'IV_SINGLE_INFUSION',
          protocolName: 'Single IV infusion (40 min)',
          kind: 'INITIAL',
          lastSessionOn: courses[1].lastSessionOn,
        },
        lastScores: null,
        reach: {
          phone: null,
          email: 'ada@example.org',
          escortName: 'Charles',
          escortPhone: '01632 960 001',
          suggested: 'PATIENT_LINK',
          lastLink: null,
        },
      });
      const missedOfDone = entry(offset(done, 3));
      expect(missedOfDone).toMatchObject({
        state: { status: 'MISSED' },
        lastScores: {
          recordId: recorded.body.record.id,
          painNrsNow: 3,
          painNrs7DayAverage: 4,
          promisRaw: 12,
          promisT: 55.6,
          phq9Total: 3,
          bladderFlag: true,
          bladderReviewed: false,
        },
        reach: { phone: '01632 960 123', suggested: 'PHONE' },
      });
      const outside = entry(offset(courses[0], 3));
      expect(outside.state.reasons.map((r: { code: string }) => r.code)).toContain('RECORD_OUTSIDE_WINDOW');

      // Pages of two make the same list.
      const pages = [];
      for (let page = 1; page <= Math.ceil(expected.length / 2) + 1; page++) {
        const one = await get(`/api/follow-ups/worklist?pageSize=2&page=${page}`, worker).expect(200);
        expect(one.body.total).toBe(expected.length);
        pages.push(...one.body.items.map((e: { followUpId: string }) => e.followUpId));
      }
      expect(pages).toEqual(expected.map((e) => e.id));
      // Each follow-up shown is audited as a search.
      expect(
        await ctx.prisma.auditEvent.count({
          where: { actorId: worker.id, action: 'SEARCH', entity: 'FollowUp', entityId: offset(courses[1], 7) },
        }),
      ).toBeGreaterThanOrEqual(2);
      expect((await get('/api/follow-ups/worklist?pageSize=201', worker)).status).toBe(400);
    });
  });

  describe("the patient's link", () => {
    let address = 0;
    /** A caller address of its own (TEST-NET-3), so each test's throttle counts are its own. */
    const newAddress = () => `203.0.113.${++address}`;
    const publicGet = (token: string, from: string) =>
      ctx.http().get(`/api/patient-link/${token}`).set('X-Forwarded-For', from);
    const publicPost = (token: string, body: object, from: string) =>
      ctx.http().post(`/api/patient-link/${token}`).set('X-Forwarded-For', from).send(body);
    const makeLink = (followUpId: string) => post(`/api/follow-ups/${followUpId}/link`, {}, nurse);
    const tokenOf = (url: string) => url.split('/follow-up/')[1];

    /** A patient with an email, a course completed 7 days ago, and a link to its day-7 follow-up. */
    async function linked() {
      const fixture = await ctx.newCompletedCourse({ lastSessionDaysAgo: 7 });
      await ctx.prisma.patient.update({
        where: { id: fixture.patientId },
        data: { email: `p-${randomUUID()}@example.org`, phone: '01632 960 777' },
      });
      const followUpId = offset(fixture, 7);
      const res = await makeLink(followUpId);
      expect(res.status).toBe(201);
      return { fixture, followUpId, link: res.body, token: tokenOf(res.body.url) };
    }

    const expectNotValid = (res: {
      status: number;
      body: Record<string, unknown>;
      headers: Record<string, string>;
    }) => {
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const { correlationId: _c, instance: _i, ...rest } = res.body;
      expect(rest).toEqual({
        type: 'https://cadence.dev/problems/not-found',
        title: 'Not found',
        status: 404,
        detail: 'This link is not valid any more.',
        code: 'NOT_FOUND',
      });
    };

    it('is signed, single use and expiring, its hash alone stored, and queued to the patient by email', async () => {
      const { fixture, followUpId, link, token } = await linked();
      const patient = await ctx.prisma.patient.findUniqueOrThrow({ where: { id: fixture.patientId } });
      expect(link.url).toMatch(/^https:\/\/cadence\.example\.org\/follow-up\/[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
      const followUp = await ctx.prisma.followUp.findUniqueOrThrow({ where: { id: followUpId } });
      // Seven days, or the window's close when that is sooner (here: in 3 days).
      expect(new Date(link.expiresAt).getTime()).toBe(
        Math.min(new Date(link.createdAt).getTime() + 7 * DAY, followUp.closesAt.getTime()),
      );
      const row = await ctx.prisma.followUpLink.findUniqueOrThrow({ where: { id: link.id } });
      expect(row).toMatchObject({ followUpId, usedAt: null, createdById: nurse.id });
      expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(token.split('.')[0]);
      expect(link.message).toMatchObject({ status: 'QUEUED', toAddress: patient.email });
      const message = await ctx.prisma.message.findUniqueOrThrow({ where: { id: link.message.id } });
      expect(message).toMatchObject({
        kind: 'FOLLOW_UP_LINK',
        status: 'QUEUED',
        dedupeKey: `follow-up-link:${link.id}`,
        toAddress: patient.email,
        patientId: fixture.patientId,
        followUpId,
      });
      expect(message.body).toContain(link.url);
      expect(message.body).not.toContain(patient.familyName);
      // The follow-up lists the link, never its token.
      const read = await get(`/api/follow-ups/${followUpId}`).expect(200);
      expect(read.body.links).toEqual([
        { id: link.id, createdAt: link.createdAt, expiresAt: link.expiresAt, usedAt: null },
      ]);
      expect(JSON.stringify(read.body)).not.toContain(token);
    });

    it('shows only the questions, the clinic name and the due date; takes the answers once, as the patient', async () => {
      const { fixture, followUpId, link, token } = await linked();
      const from = newAddress();
      const page = await publicGet(token, from);
      expect(page.status).toBe(200);
      expect(Object.keys(page.body).sort()).toEqual(['clinicName', 'dueOn', 'questions']);
      const clinic = await ctx.prisma.clinic.findUniqueOrThrow({ where: { id: ctx.clinicId } });
      expect(page.body.clinicName).toBe(clinic.name);
      expect(page.body.dueOn).toBe(todayIn(ZONE));
      expect(page.body.questions.painInterference.items.map((i: { id: string }) => i.id)).toEqual(PROMIS_ITEMS);
      expect(page.body.questions.painInterference.copyrightNotice).toBe(PROMIS_COPYRIGHT_NOTICE);
      expect(page.body.questions.phq9.items).toHaveLength(9);
      expect(page.body.questions.bladder.map((q: { symptom: string }) => q.symptom)).toEqual(BLADDER);
      expect(page.body.questions.supportingCare.options.map((o: { value: string }) => o.value)).toEqual([
        'PHYSIOTHERAPY',
        'PSYCHOLOGICAL_SUPPORT',
        'MINDFULNESS',
        'SLEEP',
      ]);
      expect(page.body.questions.homeDoses.routes.map((o: { value: string }) => o.value)).toEqual([
        'ORAL',
        'INTRANASAL',
        'IM',
        'TOPICAL',
      ]);
      // Nothing of the record: no name, MRN, contact, ids or scores.
      const patient = await ctx.prisma.patient.findUniqueOrThrow({ where: { id: fixture.patientId } });
      const text = JSON.stringify(page.body);
      for (const secret of [
        patient.familyName,
        patient.mrn,
        patient.email!,
        patient.phone!,
        fixture.patientId,
        fixture.courseId,
        followUpId,
      ])
        expect(text).not.toContain(secret);

      const submitted = await publicPost(
        token,
        answers({ homeDoses: [{ route: 'ORAL', mg: 10, atMs: Date.now() - DAY }] }),
        from,
      );
      expect(submitted.status).toBe(201);
      expect(submitted.body).toEqual({
        received: true,
        urgentSupport: false,
        message: expect.stringContaining(clinic.name),
      });
      const records = await ctx.prisma.followUpRecord.findMany({ where: { followUpId } });
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        channel: 'PATIENT_LINK',
        recordedById: null,
        linkId: link.id,
        painInterferenceRaw: 12,
      });
      expect(Math.abs(records[0].recordedAt.getTime() - Date.now())).toBeLessThan(MINUTE);
      expect((await ctx.prisma.followUp.findUniqueOrThrow({ where: { id: followUpId } })).status).toBe('COMPLETED');
      expect((await ctx.prisma.followUpLink.findUniqueOrThrow({ where: { id: link.id } })).usedAt).not.toBeNull();
      // The home dose reported through the link is in the ledger.
      const ledger = await get(`/api/patients/${fixture.patientId}/dose-ledger`).expect(200);
      expect(ledger.body.byRoute).toEqual(
        expect.arrayContaining([expect.objectContaining({ route: 'ORAL', allTimeMg: 10 })]),
      );
      // Audited as the patient through the link: no staff actor.
      const audit = await ctx.prisma.auditEvent.findMany({ where: { patientId: fixture.patientId, actorId: null } });
      expect(audit.map((a) => [a.action, a.entity]).sort()).toEqual(
        [
          ['CREATE', 'FollowUpRecord'],
          ['CREATE', 'HomeDose'],
          ['READ', 'FollowUpLink'],
          ['UPDATE', 'FollowUp'],
          ['UPDATE', 'FollowUpLink'],
        ].sort(),
      );
      expect(audit.find((a) => a.entity === 'FollowUpRecord')!.fields).toContain('linkId');
      // The admin's view of the patient's trail shows them, and an admin of another clinic does not.
      const admin = (await ctx.users()).ADMIN;
      const trail = await get(`/api/audit?patientId=${fixture.patientId}&pageSize=200`, admin).expect(200);
      expect(trail.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            actorId: null,
            action: 'CREATE',
            entity: 'FollowUpRecord',
            patientId: fixture.patientId,
          }),
        ]),
      );
      const otherAdmin = await ctx.newUser(['ADMIN'], await ctx.newClinic());
      const elsewhere = await get(`/api/audit?patientId=${fixture.patientId}`, otherAdmin).expect(200);
      expect(elsewhere.body.items).toEqual([]);

      // Used: the page and a second submission answer as for any link that is not valid.
      expectNotValid(await publicGet(token, from));
      expectNotValid(await publicPost(token, answers(), from));
      expect(await ctx.prisma.followUpRecord.count({ where: { followUpId } })).toBe(1);
    });

    it('keeps an invalid submission from using the link, naming each field', async () => {
      const { followUpId, token } = await linked();
      const from = newAddress();
      const bad = await publicPost(token, answers({ painNrsNow: 11, bladder: {} }), from);
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'painNrsNow', rule: 'nrsRange' }),
          ...BLADDER.map((s) => expect.objectContaining({ field: `bladder.${s}`, rule: 'required' })),
        ]),
      );
      expect(await ctx.prisma.followUpRecord.count({ where: { followUpId } })).toBe(0);
      expect((await publicPost(token, answers(), from)).status).toBe(201);
    });

    it('answers alike for a tampered, unknown, used or expired link, and a link only ever writes its own follow-up', async () => {
      const a = await linked();
      const b = await linked();
      // Each refusal from its own address: the throttle is tested on its own below.
      const tampered = a.token.slice(0, 10) + (a.token[10] === 'x' ? 'y' : 'x') + a.token.slice(11);
      const unknown = newLinkToken(ctx.config.followUp.linkKey).token;
      for (const token of [tampered, unknown, 'not-a-token', a.token.split('.')[0]]) {
        expectNotValid(await publicGet(token, newAddress()));
        expectNotValid(await publicPost(token, answers(), newAddress()));
      }
      // Expired: a link whose expiry has passed, made with the real key.
      const expired = newLinkToken(ctx.config.followUp.linkKey);
      await ctx.prisma.followUpLink.create({
        data: {
          id: randomUUID(),
          followUpId: b.followUpId,
          tokenHash: expired.tokenHash,
          expiresAt: new Date(Date.now() - 1000),
          createdAt: new Date(Date.now() - 7 * DAY),
        },
      });
      expectNotValid(await publicGet(expired.token, newAddress()));
      expectNotValid(await publicPost(expired.token, answers(), newAddress()));
      // The body cannot name a follow-up; A's token writes A.
      const naming = await publicPost(a.token, { ...answers(), followUpId: b.followUpId }, newAddress());
      expect(naming.status).toBe(400);
      expect(naming.body.errors).toEqual([expect.objectContaining({ field: 'followUpId', rule: 'unknownField' })]);
      expect((await publicPost(a.token, answers(), newAddress())).status).toBe(201);
      expect(await ctx.prisma.followUpRecord.count({ where: { followUpId: a.followUpId } })).toBe(1);
      expect(await ctx.prisma.followUpRecord.count({ where: { followUpId: b.followUpId } })).toBe(0);
      expectNotValid(await publicPost(a.token, answers(), newAddress()));
      // And the database refuses a second record through A's link, or one naming a link of A on B's follow-up.
      const row = await ctx.prisma.followUpRecord.findFirstOrThrow({ where: { followUpId: a.followUpId } });
      const { id: _id, createdAt: _created, ...copy } = row;
      const answered = { painInterference: row.painInterference!, phq9: row.phq9!, bladder: row.bladder! };
      await expect(
        ctx.prisma.followUpRecord.create({ data: { ...copy, ...answered, id: randomUUID() } }),
      ).rejects.toThrow(/Unique constraint/);
      const another = await ctx.prisma.followUpLink.create({
        data: {
          id: randomUUID(),
          followUpId: a.followUpId,
          tokenHash: randomUUID(),
          expiresAt: new Date(Date.now() + DAY),
        },
      });
      await expect(
        ctx.prisma.followUpRecord.create({
          data: { ...copy, ...answered, id: randomUUID(), followUpId: b.followUpId, linkId: another.id },
        }),
      ).rejects.toThrow(/FollowUpRecord_link_fkey|Foreign key/);
      // B's own link still works.
      expect((await publicGet(b.token, newAddress())).status).toBe(200);
    });

    it('stores one record when two submissions of one link race', async () => {
      const { followUpId, token } = await linked();
      const from = newAddress();
      const results = await Promise.all([
        publicPost(token, answers(), from),
        publicPost(token, answers({ painNrsNow: 6 }), from),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 404]);
      expect(await ctx.prisma.followUpRecord.count({ where: { followUpId } })).toBe(1);
    });

    it('tells the patient where to get help now when they report thoughts of self-harm, and alerts the clinicians', async () => {
      const { token, followUpId } = await linked();
      const res = await publicPost(token, answers({ phq9: { ...answers().phq9, q9: 2 } }), newAddress());
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ urgentSupport: true, message: expect.stringContaining('emergency') });
      const recordRow = await ctx.prisma.followUpRecord.findFirstOrThrow({ where: { followUpId } });
      expect(
        await ctx.prisma.staffAlert.count({ where: { followUpRecordId: recordRow.id, kind: 'FOLLOW_UP_SUICIDALITY' } }),
      ).toBeGreaterThan(0);
    });

    it('is offered only while the follow-up is open and not completed', async () => {
      const fixture = await ctx.newCompletedCourse({ lastSessionDaysAgo: 7 });
      const upcoming = await makeLink(offset(fixture, 14));
      expect(upcoming.status).toBe(409);
      expect(upcoming.body.detail).toContain('opens on');
      const missed = await makeLink(offset(fixture, 3));
      expect(missed.status).toBe(409);
      expect(missed.body.detail).toContain('closed');
      await record(offset(fixture, 7), staffRecord()).expect(201);
      const completed = await makeLink(offset(fixture, 7));
      expect(completed.status).toBe(409);
      expect(completed.body.detail).toContain('completed');
      expect((await post(`/api/follow-ups/${offset(fixture, 7)}/link`, {}, clinician)).status).toBe(403);
      expect(await ctx.prisma.followUpLink.count({ where: { followUp: { courseId: fixture.courseId } } })).toBe(0);
    });

    it('throttles the public routes per address: too many links that are not valid, then every request, answers 429', async () => {
      const { token } = await linked();
      const from = newAddress();
      const { linkMaxRefused } = ctx.config.followUp;
      for (let i = 0; i < linkMaxRefused; i++)
        expectNotValid(await publicGet(newLinkToken(ctx.config.followUp.linkKey).token, from));
      const throttled = await publicGet(newLinkToken(ctx.config.followUp.linkKey).token, from);
      expect(throttled.status).toBe(429);
      expect(throttled.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      // Even a good link from that address waits; from another address it works.
      expect((await publicGet(token, from)).status).toBe(429);
      expect((await publicGet(token, newAddress())).status).toBe(200);
    });
  });

  describe("a patient's follow-up timeline", () => {
    it('has every course with its sessions, follow-ups, records and scores, how long relief lasted, and the home doses', async () => {
      const first = await ctx.newCompletedCourse({
        lastSessionDaysAgo: 20,
        baselinePainNrs: 7,
        painBefore: 7,
        painAfter: 2,
      });
      // The first course's follow-ups answered in their windows (as a nurse would have, then).
      const at = (daysAfter: number) =>
        new Date(new Date(`${addDaysTo(first.lastSessionOn, daysAfter)}T12:00:00Z`).getTime());
      for (const [days, average] of [
        [1, 3],
        [3, 3],
        [7, 4],
        [14, 4],
      ]) {
        await ctx.prisma.followUpRecord.create({
          data: {
            id: randomUUID(),
            followUpId: offset(first, days),
            clinicId: ctx.clinicId,
            patientId: first.patientId,
            channel: 'PHONE',
            recordedAt: at(days),
            recordedById: nurse.id,
            painNrsNow: average,
            painNrs7DayAverage: average,
            painInterference: Object.fromEntries(PROMIS_ITEMS.map((id) => [id, 2])),
            painInterferenceRaw: 12,
            painInterferenceT: 55.6,
            phq9: answers().phq9,
            phq9Total: 3,
            bladder: answers().bladder,
          },
        });
      }
      // A booster began two days ago: it censors the first course's relief at its start.
      const booster = await ctx.newCompletedCourse({
        patientId: first.patientId,
        lastSessionDaysAgo: 2,
        boosterOfCourseId: first.courseId,
        baselinePainNrs: 6,
      });
      const recorded = await record(
        offset(booster, 1),
        staffRecord({ painNrs7DayAverage: 2, homeDoses: [{ route: 'ORAL', mg: 15, atMs: Date.now() - 2 * 3600_000 }] }),
      );
      expect(recorded.status).toBe(201);

      const res = await get(`/api/patients/${first.patientId}/follow-ups`, clinician).expect(200);
      expect(res.body).toMatchObject({ patientId: first.patientId, timeZone: ZONE });
      expect(res.body.courses.map((c: { id: string }) => c.id)).toEqual([first.courseId, booster.courseId]);
      const [a, b] = res.body.courses;
      expect(a).toMatchObject({
        protocol: { key: 'IV_SINGLE_INFUSION', name: 'Single IV infusion (40 min)', route: 'IV' },
        kind: 'INITIAL',
        boosterOfCourseId: null,
        status: 'COMPLETED',
        baselinePainNrs: 7,
        firstSessionOn: first.lastSessionOn,
        lastSessionOn: first.lastSessionOn,
        sessions: [
          {
            sessionId: first.sessionIds[0],
            sessionNumber: 1,
            on: first.lastSessionOn,
            status: 'COMPLETED',
            painBefore: 7,
            painAfter: 2,
          },
        ],
      });
      expect(a.followUps.map((f: { window: { offsetDays: number } }) => f.window.offsetDays)).toEqual([1, 3, 7, 14]);
      expect(a.followUps.every((f: { state: { status: string } }) => f.state.status === 'COMPLETED')).toBe(true);
      expect(a.followUps[2].records[0]).toMatchObject({
        painNrs7DayAverage: 4,
        painInterference: { tScore: 55.6 },
        phq9: { total: 3 },
      });
      expect(a.relief).toMatchObject({
        line: 'MODERATE',
        outcome: { code: 'NEW_COURSE_STARTED', laterCourseId: booster.courseId },
        responder: { MODERATE: { met: true }, SUBSTANTIAL: { met: true } },
      });
      expect(a.relief.measurements).toHaveLength(4);
      expect(a.relief.measurements[0]).toMatchObject({
        day: 1,
        sevenDayAverage: { painNrs: 3, moderate: true },
        counted: true,
      });
      expect(b).toMatchObject({ kind: 'BOOSTER', boosterOfCourseId: first.courseId, baselinePainNrs: 6 });
      expect(b.relief.outcome.code).toBe('STILL_RESPONDING');
      expect(b.followUps[0].records[0]).toMatchObject({
        id: recorded.body.record.id,
        homeDoses: [expect.objectContaining({ route: 'ORAL', mg: 15 })],
      });
      expect(res.body.homeDoses).toEqual([
        expect.objectContaining({
          route: 'ORAL',
          mg: 15,
          courseId: booster.courseId,
          followUpRecordId: recorded.body.record.id,
        }),
      ]);
      expect(
        await ctx.prisma.auditEvent.count({
          where: {
            actorId: clinician.id,
            action: 'READ',
            entity: 'FollowUp',
            patientId: first.patientId,
            fields: { has: 'timeline' },
          },
        }),
      ).toBe(1);

      const elsewhere = await ctx.newUser(['NURSE'], await ctx.newClinic());
      expect((await get(`/api/patients/${first.patientId}/follow-ups`, elsewhere)).status).toBe(404);
      expect((await get(`/api/patients/${first.patientId}/follow-ups`, scheduler)).status).toBe(403);
    });
  });
});
