import { DomainError } from '../../common/errors/domain-error';
import { Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { courseCancellation, type SessionChangeProblem } from '@cadence/domain';
import { Db, PrismaService } from '../../common/prisma/prisma.service';
import { isExclusionViolation } from '../../common/prisma/pg-errors';
import { AuditEntry, insertAudit } from '../audit/audit-entry';
import { CapacityRepository, type CapacitySnapshot } from './capacity.repository';
import type { SessionChoiceDto } from './dto/course.dto';
import type { PlanProblem } from './planning.service';

export const courseInclude = {
  protocol: { select: { id: true, key: true, version: true, name: true } },
  appointments: {
    include: { chair: { select: { name: true } } },
    orderBy: [{ sessionNumber: 'asc' }, { startsAt: 'asc' }],
  },
} satisfies Prisma.CourseInclude;

export type CourseRecord = Prisma.CourseGetPayload<{ include: typeof courseInclude }>;

/** Booking waits its turn behind other bookings of the clinic for up to this long. */
export const BOOKING_TRANSACTION = { maxWait: 20_000, timeout: 20_000 } as const;

export interface NewCourse {
  clinicId: string;
  patientId: string;
  protocolId: string;
  bookedById: string;
  sessionCount: number;
  baselinePainNrs?: number;
  baselinePainInterference?: number;
  sessions: SessionChoiceDto[];
}

export type BookResult =
  | { ok: true; id: string }
  | { ok: false; reason: 'INFEASIBLE'; reasons: PlanProblem[] }
  | { ok: false; reason: 'NOT_ELIGIBLE'; error: DomainError }
  | { ok: false; reason: 'SLOT_TAKEN' };

/** Decides eligibility inside the booking transaction; returns the screenings relied on. */
export type EligibilityCheck = (db: Db) => Promise<string[]>;

/**
 * Runs the eligibility check under the patient's eligibility lock, which screening state changes
 * also take: no screening can be submitted, signed or declined between the decision and the write.
 * A refusal is returned rather than thrown, so the check's audit row commits with the transaction.
 */
export async function eligibleUnderLock(
  tx: Db,
  patientId: string,
  check: EligibilityCheck,
): Promise<{ ok: true; screeningIds: string[] } | { ok: false; reason: 'NOT_ELIGIBLE'; error: DomainError }> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`eligibility:${patientId}`}))`;
  try {
    return { ok: true, screeningIds: await check(tx) };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_ELIGIBLE')
      return { ok: false, reason: 'NOT_ELIGIBLE', error };
    throw error;
  }
}

export type CancelResult =
  | { ok: true }
  | { ok: false; reason: 'NOT_FOUND' | 'NOT_BOOKED' }
  | { ok: false; reason: 'STALE_VERSION'; currentVersion: number }
  | { ok: false; reason: 'UNDER_WAY'; problem: SessionChangeProblem; appointmentIds: string[] };

/**
 * Bookings of one clinic are serialised by a transaction-scoped advisory lock: the re-check of
 * the plan then sees every booking committed before it, so nurse capacity (which no constraint
 * can express) holds under concurrent requests. The exclusion constraints stay the last line.
 */
export async function lockClinicBookings(tx: Prisma.TransactionClient, clinicId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`booking:${clinicId}`}))`;
}

