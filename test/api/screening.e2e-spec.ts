// The screening workflow and the eligibility gate end to end: nurse drafts and submits, the domain
// decides, a clinician signs, overrides or declines; signed records are final at the database; the
// gate answers per day from the latest signed screenings.
import { DomainError } from '../../apps/api/src/common/errors/domain-error';
import { EligibilityService } from '../../apps/api/src/modules/screening/eligibility.service';
import { addDaysTo, rowCounts, startTestApp, TestContext, TestUser, todayIn } from '../support/context';
import {
  cardiovascularAnswers,
  generalAnswers,
  psychiatricAnswers,
} from '../../libs/domain/src/screening/test-factories';

type Kind = 'CARDIOVASCULAR' | 'PSYCHIATRIC' | 'GENERAL';
type Answers = ReturnType<typeof cardiovascularAnswers>;

// The same complete, unremarkable answers the domain's unit tests use.
const cardiovascular = cardiovascularAnswers;
const psychiatric = psychiatricAnswers;
const general = generalAnswers;

const ANSWERS: Record<Kind, (overrides?: Answers) => Answers> = {
  CARDIOVASCULAR: cardiovascular,
  PSYCHIATRIC: psychiatric,
  GENERAL: general,
};

describe('screening workflow and eligibility', () => {
  let ctx: TestContext;
  let scheduler: TestUser;
  /** The gate always names who consulted it, for the audit trail. */
  const gateCaller = () => ({ actor: scheduler, meta: { requestId: 'gate-test', ip: '127.0.0.1' } });
  let nurse: TestUser;
  let clinician: TestUser;
  let admin: TestUser;
  let templateId: Record<Kind, string>;
  let today: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ SCHEDULER: scheduler, NURSE: nurse, CLINICIAN: clinician, ADMIN: admin } = await ctx.users());
    const res = await ctx.http().get('/api/screening-templates').set('Cookie', nurse.cookie).expect(200);
    templateId = Object.fromEntries(
      (res.body.items as { key: string; kind: Kind; id: string }[])
        .filter((t) => ['cardiovascular', 'psychiatric', 'general'].includes(t.key))
        .map((t) => [t.kind, t.id]),
    ) as Record<Kind, string>;
    today = todayIn('Europe/London');
  });
  afterAll(() => ctx.close());

  /** The latest checklist of the kind in the user's own clinic: each clinic has its own catalogue. */
  const templateFor = async (user: TestUser, kind: Kind): Promise<string> =>
    user.clinicId === ctx.clinicId
      ? templateId[kind]
      : (await ctx.http().get('/api/screening-templates').set('Cookie', user.cookie).expect(200)).body.items.find(
          (t: { key: string }) => t.key === kind.toLowerCase(),
        ).id;

  const draft = async (patientId: string, kind: Kind, answers?: Answers, user = nurse) =>
    (
      await ctx
        .http()
        .post(`/api/patients/${patientId}/screenings`)
        .set('Cookie', user.cookie)
        .send({ templateId: await templateFor(user, kind), answers })
        .expect(201)
    ).body;

  const submitted = async (patientId: string, kind: Kind, answers: Answers = ANSWERS[kind](), user = nurse) => {
    const d = await draft(patientId, kind, answers, user);
    return (
      await ctx
        .http()
        .post(`/api/screenings/${d.id}/submit`)
        .set('Cookie', user.cookie)
        .send({ version: d.version })
        .expect(200)
    ).body;
  };

  const signed = async (patientId: string, kind: Kind, answers?: Answers) => {
    const s = await submitted(patientId, kind, answers);
    return (
      await ctx
        .http()
        .post(`/api/screenings/${s.id}/sign`)
        .set('Cookie', clinician.cookie)
        .send({ version: s.version })
        .expect(200)
    ).body;
  };

  const eligibility = async (patientId: string, user: TestUser = nurse, on?: string) =>
    (
      await ctx
        .http()
        .get(`/api/patients/${patientId}/eligibility${on ? `?on=${on}` : ''}`)
        .set('Cookie', user.cookie)
        .expect(200)
    ).body;

  describe('templates', () => {
    it('lists the latest version of each checklist, with its items', async () => {
      const res = await ctx.http().get('/api/screening-templates').set('Cookie', clinician.cookie).expect(200);
      const keys = res.body.items.map((t: { key: string }) => t.key);
      expect(keys).toEqual(expect.arrayContaining(['cardiovascular', 'psychiatric', 'general']));
      const cv = res.body.items.find((t: { key: string }) => t.key === 'cardiovascular');
      expect(cv).toMatchObject({
        kind: 'CARDIOVASCULAR',
        version: 1,
        title: 'Cardiovascular screening',
        publishedAt: expect.any(String),
      });
      expect(cv.definition.items).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: 'bp1_systolic', type: 'number', unit: 'mmHg' })]),
      );
    });
  });

  describe('draft → submit → sign', () => {
    it('runs the whole workflow by the right roles, auditing every write and read', async () => {
      const patient = await ctx.newPatient();
      const d = await draft(patient.id, 'CARDIOVASCULAR', { bp1_systolic: 122 });
      expect(d).toMatchObject({
        patientId: patient.id,
        kind: 'CARDIOVASCULAR',
        templateVersion: 1,
        status: 'DRAFT',
        answers: { bp1_systolic: 122 },
        version: 1,
        createdById: nurse.id,
      });
      expect(d).toMatchObject({
        scores: null,
        result: null,
        reasons: null,
        signedOn: null,
        validUntil: null,
        amendsId: null,
      });

      // Saving replaces the answers: the first reading is dropped because it is not sent again.
      const saved = await ctx
        .http()
        .patch(`/api/screenings/${d.id}`)
        .set('Cookie', nurse.cookie)
        .send({ version: 1, answers: { heart_rate: 70 } })
        .expect(200);
      expect(saved.body).toMatchObject({ status: 'DRAFT', answers: { heart_rate: 70 }, version: 2 });
      expect(saved.body.answers.bp1_systolic).toBeUndefined();

      // Submitting an incomplete draft names each missing item and changes nothing.
      const incomplete = await ctx
        .http()
        .post(`/api/screenings/${d.id}/submit`)
        .set('Cookie', nurse.cookie)
        .send({ version: 2 })
        .expect(400);
      expect(incomplete.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'answers.bp1_systolic', rule: 'required' })]),
      );
      expect(incomplete.body.errors.find((e: { field: string }) => e.field === 'answers.heart_rate')).toBeUndefined();

      await ctx
        .http()
        .patch(`/api/screenings/${d.id}`)
        .set('Cookie', nurse.cookie)
        .send({ version: 2, answers: cardiovascular() })
        .expect(200);
      const sub = await ctx
        .http()
        .post(`/api/screenings/${d.id}/submit`)
        .set('Cookie', nurse.cookie)
        .send({ version: 3 })
        .expect(200);
      expect(sub.body).toMatchObject({
        status: 'SUBMITTED',
        result: 'ELIGIBLE',
        reasons: [],
        suicidalityFlag: false,
        version: 4,
        submittedAt: expect.any(String),
      });

      // A nurse cannot sign; a clinician can.
      await ctx
        .http()
        .post(`/api/screenings/${d.id}/sign`)
        .set('Cookie', nurse.cookie)
        .send({ version: 4 })
        .expect(403);
      const sign = await ctx
        .http()
        .post(`/api/screenings/${d.id}/sign`)
        .set('Cookie', clinician.cookie)
        .send({ version: 4 })
        .expect(200);
      expect(sign.body).toMatchObject({
        status: 'SIGNED',
        signedById: clinician.id,
        signedOn: today,
        validUntil: addDaysTo(today, 30),
        version: 5,
        // Who recorded, submitted and signed it, by name, for the screens to show.
        recordedBy: { id: nurse.id, name: 'Test NURSE', roles: ['NURSE'] },
        submittedBy: { id: nurse.id, name: 'Test NURSE', roles: ['NURSE'] },
        decidedBy: { id: clinician.id, name: 'Test CLINICIAN', roles: ['CLINICIAN'] },
      });

      // Signed is final: no edit, no second signature.
      const edit = await ctx
        .http()
        .patch(`/api/screenings/${d.id}`)
        .set('Cookie', nurse.cookie)
        .send({ version: 5, answers: cardiovascular() })
        .expect(409);
      expect(edit.body.code).toBe('SCREENING_NOT_EDITABLE');
      const again = await ctx
        .http()
        .post(`/api/screenings/${d.id}/sign`)
        .set('Cookie', clinician.cookie)
        .send({ version: 5 })
        .expect(409);
      expect(again.body.code).toBe('INVALID_TRANSITION');

      const read = await ctx.http().get(`/api/screenings/${d.id}`).set('Cookie', clinician.cookie).expect(200);
      expect(read.body).toMatchObject({ id: d.id, status: 'SIGNED', answers: cardiovascular() });
      const list = await ctx
        .http()
        .get(`/api/patients/${patient.id}/screenings`)
        .set('Cookie', nurse.cookie)
        .expect(200);
      expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([d.id]);

      const audit = await ctx.prisma.auditEvent.findMany({
        where: { patientId: patient.id, entity: 'Screening' },
        orderBy: { id: 'asc' },
      });
      expect(audit.map((a) => `${a.action}:${a.actorId === clinician.id ? 'clinician' : 'nurse'}`)).toEqual([
        'CREATE:nurse',
        'UPDATE:nurse',
        'UPDATE:nurse',
        'UPDATE:nurse',
        'UPDATE:clinician',
        'READ:clinician',
        'READ:nurse',
      ]);
      expect(audit[0].fields).toEqual(['templateId', 'answers.bp1_systolic']);
      expect(audit[4].fields).toEqual(expect.arrayContaining(['status', 'signedOn', 'validUntil']));
      // Names of fields, never the answers.
      expect(JSON.stringify(audit, (_, v) => (typeof v === 'bigint' ? String(v) : v))).not.toMatch(/\b(122|118|70)\b/);
    });

    it('scores instruments and raises suicidality at submission (PHQ-9 item 9)', async () => {
      const patient = await ctx.newPatient();
      const s = await submitted(
        patient.id,
        'PSYCHIATRIC',
        psychiatric({ phq9: { q1: 1, q2: 1, q3: 2, q4: 2, q5: 0, q6: 0, q7: 1, q8: 0, q9: 1 } }),
      );
      expect(s).toMatchObject({ status: 'SUBMITTED', result: 'NEEDS_REVIEW', suicidalityFlag: true });
      expect(s.scores.phq9).toMatchObject({ instrument: 'PHQ9', complete: true, score: 8, flags: ['SUICIDALITY'] });
      expect(s.reasons).toEqual([expect.objectContaining({ ruleId: 'suicidality-positive', severity: 'RELATIVE' })]);
    });

    it('applies the clinic blood-pressure settings, not constants', async () => {
      const clinicId = await ctx.newClinic();
      await ctx.prisma.clinic.update({ where: { id: clinicId }, data: { bpReviewSystolic: 125 } });
      const localNurse = await ctx.newUser(['NURSE'], clinicId);
      const patient = await ctx.newPatient({}, clinicId);
      const s = await submitted(
        patient.id,
        'CARDIOVASCULAR',
        cardiovascular({ bp1_systolic: 130, bp2_systolic: 128 }),
        localNurse,
      );
      expect(s.result).toBe('NEEDS_REVIEW');
      expect(s.reasons).toEqual([expect.objectContaining({ ruleId: 'bp-above-review' })]);
    });

    it('refuses a stale version with 409 and writes nothing', async () => {
      const patient = await ctx.newPatient();
      const d = await draft(patient.id, 'GENERAL', { weight_kg: 70 });
      await ctx
        .http()
        .patch(`/api/screenings/${d.id}`)
        .set('Cookie', nurse.cookie)
        .send({ version: 1, answers: { weight_kg: 71 } })
        .expect(200);
      const before = await rowCounts(ctx.prisma);
      const res = await ctx
        .http()
        .patch(`/api/screenings/${d.id}`)
        .set('Cookie', nurse.cookie)
        .send({ version: 1, answers: { weight_kg: 99 } })
        .expect(409);
      expect(res.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      const sub = await ctx
        .http()
        .post(`/api/screenings/${d.id}/submit`)
        .set('Cookie', nurse.cookie)
        .send({ version: 1 })
        .expect(409);
      expect(sub.body.code).toBe('STALE_VERSION');
      expect(await rowCounts(ctx.prisma)).toEqual(before);
      const row = await ctx.prisma.screening.findUniqueOrThrow({ where: { id: d.id } });
      expect(row).toMatchObject({ version: 2, status: 'DRAFT', answers: { weight_kg: 71 } });
    });

    it('keeps another clinic out', async () => {
      const patient = await ctx.newPatient();
      const d = await draft(patient.id, 'GENERAL');
      const stranger = await ctx.newUser(['NURSE', 'CLINICIAN'], await ctx.newClinic());
      await ctx.http().get(`/api/screenings/${d.id}`).set('Cookie', stranger.cookie).expect(404);
      await ctx.http().get(`/api/patients/${patient.id}/screenings`).set('Cookie', stranger.cookie).expect(404);
      await ctx.http().get(`/api/patients/${patient.id}/eligibility`).set('Cookie', stranger.cookie).expect(404);
      await ctx
        .http()
        .post(`/api/patients/${patient.id}/screenings`)
        .set('Cookie', stranger.cookie)
        .send({ templateId: await templateFor(stranger, 'GENERAL') })
        .expect(404);
      expect(await ctx.prisma.auditEvent.count({ where: { actorId: stranger.id } })).toBe(0);
    });
  });

  describe('who sees what', () => {
    it('gives a scheduler the eligibility status and reasons, never the answers', async () => {
      const patient = await ctx.newPatient();
      const pending = await submitted(
        patient.id,
        'CARDIOVASCULAR',
        cardiovascular({ bp1_systolic: 150, bp1_diastolic: 95, bp2_systolic: 152, bp2_diastolic: 94 }),
      );
      // A needs-review result is cleared by an override with a reason, never by a bare signature.
      const bare = await ctx
        .http()
        .post(`/api/screenings/${pending.id}/sign`)
        .set('Cookie', clinician.cookie)
        .send({ version: pending.version })
        .expect(409);
      expect(bare.body.errors).toEqual([expect.objectContaining({ field: 'result', rule: 'needsOverrideOrDecline' })]);
      const s = (
        await ctx
          .http()
          .post(`/api/screenings/${pending.id}/override`)
          .set('Cookie', clinician.cookie)
          .send({ version: pending.version, reason: 'Raised blood pressure accepted after a repeat reading.' })
          .expect(200)
      ).body;
      await ctx.http().get(`/api/screenings/${s.id}`).set('Cookie', scheduler.cookie).expect(403);
      await ctx.http().get(`/api/patients/${patient.id}/screenings`).set('Cookie', scheduler.cookie).expect(403);
      await ctx.http().get('/api/screening-queue').set('Cookie', scheduler.cookie).expect(403);

      const seen = await eligibility(patient.id, scheduler);
      expect(seen).toMatchObject({ on: today, status: 'NOT_ELIGIBLE', screeningIds: [s.id] });
      const rule = seen.reasons.find((r: { type: string }) => r.type === 'rule');
      expect(rule).toMatchObject({ ruleId: 'bp-above-review', severity: 'RELATIVE', reason: expect.any(String) });
      expect(rule.evidence).toBeUndefined();
      expect(JSON.stringify(seen)).not.toMatch(/150|152/);

      const clinical = await eligibility(patient.id, clinician);
      expect(clinical.reasons.find((r: { type: string }) => r.type === 'rule').evidence).toMatch(/150/);
      expect(
        await ctx.prisma.auditEvent.count({ where: { patientId: patient.id, entity: 'Eligibility', action: 'READ' } }),
      ).toBe(2);
    });
  });

  describe('override and decline', () => {
    it('overrides a NEEDS_REVIEW result with a reason; eligibility then holds', async () => {
      const patient = await ctx.newPatient();
      await signed(patient.id, 'PSYCHIATRIC');
      await signed(patient.id, 'GENERAL');
      const s = await submitted(
        patient.id,
        'CARDIOVASCULAR',
        cardiovascular({ bp1_systolic: 150, bp1_diastolic: 95, bp2_systolic: 148, bp2_diastolic: 92 }),
      );
      expect(s.result).toBe('NEEDS_REVIEW');

      const short = await ctx
        .http()
        .post(`/api/screenings/${s.id}/override`)
        .set('Cookie', clinician.cookie)
        .send({ version: s.version, reason: 'too short' })
        .expect(400);
      expect(short.body.errors).toEqual([expect.objectContaining({ field: 'reason', rule: 'minLength' })]);
      await ctx
        .http()
        .post(`/api/screenings/${s.id}/override`)
        .set('Cookie', nurse.cookie)
        .send({ version: s.version, reason: 'Known white-coat hypertension, home readings normal' })
        .expect(403);

      const reason = 'Known white-coat hypertension; home readings normal for 3 months';
      const res = await ctx
        .http()
        .post(`/api/screenings/${s.id}/override`)
        .set('Cookie', clinician.cookie)
        .send({ version: s.version, reason })
        .expect(200);
      expect(res.body).toMatchObject({
        status: 'SIGNED',
        result: 'NEEDS_REVIEW',
        overrideReason: reason,
        signedById: clinician.id,
      });

      const e = await eligibility(patient.id, clinician);
      expect(e.status).toBe('ELIGIBLE');
      expect(e.reasons).toEqual([
        expect.objectContaining({
          ruleId: 'bp-above-review',
          overridden: true,
          overriddenBy: { by: clinician.id, reason },
        }),
      ]);
      const bySchedule = await eligibility(patient.id, scheduler);
      expect(bySchedule.reasons[0]).toMatchObject({ overridden: true });
      expect(bySchedule.reasons[0].overriddenBy).toBeUndefined();
    });

    it('refuses to override an absolute contraindication, naming it; signing confirms it', async () => {
      const patient = await ctx.newPatient();
      const s = await submitted(patient.id, 'GENERAL', general({ pregnancy: 'possible' }));
      expect(s.result).toBe('CONTRAINDICATED');
      const before = await rowCounts(ctx.prisma);
      const res = await ctx
        .http()
        .post(`/api/screenings/${s.id}/override`)
        .set('Cookie', clinician.cookie)
        .send({ version: s.version, reason: 'The patient says a test was negative' })
        .expect(409);
      expect(res.body).toMatchObject({
        code: 'INVALID_TRANSITION',
        result: 'CONTRAINDICATED',
        errors: [expect.objectContaining({ field: 'result', rule: 'pregnancy' })],
      });
      expect(res.body.reasons).toEqual([expect.objectContaining({ ruleId: 'pregnancy', severity: 'ABSOLUTE' })]);
      expect(await rowCounts(ctx.prisma)).toEqual(before);

      await ctx
        .http()
        .post(`/api/screenings/${s.id}/sign`)
        .set('Cookie', clinician.cookie)
        .send({ version: s.version })
        .expect(200);
      const e = await eligibility(patient.id);
      expect(e.status).toBe('CONTRAINDICATED');
      expect(e.reasons).toEqual(
        expect.arrayContaining([expect.objectContaining({ type: 'rule', ruleId: 'pregnancy', severity: 'ABSOLUTE' })]),
      );
    });

    it('declines a submitted screening with a reason; a declined screening is never relied on', async () => {
      const patient = await ctx.newPatient();
      const s = await submitted(patient.id, 'GENERAL');
      const res = await ctx
        .http()
        .post(`/api/screenings/${s.id}/decline`)
        .set('Cookie', clinician.cookie)
        .send({ version: s.version, reason: 'Weight recorded in pounds; re-screen' })
        .expect(200);
      expect(res.body).toMatchObject({
        status: 'DECLINED',
        declineReason: 'Weight recorded in pounds; re-screen',
        signedById: clinician.id,
        signedOn: null,
      });
      const e = await eligibility(patient.id);
      expect(e.status).toBe('NOT_ELIGIBLE');
      expect(e.reasons).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'declined', kind: 'GENERAL', screeningId: s.id, submittedOn: today }),
        ]),
      );
      expect(JSON.stringify(e)).not.toContain('pounds');
      await expect(
        ctx.prisma.$executeRawUnsafe(`UPDATE "Screening" SET "declineReason" = 'x' WHERE id = '${s.id}'`),
      ).rejects.toThrow();
    });
  });

  describe('signed records are final', () => {
    it('the database refuses UPDATE and DELETE of a signed screening', async () => {
      const patient = await ctx.newPatient();
      const s = await signed(patient.id, 'GENERAL');
      await expect(
        ctx.prisma.$executeRawUnsafe(`UPDATE "Screening" SET "answers" = '{}'::jsonb WHERE id = '${s.id}'`),
      ).rejects.toThrow(/signed records are never edited/);
      await expect(
        ctx.prisma.$executeRawUnsafe(`UPDATE "Screening" SET "status" = 'DRAFT' WHERE id = '${s.id}'`),
      ).rejects.toThrow();
      await expect(ctx.prisma.$executeRawUnsafe(`DELETE FROM "Screening" WHERE id = '${s.id}'`)).rejects.toThrow();
      expect(await ctx.prisma.screening.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({
        status: 'SIGNED',
        answers: general(),
      });
    });

    it('corrects a signed screening with an addendum that keeps the original', async () => {
      const patient = await ctx.newPatient();
      const original = await signed(patient.id, 'GENERAL');
      const res = await ctx
        .http()
        .post(`/api/screenings/${original.id}/addenda`)
        .set('Cookie', nurse.cookie)
        .expect(201);
      expect(res.body).toMatchObject({
        status: 'DRAFT',
        amendsId: original.id,
        templateId: original.templateId,
        answers: general(),
        version: 1,
      });
      expect(res.body.id).not.toBe(original.id);

      await ctx
        .http()
        .patch(`/api/screenings/${res.body.id}`)
        .set('Cookie', nurse.cookie)
        .send({ version: 1, answers: general({ weight_kg: 80 }) })
        .expect(200);
      const sub = await ctx
        .http()
        .post(`/api/screenings/${res.body.id}/submit`)
        .set('Cookie', nurse.cookie)
        .send({ version: 2 })
        .expect(200);
      const sign = await ctx
        .http()
        .post(`/api/screenings/${res.body.id}/sign`)
        .set('Cookie', clinician.cookie)
        .send({ version: sub.body.version })
        .expect(200);

      const kept = await ctx.http().get(`/api/screenings/${original.id}`).set('Cookie', nurse.cookie).expect(200);
      expect(kept.body).toEqual(original);
      const e = await eligibility(patient.id);
      expect(e.screeningIds).toEqual([sign.body.id]);

      // Only a signed screening takes an addendum.
      const d = await draft(patient.id, 'GENERAL');
      const refused = await ctx.http().post(`/api/screenings/${d.id}/addenda`).set('Cookie', nurse.cookie).expect(409);
      expect(refused.body.code).toBe('INVALID_TRANSITION');
    });
  });

  describe('eligibility', () => {
    it('is ELIGIBLE with every kind signed, until it expires; pregnancy status is re-confirmed on a later day', async () => {
      const patient = await ctx.newPatient();
      const ids = [];
      for (const kind of ['CARDIOVASCULAR', 'PSYCHIATRIC', 'GENERAL'] as const)
        ids.push((await signed(patient.id, kind)).id);
      const now = await eligibility(patient.id);
      expect(now).toMatchObject({
        on: today,
        status: 'ELIGIBLE',
        reasons: [],
        expiresAt: addDaysTo(today, 30),
        suicidalityFlag: false,
        noSerialInfusionsWithoutOverride: false,
        requiresOnTheDay: [],
      });
      expect([...now.screeningIds].sort()).toEqual([...ids].sort());

      const later = await eligibility(patient.id, nurse, addDaysTo(today, 30));
      expect(later).toMatchObject({ status: 'ELIGIBLE', requiresOnTheDay: ['pregnancy status'] });
      const expired = await eligibility(patient.id, nurse, addDaysTo(today, 31));
      expect(expired.status).toBe('NOT_ELIGIBLE');
      expect(expired.reasons).toHaveLength(3);
      expect(expired.reasons.every((r: { type: string }) => r.type === 'expired')).toBe(true);
    });

    it('answers NOT_ELIGIBLE with reason expired for screenings signed long ago', async () => {
      const patient = await ctx.newPatient();
      const signedOn = addDaysTo(today, -60);
      const validUntil = addDaysTo(today, -30);
      for (const kind of ['CARDIOVASCULAR', 'PSYCHIATRIC', 'GENERAL'] as const)
        await ctx.newSignedScreening(patient.id, kind, { signedOn, validUntil });
      const e = await eligibility(patient.id, scheduler);
      expect(e.status).toBe('NOT_ELIGIBLE');
      expect(e.reasons).toEqual(
        (['CARDIOVASCULAR', 'PSYCHIATRIC', 'GENERAL'] as const).map((kind) =>
          expect.objectContaining({ type: 'expired', kind, validUntil }),
        ),
      );
      expect(e.screeningIds).toEqual([]);
      // On a day when they were still valid, they hold.
      expect((await eligibility(patient.id, scheduler, addDaysTo(today, -45))).status).toBe('ELIGIBLE');
    });

    it('names the missing kinds', async () => {
      const patient = await ctx.newPatient();
      await ctx.newSignedScreening(patient.id, 'CARDIOVASCULAR');
      const e = await eligibility(patient.id, scheduler);
      expect(e.status).toBe('NOT_ELIGIBLE');
      expect(e.reasons).toEqual([
        expect.objectContaining({ type: 'missing', kind: 'PSYCHIATRIC' }),
        expect.objectContaining({ type: 'missing', kind: 'GENERAL' }),
      ]);
    });

    it('is a reusable gate: assertEligibleOn answers 422 NOT_ELIGIBLE with machine-readable reasons', async () => {
      const gate = ctx.app.get(EligibilityService);
      const eligible = await ctx.newEligiblePatient({}, { validDays: 10 });
      await expect(
        gate.assertEligibleOn(ctx.clinicId, eligible.id, [today, addDaysTo(today, 10)], gateCaller()),
      ).resolves.toEqual({ screeningIds: expect.arrayContaining(eligible.screeningIds) });

      const refusal = await gate
        .assertEligibleOn(ctx.clinicId, eligible.id, [today, addDaysTo(today, 11)], gateCaller())
        .catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(DomainError);
      const error = refusal as DomainError;
      expect(error.code).toBe('NOT_ELIGIBLE');
      expect(error.extensions.eligibility).toEqual([
        expect.objectContaining({ on: addDaysTo(today, 11), status: 'NOT_ELIGIBLE' }),
      ]);
      expect(error.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'eligibility', rule: 'expired' })]),
      );

      const evaluated = await gate.evaluate(ctx.clinicId, eligible.id, today);
      expect(evaluated.status).toBe('ELIGIBLE');
      await expect(gate.evaluate(ctx.clinicId, eligible.id, '2026-02-30')).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    });
  });

  describe('newer screenings not yet signed, or declined', () => {
    const KINDS = ['CARDIOVASCULAR', 'PSYCHIATRIC', 'GENERAL'] as const;

    it('a newer submitted screening that found an absolute contraindication blocks before it is signed; declined, the patient is not cleared until a new one is signed', async () => {
      const patient = await ctx.newPatient();
      for (const kind of KINDS) await signed(patient.id, kind);
      expect((await eligibility(patient.id)).status).toBe('ELIGIBLE');

      const pending = await submitted(patient.id, 'GENERAL', general({ pregnancy: 'yes' }));
      expect(pending.result).toBe('CONTRAINDICATED');
      const seen = await eligibility(patient.id, scheduler);
      expect(seen.status).toBe('CONTRAINDICATED');
      expect(seen.reasons).toEqual([
        expect.objectContaining({
          type: 'pending',
          kind: 'GENERAL',
          screeningId: pending.id,
          submittedOn: today,
          result: 'CONTRAINDICATED',
          ruleId: 'pregnancy',
          severity: 'ABSOLUTE',
        }),
      ]);
      expect(seen.reasons[0].evidence).toBeUndefined();
      expect((await eligibility(patient.id, nurse)).reasons[0].evidence).toEqual(expect.any(String));

      const gate = ctx.app.get(EligibilityService);
      const refusal = (await gate
        .assertEligibleOn(ctx.clinicId, patient.id, [addDaysTo(today, 1)], gateCaller())
        .catch((e: unknown) => e)) as DomainError;
      expect(refusal).toMatchObject({
        code: 'NOT_ELIGIBLE',
        errors: [expect.objectContaining({ field: 'eligibility', rule: 'pregnancy' })],
      });

      await ctx
        .http()
        .post(`/api/screenings/${pending.id}/decline`)
        .set('Cookie', clinician.cookie)
        .send({ version: pending.version, reason: 'Answered for another patient; re-screen' })
        .expect(200);
      const declined = await eligibility(patient.id);
      expect(declined.status).toBe('NOT_ELIGIBLE');
      expect(declined.reasons).toEqual([
        expect.objectContaining({ type: 'declined', kind: 'GENERAL', screeningId: pending.id }),
      ]);
      expect(declined.screeningIds).toHaveLength(2);

      const fresh = await signed(patient.id, 'GENERAL');
      const cleared = await eligibility(patient.id);
      expect(cleared).toMatchObject({ status: 'ELIGIBLE', reasons: [] });
      expect(cleared.screeningIds).toContain(fresh.id);
    });

    it('a newer submitted screening needing review holds treatment for review until a clinician overrides it', async () => {
      const patient = await ctx.newPatient();
      for (const kind of KINDS) await signed(patient.id, kind);
      const pending = await submitted(patient.id, 'GENERAL', general({ raised_intraocular_pressure: true }));
      const held = await eligibility(patient.id);
      expect(held.status).toBe('NEEDS_REVIEW');
      expect(held.reasons).toEqual([
        expect.objectContaining({
          type: 'pending',
          result: 'NEEDS_REVIEW',
          ruleId: 'raised-intraocular-pressure',
          screeningId: pending.id,
        }),
      ]);

      const reason = 'Glaucoma treated; pressures normal per ophthalmology letter';
      await ctx
        .http()
        .post(`/api/screenings/${pending.id}/override`)
        .set('Cookie', clinician.cookie)
        .send({ version: pending.version, reason })
        .expect(200);
      const cleared = await eligibility(patient.id);
      expect(cleared.status).toBe('ELIGIBLE');
      expect(cleared.reasons).toEqual([
        expect.objectContaining({ type: 'rule', ruleId: 'raised-intraocular-pressure', overridden: true }),
      ]);
    });

    it('a newer submitted screening that is ELIGIBLE leaves the signed decision as it is', async () => {
      const patient = await ctx.newPatient();
      for (const kind of KINDS) await signed(patient.id, kind);
      await submitted(patient.id, 'CARDIOVASCULAR');
      expect(await eligibility(patient.id)).toMatchObject({ status: 'ELIGIBLE', reasons: [] });
    });
  });

  describe('validity runs from the assessment', () => {
    it('counts validity from the day the answers were submitted, not the day they were signed', async () => {
      const patient = await ctx.newPatient();
      await signed(patient.id, 'PSYCHIATRIC');
      await signed(patient.id, 'GENERAL');
      const submittedOn = addDaysTo(today, -20);
      const old = await ctx.newSubmittedScreening(patient.id, 'CARDIOVASCULAR', {
        answers: cardiovascular(),
        submittedAt: `${submittedOn}T12:00:00Z`,
      });

      const sign = await ctx
        .http()
        .post(`/api/screenings/${old.id}/sign`)
        .set('Cookie', clinician.cookie)
        .send({ version: old.version })
        .expect(200);
      expect(sign.body).toMatchObject({ status: 'SIGNED', signedOn: today, validUntil: addDaysTo(submittedOn, 30) });

      expect(await eligibility(patient.id, nurse, addDaysTo(today, 10))).toMatchObject({
        status: 'ELIGIBLE',
        expiresAt: addDaysTo(today, 10),
      });
      const lapsed = await eligibility(patient.id, nurse, addDaysTo(today, 11));
      expect(lapsed.status).toBe('NOT_ELIGIBLE');
      expect(lapsed.reasons).toEqual([
        expect.objectContaining({
          type: 'expired',
          kind: 'CARDIOVASCULAR',
          screeningId: old.id,
          validUntil: addDaysTo(today, 10),
        }),
      ]);
    });
  });

  describe('the booking gate is audited', () => {
    it("writes one READ of the patient's eligibility per consultation, allowed or refused, naming the caller", async () => {
      const gate = ctx.app.get(EligibilityService);
      const patient = await ctx.newEligiblePatient({}, { validDays: 10 });
      const rows = () =>
        ctx.prisma.auditEvent.findMany({
          where: { patientId: patient.id, entity: 'Eligibility' },
          orderBy: { id: 'asc' },
        });
      const caller = { actor: scheduler, meta: { requestId: 'gate-audit-0001', ip: '127.0.0.1' } };

      await gate.assertEligibleOn(ctx.clinicId, patient.id, [today, addDaysTo(today, 1)], caller);
      await expect(
        gate.assertEligibleOn(ctx.clinicId, patient.id, [addDaysTo(today, 11), addDaysTo(today, 12)], caller),
      ).rejects.toMatchObject({ code: 'NOT_ELIGIBLE' });
      const audit = await rows();
      expect(audit).toHaveLength(2);
      for (const row of audit)
        expect(row).toMatchObject({
          action: 'READ',
          entity: 'Eligibility',
          fields: ['on', 'status', 'reasons', 'screeningIds'],
        });
      expect(audit.map((row) => [row.actorId, row.requestId])).toEqual([
        [scheduler.id, 'gate-audit-0001'],
        [scheduler.id, 'gate-audit-0001'],
      ]);

      // Booking through the API consults the gate, and its refusal is audited too.
      const chair = await ctx.newChair();
      const protocolId = await ctx.protocolId('IV_FIVE_DAY_LOW_DOSE');
      const unscreened = await ctx.newPatient();
      const day = addDaysTo(today, 5);
      const refused = await ctx
        .http()
        .post('/api/courses')
        .set('Cookie', scheduler.cookie)
        .send({
          patientId: unscreened.id,
          protocolId,
          sessions: [0, 1, 2, 3, 4].map((i) => ({
            chairId: chair.id,
            startsAt: `${addDaysTo(day, i)}T09:00:00Z`,
            endsAt: `${addDaysTo(day, i)}T13:00:00Z`,
          })),
        })
        .expect(422);
      expect(refused.body.code).toBe('NOT_ELIGIBLE');
      expect(
        await ctx.prisma.auditEvent.count({
          where: { patientId: unscreened.id, entity: 'Eligibility', action: 'READ' },
        }),
      ).toBe(1);

      // An unknown patient is refused before anything is written.
      const stranger = await ctx.newPatient({}, await ctx.newClinic());
      await expect(gate.assertEligibleOn(ctx.clinicId, stranger.id, [today], caller)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(await ctx.prisma.auditEvent.count({ where: { patientId: stranger.id } })).toBe(0);
    });
  });

  describe('clinician queue', () => {
    it('shows submitted screenings with suicidality first, then NEEDS_REVIEW, CONTRAINDICATED, ELIGIBLE, oldest first', async () => {
      const clinicId = await ctx.newClinic();
      const localNurse = await ctx.newUser(['NURSE'], clinicId);
      const localClinician = await ctx.newUser(['CLINICIAN'], clinicId);
      const patient = await ctx.newPatient({ givenName: 'Queue', familyName: 'Walker' }, clinicId);
      const eligibleOld = await submitted(patient.id, 'GENERAL', general(), localNurse);
      const contra = await submitted(patient.id, 'GENERAL', general({ pregnancy: 'yes' }), localNurse);
      const review = await submitted(patient.id, 'GENERAL', general({ raised_intraocular_pressure: true }), localNurse);
      const flagged = await submitted(
        patient.id,
        'PSYCHIATRIC',
        psychiatric({ phq9: { q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 2 } }),
        localNurse,
      );
      await draft(patient.id, 'CARDIOVASCULAR', {}, localNurse);

      const res = await ctx.http().get('/api/screening-queue').set('Cookie', localClinician.cookie).expect(200);
      expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([
        flagged.id,
        review.id,
        contra.id,
        eligibleOld.id,
      ]);
      expect(res.body.items[0]).toMatchObject({
        suicidalityFlag: true,
        status: 'SUBMITTED',
        patient: { id: patient.id, givenName: 'Queue', familyName: 'Walker', mrn: expect.any(String) },
      });
      expect(res.body.items[0].answers).toBeUndefined();
      expect(
        await ctx.prisma.auditEvent.count({
          where: { actorId: localClinician.id, action: 'READ', entity: 'Screening' },
        }),
      ).toBe(4);

      // The menu's badge counts the same queue (the draft left out) and reads no one's record.
      const before = await ctx.prisma.auditEvent.count({ where: { actorId: localClinician.id } });
      const count = await ctx.http().get('/api/screening-queue/count').set('Cookie', localClinician.cookie).expect(200);
      expect(count.body).toEqual({ waiting: 4, flagged: 1 });
      expect(await ctx.prisma.auditEvent.count({ where: { actorId: localClinician.id } })).toBe(before);
    });
  });

  describe('publishing a checklist version', () => {
    it('refuses a version that switches off the contraindication rules by making their items optional, naming each item', async () => {
      const current = (
        await ctx.http().get('/api/screening-templates').set('Cookie', admin.cookie).expect(200)
      ).body.items.find((t: { key: string }) => t.key === 'cardiovascular');
      const items = (current.definition.items as Record<string, unknown>[]).map((item) => ({
        ...item,
        optional: true,
      }));
      const before = await rowCounts(ctx.prisma);
      const res = await ctx
        .http()
        .post('/api/screening-templates')
        .set('Cookie', admin.cookie)
        .send({
          key: 'cardiovascular',
          kind: 'CARDIOVASCULAR',
          title: 'Cardiovascular screening',
          definition: { items },
        })
        .expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          {
            field: 'definition.items[0].optional',
            rule: 'templateDefinition',
            message: expect.stringContaining("item 'bp1_systolic' must stay required"),
          },
          expect.objectContaining({
            field: 'definition.items[4].optional',
            message: expect.stringContaining("'heart_rate'"),
          }),
        ]),
      );
      expect(await rowCounts(ctx.prisma)).toEqual(before);
    });

    it('refuses a narrowed range or changed option values of an item the rules read', async () => {
      const current = (
        await ctx.http().get('/api/screening-templates').set('Cookie', admin.cookie).expect(200)
      ).body.items.find((t: { key: string }) => t.key === 'general');
      const items = () => JSON.parse(JSON.stringify(current.definition.items)) as Record<string, unknown>[];
      const publish = (definition: unknown) =>
        ctx
          .http()
          .post('/api/screening-templates')
          .set('Cookie', admin.cookie)
          .send({ key: 'general', kind: 'GENERAL', title: 'General screening', definition });

      const options = items();
      options[0].options = [
        { value: 'no', label: 'No' },
        { value: 'yes', label: 'Yes' },
      ];
      const renamed = await publish({ items: options }).expect(400);
      expect(renamed.body.errors).toEqual([
        expect.objectContaining({
          field: 'definition.items[0].options',
          message: expect.stringContaining("'pregnancy'"),
        }),
      ]);

      const range = items();
      range.find((i) => i.id === 'weight_kg')!.max = 150;
      const narrowed = await publish({ items: range }).expect(400);
      expect(narrowed.body.errors).toEqual([
        expect.objectContaining({
          field: expect.stringMatching(/^definition\.items\[\d+\]\.max$/),
          message: expect.stringContaining("'weight_kg'"),
        }),
      ]);
    });

    it('publishes version max+1; new screenings use it, old ones keep theirs', async () => {
      const patient = await ctx.newPatient();
      const old = await signed(patient.id, 'GENERAL');
      const current = (
        await ctx.http().get('/api/screening-templates').set('Cookie', admin.cookie).expect(200)
      ).body.items.find((t: { key: string }) => t.key === 'general');
      const items = [
        ...current.definition.items,
        { id: 'fasted', type: 'yesno', label: 'Fasted for 6 hours', optional: true },
      ];
      const res = await ctx
        .http()
        .post('/api/screening-templates')
        .set('Cookie', admin.cookie)
        .send({ key: 'general', kind: 'GENERAL', title: 'General screening', definition: { items } })
        .expect(201);
      expect(res.body).toMatchObject({
        key: 'general',
        kind: 'GENERAL',
        version: current.version + 1,
        definition: { key: 'general', version: current.version + 1, items },
      });
      expect(
        await ctx.prisma.auditEvent.count({
          where: { actorId: admin.id, action: 'PUBLISH', entity: 'ScreeningTemplate', entityId: res.body.id },
        }),
      ).toBe(1);

      const latest = (await ctx.http().get('/api/screening-templates').set('Cookie', nurse.cookie).expect(200)).body
        .items;
      expect(latest.filter((t: { key: string }) => t.key === 'general')).toEqual([
        expect.objectContaining({ id: res.body.id }),
      ]);
      const all = (await ctx.http().get('/api/screening-templates?all=true').set('Cookie', nurse.cookie).expect(200))
        .body.items;
      expect(
        all.filter((t: { key: string }) => t.key === 'general').map((t: { version: number }) => t.version),
      ).toEqual([current.version + 1, current.version]);

      const refused = await ctx
        .http()
        .post(`/api/patients/${patient.id}/screenings`)
        .set('Cookie', nurse.cookie)
        .send({ templateId: current.id })
        .expect(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'templateId', rule: 'latestVersion' })]);
      const fresh = await ctx
        .http()
        .post(`/api/patients/${patient.id}/screenings`)
        .set('Cookie', nurse.cookie)
        .send({ templateId: res.body.id, answers: { fasted: true } })
        .expect(201);
      expect(fresh.body).toMatchObject({ templateVersion: current.version + 1 });

      // The signed screening keeps its version, and its addendum stays on it.
      const addendum = await ctx
        .http()
        .post(`/api/screenings/${old.id}/addenda`)
        .set('Cookie', nurse.cookie)
        .expect(201);
      expect(addendum.body).toMatchObject({ templateId: current.id, templateVersion: current.version });
      await expect(
        ctx.prisma.$executeRawUnsafe(
          `UPDATE "ScreeningTemplate" SET "definition" = '{}'::jsonb WHERE id = '${current.id}'`,
        ),
      ).rejects.toThrow();
      templateId.GENERAL = res.body.id;
    });
  });
});
