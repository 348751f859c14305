import { Inject, Injectable } from '@nestjs/common';
import type { CourseOnRecord } from '@cadence/domain';
import type { Prisma } from '@prisma/client';
import { isExclusionViolation } from '../../common/prisma/pg-errors';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import type { SessionChoiceDto } from '../booking/dto/booking.dto';

export const courseInclude = {
  protocol: { select: { id: true, key: true, version: true, name: true } },
  appointments: {
    include: { chair: { select: { name: true } } },
    orderBy: [{ sessionNumber: 'asc' }, { startsAt: 'asc' }],
  },
} satisfies Prisma.CourseInclude;

export type CourseRecord = Prisma.CourseGetPayload<{ include: typeof courseInclude }>;

export interface NewCourse {
  clinicId: string;
  patientId: string;
  protocolId: string;
  bookedById: string;
  sessionCount: number;
  baselinePainNrs?: number;
  baselinePainInterference?: number;
  eligibilityScreeningIds: string[];
  /** Sorted by start: session n is the n-th. */
  sessions: SessionChoiceDto[];
  /** A booster's course it follows: its appointments are kind BOOSTER. */
  boosterOfCourseId?: string;
  boosterApprovalId?: string;
}

/** A course as a cancellation judges it: its version, status and every appointment. */
export interface CancellationState {
  patientId: string;
  version: number;
  status: string;
  appointments: { id: string; status: string; start: string; end: string }[];
}

@Injectable()
export class CoursesRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** A protocol version of the clinic's own catalogue. */
  protocol(clinicId: string, id: string) {
    return this.db.protocol.findFirst({
      where: { id, clinicId },
      select: { id: true, key: true, version: true, name: true, setting: true, definition: true, active: true },
    });
  }

  /** The newest active version of the clinic's protocol key: the only one new courses are booked under. */
  latestActiveProtocol(clinicId: string, key: string) {
    return this.db.protocol.findFirst({
      where: { clinicId, key, active: true },
      orderBy: { version: 'desc' },
      select: { id: true, version: true },
    });
  }

  async patientExists(clinicId: string, id: string): Promise<boolean> {
    return (await this.db.patient.count({ where: { id, clinicId } })) > 0;
  }

  /**
   * Writes the course and one appointment per session; undefined when an exclusion constraint
   * refuses a session (a chair or the patient is taken at that time). The statement that failed
   * has aborted the transaction: the caller ends it.
   */
  async create(course: NewCourse): Promise<string | undefined> {
    const { sessions, ...fields } = course;
    try {
      const created = await this.db.course.create({ data: fields, select: { id: true } });
      await this.db.appointment.createMany({
        data: sessions.map((s, i) => ({
          clinicId: course.clinicId,
          courseId: created.id,
          patientId: course.patientId,
          chairId: s.chairId,
          sessionNumber: i + 1,
          startsAt: new Date(s.startsAt),
          endsAt: new Date(s.endsAt),
          kind: course.boosterOfCourseId ? 'BOOSTER' : 'INITIAL',
        })),
      });
      return created.id;
    } catch (error) {
      if (isExclusionViolation(error)) return undefined;
      throw error;
    }
  }

  /** The patient's booked courses with every appointment's times and status, for the open-course warning. */
  async bookedCourses(clinicId: string, patientId: string): Promise<CourseOnRecord[]> {
    const rows = await this.db.course.findMany({
      where: { clinicId, patientId, status: 'BOOKED' },
      select: {
        id: true,
        status: true,
        protocol: { select: { name: true } },
        appointments: { select: { startsAt: true, endsAt: true, status: true } },
      },
    });
    return rows.map((c) => ({
      id: c.id,
      protocolName: c.protocol.name,
      status: c.status,
      sessions: c.appointments.map((a) => ({
        start: a.startsAt.toISOString(),
        end: a.endsAt.toISOString(),
        status: a.status,
      })),
    }));
  }

  read(clinicId: string, id: string): Promise<CourseRecord | null> {
    return this.db.course.findFirst({ where: { id, clinicId }, include: courseInclude });
  }

  forPatient(clinicId: string, patientId: string): Promise<CourseRecord[]> {
    return this.db.course.findMany({
      where: { clinicId, patientId },
      include: courseInclude,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    });
  }

  /**
   * Cancels the course if it is booked, at `version`, and no session of it is under way at `now`;
   * the guard is in the update itself, so a session starting meanwhile cannot slip past. False
   * when nothing matched.
   */
  async cancelIfIdle(clinicId: string, id: string, version: number, reason: string, now: Date): Promise<boolean> {
    const { count } = await this.db.course.updateMany({
      where: {
        id,
        clinicId,
        version,
        status: 'BOOKED',
        appointments: { none: { status: 'BOOKED', startsAt: { lte: now }, endsAt: { gt: now } } },
      },
      data: { status: 'CANCELLED', cancelReason: reason, version: { increment: 1 } },
    });
    return count > 0;
  }

  async cancellationState(clinicId: string, id: string): Promise<CancellationState | undefined> {
    const course = await this.db.course.findFirst({
      where: { id, clinicId },
      select: {
        patientId: true,
        version: true,
        status: true,
        appointments: { select: { id: true, status: true, startsAt: true, endsAt: true } },
      },
    });
    if (!course) return undefined;
    return {
      patientId: course.patientId,
      version: course.version,
      status: course.status,
      appointments: course.appointments.map((a) => ({
        id: a.id,
        status: a.status,
        start: a.startsAt.toISOString(),
        end: a.endsAt.toISOString(),
      })),
    };
  }

  /** Cancels those of `ids` that are still booked and start after `now`; returns the ids cancelled. */
  async cancelAppointments(courseId: string, ids: string[], reason: string, now: Date): Promise<string[]> {
    const cancelled = await this.db.appointment.updateManyAndReturn({
      where: { id: { in: ids }, courseId, status: 'BOOKED', startsAt: { gt: now } },
      data: { status: 'CANCELLED', cancelReason: reason, version: { increment: 1 } },
      select: { id: true },
    });
    return cancelled.map((a) => a.id);
  }
}
