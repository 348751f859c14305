import { Inject, Injectable } from '@nestjs/common';
import type { FollowUpStatus } from '@prisma/client';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import type { StoredWindow } from './follow-up-windows';

export interface NewFollowUp extends StoredWindow {
  clinicId: string;
  courseId: string;
  patientId: string;
  status: FollowUpStatus;
}

const followUpSelect = {
  id: true,
  clinicId: true,
  courseId: true,
  patientId: true,
  offsetDays: true,
  dueOn: true,
  opensOn: true,
  closesOn: true,
  opensAt: true,
  closesAt: true,
  status: true,
  statusAt: true,
  version: true,
  createdAt: true,
} as const;

export interface FollowUpRow extends StoredWindow {
  id: string;
  clinicId: string;
  courseId: string;
  patientId: string;
  status: FollowUpStatus;
  statusAt: Date;
  version: number;
  createdAt: Date;
}

/**
 * Scheduled follow-ups, and what scheduling reads about a course. One table per query: inside a
 * transaction Prisma would otherwise run a select's relations at once on the one connection.
 */
@Injectable()
export class FollowUpRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** The course with its protocol's definition and its clinic's zone; undefined if not of the clinic. */
  async courseForSchedule(courseId: string) {
    const course = await this.db.course.findUnique({
      where: { id: courseId },
      select: { id: true, clinicId: true, patientId: true, status: true, protocolId: true, completedAt: true },
    });
    if (!course) return undefined;
    const protocol = await this.db.protocol.findUniqueOrThrow({
      where: { id: course.protocolId },
      select: { definition: true },
    });
    const clinic = await this.db.clinic.findUniqueOrThrow({
      where: { id: course.clinicId },
      select: { timezone: true, followUpSettings: true },
    });
    return {
      ...course,
      definition: protocol.definition,
      timeZone: clinic.timezone,
      followUpSettings: clinic.followUpSettings,
    };
  }

  /**
   * When the course's last completed session ended: its infusion's stop when recorded, else the
   * appointment's booked end. Undefined when no appointment was completed.
   */
  async lastSessionEnd(courseId: string): Promise<Date | undefined> {
    const last = await this.db.appointment.findFirst({
      where: { courseId, status: 'COMPLETED' },
      orderBy: [{ startsAt: 'desc' }, { sessionNumber: 'desc' }],
      select: { id: true, endsAt: true },
    });
    if (!last) return undefined;
    const session = await this.db.infusionSession.findUnique({
      where: { appointmentId: last.id },
      select: { stoppedAt: true },
    });
    return session?.stoppedAt ?? last.endsAt;
  }

  /** Inserts the follow-ups not yet scheduled (one per course and offset); answers those it created. */
  createMissing(rows: NewFollowUp[]) {
    return this.db.followUp.createManyAndReturn({
      data: rows,
      skipDuplicates: true,
      select: { id: true, offsetDays: true, patientId: true },
    });
  }

  find(clinicId: string, id: string): Promise<FollowUpRow | null> {
    return this.db.followUp.findFirst({ where: { id, clinicId }, select: followUpSelect });
  }

  /** The follow-up, locked for this transaction (records of one follow-up are written one at a time). */
  async lock(clinicId: string, id: string): Promise<FollowUpRow | null> {
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "FollowUp" WHERE id = ${id}::uuid AND "clinicId" = ${clinicId}::uuid FOR UPDATE`;
    return rows.length === 0 ? null : this.find(clinicId, id);
  }

  /** A follow-up by id in whichever clinic: the patient's link, not a session, names it. */
  byId(id: string): Promise<FollowUpRow> {
    return this.db.followUp.findUniqueOrThrow({ where: { id }, select: followUpSelect });
  }

  async lockById(id: string): Promise<FollowUpRow> {
    await this.db.$queryRaw`SELECT id FROM "FollowUp" WHERE id = ${id}::uuid FOR UPDATE`;
    return this.byId(id);
  }

  /** How to reach the patient. */
  contact(clinicId: string, patientId: string) {
    return this.db.patient.findFirstOrThrow({
      where: { id: patientId, clinicId },
      select: { email: true, phone: true },
    });
  }

  ofPatient(clinicId: string, patientId: string): Promise<FollowUpRow[]> {
    return this.db.followUp.findMany({
      where: { clinicId, patientId },
      select: followUpSelect,
      orderBy: [{ dueOn: 'asc' }, { offsetDays: 'asc' }],
    });
  }

  /** Stores the status the domain gives at `at`, when it differs from the stored one. */
  async setStatus(id: string, status: FollowUpStatus, at: Date): Promise<boolean> {
    const { count } = await this.db.followUp.updateMany({
      where: { id, status: { not: status } },
      data: { status, statusAt: at, version: { increment: 1 } },
    });
    return count > 0;
  }

  clinic(clinicId: string) {
    return this.db.clinic.findUniqueOrThrow({
      where: { id: clinicId },
      select: { name: true, timezone: true, followUpSettings: true },
    });
  }
}
