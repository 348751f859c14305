import {
  assessFollowUpRecord,
  followUpStatus,
  scorePhq9,
  scorePromisPainInterference6a,
  type FollowUpState,
  type ScheduledFollowUp,
} from '@cadence/domain';
import type {
  FollowUpDto,
  FollowUpRecordDto,
  FollowUpStateDto,
  FollowUpWindowDto,
  LastScoresDto,
  LinkSummaryDto,
} from './dto/follow-up.dto';
import type { StoredHomeDose, StoredRecord } from './follow-up-records.repository';
import { scheduledOf } from './follow-up-windows';
import type { FollowUpRow } from './follow-up.repository';

export interface StoredLink {
  id: string;
  followUpId: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export function toWindowDto(window: ScheduledFollowUp): FollowUpWindowDto {
  return {
    offsetDays: window.offsetDays,
    dueOn: window.dueOn,
    opensOn: window.opensOn,
    closesOn: window.closesOn,
    opensAt: new Date(window.opensAtMs).toISOString(),
    closesAt: new Date(window.closesAtMs).toISOString(),
  };
}

/** The domain's state, naming the record (by id) that completed it. */
export function toStateDto(
  state: FollowUpState,
  records: readonly { id: string; recordedAt: Date }[],
): FollowUpStateDto {
  const completing =
    state.completedByAtMs === undefined
      ? undefined
      : records.find((r) => r.recordedAt.getTime() === state.completedByAtMs);
  return {
    status: state.status,
    daysLeft: state.daysLeft ?? null,
    completedByRecordId: completing?.id ?? null,
    reasons: state.reasons.map(({ code, ruleId, message }) => ({ code, ruleId, message })),
  };
}

export const toLinkDto = (link: StoredLink): LinkSummaryDto => ({
  id: link.id,
  createdAt: link.createdAt.toISOString(),
  expiresAt: link.expiresAt.toISOString(),
  usedAt: link.usedAt?.toISOString() ?? null,
});

export function toRecordDto(
  record: StoredRecord,
  window: ScheduledFollowUp,
  homeDoses: readonly StoredHomeDose[],
): FollowUpRecordDto {
  const at = record.recordedAt.getTime();
  // Flags are worked out again from the stored answers, by the same rules that raised them.
  const { flags } = assessFollowUpRecord({ bladder: record.bladder, phq9: record.phq9 });
  const mood = scorePhq9(record.phq9);
  return {
    id: record.id,
    followUpId: record.followUpId,
    channel: record.channel,
    recordedAt: record.recordedAt.toISOString(),
    recordedById: record.recordedById,
    insideWindow: at >= window.opensAtMs && at < window.closesAtMs,
    painNrsNow: record.painNrsNow,
    painNrs7DayAverage: record.painNrs7DayAverage,
    painInterference: {
      answers: record.painInterference,
      rawScore: record.painInterferenceRaw,
      tScore: record.painInterferenceT,
      standardError: scorePromisPainInterference6a(record.painInterference).standardError ?? 0,
    },
    phq9: {
      answers: record.phq9,
      total: record.phq9Total,
      band: mood.band ?? null,
      bandLabel: mood.bandLabel ?? null,
    },
    bladder: {
      answers: record.bladder,
      positive: record.bladderPositive,
      review:
        record.bladderReviewedById && record.bladderReviewedAt
          ? {
              reviewedById: record.bladderReviewedById,
              reviewedAt: record.bladderReviewedAt.toISOString(),
              note: record.bladderReviewNote,
            }
          : null,
    },
    supportingCare: record.supportingCare,
    homeDoses: homeDoses
      .filter((d) => d.followUpRecordId === record.id)
      .map((d) => ({ id: d.id, route: d.route, mg: d.mg, takenAt: d.takenAt.toISOString() })),
    note: record.note,
    flags: flags.map(({ code, ruleId, message }) => ({ code, ruleId, message })),
  };
}

export function toLastScoresDto(record: StoredRecord): LastScoresDto {
  return {
    recordId: record.id,
    followUpId: record.followUpId,
    recordedAt: record.recordedAt.toISOString(),
    painNrsNow: record.painNrsNow,
    painNrs7DayAverage: record.painNrs7DayAverage,
    promisRaw: record.painInterferenceRaw,
    promisT: record.painInterferenceT,
    phq9Total: record.phq9Total,
    bladderFlag: record.bladderPositive.length > 0,
    bladderReviewed: record.bladderReviewedAt !== null,
  };
}

/** A follow-up with its state at `nowMs`, its records and its links (never a token). */
export function toFollowUpDto(
  row: FollowUpRow,
  timeZone: string,
  records: readonly StoredRecord[],
  homeDoses: readonly StoredHomeDose[],
  links: readonly StoredLink[],
  nowMs: number,
): FollowUpDto {
  const window = scheduledOf(row, timeZone);
  const own = records.filter((r) => r.followUpId === row.id);
  const state = followUpStatus(
    window,
    own.map((r) => r.recordedAt.getTime()),
    nowMs,
  );
  return {
    id: row.id,
    courseId: row.courseId,
    patientId: row.patientId,
    window: toWindowDto(window),
    state: toStateDto(state, own),
    version: row.version,
    records: own.map((r) => toRecordDto(r, window, homeDoses)),
    links: links.filter((l) => l.followUpId === row.id).map(toLinkDto),
  };
}
