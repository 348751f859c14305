import { Injectable } from '@nestjs/common';
import {
  assessFollowUpRecord,
  followUpRecordProblems,
  followUpStatus,
  type FollowUpRecordInput,
  type FollowUpRecordProblem,
  type HomeDose,
} from '@cadence/domain';
import type { FollowUpChannel, ProtocolRoute } from '@prisma/client';
import { randomUUID } from 'node:crypto';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { auditEntry, type AuditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import { AlertsService } from '../alerts/alerts.service';
import type { FollowUpAnswersDto } from './dto/record-input.dto';
import { followUpErrors } from './follow-up.errors';
import { FollowUpRecordsRepository } from './follow-up-records.repository';
import { scheduledOf } from './follow-up-windows';
import { FollowUpRepository, type FollowUpRow } from './follow-up.repository';

export interface Recording {
  /** Null when the patient answers through their link. */
  actor: Pick<Actor, 'id'> | null;
  meta: RequestMeta;
  /** Locked by the caller's transaction. */
  followUp: FollowUpRow;
  timeZone: string;
  id: string;
  channel: FollowUpChannel;
  linkId: string | null;
  recordedAtMs: unknown;
  answers: FollowUpAnswersDto;
  nowMs: number;
}

export interface Recorded {
  recordId: string;
  cliniciansAlerted: number;
  urgentSupport: boolean;
}

/** The answers as the domain's FollowUpRecordInput, each home dose a ledger bolus with a new id. */
export function recordInputOf(answers: FollowUpAnswersDto, recordedAtMs: unknown): FollowUpRecordInput {
  return {
    recordedAtMs: recordedAtMs as number,
    painNrsNow: answers.painNrsNow,
    painNrs7DayAverage: answers.painNrs7DayAverage,
    painInterference: answers.painInterference,
    phq9: answers.phq9,
    bladder: answers.bladder,
    supportingCare: answers.supportingCare,
    homeDoses: answers.homeDoses?.map((d): HomeDose => ({
      kind: 'BOLUS',
      id: randomUUID(),
      route: d.route as ProtocolRoute,
      mg: d.mg,
      atMs: d.atMs,
    })),
    note: answers.note,
  };
}

/** A note of only spaces is no note. */
export const noteOf = (note: string | null | undefined) => (typeof note === 'string' && /\S/.test(note) ? note : null);

/**
 * Stores one follow-up record, from a nurse or from the patient's link, inside the caller's
 * transaction: validated and scored by the domain, its home doses added to the patient's dose
 * ledger, the follow-up's status set to what the domain says now (COMPLETED only for a record
 * inside the window), clinicians alerted at once to a PHQ-9 item 9 above "not at all", audited.
 */
@Injectable()
export class FollowUpRecording {
  constructor(
    private readonly followUps: FollowUpRepository,
    private readonly records: FollowUpRecordsRepository,
    private readonly alerts: AlertsService,
    private readonly audit: AuditRepository,
  ) {}

  async store(r: Recording): Promise<Recorded> {
    const input = recordInputOf(r.answers, r.recordedAtMs);
    const recordedAtGiven = Number.isSafeInteger(input.recordedAtMs) ? input.recordedAtMs! : r.nowMs;
    const lastContact = await this.records.lastContactBefore(r.followUp.patientId, new Date(recordedAtGiven));
    const problems = [
      ...followUpRecordProblems(input, { nowMs: r.nowMs, lastContactAtMs: lastContact?.getTime() ?? null }),
    ];
    problems.push(...tenthsProblems(input, problems));
    if (problems.length > 0) throw followUpErrors.invalidRecord(problems);

    const assessment = assessFollowUpRecord(input);
    const doses = input.homeDoses!;
    // A device a little ahead of the server (allowed by the domain) took the answers now.
    const recordedAt = new Date(Math.min(recordedAtGiven, r.nowMs));
    const recordedById = r.actor?.id ?? null;
    if (doses.length > 0) await this.records.lockDoses(r.followUp.patientId);
    await this.records.insert({
      id: r.id,
      followUpId: r.followUp.id,
      clinicId: r.followUp.clinicId,
      patientId: r.followUp.patientId,
      channel: r.channel,
      recordedAt,
      recordedById,
      linkId: r.linkId,
      painNrsNow: assessment.painNrsNow!,
      painNrs7DayAverage: assessment.painNrs7DayAverage!,
      painInterference: r.answers.painInterference as Record<string, number>,
      painInterferenceRaw: assessment.painInterference.rawScore!,
      painInterferenceT: assessment.painInterference.tScore!,
      phq9: r.answers.phq9 as Record<string, number>,
      phq9Total: assessment.phq9.score!,
      bladder: r.answers.bladder as Record<string, boolean>,
      bladderPositive: assessment.positiveBladderSymptoms,
      supportingCare: assessment.supportingCare,
      note: noteOf(input.note),
      // The server's instant of the write: a retry's clamped recordedAt is judged against it.
      createdAt: new Date(r.nowMs),
    });
    await this.records.insertHomeDoses(
      doses.map((d) => ({
        id: d.id,
        clinicId: r.followUp.clinicId,
        patientId: r.followUp.patientId,
        courseId: r.followUp.courseId,
        followUpRecordId: r.id,
        route: d.route,
        mg: d.mg,
        takenAt: new Date(d.atMs),
        recordedById,
      })),
    );

    const taken = (await this.records.recordedAt([r.followUp.id])).get(r.followUp.id) ?? [];
    const state = followUpStatus(scheduledOf(r.followUp, r.timeZone), taken, r.nowMs);
    const statusChanged = await this.followUps.setStatus(r.followUp.id, state.status, new Date(r.nowMs));

    const suicidality = assessment.flags.find((f) => f.code === 'SUICIDALITY');
    const alerted = suicidality
      ? await this.alerts.raiseForFollowUpSuicidality(r.actor, r.meta, {
          clinicId: r.followUp.clinicId,
          patientId: r.followUp.patientId,
          followUpRecordId: r.id,
          message: suicidality.message,
        })
      : [];

    const entry = (event: Parameters<typeof auditEntry>[2]): AuditEntry =>
      auditEntry(r.actor, r.meta, { patientId: r.followUp.patientId, ...event });
    await this.audit.recordMany([
      entry({
        action: 'CREATE',
        entity: 'FollowUpRecord',
        entityId: r.id,
        fields: [
          'channel',
          'recordedAt',
          'painNrsNow',
          'painNrs7DayAverage',
          'painInterference',
          'phq9',
          'bladder',
          'supportingCare',
          ...(noteOf(input.note) === null ? [] : ['note']),
          ...(r.linkId ? ['linkId'] : []),
        ],
      }),
      ...doses.map((d) =>
        entry({
          action: 'CREATE',
          entity: 'HomeDose',
          entityId: d.id,
          fields: ['route', 'mg', 'takenAt', 'followUpRecordId'],
        }),
      ),
      ...(statusChanged
        ? [entry({ action: 'UPDATE', entity: 'FollowUp', entityId: r.followUp.id, fields: ['status'] })]
        : []),
    ]);
    return { recordId: r.id, cliniciansAlerted: alerted.length, urgentSupport: suicidality !== undefined };
  }
}

/**
 * The dose ledger keeps tenths of a mg (HomeDose.mg is numeric(8,1)): a dose given to more decimals
 * is refused rather than rounded, on a field the domain found nothing wrong with.
 */
function tenthsProblems(input: FollowUpRecordInput, found: readonly FollowUpRecordProblem[]): FollowUpRecordProblem[] {
  return (input.homeDoses ?? []).flatMap((dose, i) => {
    const field = `homeDoses[${i}].mg`;
    if (found.some((p) => p.field === field) || typeof dose.mg !== 'number') return [];
    const tenths = dose.mg * 10;
    return Math.abs(tenths - Math.round(tenths)) < 1e-9
      ? []
      : [
          {
            field,
            rule: 'amount' as const,
            message: 'must be given to at most one decimal (the dose ledger keeps tenths of a mg)',
          },
        ];
  });
}
