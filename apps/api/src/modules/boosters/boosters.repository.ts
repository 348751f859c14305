import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

export interface StoredProtocol {
  id: string;
  key: string;
  version: number;
  name: string;
  active: boolean;
  definition: unknown;
}

export interface CompletedCourseRow {
  id: string;
  protocolId: string;
  baselinePainNrs: number | null;
  completedAt: Date | null;
  boosterOfCourseId: string | null;
}

export interface FollowUpRow {
  id: string;
  offsetDays: number;
  dueOn: Date;
  closesAt: Date;
}

export interface FollowUpRecordRow {
  id: string;
  followUpId: string;
  recordedAt: Date;
  painNrsNow: number;
  painNrs7DayAverage: number;
  bladderPositive: string[];
  bladderReviewedById: string | null;
  bladderReviewedAt: Date | null;
}

export interface ApprovalRow {
  id: string;
  patientId: string;
  courseId: string;
  protocolId: string;
  reason: string;
  accepts: string[];
  approvedById: string;
  approvedAt: Date;
  expiresAt: Date;
}

export interface NewApproval {
  clinicId: string;
  patientId: string;
  courseId: string;
  protocolId: string;
  reason: string;
  accepts: string[];
  approvedById: string;
  approvedAt: Date;
  expiresAt: Date;
}

export interface TaskRow {
  id: string;
  patientId: string;
  courseId: string;
  dueBy: Date;
  reason: string;
  status: string;
  createdAt: Date;
}

const approvalSelect = {
  id: true,
  patientId: true,
  courseId: true,
  protocolId: true,
  reason: true,
  accepts: true,
  approvedById: true,
  approvedAt: true,
  expiresAt: true,
} as const;

const taskSelect = {
  id: true,
  patientId: true,
  courseId: true,
  dueBy: true,
  reason: true,
  status: true,
  createdAt: true,
} as const;

/**
 * What a booster's checks are assembled from, and the booster queue's tasks and the clinicians'
 * approvals. One table per query: inside a transaction they share its one connection.
 */
