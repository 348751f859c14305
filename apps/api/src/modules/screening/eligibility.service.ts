import { Injectable } from '@nestjs/common';
import {
  blockingReasons,
  clinicDateOf,
  combineEligibility,
  isCalendarDate,
  type ClinicScreeningSettings,
  type CombinedEligibility,
  type CombinedReason,
  type EligibilityReason,
  type SignedScreening,
  type UnsignedScreening,
} from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { auditEntry } from '../audit/audit-entry';
import type { EligibilityDto, EligibilityReasonDto } from './dto/eligibility.dto';
import { calendarDate, settingsOf, templateOf } from './screening-settings';
import { ScreeningRepository, type SignedScreeningRecord, type UnsignedScreeningRecord } from './screening.repository';
import type { Db } from '../../common/prisma/prisma.service';

interface Basis {
  timezone: string;
  settings: ClinicScreeningSettings;
  screenings: SignedScreening[];
  unsigned: UnsignedScreening[];
}

/** Who consults the gate, for its audit row. */
export interface GateCaller {
  actor: Pick<Actor, 'id'>;
  meta: RequestMeta;
}

const AUDITED_FIELDS = ['on', 'status', 'reasons', 'screeningIds'];

/**
 * The eligibility gate. Whether a patient may be treated on a day is decided by the domain's
 * combineEligibility from the patient's signed screenings, the submitted or declined ones newer
 * than them, and the clinic's settings; this service only loads them. Booking and infusion start
 * call `assertEligibleOn` before they write.
 */
@Injectable()
export class EligibilityService {
  constructor(private readonly screenings: ScreeningRepository) {}

  /** Eligibility on `on` (a clinic calendar date, YYYY-MM-DD). */
  async evaluate(clinicId: string, patientId: string, on: string): Promise<CombinedEligibility> {
    assertDates([on]);
    const basis = await this.basis(clinicId, patientId);
    return decide(basis, on);
  }

  /**
   * Refuses with 422 NOT_ELIGIBLE unless the patient is ELIGIBLE on every date; the problem body
   * carries each refused day's decision in `eligibility` and each reason in `errors`. Returns the
   * signed screenings the decision rests on, for the caller to record (e.g. on a course).
   *
   * A refusal discloses per-day statuses and reasons, so every consultation writes one READ audit
   * row of the patient's eligibility, whatever the number of days, as the GET does. Request handlers
   * pass `caller` so the row names the actor and request; without it they are left empty.
   */
  async assertEligibleOn(
    clinicId: string,
    patientId: string,
    dates: string[],
    caller: GateCaller,
    db?: Db,
  ): Promise<{ screeningIds: string[] }> {
    assertDates(dates);
    const basis = await this.basis(clinicId, patientId, db);
    const read = { action: 'READ', entity: 'Eligibility', patientId, fields: AUDITED_FIELDS } as const;
    await this.screenings.recordRead(auditEntry(caller.actor, caller.meta, read), db);
    const decisions = [...new Set(dates)].sort().map((on) => decide(basis, on));
    const refused = decisions.filter((d) => d.status !== 'ELIGIBLE');
    if (refused.length > 0) {
      const errors: FieldError[] = refused.flatMap((d) =>
        blockingReasons(d.reasons).map((r) => ({
          field: 'eligibility',
          rule: (r.type === 'rule' || r.type === 'pending') && r.ruleId ? r.ruleId : r.type,
          message: `${d.on}: ${r.reason}`,
        })),
      );
      throw new DomainError(
        'NOT_ELIGIBLE',
        `The patient is not eligible for treatment on ${refused.map((d) => `${d.on} (${d.status})`).join(', ')}.`,
        errors,
        // Statuses and reasons, never answers: the caller may be a scheduler.
        { eligibility: refused.map((d) => toDto(d, false)) },
      );
    }
    return { screeningIds: [...new Set(decisions.flatMap((d) => d.screeningIds))] };
  }

  /** Today's date in the clinic's time zone. */
  async clinicToday(clinicId: string): Promise<string> {
    const clinic = await this.screenings.clinic(clinicId);
    if (!clinic) throw new DomainError('NOT_FOUND', 'No such clinic.');
    return clinicDateOf(new Date().toISOString(), clinic.timezone);
  }

  /**
   * The eligibility answer for the API, with its READ audit row. A scheduler sees statuses and
   * reasons; the evidence (answers) and override wording are for nurses and clinicians.
   */
  async forPatient(actor: Actor, meta: RequestMeta, patientId: string, on?: string): Promise<EligibilityDto> {
    const basis = await this.basis(actor.clinicId, patientId);
    const day = on ?? clinicDateOf(new Date().toISOString(), basis.timezone);
    const decision = decide(basis, day);
    await this.screenings.recordRead(
      auditEntry(actor, meta, { action: 'READ', entity: 'Eligibility', patientId, fields: AUDITED_FIELDS }),
    );
    const clinical = actor.roles.some((role) => role === 'NURSE' || role === 'CLINICIAN');
    return toDto(decision, clinical);
  }

