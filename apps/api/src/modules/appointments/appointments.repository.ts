import { Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { sessionChangeProblem, type SessionChangeProblem } from '@cadence/domain';
import { PrismaService } from '../../common/prisma/prisma.service';
import { isExclusionViolation } from '../../common/prisma/pg-errors';
import { AuditEntry, insertAudit } from '../audit/audit-entry';
import { CapacityRepository, type CapacitySnapshot } from '../courses/capacity.repository';
import {
  BOOKING_TRANSACTION,
  eligibleUnderLock,
  lockClinicBookings,
  type EligibilityCheck,
} from '../courses/courses.repository';
import type { DomainError } from '../../common/errors/domain-error';
import type { PlanProblem } from '../courses/planning.service';

const boardInclude = {
  chair: { select: { name: true } },
  course: {
    select: {
      sessionCount: true,
      protocol: { select: { name: true } },
      patient: { select: { givenName: true, familyName: true, mrn: true } },
    },
  },
} satisfies Prisma.AppointmentInclude;

export type BoardRecord = Prisma.AppointmentGetPayload<{ include: typeof boardInclude }>;

const appointmentInclude = {
  course: { select: { id: true, status: true, protocol: { select: { definition: true, name: true } } } },
} satisfies Prisma.AppointmentInclude;

export type AppointmentRecord = Prisma.AppointmentGetPayload<{ include: typeof appointmentInclude }>;

export type ChangeResult =
  | { ok: true }
  | { ok: false; reason: 'NOT_FOUND' | 'NOT_BOOKED' | 'SLOT_TAKEN' | 'NOT_STARTED' }
  | { ok: false; reason: 'STALE_VERSION'; currentVersion: number }
  | { ok: false; reason: 'TOO_LATE'; problem: SessionChangeProblem }
  | { ok: false; reason: 'INFEASIBLE'; reasons: PlanProblem[] }
  | { ok: false; reason: 'NOT_ELIGIBLE'; error: DomainError };

export type StatusChange = { status: 'CANCELLED'; cancelReason: string } | { status: 'NO_SHOW' };

type Refusal = Exclude<ChangeResult, { ok: true }>;

/**
 * The row conditions under which a booked appointment may still change at `now`: moving or
 * cancelling needs a session that has not started in a course still booked; a no-show needs a
 * session that has started. They sit in the update's where-clause, so the check and the write are
 * one statement; `refusal` below only names the reason when the update matched nothing.
 */
function changeable(change: 'MOVE' | StatusChange['status'], now: Date): Prisma.AppointmentWhereInput {
  return change === 'NO_SHOW'
    ? { startsAt: { lte: now } }
    : { startsAt: { gt: now }, course: { is: { status: 'BOOKED' } } };
}

const refusalSelect = {
  version: true,
  status: true,
  startsAt: true,
  course: { select: { status: true } },
} satisfies Prisma.AppointmentSelect;

/** Why an appointment in this state cannot take this change at `version` and `now`, or null if it can. */
function refusal(
  current: Prisma.AppointmentGetPayload<{ select: typeof refusalSelect }> | null,
  version: number,
  change: 'MOVE' | StatusChange['status'],
  now: Date,
): Refusal | null {
  if (!current) return { ok: false, reason: 'NOT_FOUND' };
  if (current.version !== version) return { ok: false, reason: 'STALE_VERSION', currentVersion: current.version };
  if (current.status !== 'BOOKED') return { ok: false, reason: 'NOT_BOOKED' };
  if (change === 'NO_SHOW') return current.startsAt <= now ? null : { ok: false, reason: 'NOT_STARTED' };
  const problem = sessionChangeProblem({ start: current.startsAt.toISOString() }, current.course.status, now.getTime());
  return problem ? { ok: false, reason: 'TOO_LATE', problem } : null;
}

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
  board(
    clinicId: string,
    range: { from: Date; to: Date; chairId?: string },
    audit: (patientIds: string[]) => AuditEntry[],
  ): Promise<BoardRecord[]> {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.appointment.findMany({
        where: {
          clinicId,
          startsAt: { lt: range.to },
          endsAt: { gt: range.from },
          ...(range.chairId ? { chairId: range.chairId } : {}),
        },
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
   * Only a session that has not started, of a course still booked, moves (checked in the update).
   */
  async reschedule(
    clinicId: string,
    id: string,
    move: { version: number; chairId: string; startsAt: string; endsAt: string; patientId: string },
    now: Date,
    window: { from: number; to: number },
    recheck: (snapshot: CapacitySnapshot) => PlanProblem[],
    eligibility: EligibilityCheck,
    audit: AuditEntry,
  ): Promise<ChangeResult> {
    try {
      return await this.prisma.$transaction(async (tx): Promise<ChangeResult> => {
        await lockClinicBookings(tx, clinicId);
        const gate = await eligibleUnderLock(tx, move.patientId, eligibility);
        if (!gate.ok) return gate;
        const early = refusal(
          await tx.appointment.findFirst({ where: { id, clinicId }, select: refusalSelect }),
          move.version,
          'MOVE',
          now,
        );
        if (early) return early;
        const snapshot = await this.capacity.load(clinicId, window.from, window.to, tx);
        const reasons = snapshot ? recheck(snapshot) : [{ code: 'UNKNOWN_CLINIC', message: 'no such clinic' }];
        if (reasons.length > 0) return { ok: false, reason: 'INFEASIBLE', reasons };
        const moved = await tx.appointment.updateManyAndReturn({
          where: { id, clinicId, version: move.version, status: 'BOOKED', ...changeable('MOVE', now) },
          data: {
            chairId: move.chairId,
            startsAt: new Date(move.startsAt),
            endsAt: new Date(move.endsAt),
            version: { increment: 1 },
          },
          select: { courseId: true },
        });
        if (moved.length === 0) {
          const current = await tx.appointment.findFirst({ where: { id, clinicId }, select: refusalSelect });
          return (
            refusal(current, move.version, 'MOVE', now) ?? {
              ok: false,
              reason: 'STALE_VERSION',
              currentVersion: move.version + 1,
            }
          );
        }
        const courseId = moved[0].courseId;
        const course = await tx.course.findUniqueOrThrow({
          where: { id: courseId },
          select: { eligibilityScreeningIds: true },
        });
        const ids = [...new Set([...course.eligibilityScreeningIds, ...gate.screeningIds])];
        if (ids.length !== course.eligibilityScreeningIds.length) {
          await tx.course.update({ where: { id: courseId }, data: { eligibilityScreeningIds: ids } });
        }
        await insertAudit(tx, audit);
        return { ok: true };
      }, BOOKING_TRANSACTION);
    } catch (error) {
      if (isExclusionViolation(error)) return { ok: false, reason: 'SLOT_TAKEN' };
      throw error;
    }
  }

  /**
   * Sets a booked appointment at `version` to CANCELLED (not yet started, course still booked) or
   * NO_SHOW (started), with its audit row; the conditions are part of the update itself.
   */
  changeStatus(
    clinicId: string,
    id: string,
    version: number,
    change: StatusChange,
    now: Date,
    audit: AuditEntry,
  ): Promise<ChangeResult> {
    return this.prisma.$transaction(async (tx): Promise<ChangeResult> => {
      const { count } = await tx.appointment.updateMany({
        where: { id, clinicId, version, status: 'BOOKED', ...changeable(change.status, now) },
        data: { ...change, version: { increment: 1 } },
      });
      if (count === 0) {
        const current = await tx.appointment.findFirst({ where: { id, clinicId }, select: refusalSelect });
        return (
          refusal(current, version, change.status, now) ?? {
            ok: false,
            reason: 'STALE_VERSION',
            currentVersion: version + 1,
          }
        );
      }
      await insertAudit(tx, audit);
      return { ok: true };
    });
  }
}
