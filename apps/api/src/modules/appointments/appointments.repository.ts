import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { isExclusionViolation } from '../../common/prisma/pg-errors';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

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
  chair: { select: { kind: true } },
  course: { select: { id: true, status: true, protocol: { select: { definition: true, name: true } } } },
  session: { select: { id: true } },
} satisfies Prisma.AppointmentInclude;

export type AppointmentRecord = Prisma.AppointmentGetPayload<{ include: typeof appointmentInclude }>;

export type StatusChange = { status: 'CANCELLED'; cancelReason: string } | { status: 'NO_SHOW' };

/** An appointment as a refused change judges it. */
export interface AppointmentState {
  version: number;
  status: string;
  startsAt: Date;
  courseStatus: string;
  /** An infusion session exists: the patient has checked in. */
  checkedIn: boolean;
}

export interface Move {
  version: number;
  chairId: string;
  startsAt: string;
  endsAt: string;
}

/** A course with what moving its sessions to other days reads: its protocol and every appointment. */
export interface CourseSessions {
  id: string;
  patientId: string;
  status: string;
  protocolDefinition: unknown;
  appointments: {
    id: string;
    sessionNumber: number;
    chairId: string | null;
    chairName: string | null;
    startsAt: Date;
    endsAt: Date;
    status: string;
    version: number;
    checkedIn: boolean;
  }[];
}

export type MoveWrite = { ok: true; courseId: string } | { ok: false; reason: 'NO_MATCH' | 'SLOT_TAKEN' };

/**
 * The row conditions under which a booked appointment may still change at `now`: moving or
 * cancelling needs a session that has not started in a course still booked; a no-show needs a
 * session that has started. They sit in the update's where-clause, so the check and the write are
 * one statement; the service names the reason from `state` only when the update matched nothing.
 */
function changeable(change: 'MOVE' | StatusChange['status'], now: Date): Prisma.AppointmentWhereInput {
  // A checked-in appointment has its infusion session: it is neither moved, cancelled nor a no-show.
  return change === 'NO_SHOW'
    ? { startsAt: { lte: now }, session: { is: null } }
    : { startsAt: { gt: now }, course: { is: { status: 'BOOKED' } }, session: { is: null } };
}

@Injectable()
export class AppointmentsRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  find(clinicId: string, id: string): Promise<AppointmentRecord | null> {
    return this.db.appointment.findFirst({ where: { id, clinicId }, include: appointmentInclude });
  }

  boardItem(clinicId: string, id: string): Promise<BoardRecord | null> {
    return this.db.appointment.findFirst({ where: { id, clinicId }, include: boardInclude });
  }

  /** The appointments overlapping a range (at most 5000), for the chair board. */
  board(clinicId: string, range: { from: Date; to: Date; chairId?: string }): Promise<BoardRecord[]> {
    return this.db.appointment.findMany({
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
  }

  async state(clinicId: string, id: string): Promise<AppointmentState | undefined> {
    const row = await this.db.appointment.findFirst({
      where: { id, clinicId },
      select: { version: true, status: true, startsAt: true, courseId: true },
    });
    if (!row) return undefined;
    // One table per query: this runs inside the change's transaction.
    const course = await this.db.course.findUniqueOrThrow({ where: { id: row.courseId }, select: { status: true } });
    const checkedIn = (await this.db.infusionSession.count({ where: { appointmentId: id } })) > 0;
    return { version: row.version, status: row.status, startsAt: row.startsAt, courseStatus: course.status, checkedIn };
  }

  /**
   * Moves a booked appointment at `move.version` that may still move at `now` (checked in the
   * update). SLOT_TAKEN when an exclusion constraint refuses the new chair or time: that statement
   * has aborted the transaction, and the caller ends it.
   */
  async move(clinicId: string, id: string, move: Move, now: Date): Promise<MoveWrite> {
    try {
      const moved = await this.db.appointment.updateManyAndReturn({
        where: { id, clinicId, version: move.version, status: 'BOOKED', ...changeable('MOVE', now) },
        data: {
          chairId: move.chairId,
          startsAt: new Date(move.startsAt),
          endsAt: new Date(move.endsAt),
          version: { increment: 1 },
        },
        select: { courseId: true },
      });
      return moved.length > 0 ? { ok: true, courseId: moved[0].courseId } : { ok: false, reason: 'NO_MATCH' };
    } catch (error) {
      if (isExclusionViolation(error)) return { ok: false, reason: 'SLOT_TAKEN' };
      throw error;
    }
  }

  /** The course of the clinic with its protocol and every appointment, by session number. */
  async courseSessions(clinicId: string, courseId: string): Promise<CourseSessions | undefined> {
    const course = await this.db.course.findFirst({
      where: { id: courseId, clinicId },
      select: {
        id: true,
        patientId: true,
        status: true,
        protocol: { select: { definition: true } },
        appointments: {
          select: {
            id: true,
            sessionNumber: true,
            chairId: true,
            chair: { select: { name: true } },
            startsAt: true,
            endsAt: true,
            status: true,
            version: true,
            session: { select: { id: true } },
          },
          orderBy: { sessionNumber: 'asc' },
        },
      },
    });
    if (!course) return undefined;
    const { protocol, appointments, ...rest } = course;
    return {
      ...rest,
      protocolDefinition: protocol.definition,
      appointments: appointments.map(({ session, chair, ...a }) => ({
        ...a,
        chairName: chair?.name ?? null,
        checkedIn: session !== null,
      })),
    };
  }

  async courseScreenings(courseId: string): Promise<string[]> {
    const course = await this.db.course.findUniqueOrThrow({
      where: { id: courseId },
      select: { eligibilityScreeningIds: true },
    });
    return course.eligibilityScreeningIds;
  }

  async setCourseScreenings(courseId: string, screeningIds: string[]): Promise<void> {
    await this.db.course.update({ where: { id: courseId }, data: { eligibilityScreeningIds: screeningIds } });
  }

  /**
   * Sets a booked appointment at `version` to CANCELLED (not yet started, course still booked) or
   * NO_SHOW (started); the conditions are part of the update itself. False when nothing matched.
   */
  async setStatus(clinicId: string, id: string, version: number, change: StatusChange, now: Date): Promise<boolean> {
    const { count } = await this.db.appointment.updateMany({
      where: { id, clinicId, version, status: 'BOOKED', ...changeable(change.status, now) },
      data: { ...change, version: { increment: 1 } },
    });
    return count > 0;
  }
}