  private async basis(clinicId: string, patientId: string, db?: Db): Promise<Basis> {
    const [clinic, patient] = await Promise.all([
      this.screenings.clinic(clinicId, db),
      this.screenings.patient(clinicId, patientId, db),
    ]);
    if (!clinic || !patient) throw new DomainError('NOT_FOUND', 'No such patient in this clinic.');
    const [signed, unsigned] = await Promise.all([
      this.screenings.signed(clinicId, patientId, db),
      this.screenings.unsigned(clinicId, patientId, db),
    ]);
    return {
      timezone: clinic.timezone,
      settings: settingsOf(clinic),
      screenings: signed.map((row) => toSigned(row, clinic.timezone)),
      unsigned: unsigned.map((row) => toUnsigned(row, clinic.timezone)),
    };
  }
}

function decide(basis: Basis, on: string): CombinedEligibility {
  return combineEligibility(basis.screenings, on, basis.settings, basis.unsigned);
}

function assertDates(dates: string[]) {
  const bad = dates.filter((d) => typeof d !== 'string' || !isCalendarDate(d));
  if (bad.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      'Eligibility is decided per calendar day (YYYY-MM-DD).',
      bad.map(() => ({
        field: 'on',
        rule: 'isCalendarDate',
        message: 'on must be a real calendar date written YYYY-MM-DD',
      })),
    );
  }
}

/** A stored signed screening as the domain's SignedScreening. */
function toSigned(row: SignedScreeningRecord, timezone: string): SignedScreening {
  const template = templateOf({
    key: '',
    kind: row.kind,
    version: row.templateVersion,
    title: '',
    definition: row.templateDefinition,
  });
  const signedAt = (row.signedAt ?? row.createdAt).toISOString();
  const signedOn = row.signedOn ? calendarDate(row.signedOn) : clinicDateOf(signedAt, timezone);
  const submittedAt = row.submittedAt?.toISOString();
  // The assessment, and the day-only answers, date from when the nurse recorded them: submission.
  const recordedOn = submittedAt ? clinicDateOf(submittedAt, timezone) : signedOn;
  return {
    id: row.id,
    kind: row.kind,
    signedAt,
    signedOn,
    ...(submittedAt ? { submittedAt } : {}),
    assessedOn: recordedOn,
    ...(row.validUntil ? { validUntil: calendarDate(row.validUntil) } : {}),
    result: {
      status: row.result ?? 'CONTRAINDICATED',
      reasons: (Array.isArray(row.reasons) ? row.reasons : []) as EligibilityReason[],
      suicidalityFlag: row.suicidalityFlag,
      noSerialInfusionsWithoutOverride: row.noSerialInfusions,
    },
    ...(row.overrideReason && row.signedById ? { override: { by: row.signedById, reason: row.overrideReason } } : {}),
    dayOnly: row.dayOnlyItems.map((itemId) => {
      const item = template.items.find((i) => i.id === itemId);
      return { itemId, label: item?.shortLabel ?? item?.label ?? itemId, recordedOn };
    }),
  };
}

/** A submitted or declined screening as the domain's UnsignedScreening. */
function toUnsigned(row: UnsignedScreeningRecord, timezone: string): UnsignedScreening {
  const submittedAt = row.submittedAt.toISOString();
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    submittedAt,
    submittedOn: clinicDateOf(submittedAt, timezone),
    result: {
      // A submitted screening always has a result; a missing one is taken at its most cautious.
      status: row.result ?? 'CONTRAINDICATED',
      reasons: (Array.isArray(row.reasons) ? row.reasons : []) as EligibilityReason[],
      suicidalityFlag: row.suicidalityFlag,
    },
  };
}

function toDto(decision: CombinedEligibility, clinical: boolean): EligibilityDto {
  return {
    on: decision.on,
    status: decision.status,
    reasons: decision.reasons.map((r) => reasonDto(r, clinical)),
    screeningIds: decision.screeningIds,
    expiresAt: decision.expiresAt ?? null,
    suicidalityFlag: decision.suicidalityFlag,
    noSerialInfusionsWithoutOverride: decision.noSerialInfusionsWithoutOverride,
    requiresOnTheDay: decision.requiresOnTheDay,
  };
}

function reasonDto(reason: CombinedReason, clinical: boolean): EligibilityReasonDto {
  switch (reason.type) {
    case 'missing':
      return { type: 'missing', kind: reason.kind, reason: reason.reason };
    case 'expired':
      return {
        type: 'expired',
        kind: reason.kind,
        reason: reason.reason,
        screeningId: reason.screeningId,
        validUntil: reason.validUntil,
      };
    case 'rule':
      return {
        type: 'rule',
        kind: reason.kind,
        reason: reason.reason,
        screeningId: reason.screeningId,
        ruleId: reason.ruleId,
        severity: reason.severity,
        source: reason.source,
        ...(clinical ? { evidence: reason.evidence } : {}),
        ...(reason.overriddenBy ? { overridden: true } : {}),
        ...(reason.overriddenBy && clinical ? { overriddenBy: reason.overriddenBy } : {}),
      };
    case 'pending':
      return {
        type: 'pending',
        kind: reason.kind,
        reason: reason.reason,
        screeningId: reason.screeningId,
        submittedOn: reason.submittedOn,
        result: reason.result,
        ...(reason.ruleId ? { ruleId: reason.ruleId } : {}),
        ...(reason.severity ? { severity: reason.severity } : {}),
        ...(reason.source ? { source: reason.source } : {}),
        ...(clinical && reason.evidence ? { evidence: reason.evidence } : {}),
      };
    case 'declined':
      return {
        type: 'declined',
        kind: reason.kind,
        reason: reason.reason,
        screeningId: reason.screeningId,
        submittedOn: reason.submittedOn,
      };
  }
}
