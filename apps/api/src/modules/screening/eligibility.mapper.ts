import {
  clinicDateOf,
  type CombinedEligibility,
  type CombinedReason,
  type EligibilityReason,
  type SignedScreening,
  type UnsignedScreening,
} from '@cadence/domain';
import type { EligibilityDto, EligibilityReasonDto } from './dto/eligibility.dto';
import { calendarDate, templateOf } from './screening-settings';
import type { ScreeningRecord, UnsignedScreeningRecord } from './screening.repository';

/** A stored signed screening as the domain's SignedScreening. */
export function toSigned(row: ScreeningRecord, timezone: string): SignedScreening {
  const template = templateOf(row.template);
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
export function toUnsigned(row: UnsignedScreeningRecord, timezone: string): UnsignedScreening {
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

/** A decision for the API; `clinical` readers (nurses, clinicians) also see the evidence and who overrode. */
export function toEligibilityDto(decision: CombinedEligibility, clinical: boolean): EligibilityDto {
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
    default: {
      const unknown: never = reason;
      throw new Error(`No DTO for eligibility reason ${JSON.stringify(unknown)}`);
    }
  }
}
