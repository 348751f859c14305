import type { EligibilityReason } from '@cadence/domain';
import type { QueueItemDto, ScreeningDto, ScreeningReasonDto } from './dto/screening.dto';
import { calendarDate } from './screening-settings';
import type { QueueRecord, ScreeningRecord } from './screening.repository';

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

export function toScreeningDto(row: ScreeningRecord): ScreeningDto {
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
    declineReason: row.declineReason,
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
