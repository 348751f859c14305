import { Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { PrismaService } from '../../common/prisma/prisma.service';
import { isExclusionViolation } from '../../common/prisma/pg-errors';
import { AuditEntry, insertAudit } from '../audit/audit-entry';
import { CapacityRepository, type CapacitySnapshot } from '../courses/capacity.repository';
import { BOOKING_TRANSACTION, lockClinicBookings } from '../courses/courses.repository';
import type { PlanProblem } from '../courses/planning.service';

const boardInclude = {
  chair: { select: { name: true } },
  course: { select: { sessionCount: true, protocol: { select: { name: true } }, patient: { select: { givenName: true, familyName: true, mrn: true } } } },
} satisfies Prisma.AppointmentInclude;

export type BoardRecord = Prisma.AppointmentGetPayload<{ include: typeof boardInclude }>;

const appointmentInclude = {
  course: { select: { id: true, status: true, protocol: { select: { definition: true, name: true } } } },
} satisfies Prisma.AppointmentInclude;

export type AppointmentRecord = Prisma.AppointmentGetPayload<{ include: typeof appointmentInclude }>;

export type ChangeResult =
  | { ok: true }
  | { ok: false; reason: 'NOT_FOUND' | 'NOT_BOOKED' | 'SLOT_TAKEN' }
  | { ok: false; reason: 'STALE_VERSION'; currentVersion: number }
  | { ok: false; reason: 'INFEASIBLE'; reasons: PlanProblem[] };

export type StatusChange = { status: 'CANCELLED'; cancelReason: string } | { status: 'NO_SHOW' };

@Injectable()
export class AppointmentsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly capacity: CapacityRepository,
  ) {}

  find(clinicId: string, id: string): Promise<AppointmentRecord | null> {
    return this.prisma.appointment.findFirst({ where: { id, clinicId }, include: appointmentInclude });
  }

  boardItem(clinicId: string, id: string): Promise<BoardRecord | null> {
    return this.prisma.appointment.findFirst({ where: { id, clinicId }, include: boardInclude });
  }

  /** The chair board for a range, and a SEARCH audit row per patient shown, in one transaction. */
  board(clinicId: string, range: { from: Date; to: Date; chairId?: string }, audit: (patientIds: string[]) => AuditEntry[]): Promise<BoardRecord[]> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.appointment.findMany({
        where: { clinicId, startsAt: { lt: range.to }, endsAt: { gt: range.from }, ...(range.chairId ? { chairId: range.chairId } : {}) },
        include: boardInclude,
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
        take: 5000,
      });
      const entries = audit([...new Set(rows.map((r) => r.patientId))]);
      if (entries.length) await tx.auditEvent.createMany({ data: entries });
      return rows;
    });
  }

  /**
   * Moves a booked appointment at `version`, under the clinic's booking lock, once `recheck`
   * accepts it against fresh capacity; the course also records the screenings it now relies on.
   */
  async reschedule(
    clinicId: string,
    id: string,
    move: { version: number; chairId: string; startsAt: string; endsAt: string; screeningIds: string[] },
    window: { from: number; to: number },
    recheck: (snapshot: CapacitySnapshot) => PlanProblem[],
    audit: AuditEntry,
  ): Promise<ChangeResult> {
    try {
      return await this.prisma.$transaction(async (tx): Promise<ChangeResult> => {
        await lockClinicBookings(tx, clinicId);
        const current = await tx.appointment.findFirst({ where: { id, clinicId }, select: { version: true, status: true, courseId: true } });
        if (!current) return { ok: false, reason: 'NOT_FOUND' };
        if (current.version !== move.version) return { ok: false, reason: 'STALE_VERSION', currentVersion: current.version };
        if (current.status !== 'BOOKED') return { ok: false, reason: 'NOT_BOOKED' };
        const snapshot = await this.capacity.load(clinicId, window.from, window.to, tx);
        const reasons = snapshot ? recheck(snapshot) : [{ code: 'UNKNOWN_CLINIC', message: 'no such clinic' }];
        if (reasons.length > 0) return { ok: false, reason: 'INFEASIBLE', reasons };
        const { count } = await tx.appointment.updateMany({
          where: { id, clinicId, version: move.version, status: 'BOOKED' },
          data: { chairId: move.chairId, startsAt: new Date(move.startsAt), endsAt: new Date(move.endsAt), version: { increment: 1 } },
        });
        if (count === 0) return { ok: false, reason: 'STALE_VERSION', currentVersion: move.version + 1 };
        const course = await tx.course.findUniqueOrThrow({ where: { id: current.courseId }, select: { eligibilityScreeningIds: true } });
        const ids = [...new Set([...course.eligibilityScreeningIds, ...move.screeningIds])];
        if (ids.length !== course.eligibilityScreeningIds.length) {
          await tx.course.update({ where: { id: current.courseId }, data: { eligibilityScreeningIds: ids } });
        }
        await insertAudit(tx, audit);
        return { ok: true };
      }, BOOKING_TRANSACTION);
    } catch (error) {
      if (isExclusionViolation(error)) return { ok: false, reason: 'SLOT_TAKEN' };
      throw error;
    }
  }

  /** Sets a booked appointment at `version` to CANCELLED or NO_SHOW, with its audit row. */
  changeStatus(clinicId: string, id: string, version: number, change: StatusChange, audit: AuditEntry): Promise<ChangeResult> {
    return this.prisma.$transaction(async (tx): Promise<ChangeResult> => {
      const current = await tx.appointment.findFirst({ where: { id, clinicId }, select: { version: true, status: true } });
      if (!current) return { ok: false, reason: 'NOT_FOUND' };
      if (current.version !== version) return { ok: false, reason: 'STALE_VERSION', currentVersion: current.version };
      if (current.status !== 'BOOKED') return { ok: false, reason: 'NOT_BOOKED' };
      const { count } = await tx.appointment.updateMany({
        where: { id, clinicId, version, status: 'BOOKED' },
        data: { ...change, version: { increment: 1 } },
      });
      if (count === 0) return { ok: false, reason: 'STALE_VERSION', currentVersion: version + 1 };
      await insertAudit(tx, audit);
      return { ok: true };
    });
  }
}
