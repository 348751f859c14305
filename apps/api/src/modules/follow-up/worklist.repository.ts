import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import type { StoredWindow } from './follow-up-windows';

export interface WorklistCriteria {
  clinicId: string;
  timeZone: string;
  now: Date;
  /** The clinic's date at `now` (YYYY-MM-DD). */
  today: string;
  /** Missed follow-ups stay on the list while their window closed on this clinic date or later. */
  missedSince: string;
  skip: number;
  take: number;
}

export interface WorklistRow extends StoredWindow {
  id: string;
  courseId: string;
  patientId: string;
  version: number;
}

/**
 * The follow-ups on the nurses' worklist at `now`, most urgent first, a page at a time.
 *
 * The stored status (kept by the record write and the daily job) finds the candidates through the
 * (clinicId, status, …) indexes: those due or overdue, those still stored UPCOMING whose window
 * has opened since the job last ran, and recent misses. The ORDER BY is the domain's
 * compareForWorklist written on the columns: by the status at `now` (overdue, due, missed), then
 * overdue by closing soonest, due by due date then closing, missed by latest closed, then id.
 * Follow-ups of a course superseded by a later course of the patient that has begun (a live
 * session started on or after this course's last session day) are not chased: the relief logic
 * censors the course at that start, and a call now would measure the new course.
 */
@Injectable()
export class WorklistRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  async page(c: WorklistCriteria): Promise<{ rows: WorklistRow[]; total: number }> {
    // One index-backed branch per stored status (an OR across them plans as a sequential scan).
    const rows = await this.db.$queryRaw<(WorklistRow & { total: bigint })[]>`
      WITH candidates AS (
        SELECT * FROM "FollowUp"
        WHERE "clinicId" = ${c.clinicId}::uuid AND status IN ('DUE', 'OVERDUE')
        UNION ALL
        SELECT * FROM "FollowUp"
        WHERE "clinicId" = ${c.clinicId}::uuid AND status = 'UPCOMING' AND "opensAt" <= ${c.now}
        UNION ALL
        SELECT * FROM "FollowUp"
        WHERE "clinicId" = ${c.clinicId}::uuid AND status = 'MISSED' AND "closesAt" > ${c.missedSince}::date - 2
      )
      SELECT f.id, f."courseId", f."patientId", f."offsetDays", f."dueOn", f."opensOn", f."closesOn",
             f."opensAt", f."closesAt", f.version, count(*) OVER () AS total
      FROM candidates f
      WHERE f."opensAt" <= ${c.now}
        AND (f."closesAt" > ${c.now} OR f."closesOn" >= ${c.missedSince}::date)
        AND NOT EXISTS (
          SELECT 1 FROM "Course" later
          WHERE later."patientId" = f."patientId" AND later.id <> f."courseId" AND later.status <> 'CANCELLED'
            AND EXISTS (
              SELECT 1 FROM "Appointment" a
              WHERE a."courseId" = later.id AND a.status IN ('BOOKED', 'COMPLETED') AND a."startsAt" <= ${c.now}
                AND a."startsAt" >= ((f."dueOn" - f."offsetDays")::timestamp AT TIME ZONE ${c.timeZone})
            )
        )
      ORDER BY
        CASE WHEN f."closesAt" <= ${c.now} THEN 2 WHEN f."dueOn" < ${c.today}::date THEN 0 ELSE 1 END,
        CASE WHEN f."closesAt" > ${c.now} AND f."dueOn" < ${c.today}::date THEN f."closesAt" END ASC,
        CASE WHEN f."closesAt" > ${c.now} AND f."dueOn" >= ${c.today}::date THEN f."dueOn" END ASC,
        CASE WHEN f."closesAt" > ${c.now} AND f."dueOn" >= ${c.today}::date THEN f."closesAt" END ASC,
        CASE WHEN f."closesAt" <= ${c.now} THEN f."closesAt" END DESC,
        f.id
      LIMIT ${c.take} OFFSET ${c.skip}`;
    if (rows.length === 0 && c.skip > 0) {
      // A page past the end has no row to carry the total.
      const again = await this.page({ ...c, skip: 0, take: 1 });
      return { rows: [], total: again.total };
    }
    return {
      rows: rows.map(({ total: _total, ...row }) => row),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
    };
  }

  patients(clinicId: string, ids: string[]) {
    return this.db.patient.findMany({
      where: { clinicId, id: { in: ids } },
      select: {
        id: true,
        givenName: true,
        familyName: true,
        mrn: true,
        dateOfBirth: true,
        phone: true,
        email: true,
        escortName: true,
        escortPhone: true,
      },
    });
  }

  async courses(clinicId: string, ids: string[]) {
    const courses = await this.db.course.findMany({
      where: { clinicId, id: { in: ids } },
      select: { id: true, protocolId: true, boosterOfCourseId: true },
    });
    const protocols = await this.db.protocol.findMany({
      where: { clinicId, id: { in: [...new Set(courses.map((c) => c.protocolId))] } },
      select: { id: true, key: true, name: true },
    });
    const byId = new Map(protocols.map((p) => [p.id, p]));
    return courses.map((c) => ({ ...c, protocol: byId.get(c.protocolId)! }));
  }
}
