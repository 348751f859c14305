// Boosters end to end: each check assembled from the database for every policy, the booking path
// refusing a booster its checks do not allow (a positive bladder answer no clinician has reviewed,
// a cap it could cross without a clinician's approval), a booster booked through the normal course
// booking (kind BOOSTER, its task BOOKED, the exclusion constraints still there), the clinicians'
// queue over booster tasks, dismissing one, and the clinic's follow-up settings.
import { followUpSchedule, findProtocol } from '@cadence/domain';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { rowCounts, startTestApp, TestContext, TestUser } from '../support/context';

const ZONE = 'Europe/London';

/** A clinic-local date `days` from today. */
const localDay = (days: number) => DateTime.now().setZone(ZONE).startOf('day').plus({ days }).toISODate()!;
/** The UTC instant of a clinic-local wall-clock time. */
const at = (date: string, hhmm: string, plusMinutes = 0) =>
  DateTime.fromISO(`${date}T${hhmm}`, { zone: ZONE }).plus({ minutes: plusMinutes }).toJSDate();

interface Score {
  offsetDays: number;
  /** 7-day average pain; pain now is the same unless given. */
  avg: number;
  now?: number;
  bladder?: string[];
  reviewed?: boolean;
}

describe('boosters', () => {
  let ctx: TestContext;
  let scheduler: TestUser;
  let nurse: TestUser;
  let clinician: TestUser;
  let single: string;
  let multiDay: string;
  let intranasal: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ SCHEDULER: scheduler, NURSE: nurse, CLINICIAN: clinician } = await ctx.users());
    await ctx.openClinic();
    single = await ctx.protocolId('IV_SINGLE_INFUSION');
    multiDay = await ctx.protocolId('IV_MULTI_DAY_WEEKDAYS');
    intranasal = await ctx.protocolId('INTRANASAL_BREAKTHROUGH');
  });
  afterAll(() => ctx.close());

  const get = (path: string, user = scheduler) => ctx.http().get(path).set('Cookie', user.cookie);
  const post = (path: string, body: object, user = scheduler) =>
    ctx.http().post(path).set('Cookie', user.cookie).send(body);

  /**
   * A COMPLETED one-session course inserted directly (lighter than ctx.newCompletedCourse, and any
   * protocol and day), the last session `daysAgo` clinic days ago,
   * with its protocol's follow-up schedule and a record (recorded by a nurse at 11:00 on the due
   * date) for each score.
   */
  async function completedCourse(seed: {
    patientId: string;
    protocolKey: string;
    daysAgo: number;
    baselinePainNrs?: number | null;
    scores: Score[];
  }) {
    const lastSessionOn = localDay(-seed.daysAgo);
    const chair = await ctx.newChair();
    const startsAt = at(lastSessionOn, '09:00');
    const endsAt = at(lastSessionOn, '09:00', 40);
    const course = await ctx.prisma.course.create({
      data: {
        clinicId: ctx.clinicId,
        patientId: seed.patientId,
        protocolId: await ctx.protocolId(seed.protocolKey),
        bookedById: scheduler.id,
        sessionCount: 1,
        eligibilityScreeningIds: [],
        baselinePainNrs: seed.baselinePainNrs === undefined ? 8 : seed.baselinePainNrs,
        status: 'COMPLETED',
        completedAt: new Date(endsAt.getTime() + 90 * 60_000),
        appointments: {
          create: [
            {
              clinicId: ctx.clinicId,
              patientId: seed.patientId,
              chairId: chair.id,
              sessionNumber: 1,
              startsAt,
              endsAt,
              status: 'COMPLETED',
            },
          ],
        },
      },
      select: { id: true },
    });
    const schedule = followUpSchedule({
      lastSessionOn,
      followUpOffsetsDays: findProtocol(seed.protocolKey)!.followUpOffsetsDays,
      timeZone: ZONE,
    });
    const followUps: Record<number, string> = {};
    const records: Record<number, string> = {};
    for (const f of schedule) {
      const row = await ctx.prisma.followUp.create({
        data: {
          clinicId: ctx.clinicId,
          courseId: course.id,
          patientId: seed.patientId,
          offsetDays: f.offsetDays,
          dueOn: new Date(`${f.dueOn}T00:00:00Z`),
          opensOn: new Date(`${f.opensOn}T00:00:00Z`),
          closesOn: new Date(`${f.closesOn}T00:00:00Z`),
          opensAt: new Date(f.opensAtMs),
          closesAt: new Date(f.closesAtMs),
        },
        select: { id: true },
      });
      followUps[f.offsetDays] = row.id;
      const score = seed.scores.find((s) => s.offsetDays === f.offsetDays);
      if (score) records[f.offsetDays] = await record(row.id, seed.patientId, f.dueOn, score);
    }
    return { id: course.id, lastSessionOn, followUps, records };
  }

  /** A nurse's follow-up record at 11:00 on `on`, as a phone call leaves it. */
  async function record(followUpId: string, patientId: string, on: string, score: Score): Promise<string> {
    const id = randomUUID();
    await ctx.prisma.followUpRecord.create({
      data: {
        id,
        followUpId,
        clinicId: ctx.clinicId,
        patientId,
        channel: 'PHONE',
        recordedAt: at(on, '11:00'),
        recordedById: nurse.id,
        painNrsNow: score.now ?? score.avg,
        painNrs7DayAverage: score.avg,
        painInterference: {},
        painInterferenceRaw: 12,
        painInterferenceT: 50,
        phq9: {},
        phq9Total: 0,
        bladder: {},
        bladderPositive: score.bladder ?? [],
        ...(score.reviewed ? { bladderReviewedById: clinician.id, bladderReviewedAt: at(on, '15:00') } : {}),
      },
    });
    return id;
  }

  /** A patient eligible today for 30 days, 20 days after a single infusion whose relief was lost at day 14. */
  async function singleInfusionPatient(scores?: Score[]) {
    const patient = await ctx.newEligiblePatient();
    const course = await completedCourse({
      patientId: patient.id,
      protocolKey: 'IV_SINGLE_INFUSION',
      daysAgo: 20,
      scores: scores ?? [
        { offsetDays: 1, avg: 3 },
        { offsetDays: 3, avg: 3 },
        { offsetDays: 7, avg: 4 },
        { offsetDays: 14, avg: 7 },
      ],
    });
    return { patient, course };
  }

  const checksOf = (body: { checks: { check: string; result: string }[] }) =>
    Object.fromEntries(body.checks.map((c) => [c.check, c.result]));
  const codesOf = (reasons: { code: string }[]) => reasons.map((r) => r.code);

  /** The first option of a booster, as POST /api/courses takes it. */
  async function boosterPlan(patientId: string, courseId: string, protocolId = single, extra: object = {}) {
    const res = await post('/api/courses/options', {
      patientId,
      protocolId,
      earliest: localDay(1),
      k: 1,
      boosterOfCourseId: courseId,
      ...extra,
    }).expect(200);
    const plan = res.body.plans[0];
    return {
      options: res.body,
      sessions: plan.sessions.map((s: { chairId: string; startsAt: string; endsAt: string }) => ({
        chairId: s.chairId,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
      })),
    };
  }

  describe('checks, assembled from the database, for each policy', () => {
    it('RESPONSE_TRIGGERED: passes every check once relief is lost after a response, and carries the relief it found', async () => {
      const { patient, course } = await singleInfusionPatient();
      const res = await get(`/api/patients/${patient.id}/booster-checks?protocolId=${single}`).expect(200);
      expect(checksOf(res.body)).toEqual({
        POLICY: 'PASS',
        SCREENING_VALID: 'PASS',
        BLADDER_SYMPTOMS_REVIEWED: 'PASS',
        CUMULATIVE_DOSE_UNDER_CAP: 'PASS',
        RESPONSE_TO_LAST_COURSE: 'PASS',
      });
      expect(res.body).toMatchObject({
        patientId: patient.id,
        protocol: { id: single, key: 'IV_SINGLE_INFUSION' },
        lastCourse: { id: course.id, lastSessionOn: course.lastSessionOn, baselinePainNrs: 8 },
        today: localDay(0),
        on: localDay(0), // 7 days after the last session passed long ago
        earliestOn: DateTime.fromISO(course.lastSessionOn).plus({ days: 7 }).toISODate(),
        decision: { allowed: true, standing: [], accepted: [] },
        approval: null,
        relief: { code: 'RELIEF_LOST', day: 14, followUpIds: [course.followUps[14]], recordIds: [course.records[14]] },
        cumulativeMg: 0,
      });
      const audit = await ctx.prisma.auditEvent.findFirst({
        where: { entity: 'BoosterChecks', patientId: patient.id, actorId: scheduler.id },
      });
      expect(audit).toMatchObject({ action: 'READ' });
    });

    it('RESPONSE_TRIGGERED: relief still holding is a relative reason, and no response at all is another', async () => {
      const holding = await singleInfusionPatient([
        { offsetDays: 7, avg: 4 },
        { offsetDays: 14, avg: 5 },
      ]);
      const res = await get(`/api/patients/${holding.patient.id}/booster-checks`, nurse).expect(200);
      expect(checksOf(res.body).POLICY).toBe('RELATIVE');
      expect(codesOf(res.body.decision.standing)).toEqual(['RELIEF_NOT_LOST']);

      const none = await singleInfusionPatient([{ offsetDays: 7, avg: 7 }]);
      const held = await get(`/api/patients/${none.patient.id}/booster-checks`, clinician).expect(200);
      expect(checksOf(held.body).RESPONSE_TO_LAST_COURSE).toBe('RELATIVE');
      expect(codesOf(held.body.decision.standing)).toEqual(['NO_RESPONSE']);
    });

    it('FIXED_INTERVAL: the default day is the first the interval allows; a day before it is refused, naming it', async () => {
      const patient = await ctx.newEligiblePatient();
      const course = await completedCourse({
        patientId: patient.id,
        protocolKey: 'IV_MULTI_DAY_WEEKDAYS',
        daysAgo: 80,
        scores: [
          { offsetDays: 7, avg: 3 },
          { offsetDays: 14, avg: 4 },
          { offsetDays: 28, avg: 5 },
          { offsetDays: 56, avg: 6 },
        ],
      });
      const due = await get(`/api/patients/${patient.id}/booster-checks`).expect(200);
      expect(due.body).toMatchObject({ protocol: { id: multiDay }, on: localDay(4), earliestOn: localDay(4) });
      expect(checksOf(due.body)).toEqual({
        POLICY: 'PASS',
        SCREENING_VALID: 'PASS',
        BLADDER_SYMPTOMS_REVIEWED: 'PASS',
        CUMULATIVE_DOSE_UNDER_CAP: 'PASS',
        RESPONSE_TO_LAST_COURSE: 'PASS',
      });
      const early = await get(`/api/patients/${patient.id}/booster-checks?on=${localDay(3)}`).expect(200);
      expect(early.body.checks[0]).toMatchObject({
        check: 'POLICY',
        result: 'ABSOLUTE',
        reasons: [{ code: 'INTERVAL_NOT_REACHED', ruleId: 'booster.interval', severity: 'ABSOLUTE' }],
      });
      expect(early.body.checks[0].reasons[0].message).toContain(localDay(4));

      // Options for the booster start no earlier than the interval allows, with its checks.
      const { options } = await boosterPlan(patient.id, course.id, multiDay, { sessions: 4 });
      expect(options.plans[0].sessions[0].startsAt >= at(localDay(4), '00:00').toISOString()).toBe(true);
      expect(options.booster).toMatchObject({ decision: { allowed: true } });
    });

    it("uses the schedule and the doses of a course completed through the API's own course completion", async () => {
      const done = await ctx.newCompletedCourse({ lastSessionDaysAgo: 20 });
      const byOffset = (days: number) => done.followUps.find((f) => f.offsetDays === days)!;
      await record(byOffset(7).id, done.patientId, byOffset(7).dueOn, { offsetDays: 7, avg: 3 });
      const lost = await record(byOffset(14).id, done.patientId, byOffset(14).dueOn, { offsetDays: 14, avg: 6 });
      const res = await get(`/api/patients/${done.patientId}/booster-checks`).expect(200);
      expect(res.body).toMatchObject({
        lastCourse: { id: done.courseId, lastSessionOn: done.lastSessionOn, baselinePainNrs: 7 },
        relief: { code: 'RELIEF_LOST', day: 14, recordIds: [lost] },
        // 30 mg/h for 35 minutes.
        cumulativeMg: 17.5,
        decision: { allowed: true },
      });
    });

    it('NONE: a protocol without boosters holds absolutely, its other checks not required', async () => {
      const { patient } = await singleInfusionPatient();
      const res = await get(`/api/patients/${patient.id}/booster-checks?protocolId=${intranasal}`).expect(200);
      expect(checksOf(res.body)).toEqual({
        POLICY: 'ABSOLUTE',
        SCREENING_VALID: 'NOT_REQUIRED',
        BLADDER_SYMPTOMS_REVIEWED: 'NOT_REQUIRED',
        CUMULATIVE_DOSE_UNDER_CAP: 'NOT_REQUIRED',
        RESPONSE_TO_LAST_COURSE: 'NOT_REQUIRED',
      });
      expect(res.body.decision).toMatchObject({ allowed: false, standing: [{ code: 'NO_BOOSTERS' }] });
    });

    it('no completed course: the booster has nothing to follow; the protocol must then be named', async () => {
      const patient = await ctx.newEligiblePatient();
      const res = await get(`/api/patients/${patient.id}/booster-checks?protocolId=${single}`).expect(200);
      expect(res.body).toMatchObject({ lastCourse: null, relief: null, decision: { allowed: false } });
      expect(codesOf(res.body.decision.standing)).toContain('NO_COURSE_TO_BOOST');
      const unnamed = await get(`/api/patients/${patient.id}/booster-checks`).expect(400);
      expect(unnamed.body.errors).toEqual([expect.objectContaining({ field: 'protocolId', rule: 'required' })]);
    });

    it('screening that lapses before the booster day is refused on that day', async () => {
      const { patient } = await singleInfusionPatient();
      const res = await get(`/api/patients/${patient.id}/booster-checks?on=${localDay(45)}`).expect(200);
      expect(checksOf(res.body).SCREENING_VALID).toBe('ABSOLUTE');
      expect(codesOf(res.body.decision.standing)).toContain('SCREENING_NOT_VALID');
    });
  });

  describe('booking a booster through the course booking path', () => {
    it('refuses a positive bladder answer no clinician has reviewed (422, nothing written), and books it once one has', async () => {
      const { patient, course } = await singleInfusionPatient([
        { offsetDays: 1, avg: 3 },
        { offsetDays: 7, avg: 4, bladder: ['URGENCY'] },
        { offsetDays: 14, avg: 7 },
      ]);
      const task = await ctx.prisma.boosterTask.create({
        data: {
          clinicId: ctx.clinicId,
          patientId: patient.id,
          courseId: course.id,
          dueBy: new Date(`${localDay(7)}T00:00:00Z`),
          reason: 'Relief lost at day 14',
        },
      });
      const { sessions, options } = await boosterPlan(patient.id, course.id);
      expect(options.booster.decision.standing).toEqual([
        expect.objectContaining({ code: 'BLADDER_SYMPTOMS_UNREVIEWED', severity: 'ABSOLUTE' }),
      ]);
      const before = await rowCounts(ctx.prisma);
      const booking = { patientId: patient.id, protocolId: single, sessions, boosterOfCourseId: course.id };

      const refused = await post('/api/courses', booking).expect(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({
        code: 'BOOSTER_NOT_ALLOWED',
        reasons: [{ code: 'BLADDER_SYMPTOMS_UNREVIEWED', ruleId: 'booster.bladder-reviewed', severity: 'ABSOLUTE' }],
        errors: [{ field: 'boosterOfCourseId', rule: 'booster.bladder-reviewed' }],
      });
      expect(refused.body.reasons[0].message).toContain('urgency');
      const after = await rowCounts(ctx.prisma);
      expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
      expect(await ctx.prisma.boosterTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
        status: 'OPEN',
      });

      // A clinician reviews the answer (the one change the record takes).
      await ctx.prisma.followUpRecord.update({
        where: { id: course.records[7] },
        data: {
          bladderReviewedById: clinician.id,
          bladderReviewedAt: new Date(),
          bladderReviewNote: 'Urgency on one day, settled',
        },
      });
      const booked = await post('/api/courses', booking).expect(201);
      expect(booked.body).toMatchObject({
        patientId: patient.id,
        protocol: { id: single },
        status: 'BOOKED',
        sessionCount: 1,
        boosterOfCourseId: course.id,
        boosterApprovalId: null,
        appointments: [{ kind: 'BOOSTER', status: 'BOOKED', startsAt: sessions[0].startsAt }],
      });
      expect(await ctx.prisma.boosterTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
        status: 'BOOKED',
        bookedCourseId: booked.body.id,
        decidedById: scheduler.id,
      });
      const audit = await ctx.prisma.auditEvent.findMany({
        where: { patientId: patient.id, action: { in: ['BOOK', 'UPDATE'] } },
        orderBy: { id: 'asc' },
      });
      expect(audit.map((a) => [a.action, a.entity, a.entityId])).toEqual([
        ['UPDATE', 'BoosterTask', task.id],
        ['BOOK', 'Course', booked.body.id],
      ]);
      expect(audit[1].fields).toContain('boosterOfCourseId');

      // The booster now counts against the year, and the patient is booked: the same sessions again are refused.
      const again = await post('/api/courses', booking).expect(409);
      expect(again.body.code).toBe('PLAN_INFEASIBLE');
    });

    it("a cap the booster could cross holds it for a clinician's written approval, which the booking cites once", async () => {
      const { patient, course } = await singleInfusionPatient();
      // 2950 mg taken at home: with the single infusion's 60 mg that is 3010 mg, over the 3000 mg cap.
      await ctx.prisma.homeDose.create({
        data: {
          id: randomUUID(),
          clinicId: ctx.clinicId,
          patientId: patient.id,
          route: 'ORAL',
          mg: 2950,
          takenAt: at(localDay(-30), '08:00'),
          recordedById: nurse.id,
        },
      });
      const checks = await get(`/api/patients/${patient.id}/booster-checks`, clinician).expect(200);
      expect(checksOf(checks.body).CUMULATIVE_DOSE_UNDER_CAP).toBe('RELATIVE');
      expect(checks.body.cumulativeMg).toBe(2950);
      const { sessions } = await boosterPlan(patient.id, course.id);
      const booking = { patientId: patient.id, protocolId: single, sessions, boosterOfCourseId: course.id };
      const refused = await post('/api/courses', booking).expect(422);
      expect(refused.body.reasons).toEqual([
        expect.objectContaining({
          code: 'CUMULATIVE_CAP',
          severity: 'RELATIVE',
          ruleId: 'booster.cumulative-dose-under-cap',
        }),
      ]);

      const approval = {
        patientId: patient.id,
        courseId: course.id,
        protocolId: single,
        reason: 'Home doses stopped; pain team agrees one more infusion',
      };
      // An absolute reason, or one not standing, is never approved.
      const absolute = await post(
        '/api/boosters/approvals',
        { ...approval, accepts: ['CUMULATIVE_CAP', 'NO_BOOSTERS'] },
        clinician,
      ).expect(422);
      expect(absolute.body).toMatchObject({ code: 'OVERRIDE_NOT_ALLOWED', reasons: [{ code: 'NO_BOOSTERS' }] });
      await post(
        '/api/boosters/approvals',
        { ...approval, reason: 'too short', accepts: ['CUMULATIVE_CAP'] },
        clinician,
      ).expect(400);

      const approved = await post(
        '/api/boosters/approvals',
        { ...approval, accepts: ['CUMULATIVE_CAP'] },
        clinician,
      ).expect(201);
      expect(approved.body).toMatchObject({
        decision: { allowed: true, standing: [], accepted: [{ code: 'CUMULATIVE_CAP' }] },
        approval: { courseId: course.id, protocolId: single, accepts: ['CUMULATIVE_CAP'], approvedById: clinician.id },
      });
      const approvalId = approved.body.approval.id;
      const expiresAt = Date.parse(approved.body.approval.expiresAt) - Date.parse(approved.body.approval.approvedAt);
      expect(expiresAt).toBe(28 * 86_400_000);
      // The scheduler sees it applied, and must cite it to book.
      const seen = await get(`/api/patients/${patient.id}/booster-checks`).expect(200);
      expect(seen.body).toMatchObject({ decision: { allowed: true }, approval: { id: approvalId } });
      await post('/api/courses', booking).expect(422);

      const booked = await post('/api/courses', { ...booking, boosterApprovalId: approvalId }).expect(201);
      expect(booked.body).toMatchObject({ boosterOfCourseId: course.id, boosterApprovalId: approvalId });
      // Cited once: the approval is spent, and the database refuses a second citation.
      await ctx.prisma.course.update({
        where: { id: booked.body.id },
        data: { status: 'CANCELLED', cancelReason: 'test' },
      });
      await ctx.prisma.appointment.updateMany({ where: { courseId: booked.body.id }, data: { status: 'CANCELLED' } });
      const twice = await post('/api/courses', { ...booking, boosterApprovalId: approvalId }).expect(422);
      expect(twice.body.errors).toEqual([
        expect.objectContaining({ field: 'boosterApprovalId', rule: 'usableApproval' }),
      ]);
      await expect(
        ctx.prisma.course.create({
          data: {
            clinicId: ctx.clinicId,
            patientId: patient.id,
            protocolId: single,
            bookedById: scheduler.id,
            sessionCount: 1,
            eligibilityScreeningIds: [],
            boosterOfCourseId: course.id,
            boosterApprovalId: approvalId,
          },
        }),
      ).rejects.toThrow();
      await expect(
        ctx.prisma.boosterApproval.update({ where: { id: approvalId }, data: { reason: 'changed after the fact' } }),
      ).rejects.toThrow(/append-only/);
    });

    it('keeps the exclusion constraints: a booster into a taken chair is refused like any course', async () => {
      const { patient, course } = await singleInfusionPatient();
      const { sessions } = await boosterPlan(patient.id, course.id);
      const other = await ctx.newEligiblePatient();
      await post('/api/courses', { patientId: other.id, protocolId: single, sessions }).expect(201);
      const res = await post('/api/courses', {
        patientId: patient.id,
        protocolId: single,
        sessions,
        boosterOfCourseId: course.id,
      }).expect(409);
      expect(res.body).toMatchObject({ code: 'PLAN_INFEASIBLE', reasons: [{ code: 'RESOURCE_BUSY' }] });
    });

    it('books a booster only of the last completed course, and an approval only with a booster', async () => {
      const { patient, course } = await singleInfusionPatient();
      const later = await completedCourse({
        patientId: patient.id,
        protocolKey: 'IV_SINGLE_INFUSION',
        daysAgo: 10,
        scores: [{ offsetDays: 7, avg: 7 }],
      });
      const { sessions } = await boosterPlan(patient.id, later.id);
      const older = await post('/api/courses', {
        patientId: patient.id,
        protocolId: single,
        sessions,
        boosterOfCourseId: course.id,
      }).expect(422);
      expect(older.body).toMatchObject({
        code: 'BOOSTER_NOT_ALLOWED',
        lastCourseId: later.id,
        errors: [{ field: 'boosterOfCourseId' }],
      });
      const bare = await post('/api/courses', {
        patientId: patient.id,
        protocolId: single,
        sessions,
        boosterApprovalId: randomUUID(),
      }).expect(400);
      expect(bare.body.errors).toEqual([expect.objectContaining({ field: 'boosterApprovalId' })]);
      const stranger = await ctx.newEligiblePatient();
      await post('/api/courses', {
        patientId: stranger.id,
        protocolId: single,
        sessions,
        boosterOfCourseId: later.id,
      }).expect(404);
    });
  });

  describe('the booster queue', () => {
    it('lists open tasks soonest due first with the patient and each check now; a clinician dismisses one with a reason, once', async () => {
      const clinic = await ctx.newClinic();
      const doctor = await ctx.newUser(['CLINICIAN'], clinic);
      const patients = [];
      for (const dueIn of [9, 3]) {
        const patient = await ctx.newEligiblePatient({}, { clinicId: clinic });
        const lastSessionOn = localDay(-20);
        const course = await ctx.prisma.course.create({
          data: {
            clinicId: clinic,
            patientId: patient.id,
            protocolId: await ctx.protocolId('IV_SINGLE_INFUSION', clinic),
            bookedById: doctor.id,
            sessionCount: 1,
            eligibilityScreeningIds: [],
            baselinePainNrs: 8,
            status: 'COMPLETED',
            completedAt: at(lastSessionOn, '12:00'),
          },
        });
        const task = await ctx.prisma.boosterTask.create({
          data: {
            clinicId: clinic,
            patientId: patient.id,
            courseId: course.id,
            dueBy: new Date(`${localDay(dueIn)}T00:00:00Z`),
            reason: `due in ${dueIn}`,
          },
        });
        patients.push({ patient, course, task });
      }
      const res = await get('/api/boosters/queue', doctor).expect(200);
      expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([patients[1].task.id, patients[0].task.id]);
      expect(res.body.items[0]).toMatchObject({
        courseId: patients[1].course.id,
        dueBy: localDay(3),
        reason: 'due in 3',
        patient: { id: patients[1].patient.id, mrn: patients[1].patient.mrn },
        boostsLastCourse: true,
        checks: { protocol: { key: 'IV_SINGLE_INFUSION' }, lastCourse: { id: patients[1].course.id } },
      });
      // No follow-up recorded: no bladder answers and no measured response.
      expect(checksOf(res.body.items[0].checks)).toMatchObject({
        BLADDER_SYMPTOMS_REVIEWED: 'ABSOLUTE',
        RESPONSE_TO_LAST_COURSE: 'RELATIVE',
      });
      expect(
        await ctx.prisma.auditEvent.count({ where: { actorId: doctor.id, action: 'SEARCH', entity: 'BoosterTask' } }),
      ).toBe(2);

      const dismissed = await post(
        `/api/boosters/tasks/${patients[1].task.id}/dismiss`,
        { reason: 'Bladder symptoms: urology first' },
        doctor,
      ).expect(200);
      expect(dismissed.body).toMatchObject({ id: patients[1].task.id, status: 'DISMISSED' });
      expect(await ctx.prisma.boosterTask.findUniqueOrThrow({ where: { id: patients[1].task.id } })).toMatchObject({
        status: 'DISMISSED',
        decidedById: doctor.id,
        dismissReason: 'Bladder symptoms: urology first',
      });
      const again = await post(
        `/api/boosters/tasks/${patients[1].task.id}/dismiss`,
        { reason: 'again' },
        doctor,
      ).expect(409);
      expect(again.body).toMatchObject({ code: 'INVALID_TRANSITION', taskStatus: 'DISMISSED' });
      await post(`/api/boosters/tasks/${patients[0].task.id}/dismiss`, { reason: '   ' }, doctor).expect(400);
      // Another clinic's clinician sees neither the queue entry nor the task.
      await post(`/api/boosters/tasks/${patients[0].task.id}/dismiss`, { reason: 'not mine' }, clinician).expect(404);
      const left = await get('/api/boosters/queue', doctor).expect(200);
      expect(left.body.items.map((i: { id: string }) => i.id)).toEqual([patients[0].task.id]);
      expect(
        await ctx.prisma.auditEvent.count({
          where: { action: 'UPDATE', entity: 'BoosterTask', entityId: patients[1].task.id },
        }),
      ).toBe(1);
      // The database keeps a decided task as it is.
      await expect(
        ctx.prisma.boosterTask.update({
          where: { id: patients[1].task.id },
          data: { status: 'OPEN', decidedAt: null, decidedById: null, dismissReason: null },
        }),
      ).rejects.toThrow(/decided once/);
    });
  });

  describe("the clinic's follow-up settings", () => {
    it('answers the defaults, saves at the version, refuses a stale version and contradictions, and the checks use them', async () => {
      const clinic = await ctx.newClinic();
      const admin = await ctx.newUser(['ADMIN'], clinic);
      const current = await get('/api/clinic/follow-up-settings', admin).expect(200);
      expect(current.body).toMatchObject({
        followUp: { bladderScreenMaxAgeDays: 28, worklistMissedDays: 7 },
        relief: { line: 'MODERATE', responder: { moderatePercent: 30, substantialPercent: 50, minimumPoints: 2 } },
        boosterApprovalValidDays: 28,
      });
      const put = (body: object) =>
        ctx.http().put('/api/clinic/follow-up-settings').set('Cookie', admin.cookie).send(body);
      const contradiction = await put({
        version: current.body.version,
        relief: { responder: { moderatePercent: 50 } },
      }).expect(400);
      expect(contradiction.body.errors).toEqual([
        expect.objectContaining({ field: 'relief.responder.moderatePercent', rule: 'ordered' }),
      ]);
      await put({ version: current.body.version, followUp: { bladderScreenMaxAgeDays: 0 } }).expect(400);
      const saved = await put({ version: current.body.version, followUp: { bladderScreenMaxAgeDays: 5 } }).expect(200);
      expect(saved.body).toMatchObject({
        version: current.body.version + 1,
        followUp: { bladderScreenMaxAgeDays: 5, worklistMissedDays: 7 },
      });
      await put({ version: current.body.version, followUp: { bladderScreenMaxAgeDays: 6 } }).expect(409);

      // In this clinic, bladder answers from six days ago are too old for a booster.
      const doctor = await ctx.newUser(['CLINICIAN'], clinic);
      const patient = await ctx.newEligiblePatient({}, { clinicId: clinic });
      const course = await ctx.prisma.course.create({
        data: {
          clinicId: clinic,
          patientId: patient.id,
          protocolId: await ctx.protocolId('IV_SINGLE_INFUSION', clinic),
          bookedById: doctor.id,
          sessionCount: 1,
          eligibilityScreeningIds: [],
          baselinePainNrs: 8,
          status: 'COMPLETED',
          completedAt: at(localDay(-20), '12:00'),
        },
      });
      const followUp = await ctx.prisma.followUp.create({
        data: {
          clinicId: clinic,
          courseId: course.id,
          patientId: patient.id,
          offsetDays: 14,
          dueOn: new Date(`${localDay(-6)}T00:00:00Z`),
          opensOn: new Date(`${localDay(-8)}T00:00:00Z`),
          closesOn: new Date(`${localDay(-3)}T00:00:00Z`),
          opensAt: at(localDay(-8), '00:00'),
          closesAt: at(localDay(-2), '00:00'),
        },
      });
      await ctx.prisma.followUpRecord.create({
        data: {
          id: randomUUID(),
          followUpId: followUp.id,
          clinicId: clinic,
          patientId: patient.id,
          channel: 'PHONE',
          recordedAt: at(localDay(-6), '11:00'),
          recordedById: doctor.id,
          painNrsNow: 7,
          painNrs7DayAverage: 7,
          painInterference: {},
          painInterferenceRaw: 12,
          painInterferenceT: 50,
          phq9: {},
          phq9Total: 0,
          bladder: {},
        },
      });
      const checks = await get(`/api/patients/${patient.id}/booster-checks`, doctor).expect(200);
      expect(codesOf(checks.body.decision.standing)).toContain('BLADDER_NOT_SCREENED');
      expect(checks.body.relief).toMatchObject({ code: 'RELIEF_LOST', day: 14 });
    });
  });
});
