import type { EligibilityReason, RecheckCheck } from '@cadence/domain';
import type { QueueItemDto, ScreeningDto, ScreeningReasonDto, StaffRefDto } from './dto/screening.dto';
import { calendarDate } from './screening-settings';
import type { QueueRecord, ScreeningRecord, StaffRow } from './screening.repository';

/** The reasons fixed at submission (empty before it). */
export function reasonsOf(row: Pick<ScreeningRecord, 'reasons'>): EligibilityReason[] {
  return Array.isArray(row.reasons) ? (row.reasons as EligibilityReason[]) : [];
}

/** Audit rows name the answered items, never the answers. */
export function answerFields(answers: Record<string, unknown>): string[] {
  return Object.keys(answers)
    .sort()
    .map((id) => `answers.${id}`);
}

/** Everyone a screening names: who recorded it, submitted it, and signed or declined it. */
export function staffIdsOf(rows: readonly ScreeningRecord[]): string[] {
  return rows.flatMap((r) => [r.createdById, r.submittedById, r.signedById].filter((id): id is string => !!id));
}

function staffRef(staff: ReadonlyMap<string, StaffRow>, id: string | null): StaffRefDto | null {
  if (!id) return null;
  const person = staff.get(id);
  // A user of another clinic cannot have touched this record; an id without a user is shown as such.
  return { id, name: person?.displayName ?? 'Unknown user', roles: (person?.roles ?? []) as StaffRefDto['roles'] };
}

export function toScreeningDto(row: ScreeningRecord, staff: ReadonlyMap<string, StaffRow>): ScreeningDto {
  return {
    id: row.id,
    patientId: row.patientId,
    templateId: row.templateId,
    kind: row.kind,
    templateVersion: row.template.version,
    status: row.status,
    answers: row.answers,
    scores: (row.scores as Record<string, unknown> | null) ?? null,
    result: row.result,
    reasons: row.reasons === null ? null : (reasonsOf(row) as ScreeningReasonDto[]),
    suicidalityFlag: row.suicidalityFlag,
    noSerialInfusions: row.noSerialInfusions,
    dayOnlyItems: row.dayOnlyItems,
    amendsId: row.amendsId,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    signedById: row.signedById,
    signedAt: row.signedAt?.toISOString() ?? null,
    signedOn: row.signedOn ? calendarDate(row.signedOn) : null,
    validUntil: row.validUntil ? calendarDate(row.validUntil) : null,
    overrideReason: row.overrideReason,
    rechecks: row.rechecks as RecheckCheck[],
    declineReason: row.declineReason,
    recordedBy: staffRef(staff, row.createdById)!,
    submittedBy: staffRef(staff, row.submittedById),
    decidedBy: staffRef(staff, row.signedById),
    version: row.version,
  };
}

export function toQueueItemDto(row: QueueRecord): QueueItemDto {
  return {
    id: row.id,
    patientId: row.patientId,
    kind: row.kind,
    templateVersion: row.template.version,
    status: row.status,
    result: row.result,
    reasons: reasonsOf(row),
    suicidalityFlag: row.suicidalityFlag,
    noSerialInfusions: row.noSerialInfusions,
    amendsId: row.amendsId,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    version: row.version,
    patient: row.patient,
  };
}
