import { Inject, Injectable } from '@nestjs/common';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { auditEntry } from '../audit/audit-entry';
import { AuditRepository } from '../audit/audit.repository';
import type { FollowUpRecordDto, FollowUpRecordedDto } from './dto/follow-up.dto';
import type { BladderReviewDto, RecordFollowUpDto } from './dto/record-input.dto';
import { FollowUpReadsService } from './follow-up-reads.service';
import { FollowUpRecording, noteOf } from './follow-up-recording';
import { FollowUpRecordsRepository, type StoredHomeDose, type StoredRecord } from './follow-up-records.repository';
import { followUpErrors } from './follow-up.errors';
import { FollowUpRepository } from './follow-up.repository';

/** A nurse's follow-up by phone or in person, and a clinician's review of its bladder answers. */
@Injectable()
export class FollowUpRecordsService {
  constructor(
    private readonly followUps: FollowUpRepository,
    private readonly records: FollowUpRecordsRepository,
    private readonly recording: FollowUpRecording,
    private readonly reads: FollowUpReadsService,
    private readonly audit: AuditRepository,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  /** Records the answers; a retry with the same id and content answers the stored record (created false). */
  async record(
    actor: Actor,
    meta: RequestMeta,
    followUpId: string,
    dto: RecordFollowUpDto,
  ): Promise<{ created: boolean; answer: FollowUpRecordedDto }> {
    return this.transactions.withTransaction(async () => {
      const followUp = await this.followUps.lock(actor.clinicId, followUpId);
      if (!followUp) throw followUpErrors.notFound();
      const existing = await this.records.byId(dto.id);
      let cliniciansAlerted = 0;
      if (existing) {
        const doses = await this.records.homeDosesOfRecords([existing.id]);
        if (existing.followUpId !== followUpId || !sameRecord(existing, doses, dto)) throw followUpErrors.idTaken();
      } else {
        const clinic = await this.followUps.clinic(actor.clinicId);
        ({ cliniciansAlerted } = await this.recording.store({
          actor,
          meta,
          followUp,
          timeZone: clinic.timezone,
          id: dto.id,
          channel: dto.channel,
          linkId: null,
          recordedAtMs: dto.recordedAtMs,
          answers: dto,
          nowMs: Date.now(),
        }));
      }
      const view = await this.reads.view(actor.clinicId, followUpId);
      return {
        created: !existing,
        answer: { record: view.records.find((r) => r.id === dto.id)!, followUp: view, cliniciansAlerted },
      };
    });
  }

  /** A clinician's review of the yes answers to the bladder questions, once. */
  async reviewBladder(
    actor: Actor,
    meta: RequestMeta,
    recordId: string,
    dto: BladderReviewDto,
  ): Promise<FollowUpRecordDto> {
    return this.transactions.withTransaction(async () => {
      const record = await this.records.find(actor.clinicId, recordId);
      if (!record) throw followUpErrors.recordNotFound();
      if (record.bladderReviewedAt) throw followUpErrors.alreadyReviewed();
      if (record.bladderPositive.length === 0) throw followUpErrors.nothingToReview();
      if (!(await this.records.review(recordId, actor.id, new Date(), dto.note)))
        throw followUpErrors.alreadyReviewed();
      await this.audit.record(
        auditEntry(actor, meta, {
          action: 'UPDATE',
          entity: 'FollowUpRecord',
          entityId: recordId,
          patientId: record.patientId,
          fields: ['bladderReviewedById', 'bladderReviewedAt', 'bladderReviewNote'],
        }),
      );
      const view = await this.reads.view(actor.clinicId, record.followUpId);
      return view.records.find((r) => r.id === recordId)!;
    });
  }
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

/** Whether a retry carries what was stored (its recordedAt clamped to the write's instant, as stored). */
function sameRecord(stored: StoredRecord, doses: readonly StoredHomeDose[], dto: RecordFollowUpDto): boolean {
  const doseKey = (d: { route: string; mg: number; atMs: number }) => `${d.atMs}|${d.route}|${d.mg}`;
  const given = {
    channel: dto.channel,
    recordedAt: typeof dto.recordedAtMs === 'number' ? Math.min(dto.recordedAtMs, stored.createdAt.getTime()) : null,
    painNrsNow: dto.painNrsNow,
    painNrs7DayAverage: dto.painNrs7DayAverage,
    painInterference: dto.painInterference,
    phq9: dto.phq9,
    bladder: dto.bladder,
    supportingCare: [...(dto.supportingCare ?? [])].sort(),
    homeDoses: (dto.homeDoses ?? []).map(doseKey).sort(),
    note: noteOf(dto.note),
  };
  const kept = {
    channel: stored.channel,
    recordedAt: stored.recordedAt.getTime(),
    painNrsNow: stored.painNrsNow,
    painNrs7DayAverage: stored.painNrs7DayAverage,
    painInterference: stored.painInterference,
    phq9: stored.phq9,
    bladder: stored.bladder,
    supportingCare: [...stored.supportingCare].sort(),
    homeDoses: doses.map((d) => doseKey({ route: d.route, mg: d.mg, atMs: d.takenAt.getTime() })).sort(),
    note: stored.note,
  };
  return canonical(given) === canonical(kept);
}
