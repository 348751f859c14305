import {
  DEFAULT_SCREENING_SETTINGS,
  SCREENING_KINDS,
  clinicDateOf,
  validUntilFor,
  type EligibilityReason,
  type ScreeningKind,
  type ScreeningStatus,
} from '@cadence/domain';
import type { DomainError } from '../../common/errors/domain-error';
import { dateColumn } from './screening-settings';
import { ANSWERS, FakeTransactions, InMemoryScreeningDb, REQUEST, screeningServicesOver } from './screening.fakes';

const PREGNANCY: EligibilityReason = {
  ruleId: 'pregnancy',
  reason: 'Pregnancy',
  severity: 'ABSOLUTE',
  source: 'prescribing information',
  evidence: 'Pregnancy status: yes',
};
const URINARY: EligibilityReason = {
  ruleId: 'urinary-symptoms',
  reason: 'Lower urinary tract symptoms',
  severity: 'RELATIVE',
  source: 'ketamine uropathy guidance',
  evidence: 'Urinary symptoms: yes',
};

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function setUp() {
  const db = new InMemoryScreeningDb();
  const clinicId = db.addClinic({ timezone: 'Europe/London', screeningValidityDays: 30 });
  const patientId = db.addPatient(clinicId);
  db.publish(clinicId);
  const services = screeningServicesOver(db);
  const clinician = db.staff(clinicId, 'CLINICIAN');
  const scheduler = db.staff(clinicId, 'SCHEDULER');
  const caller = { actor: scheduler, meta: REQUEST };

  /** A screening submitted at 10:00 UTC on `on` and signed at noon, valid for 30 days from then. */
  const signed = (
    kind: ScreeningKind,
    on: string,
    result: ScreeningStatus = 'ELIGIBLE',
    reasons: EligibilityReason[] = [],
    extra: { overrideReason?: string } = {},
  ) =>
    db.insert({
      clinicId,
      patientId,
      kind,
      status: 'SIGNED',
      result,
      reasons,
      submittedAt: new Date(`${on}T10:00:00Z`),
      signedAt: new Date(`${on}T12:00:00Z`),
      signedById: clinician.id,
      signedOn: dateColumn(on),
      validUntil: dateColumn(validUntilFor(on, { ...DEFAULT_SCREENING_SETTINGS, validityDays: 30 })),
      overrideReason: extra.overrideReason ?? null,
    });
  const unsigned = (
    kind: ScreeningKind,
    submittedAt: string,
    status: 'SUBMITTED' | 'DECLINED',
    result: ScreeningStatus,
    reasons: EligibilityReason[] = [],
  ) => db.insert({ clinicId, patientId, kind, status, result, reasons, submittedAt: new Date(submittedAt) });
  const allSigned = (on: string) => SCREENING_KINDS.map((kind) => signed(kind, on));

  return { db, clinicId, patientId, clinician, scheduler, caller, signed, unsigned, allSigned, ...services };
}