@Injectable()
export class CoursesRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly capacity: CapacityRepository,
  ) {}

  /** A protocol version of the clinic's own catalogue. */
  protocol(clinicId: string, id: string) {
    return this.prisma.protocol.findFirst({
      where: { id, clinicId },
      select: { id: true, key: true, version: true, name: true, setting: true, definition: true, active: true },
    });
  }

  /** The newest active version of the clinic's protocol key: the only one new courses are booked under. */
  latestActiveProtocol(clinicId: string, key: string) {
    return this.prisma.protocol.findFirst({
      where: { clinicId, key, active: true },
      orderBy: { version: 'desc' },
      select: { id: true, version: true },
    });
  }

  patientExists(clinicId: string, id: string): Promise<boolean> {
    return this.prisma.patient.count({ where: { id, clinicId } }).then((n) => n > 0);
  }

  async timezone(clinicId: string): Promise<string | undefined> {
    return (await this.prisma.clinic.findUnique({ where: { id: clinicId }, select: { timezone: true } }))?.timezone;
  }

  /**
   * Books the course and all its appointments, or nothing: inside one transaction, under the
   * clinic's booking lock, `recheck` judges the plan against a fresh snapshot of capacity.
   */
  async book(
    course: NewCourse,
    window: { from: number; to: number },
    recheck: (snapshot: CapacitySnapshot) => PlanProblem[],
    eligibility: EligibilityCheck,
    audit: (id: string) => AuditEntry,
  ): Promise<BookResult> {
    try {
      return await this.prisma.$transaction(async (tx): Promise<BookResult> => {
        await lockClinicBookings(tx, course.clinicId);
        const gate = await eligibleUnderLock(tx, course.patientId, eligibility);
        if (!gate.ok) return gate;
        const snapshot = await this.capacity.load(course.clinicId, window.from, window.to, tx);
        const reasons = snapshot ? recheck(snapshot) : [{ code: 'UNKNOWN_CLINIC', message: 'no such clinic' }];
        if (reasons.length > 0) return { ok: false, reason: 'INFEASIBLE', reasons };
        const { sessions, ...fields } = course;
        const created = await tx.course.create({
          data: { ...fields, eligibilityScreeningIds: gate.screeningIds },
          select: { id: true },
        });
        await tx.appointment.createMany({
          data: sessions.map((s, i) => ({
            clinicId: course.clinicId,
            courseId: created.id,
            patientId: course.patientId,
            chairId: s.chairId,
            sessionNumber: i + 1,
            startsAt: new Date(s.startsAt),
            endsAt: new Date(s.endsAt),
          })),
        });
        await insertAudit(tx, audit(created.id));
        return { ok: true, id: created.id };
      }, BOOKING_TRANSACTION);
    } catch (error) {
      if (isExclusionViolation(error)) return { ok: false, reason: 'SLOT_TAKEN' };
      throw error;
    }
  }

  read(clinicId: string, id: string): Promise<CourseRecord | null> {
    return this.prisma.course.findFirst({ where: { id, clinicId }, include: courseInclude });
  }

  /** A course with its READ audit row, written only when the course is returned. */
  readAudited(clinicId: string, id: string, audit: (patientId: string) => AuditEntry): Promise<CourseRecord | null> {
    return this.prisma.$transaction(async (tx) => {
      const course = await tx.course.findFirst({ where: { id, clinicId }, include: courseInclude });
      if (course) await insertAudit(tx, audit(course.patientId));
      return course;
    });
  }

  forPatient(clinicId: string, patientId: string, audit: AuditEntry): Promise<CourseRecord[]> {
    return this.prisma.$transaction(async (tx) => {
      const courses = await tx.course.findMany({
        where: { clinicId, patientId },
        include: courseInclude,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      });
      await insertAudit(tx, audit);
      return courses;
    });
  }

  /**
   * Cancels a booked course at `version` and its sessions that have not started, with audit rows.
   * The course changes only while no session of it is under way (the guard is in the update
   * itself, so a session starting meanwhile cannot slip past); sessions already over are left for
   * completion or no-show.
   */
  cancel(
    clinicId: string,
    id: string,
    version: number,
    reason: string,
    now: Date,
    audit: (appointmentIds: string[]) => AuditEntry[],
  ): Promise<CancelResult> {
    return this.prisma.$transaction(async (tx): Promise<CancelResult> => {
      const { count } = await tx.course.updateMany({
        where: {
          id,
          clinicId,
          version,
          status: 'BOOKED',
          appointments: { none: { status: 'BOOKED', startsAt: { lte: now }, endsAt: { gt: now } } },
        },
        data: { status: 'CANCELLED', cancelReason: reason, version: { increment: 1 } },
      });
      const current = await tx.course.findFirst({
        where: { id, clinicId },
        select: {
          version: true,
          status: true,
          appointments: { select: { id: true, status: true, startsAt: true, endsAt: true } },
        },
      });
      if (!current) return { ok: false, reason: 'NOT_FOUND' };
      const plan = courseCancellation(
        current.appointments.map((a) => ({
          id: a.id,
          status: a.status,
          start: a.startsAt.toISOString(),
          end: a.endsAt.toISOString(),
        })),
        now.getTime(),
      );
      if (count === 0) {
        if (current.version !== version) return { ok: false, reason: 'STALE_VERSION', currentVersion: current.version };
        if (current.status !== 'BOOKED') return { ok: false, reason: 'NOT_BOOKED' };
        if (plan.problem)
          return { ok: false, reason: 'UNDER_WAY', problem: plan.problem, appointmentIds: plan.underWay };
        return { ok: false, reason: 'STALE_VERSION', currentVersion: current.version };
      }
      const cancelled = await tx.appointment.updateManyAndReturn({
        where: { id: { in: plan.cancel }, courseId: id, status: 'BOOKED', startsAt: { gt: now } },
        data: { status: 'CANCELLED', cancelReason: reason, version: { increment: 1 } },
        select: { id: true },
      });
      await tx.auditEvent.createMany({ data: audit(cancelled.map((a) => a.id)) });
      return { ok: true };
    });
  }
}