@Injectable()
export class BoostersRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  clinic(clinicId: string) {
    return this.db.clinic.findUnique({
      where: { id: clinicId },
      select: { timezone: true, dosingSettings: true, followUpSettings: true, version: true },
    });
  }

  async saveFollowUpSettings(clinicId: string, version: number, settings: object): Promise<'SAVED' | 'STALE'> {
    const { count } = await this.db.clinic.updateMany({
      where: { id: clinicId, version },
      data: { followUpSettings: settings, version: { increment: 1 } },
    });
    return count > 0 ? 'SAVED' : 'STALE';
  }

  patient(clinicId: string, id: string) {
    return this.db.patient.findFirst({
      where: { id, clinicId },
      select: { id: true, mrn: true, givenName: true, familyName: true },
    });
  }

  patients(clinicId: string, ids: string[]) {
    return this.db.patient.findMany({
      where: { clinicId, id: { in: ids } },
      select: { id: true, mrn: true, givenName: true, familyName: true },
    });
  }

  protocol(clinicId: string, id: string): Promise<StoredProtocol | null> {
    return this.db.protocol.findFirst({
      where: { id, clinicId },
      select: { id: true, key: true, version: true, name: true, active: true, definition: true },
    });
  }

  /** The newest active version of a protocol key: the one a new booster is booked under. */
  latestActiveProtocol(clinicId: string, key: string): Promise<StoredProtocol | null> {
    return this.db.protocol.findFirst({
      where: { clinicId, key, active: true },
      orderBy: { version: 'desc' },
      select: { id: true, key: true, version: true, name: true, active: true, definition: true },
    });
  }

  /** The patient's completed courses and boosters, the last completed first. */
  completedCourses(clinicId: string, patientId: string): Promise<CompletedCourseRow[]> {
    return this.db.course.findMany({
      where: { clinicId, patientId, status: 'COMPLETED' },
      orderBy: [{ completedAt: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }, { id: 'asc' }],
      select: { id: true, protocolId: true, baselinePainNrs: true, completedAt: true, boosterOfCourseId: true },
    });
  }

  course(clinicId: string, id: string) {
    return this.db.course.findFirst({
      where: { id, clinicId },
      select: { id: true, patientId: true, protocolId: true, status: true, completedAt: true },
    });
  }

  /** When the course's last completed session ended. */
  async lastCompletedSessionEnd(courseId: string): Promise<Date | undefined> {
    const row = await this.db.appointment.findFirst({
      where: { courseId, status: 'COMPLETED' },
      orderBy: { endsAt: 'desc' },
      select: { endsAt: true },
    });
    return row?.endsAt;
  }

  followUps(courseId: string): Promise<FollowUpRow[]> {
    return this.db.followUp.findMany({
      where: { courseId },
      orderBy: { offsetDays: 'asc' },
      select: { id: true, offsetDays: true, dueOn: true, closesAt: true },
    });
  }

  /** The patient's follow-up records taken at or after `since`, of any course. */
  recordsSince(clinicId: string, patientId: string, since: Date): Promise<FollowUpRecordRow[]> {
    return this.db.followUpRecord.findMany({
      where: { clinicId, patientId, recordedAt: { gte: since } },
      orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
      select: {
        id: true,
        followUpId: true,
        recordedAt: true,
        painNrsNow: true,
        painNrs7DayAverage: true,
        bladderPositive: true,
        bladderReviewedById: true,
        bladderReviewedAt: true,
      },
    });
  }

  /** The first session start of the patient's other courses begun or booked after `after` (not cancelled). */
  async coursesStartingAfter(
    clinicId: string,
    patientId: string,
    after: Date,
  ): Promise<{ id: string; booster: boolean; startsAt: Date }[]> {
    const courses = await this.db.course.findMany({
      where: { clinicId, patientId, status: { not: 'CANCELLED' } },
      select: { id: true, boosterOfCourseId: true },
    });
    if (courses.length === 0) return [];
    const firsts = await this.db.appointment.groupBy({
      by: ['courseId'],
      where: { courseId: { in: courses.map((c) => c.id) }, status: { not: 'CANCELLED' } },
      _min: { startsAt: true },
    });
    return firsts.flatMap((f) => {
      const course = courses.find((c) => c.id === f.courseId)!;
      const startsAt = f._min.startsAt;
      return startsAt && startsAt > after
        ? [{ id: course.id, booster: course.boosterOfCourseId !== null, startsAt }]
        : [];
    });
  }

  /** The first session start of each of the patient's boosters that is not cancelled. */
  async boosterStarts(clinicId: string, patientId: string): Promise<Date[]> {
    const boosters = await this.db.course.findMany({
      where: { clinicId, patientId, status: { not: 'CANCELLED' }, boosterOfCourseId: { not: null } },
      select: { id: true },
    });
    if (boosters.length === 0) return [];
    const firsts = await this.db.appointment.groupBy({
      by: ['courseId'],
      where: { courseId: { in: boosters.map((b) => b.id) }, status: { not: 'CANCELLED' } },
      _min: { startsAt: true },
    });
    return firsts.flatMap((f) => (f._min.startsAt ? [f._min.startsAt] : []));
  }

  approval(clinicId: string, id: string): Promise<ApprovalRow | null> {
    return this.db.boosterApproval.findFirst({ where: { id, clinicId }, select: approvalSelect });
  }

  async approvalCited(id: string): Promise<boolean> {
    return (await this.db.course.count({ where: { boosterApprovalId: id } })) > 0;
  }

  /** The newest approval for a booster of `courseId` under `protocolId` still valid at `now` and cited by no booking. */
  usableApproval(clinicId: string, courseId: string, protocolId: string, now: Date): Promise<ApprovalRow | null> {
    return this.db.boosterApproval.findFirst({
      where: { clinicId, courseId, protocolId, expiresAt: { gt: now }, citedBy: { none: {} } },
      orderBy: [{ approvedAt: 'desc' }, { id: 'asc' }],
      select: approvalSelect,
    });
  }

  insertApproval(approval: NewApproval): Promise<ApprovalRow> {
    return this.db.boosterApproval.create({ data: approval, select: approvalSelect });
  }

  openTasks(clinicId: string, skip: number, take: number): Promise<TaskRow[]> {
    return this.db.boosterTask.findMany({
      where: { clinicId, status: 'OPEN' },
      orderBy: [{ dueBy: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
      select: taskSelect,
      skip,
      take,
    });
  }

  countOpenTasks(clinicId: string): Promise<number> {
    return this.db.boosterTask.count({ where: { clinicId, status: 'OPEN' } });
  }

  task(clinicId: string, id: string): Promise<TaskRow | null> {
    return this.db.boosterTask.findFirst({ where: { id, clinicId }, select: taskSelect });
  }

  /** Dismisses the task if it is still open; false when it was not. */
  async dismissIfOpen(clinicId: string, id: string, by: string, reason: string, at: Date): Promise<boolean> {
    const { count } = await this.db.boosterTask.updateMany({
      where: { id, clinicId, status: 'OPEN' },
      data: { status: 'DISMISSED', decidedById: by, decidedAt: at, dismissReason: reason },
    });
    return count > 0;
  }

  /** Marks the open task of the boosted course BOOKED by `bookedCourseId`; its id, or undefined when none was open. */
  async bookTask(clinicId: string, courseId: string, bookedCourseId: string, by: string, at: Date) {
    const [task] = await this.db.boosterTask.updateManyAndReturn({
      where: { clinicId, courseId, status: 'OPEN' },
      data: { status: 'BOOKED', bookedCourseId, decidedById: by, decidedAt: at },
      select: { id: true },
    });
    return task?.id;
  }
}
