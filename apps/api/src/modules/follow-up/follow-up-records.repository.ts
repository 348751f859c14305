import { Inject, Injectable } from '@nestjs/common';
import type { FollowUpChannel, Prisma, ProtocolRoute } from '@prisma/client';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

const recordSelect = {
  id: true,
  followUpId: true,
  clinicId: true,
  patientId: true,
  channel: true,
  recordedAt: true,
  recordedById: true,
  linkId: true,
  painNrsNow: true,
  painNrs7DayAverage: true,
  painInterference: true,
  painInterferenceRaw: true,
  painInterferenceT: true,
  phq9: true,
  phq9Total: true,
  bladder: true,
  bladderPositive: true,
  bladderReviewedById: true,
  bladderReviewedAt: true,
  bladderReviewNote: true,
  supportingCare: true,
  note: true,
  createdAt: true,
} as const;

type RecordRow = Prisma.FollowUpRecordGetPayload<{ select: typeof recordSelect }>;

/** A follow-up record as stored, numbers as numbers and answers as the objects they were given as. */
export interface StoredRecord extends Omit<RecordRow, 'painInterferenceT' | 'painInterference' | 'phq9' | 'bladder'> {
  painInterferenceT: number;
  painInterference: Record<string, number>;
  phq9: Record<string, number>;
  bladder: Record<string, boolean>;
}

export interface AwaitingBladderReview {
  recordId: string;
  followUpId: string;
  courseId: string;
  recordedAt: Date;
  channel: FollowUpChannel;
  positive: string[];
  offsetDays: number;
  patientId: string;
  mrn: string;
  givenName: string;
  familyName: string;
  protocolName: string;
}

export interface StoredHomeDose {
  id: string;
  followUpRecordId: string | null;
  courseId: string | null;
  route: ProtocolRoute;
  mg: number;
  takenAt: Date;
}

export interface NewRecord {
  id: string;
  followUpId: string;
  clinicId: string;
  patientId: string;
  channel: FollowUpChannel;
  recordedAt: Date;
  recordedById: string | null;
  linkId: string | null;
  painNrsNow: number;
  painNrs7DayAverage: number;
  painInterference: Record<string, number>;
  painInterferenceRaw: number;
  painInterferenceT: number;
  phq9: Record<string, number>;
  phq9Total: number;
  bladder: Record<string, boolean>;
  bladderPositive: string[];
  supportingCare: string[];
  note: string | null;
  createdAt: Date;
}

export interface NewHomeDose {
  id: string;
  clinicId: string;
  patientId: string;
  courseId: string;
  followUpRecordId: string;
  route: ProtocolRoute;
  mg: number;
  takenAt: Date;
  recordedById: string | null;
}

const toRecord = (row: RecordRow): StoredRecord => ({
  ...row,
  painInterferenceT: row.painInterferenceT.toNumber(),
  painInterference: row.painInterference as Record<string, number>,
  phq9: row.phq9 as Record<string, number>,
  bladder: row.bladder as Record<string, boolean>,
});

