import {
  DEFAULT_SCREENING_SETTINGS,
  clinicDateOf,
  validUntilFor,
  type Answers,
  type ScreeningKind,
  type ScreeningTemplate,
} from '@cadence/domain';
import type { Actor } from '../../common/auth/current-user';
import { ANSWERS, InMemoryScreeningDb, REQUEST, screeningServicesOver } from './screening.fakes';

/** High on both readings, below the blocking limit: a relative reason a clinician reviews. */
const RAISED_BP = { bp1_systolic: 150, bp1_diastolic: 95, bp2_systolic: 152, bp2_diastolic: 94 };

function setUp() {
  const db = new InMemoryScreeningDb();
  const clinicId = db.addClinic({ timezone: 'Europe/London', screeningValidityDays: 30 });
  const patientId = db.addPatient(clinicId);
  db.publish(clinicId);
  const nurse = db.staff(clinicId, 'NURSE');
  const clinician = db.staff(clinicId, 'CLINICIAN');
  const services = screeningServicesOver(db);
  const templateId = (kind: ScreeningKind) => db.templates.find((t) => t.kind === kind && t.clinicId === clinicId)!.id;

  const draft = (kind: ScreeningKind, answers: Answers = ANSWERS[kind](), patient = patientId) =>
    services.workflow.create(nurse, REQUEST, patient, { templateId: templateId(kind), answers });
  const submitted = async (kind: ScreeningKind, answers: Answers = ANSWERS[kind](), patient = patientId) => {
    const d = await draft(kind, answers, patient);
    return services.workflow.submit(nurse, REQUEST, d.id, { version: d.version });
  };
  const stored = (id: string) => db.screenings.find((s) => s.id === id)!;
  return { db, clinicId, patientId, nurse, clinician, templateId, draft, submitted, stored, ...services };
}

/** What a refused call leaves: the tables exactly as before it. */
async function refusedWithoutWriting(db: InMemoryScreeningDb, call: () => Promise<unknown>) {
  const before = { screenings: db.screenings, audit: db.audit };
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  expect({ screenings: db.screenings, audit: db.audit }).toEqual(before);
  return error;
}