describe('EligibilityService', () => {
  describe('combining signed screenings', () => {
    it('is ELIGIBLE on the latest signed screening of every kind, relying on exactly those', async () => {
      const { eligibility, clinicId, patientId, allSigned } = setUp();
      const relied = allSigned('2026-03-02');
      const decision = await eligibility.evaluate(clinicId, patientId, '2026-03-10');
      expect(decision.status).toBe('ELIGIBLE');
      expect([...decision.screeningIds].sort()).toEqual(relied.map((s) => s.id).sort());
    });

    it('is NOT_ELIGIBLE while a kind is missing, naming it', async () => {
      const { eligibility, clinicId, patientId, signed } = setUp();
      signed('CARDIOVASCULAR', '2026-03-02');
      signed('PSYCHIATRIC', '2026-03-02');
      const decision = await eligibility.evaluate(clinicId, patientId, '2026-03-10');
      expect(decision.status).toBe('NOT_ELIGIBLE');
      expect(decision.reasons).toEqual([expect.objectContaining({ type: 'missing', kind: 'GENERAL' })]);
    });

    it('relies on the newest signed screening of a kind: a later clear one supersedes an older contraindication', async () => {
      const { eligibility, clinicId, patientId, signed } = setUp();
      signed('GENERAL', '2026-03-01', 'CONTRAINDICATED', [PREGNANCY]);
      signed('CARDIOVASCULAR', '2026-03-02');
      signed('PSYCHIATRIC', '2026-03-02');
      expect((await eligibility.evaluate(clinicId, patientId, '2026-03-03')).status).toBe('CONTRAINDICATED');
      const clear = signed('GENERAL', '2026-03-05');
      const later = await eligibility.evaluate(clinicId, patientId, '2026-03-06');
      expect(later.status).toBe('ELIGIBLE');
      expect(later.screeningIds).toContain(clear.id);
    });

    it('holds a relative contraindication for review unless a clinician overrode it', async () => {
      const { eligibility, clinicId, patientId, signed } = setUp();
      signed('CARDIOVASCULAR', '2026-03-02');
      signed('PSYCHIATRIC', '2026-03-02');
      signed('GENERAL', '2026-03-02', 'NEEDS_REVIEW', [URINARY]);
      expect((await eligibility.evaluate(clinicId, patientId, '2026-03-03')).status).toBe('NEEDS_REVIEW');
      signed('GENERAL', '2026-03-03', 'NEEDS_REVIEW', [URINARY], {
        overrideReason: 'Symptoms explained by a UTI, treated',
      });
      expect((await eligibility.evaluate(clinicId, patientId, '2026-03-04')).status).toBe('ELIGIBLE');
    });
  });

  describe('expiry', () => {
    it('relies on a screening through its last valid day and not the day after', async () => {
      const { eligibility, clinicId, patientId, allSigned } = setUp();
      allSigned('2026-03-02');
      const lastDay = validUntilFor('2026-03-02', { ...DEFAULT_SCREENING_SETTINGS, validityDays: 30 });
      expect(lastDay).toBe('2026-04-01');
      const onLastDay = await eligibility.evaluate(clinicId, patientId, lastDay);
      expect(onLastDay).toMatchObject({ status: 'ELIGIBLE', expiresAt: lastDay });
      const dayAfter = await eligibility.evaluate(clinicId, patientId, addDays(lastDay, 1));
      expect(dayAfter.status).toBe('NOT_ELIGIBLE');
      expect(dayAfter.reasons).toEqual(
        SCREENING_KINDS.map((kind) => expect.objectContaining({ type: 'expired', kind, validUntil: lastDay })),
      );
    });

    it('does not rely on a screening before the day it was signed', async () => {
      const { eligibility, clinicId, patientId, allSigned } = setUp();
      allSigned('2026-03-02');
      expect((await eligibility.evaluate(clinicId, patientId, '2026-03-01')).status).toBe('NOT_ELIGIBLE');
    });

    it('counts the window from submission for screenings the workflow signs today', async () => {
      const ctx = setUp();
      const nurse = ctx.db.staff(ctx.clinicId, 'NURSE');
      for (const kind of SCREENING_KINDS) {
        const templateId = ctx.db.templates.find((t) => t.kind === kind && t.clinicId === ctx.clinicId)!.id;
        const d = await ctx.workflow.create(nurse, REQUEST, ctx.patientId, { templateId, answers: ANSWERS[kind]() });
        const s = await ctx.workflow.submit(nurse, REQUEST, d.id, { version: d.version });
        await ctx.review.sign(ctx.clinician, REQUEST, s.id, { version: s.version });
      }
      const today = clinicDateOf(new Date().toISOString(), 'Europe/London');
      const lastDay = addDays(today, 30);
      expect((await ctx.eligibility.evaluate(ctx.clinicId, ctx.patientId, lastDay)).status).toBe('ELIGIBLE');
      expect((await ctx.eligibility.evaluate(ctx.clinicId, ctx.patientId, addDays(lastDay, 1))).status).toBe(
        'NOT_ELIGIBLE',
      );
    });
  });

  describe('newer screenings not yet signed', () => {
    it('lets a newer submitted contraindication block before a clinician has seen it', async () => {
      const { eligibility, clinicId, patientId, allSigned, unsigned } = setUp();
      allSigned('2026-03-02');
      const pending = unsigned('GENERAL', '2026-03-04T09:00:00Z', 'SUBMITTED', 'CONTRAINDICATED', [PREGNANCY]);
      expect((await eligibility.evaluate(clinicId, patientId, '2026-03-03')).status).toBe('ELIGIBLE');
      const after = await eligibility.evaluate(clinicId, patientId, '2026-03-04');
      expect(after.status).toBe('CONTRAINDICATED');
      expect(after.reasons).toEqual([
        expect.objectContaining({ type: 'pending', screeningId: pending.id, ruleId: 'pregnancy' }),
      ]);
    });

    it('ignores a submitted screening older than the signed one of its kind', async () => {
      const { eligibility, clinicId, patientId, allSigned, unsigned } = setUp();
      unsigned('GENERAL', '2026-03-01T09:00:00Z', 'SUBMITTED', 'CONTRAINDICATED', [PREGNANCY]);
      allSigned('2026-03-02');
      expect((await eligibility.evaluate(clinicId, patientId, '2026-03-03')).status).toBe('ELIGIBLE');
    });

    it('leaves the patient NOT_ELIGIBLE after a newer screening is declined', async () => {
      const { eligibility, clinicId, patientId, allSigned, unsigned } = setUp();
      allSigned('2026-03-02');
      const declined = unsigned('CARDIOVASCULAR', '2026-03-04T09:00:00Z', 'DECLINED', 'ELIGIBLE');
      const decision = await eligibility.evaluate(clinicId, patientId, '2026-03-05');
      expect(decision.status).toBe('NOT_ELIGIBLE');
      expect(decision.reasons).toEqual([expect.objectContaining({ type: 'declined', screeningId: declined.id })]);
    });
  });

  describe('the gate', () => {
    it('answers the screenings relied on when every day is ELIGIBLE, with one READ audit row', async () => {
      const { db, eligibility, clinicId, patientId, allSigned, caller, scheduler } = setUp();
      const relied = allSigned('2026-03-02');
      const result = await eligibility.gate(clinicId, patientId, ['2026-03-05', '2026-03-03', '2026-03-05'], caller);
      expect(result).toEqual({ ok: true, screeningIds: expect.arrayContaining(relied.map((s) => s.id)) });
      expect(db.audit).toEqual([
        expect.objectContaining({ action: 'READ', entity: 'Eligibility', patientId, actorId: scheduler.id }),
      ]);
    });

    it('returns a 422 refusal naming each refused day and its blocking reasons, never the answers', async () => {
      const { eligibility, clinicId, patientId, allSigned, caller } = setUp();
      allSigned('2026-03-02');
      const result = await eligibility.gate(clinicId, patientId, ['2026-04-01', '2026-04-02'], caller);
      expect(result.ok).toBe(false);
      const error = (result as { error: DomainError }).error;
      expect(error.code).toBe('NOT_ELIGIBLE');
      expect(error.extensions.eligibility).toEqual([
        expect.objectContaining({ on: '2026-04-02', status: 'NOT_ELIGIBLE' }),
      ]);
      expect(error.errors).toEqual(
        SCREENING_KINDS.map(() => expect.objectContaining({ field: 'eligibility', rule: 'expired' })),
      );
      await expect(eligibility.assertEligibleOn(clinicId, patientId, ['2026-04-02'], caller)).rejects.toMatchObject({
        code: 'NOT_ELIGIBLE',
      });
    });

    it("reads and audits in the caller's transaction: its audit row goes if the caller's write fails", async () => {
      const { db, eligibility, clinicId, patientId, allSigned, caller } = setUp();
      allSigned('2026-03-02');
      const transactions = new FakeTransactions(db);
      await expect(
        transactions.withTransaction(async () => {
          await eligibility.gate(clinicId, patientId, ['2026-03-03'], caller);
          throw new Error('the booking failed after the gate');
        }),
      ).rejects.toThrow('the booking failed');
      expect(db.audit).toEqual([]);

      await transactions.withTransaction(() => eligibility.gate(clinicId, patientId, ['2026-03-03'], caller));
      expect(db.audit).toHaveLength(1);
    });

    it('refuses a date that is not a calendar day, and an unknown patient', async () => {
      const { db, eligibility, clinicId, patientId, caller } = setUp();
      await expect(eligibility.gate(clinicId, patientId, ['2026-02-30'], caller)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: 'on', rule: 'isCalendarDate' })],
      });
      const elsewhere = db.addPatient(db.addClinic());
      await expect(eligibility.gate(clinicId, elsewhere, ['2026-03-03'], caller)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      expect(db.audit).toEqual([]);
    });
  });

  describe('forPatient', () => {
    it('shows a scheduler statuses and reasons, and nurses and clinicians the evidence too, auditing each read', async () => {
      const { db, eligibility, patientId, signed, scheduler, clinician } = setUp();
      signed('CARDIOVASCULAR', '2026-03-02');
      signed('PSYCHIATRIC', '2026-03-02');
      signed('GENERAL', '2026-03-02', 'CONTRAINDICATED', [PREGNANCY]);
      const forScheduler = await eligibility.forPatient(scheduler, REQUEST, patientId, '2026-03-03');
      const forClinician = await eligibility.forPatient(clinician, REQUEST, patientId, '2026-03-03');
      expect(forScheduler.status).toBe('CONTRAINDICATED');
      expect(forScheduler.reasons).toEqual([expect.not.objectContaining({ evidence: expect.anything() })]);
      expect(forClinician.reasons).toEqual([
        expect.objectContaining({ ruleId: 'pregnancy', evidence: PREGNANCY.evidence }),
      ]);
      expect(db.audit.map((e) => e.actorId)).toEqual([scheduler.id, clinician.id]);
    });
  });
});