/** Follow-up records and the home doses they reported; one table per query. */
@Injectable()
export class FollowUpRecordsRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /**
   * Serialises dose writes of one patient with the dosing module's (the same advisory lock as its
   * lockDoses), so the cumulative caps are judged on what commits.
   */
  async lockDoses(patientId: string): Promise<void> {
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`doses:${patientId}`}))`;
  }

  /** A record by id in any clinic: an id is the client's, and a reused one is refused whoever holds it. */
  async byId(id: string): Promise<StoredRecord | undefined> {
    const row = await this.db.followUpRecord.findUnique({ where: { id }, select: recordSelect });
    return row ? toRecord(row) : undefined;
  }

  async find(clinicId: string, id: string): Promise<StoredRecord | undefined> {
    const row = await this.db.followUpRecord.findFirst({ where: { id, clinicId }, select: recordSelect });
    return row ? toRecord(row) : undefined;
  }

  async ofFollowUps(followUpIds: string[]): Promise<StoredRecord[]> {
    if (followUpIds.length === 0) return [];
    const rows = await this.db.followUpRecord.findMany({
      where: { followUpId: { in: followUpIds } },
      select: recordSelect,
      orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toRecord);
  }

  /** When each follow-up's records were taken, for the domain's status. */
  async recordedAt(followUpIds: string[]): Promise<Map<string, number[]>> {
    const byFollowUp = new Map<string, number[]>();
    if (followUpIds.length === 0) return byFollowUp;
    const rows = await this.db.followUpRecord.findMany({
      where: { followUpId: { in: followUpIds } },
      select: { followUpId: true, recordedAt: true },
    });
    for (const row of rows)
      byFollowUp.set(row.followUpId, [...(byFollowUp.get(row.followUpId) ?? []), row.recordedAt.getTime()]);
    return byFollowUp;
  }

  /** The patient's latest follow-up record taken before `before`: home doses before it were reported then. */
  async lastContactBefore(patientId: string, before: Date): Promise<Date | undefined> {
    const row = await this.db.followUpRecord.findFirst({
      where: { patientId, recordedAt: { lt: before } },
      orderBy: { recordedAt: 'desc' },
      select: { recordedAt: true },
    });
    return row?.recordedAt;
  }

  /** Each patient's latest record (any course), by patient. */
  async latestOfPatients(patientIds: string[]): Promise<Map<string, StoredRecord>> {
    const latest = new Map<string, StoredRecord>();
    if (patientIds.length === 0) return latest;
    // One index probe (patientId, recordedAt) per patient of the page.
    const ids = await this.db.$queryRaw<{ id: string }[]>`
      SELECT r.id FROM unnest(${patientIds}::uuid[]) AS p(id)
      CROSS JOIN LATERAL (
        SELECT id FROM "FollowUpRecord" WHERE "patientId" = p.id ORDER BY "recordedAt" DESC, id DESC LIMIT 1
      ) r`;
    const rows = await this.db.followUpRecord.findMany({
      where: { id: { in: ids.map((r) => r.id) } },
      select: recordSelect,
    });
    for (const row of rows) latest.set(row.patientId, toRecord(row));
    return latest;
  }

  async insert(record: NewRecord): Promise<void> {
    await this.db.followUpRecord.create({ data: record, select: { id: true } });
  }

  async insertHomeDoses(doses: NewHomeDose[]): Promise<void> {
    if (doses.length > 0) await this.db.homeDose.createMany({ data: doses });
  }

  async homeDosesOfRecords(recordIds: string[]): Promise<StoredHomeDose[]> {
    if (recordIds.length === 0) return [];
    const rows = await this.db.homeDose.findMany({
      where: { followUpRecordId: { in: recordIds } },
      select: { id: true, followUpRecordId: true, courseId: true, route: true, mg: true, takenAt: true },
      orderBy: [{ takenAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map((row) => ({ ...row, mg: row.mg.toNumber() }));
  }

  async homeDosesOfPatient(clinicId: string, patientId: string): Promise<StoredHomeDose[]> {
    const rows = await this.db.homeDose.findMany({
      where: { clinicId, patientId },
      select: { id: true, followUpRecordId: true, courseId: true, route: true, mg: true, takenAt: true },
      orderBy: [{ takenAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map((row) => ({ ...row, mg: row.mg.toNumber() }));
  }

  /**
   * The clinic's records with a yes bladder answer no clinician has reviewed yet, oldest first, with
   * the patient and the course (the partial index keeps this to the few that wait).
   */
  async awaitingBladderReview(clinicId: string, limit: number): Promise<AwaitingBladderReview[]> {
    return this.db.$queryRaw<AwaitingBladderReview[]>`
      SELECT r.id AS "recordId", r."followUpId", f."courseId", r."recordedAt", r.channel::text AS channel,
             r."bladderPositive" AS positive, f."offsetDays",
             p.id AS "patientId", p.mrn, p."givenName", p."familyName", pr.name AS "protocolName"
      FROM "FollowUpRecord" r
      JOIN "FollowUp" f ON f.id = r."followUpId"
      JOIN "Patient" p ON p.id = r."patientId"
      JOIN "Course" c ON c.id = f."courseId"
      JOIN "Protocol" pr ON pr.id = c."protocolId"
      WHERE r."clinicId" = ${clinicId}::uuid AND r."bladderReviewedAt" IS NULL AND cardinality(r."bladderPositive") > 0
      ORDER BY r."recordedAt", r.id
      LIMIT ${limit}`;
  }

  /** Adds the clinician's review once; false when it was reviewed already (the trigger allows nothing else). */
  async review(id: string, reviewedById: string, at: Date, note: string): Promise<boolean> {
    const { count } = await this.db.followUpRecord.updateMany({
      where: { id, bladderReviewedAt: null },
      data: { bladderReviewedById: reviewedById, bladderReviewedAt: at, bladderReviewNote: note },
    });
    return count > 0;
  }
}