describe('ScreeningWorkflowService', () => {
  describe('create', () => {
    it('starts a draft on the latest checklist, auditing which items were answered but never the answers', async () => {
      const { db, draft, nurse, patientId } = setUp();
      const created = await draft('CARDIOVASCULAR', { heart_rate: 72 });
      expect(created).toMatchObject({ status: 'DRAFT', kind: 'CARDIOVASCULAR', templateVersion: 1, version: 1 });
      expect(created.answers).toEqual({ heart_rate: 72 });
      expect(db.audit).toEqual([
        expect.objectContaining({
          action: 'CREATE',
          entity: 'Screening',
          entityId: created.id,
          patientId,
          actorId: nurse.id,
          fields: ['templateId', 'answers.heart_rate'],
        }),
      ]);
      expect(JSON.stringify(db.audit)).not.toContain('72');
    });

    it('refuses an older version of a checklist, naming the latest, and writes nothing', async () => {
      const { db, workflow, nurse, clinicId, patientId, templateId } = setUp();
      const old = templateId('GENERAL');
      const v1 = db.templates.find((t) => t.id === old)!.definition as ScreeningTemplate;
      const [latest] = db.publish(clinicId, { ...v1, version: 2 });
      const error = await refusedWithoutWriting(db, () =>
        workflow.create(nurse, REQUEST, patientId, { templateId: old, answers: {} }),
      );
      expect(error).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [
          expect.objectContaining({
            field: 'templateId',
            rule: 'latestVersion',
            message: expect.stringContaining(latest.id),
          }),
        ],
      });
    });

    it("refuses another clinic's checklist as unknown, and writes nothing", async () => {
      const { db, workflow, nurse, patientId } = setUp();
      const [theirs] = db.publish(db.addClinic());
      const error = await refusedWithoutWriting(db, () =>
        workflow.create(nurse, REQUEST, patientId, { templateId: theirs.id, answers: {} }),
      );
      expect(error).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: 'templateId', rule: 'exists' })],
      });
    });

    it('refuses answers that do not fit the checklist, naming each, and writes nothing', async () => {
      const { db, draft } = setUp();
      const error = await refusedWithoutWriting(db, () =>
        draft('CARDIOVASCULAR', { bp1_systolic: 49, heart_rate: '72', colour: 'blue' }),
      );
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect((error as { errors: unknown[] }).errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'answers.bp1_systolic', rule: 'range' }),
          expect.objectContaining({ field: 'answers.heart_rate', rule: 'type' }),
          expect.objectContaining({ field: 'answers.colour', rule: 'unknown_item' }),
        ]),
      );
    });

    it('answers 404 for a patient of another clinic, and writes nothing', async () => {
      const { db, draft } = setUp();
      const elsewhere = db.addPatient(db.addClinic());
      const error = await refusedWithoutWriting(db, () => draft('GENERAL', {}, elsewhere));
      expect(error).toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('saveDraft', () => {
    it('replaces the saved answers and audits only the items that changed', async () => {
      const { db, draft, workflow, nurse } = setUp();
      const d = await draft('CARDIOVASCULAR', { heart_rate: 72, hypertension: false });
      const saved = await workflow.saveDraft(nurse, REQUEST, d.id, {
        version: d.version,
        answers: { heart_rate: 80, arrhythmia: false },
      });
      expect(saved).toMatchObject({ status: 'DRAFT', version: 2, answers: { heart_rate: 80, arrhythmia: false } });
      expect(db.audit.at(-1)).toMatchObject({
        action: 'UPDATE',
        entityId: d.id,
        fields: ['answers.arrhythmia', 'answers.heart_rate', 'answers.hypertension'],
      });
    });

    it('refuses a stale version with the current one, and writes nothing', async () => {
      const { db, draft, workflow, nurse } = setUp();
      const d = await draft('CARDIOVASCULAR', {});
      await workflow.saveDraft(nurse, REQUEST, d.id, { version: 1, answers: { heart_rate: 70 } });
      const error = await refusedWithoutWriting(db, () =>
        workflow.saveDraft(nurse, REQUEST, d.id, { version: 1, answers: { heart_rate: 90 } }),
      );
      expect(error).toMatchObject({ code: 'STALE_VERSION', extensions: { currentVersion: 2 } });
    });
  });

  describe('submit', () => {
    it('computes and fixes the result and the instrument scores: unremarkable answers are ELIGIBLE', async () => {
      const { submitted, nurse } = setUp();
      const s = await submitted('PSYCHIATRIC');
      expect(s).toMatchObject({ status: 'SUBMITTED', result: 'ELIGIBLE', reasons: [], suicidalityFlag: false });
      expect(s.submittedAt).not.toBeNull();
      expect(s.scores).toMatchObject({
        phq9: expect.objectContaining({ instrument: 'PHQ9', complete: true, score: 7 }),
        gad7: expect.objectContaining({ instrument: 'GAD7', complete: true, score: 3 }),
      });
      expect(s.createdById).toBe(nurse.id);
    });

    it('finds that raised blood pressure needs review, and that a pregnancy contraindicates', async () => {
      const { submitted } = setUp();
      const review = await submitted('CARDIOVASCULAR', ANSWERS.CARDIOVASCULAR(RAISED_BP));
      expect(review.result).toBe('NEEDS_REVIEW');
      expect(review.reasons).toEqual([expect.objectContaining({ ruleId: 'bp-above-review', severity: 'RELATIVE' })]);

      const pregnant = await submitted('GENERAL', ANSWERS.GENERAL({ pregnancy: 'yes' }));
      expect(pregnant.result).toBe('CONTRAINDICATED');
      expect(pregnant.reasons).toEqual([expect.objectContaining({ ruleId: 'pregnancy', severity: 'ABSOLUTE' })]);
    });

    it('flags any suicidality answer whatever the result', async () => {
      const { submitted } = setUp();
      const s = await submitted(
        'PSYCHIATRIC',
        ANSWERS.PSYCHIATRIC({ phq9: { q1: 1, q2: 1, q3: 2, q4: 2, q5: 0, q6: 0, q7: 1, q8: 0, q9: 1 } }),
      );
      expect(s.suicidalityFlag).toBe(true);
    });

    it('refuses an incomplete screening, naming each missing item, and leaves it a draft', async () => {
      const { db, draft, workflow, nurse } = setUp();
      const d = await draft('CARDIOVASCULAR', { heart_rate: 72 });
      const error = await refusedWithoutWriting(db, () => workflow.submit(nurse, REQUEST, d.id, { version: 1 }));
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect((error as { errors: unknown[] }).errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'answers.bp1_systolic', rule: 'required' })]),
      );
    });

    it("runs under the patient's eligibility lock, the key bookings take", async () => {
      const { db, submitted, patientId } = setUp();
      await submitted('GENERAL');
      expect(db.locks).toEqual([`eligibility:${patientId}`]);
    });

    it('submits a screening once: the workflow refuses a second submission', async () => {
      const { db, submitted, workflow, nurse } = setUp();
      const s = await submitted('GENERAL');
      const error = await refusedWithoutWriting(db, () =>
        workflow.submit(nurse, REQUEST, s.id, { version: s.version }),
      );
      expect(error).toMatchObject({
        code: 'INVALID_TRANSITION',
        errors: [
          expect.objectContaining({
            field: 'status',
            rule: 'transition',
            message: 'submit needs status DRAFT, not SUBMITTED',
          }),
        ],
      });
    });

    it("answers 404 for another clinic's screening", async () => {
      const { db, submitted } = setUp();
      const s = await submitted('GENERAL');
      const stranger = screeningServicesOver(db);
      const otherNurse = db.staff(db.addClinic(), 'NURSE');
      await expect(stranger.workflow.get(otherNurse, REQUEST, s.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('reads', () => {
    it('audits each screening read, one row per screening listed', async () => {
      const { db, draft, workflow, clinician, patientId } = setUp();
      const a = await draft('GENERAL', {});
      const b = await draft('PSYCHIATRIC', {});
      const auditedBefore = db.audit.length;
      const list = await workflow.list(clinician, REQUEST, patientId);
      expect(list.items.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
      expect(db.audit.slice(auditedBefore)).toEqual(
        list.items.map(({ id }) => expect.objectContaining({ action: 'READ', entityId: id, patientId })),
      );
    });

    it('queues submitted screenings: suicidality first, then needs review, contraindicated, eligible', async () => {
      const { db, submitted, draft, workflow, clinician } = setUp();
      const patient = () => db.addPatient(db.clinics.keys().next().value as string);
      const eligible = await submitted('GENERAL', ANSWERS.GENERAL(), patient());
      const contraindicated = await submitted('GENERAL', ANSWERS.GENERAL({ pregnancy: 'yes' }), patient());
      const review = await submitted('CARDIOVASCULAR', ANSWERS.CARDIOVASCULAR(RAISED_BP), patient());
      const flagged = await submitted(
        'PSYCHIATRIC',
        ANSWERS.PSYCHIATRIC({ cssrs: { q1: true, q2: false, q6: false } }),
        patient(),
      );
      await draft('GENERAL', {});
      const queue = await workflow.queue(clinician, REQUEST);
      expect(queue.items.map((i) => i.id)).toEqual([flagged.id, review.id, contraindicated.id, eligible.id]);
      expect(db.audit.filter((e) => e.action === 'READ').map((e) => e.entityId)).toEqual(
        expect.arrayContaining(queue.items.map((i) => i.id)),
      );
    });
  });
});

describe('ScreeningReviewService', () => {
  const sign = (s: ReturnType<typeof setUp>, clinician: Actor, id: string, version: number) =>
    s.review.sign(clinician, REQUEST, id, { version });

  it('signs an ELIGIBLE screening, valid for the clinic’s window from the day it was submitted', async () => {
    const ctx = setUp();
    const s = await ctx.submitted('GENERAL');
    const signed = await sign(ctx, ctx.clinician, s.id, s.version);
    const submittedOn = clinicDateOf(s.submittedAt!, 'Europe/London');
    expect(signed).toMatchObject({
      status: 'SIGNED',
      result: 'ELIGIBLE',
      signedById: ctx.clinician.id,
      validUntil: validUntilFor(submittedOn, { ...DEFAULT_SCREENING_SETTINGS, validityDays: 30 }),
      overrideReason: null,
      rechecks: [],
    });
    expect(ctx.db.locks).toEqual([`eligibility:${ctx.patientId}`, `eligibility:${ctx.patientId}`]);
  });

  it('records a pregnancy status answer as holding only on the day it was given', async () => {
    const ctx = setUp();
    const s = await ctx.submitted('GENERAL');
    const signed = await sign(ctx, ctx.clinician, s.id, s.version);
    expect(signed.dayOnlyItems).toEqual(['pregnancy']);
  });

  it('does not sign a NEEDS_REVIEW result as it stands, and writes nothing', async () => {
    const ctx = setUp();
    const s = await ctx.submitted('CARDIOVASCULAR', ANSWERS.CARDIOVASCULAR(RAISED_BP));
    const error = await refusedWithoutWriting(ctx.db, () => sign(ctx, ctx.clinician, s.id, s.version));
    expect(error).toMatchObject({
      code: 'INVALID_TRANSITION',
      errors: [expect.objectContaining({ field: 'result', rule: 'needsOverrideOrDecline' })],
      extensions: { result: 'NEEDS_REVIEW' },
    });
    expect(ctx.stored(s.id).status).toBe('SUBMITTED');
  });

  it('clears a NEEDS_REVIEW result only by an override with a written reason', async () => {
    const ctx = setUp();
    const s = await ctx.submitted('CARDIOVASCULAR', ANSWERS.CARDIOVASCULAR(RAISED_BP));
    for (const [reason, rule] of [
      ['', 'matches'],
      ['          ', 'matches'],
      ['too short', 'minLength'],
    ] as const) {
      const error = await refusedWithoutWriting(ctx.db, () =>
        ctx.review.override(ctx.clinician, REQUEST, s.id, { version: s.version, reason }),
      );
      expect(error).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: 'reason', rule })],
      });
    }
    const reason = 'Readings taken after a stressful journey; rechecked calm at 138/88';
    const overridden = await ctx.review.override(ctx.clinician, REQUEST, s.id, { version: s.version, reason });
    expect(overridden).toMatchObject({ status: 'SIGNED', result: 'NEEDS_REVIEW', overrideReason: reason });
    expect(ctx.db.audit.at(-1)).toMatchObject({
      action: 'UPDATE',
      fields: expect.arrayContaining(['overrideReason', 'status']),
    });
    expect(JSON.stringify(ctx.db.audit)).not.toContain('stressful');
  });

  it('never overrides an absolute contraindication, naming it; signing confirms it', async () => {
    const ctx = setUp();
    const s = await ctx.submitted('GENERAL', ANSWERS.GENERAL({ pregnancy: 'yes' }));
    const error = await refusedWithoutWriting(ctx.db, () =>
      ctx.review.override(ctx.clinician, REQUEST, s.id, {
        version: s.version,
        reason: 'The patient says a test was negative',
      }),
    );
    expect(error).toMatchObject({
      code: 'INVALID_TRANSITION',
      errors: [expect.objectContaining({ field: 'result', rule: 'pregnancy' })],
      extensions: {
        result: 'CONTRAINDICATED',
        reasons: [expect.objectContaining({ ruleId: 'pregnancy', severity: 'ABSOLUTE' })],
      },
    });
    await expect(sign(ctx, ctx.clinician, s.id, s.version)).resolves.toMatchObject({
      status: 'SIGNED',
      result: 'CONTRAINDICATED',
    });
  });

  it('has nothing to override on an ELIGIBLE result', async () => {
    const ctx = setUp();
    const s = await ctx.submitted('GENERAL');
    const error = await refusedWithoutWriting(ctx.db, () =>
      ctx.review.override(ctx.clinician, REQUEST, s.id, {
        version: s.version,
        reason: 'Nothing to accept here at all',
      }),
    );
    expect(error).toMatchObject({
      code: 'INVALID_TRANSITION',
      errors: [expect.objectContaining({ rule: 'needsReview' })],
    });
  });

  it('refuses a stale version with the current one, and writes nothing', async () => {
    const ctx = setUp();
    const s = await ctx.submitted('GENERAL');
    const error = await refusedWithoutWriting(ctx.db, () => sign(ctx, ctx.clinician, s.id, s.version - 1));
    expect(error).toMatchObject({ code: 'STALE_VERSION', extensions: { currentVersion: s.version } });
  });

  it('declines with a reason, and not without one', async () => {
    const ctx = setUp();
    const s = await ctx.submitted('GENERAL');
    const blank = await refusedWithoutWriting(ctx.db, () =>
      ctx.review.decline(ctx.clinician, REQUEST, s.id, { version: s.version, reason: ' ' }),
    );
    expect(blank).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'reason' })] });
    const declined = await ctx.review.decline(ctx.clinician, REQUEST, s.id, { version: s.version, reason: 'Withdrew' });
    expect(declined).toMatchObject({ status: 'DECLINED', declineReason: 'Withdrew', signedById: ctx.clinician.id });
  });

  it('never edits a signed record: edits, submissions and further decisions are refused and it stays as signed', async () => {
    const ctx = setUp();
    const s = await ctx.submitted('GENERAL');
    const signed = await sign(ctx, ctx.clinician, s.id, s.version);
    const attempts: [string, () => Promise<unknown>][] = [
      [
        'edit',
        () => ctx.workflow.saveDraft(ctx.nurse, REQUEST, s.id, { version: signed.version, answers: ANSWERS.GENERAL() }),
      ],
      ['submit', () => ctx.workflow.submit(ctx.nurse, REQUEST, s.id, { version: signed.version })],
      ['sign', () => sign(ctx, ctx.clinician, s.id, signed.version)],
      [
        'override',
        () =>
          ctx.review.override(ctx.clinician, REQUEST, s.id, {
            version: signed.version,
            reason: 'A second thought on it',
          }),
      ],
      [
        'decline',
        () => ctx.review.decline(ctx.clinician, REQUEST, s.id, { version: signed.version, reason: 'Second thoughts' }),
      ],
    ];
    for (const [action, attempt] of attempts) {
      const error = await refusedWithoutWriting(ctx.db, attempt);
      expect(error).toMatchObject({
        code: action === 'edit' ? 'SCREENING_NOT_EDITABLE' : 'INVALID_TRANSITION',
        errors: [expect.objectContaining({ field: 'status', message: expect.stringContaining('not SIGNED') })],
      });
    }
    expect(ctx.stored(s.id)).toMatchObject({ status: 'SIGNED', version: signed.version, answers: signed.answers });
  });

  it('corrects a signed screening with an addendum: a new draft with the answers copied, the original untouched', async () => {
    const ctx = setUp();
    const s = await ctx.submitted('GENERAL');
    const signed = await sign(ctx, ctx.clinician, s.id, s.version);
    const before = ctx.stored(s.id);
    const addendum = await ctx.review.addendum(ctx.nurse, REQUEST, s.id);
    expect(addendum).toMatchObject({
      status: 'DRAFT',
      amendsId: s.id,
      answers: signed.answers,
      templateId: signed.templateId,
    });
    expect(ctx.stored(s.id)).toEqual(before);
    expect(ctx.db.audit.at(-1)).toMatchObject({
      action: 'CREATE',
      entityId: addendum.id,
      fields: expect.arrayContaining(['amendsId']),
    });

    const error = await refusedWithoutWriting(ctx.db, () => ctx.review.addendum(ctx.nurse, REQUEST, addendum.id));
    expect(error).toMatchObject({
      code: 'INVALID_TRANSITION',
      errors: [expect.objectContaining({ field: 'status', rule: 'signed' })],
    });
  });
});
