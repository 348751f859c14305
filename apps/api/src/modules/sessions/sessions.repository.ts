import type { RecheckCheck, RecheckRequest } from '@cadence/domain';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { isUniqueViolation } from '../../common/prisma/pg-errors';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

export type SessionRow = Prisma.InfusionSessionGetPayload<object>;

/** What a session's views read besides the session row, one table at a time. */
export interface SessionContext {
  appointment: {
    id: string;
    startsAt: Date;
    endsAt: Date;
    sessionNumber: number;
    chairId: string | null;
    status: string;
    version: number;
  };
  course: { id: string; sessionCount: number; status: string; protocolId: string };
  protocol: { id: string; key: string; name: string; route: string; definition: unknown };
  patient: { id: string; givenName: string; familyName: string; mrn: string; dateOfBirth: Date };
  chairName: string | null;
}

export interface ClinicSettingsRow {
  timezone: string;
  bpReviewSystolic: number;
  bpReviewDiastolic: number;
  bpBlockSystolic: number;
  bpBlockDiastolic: number;
  screeningValidityDays: number;
  infusionSettings: unknown;
  dosingSettings: unknown;
  version: number;
}

export interface NewSession {
  clinicId: string;
  appointmentId: string;
  patientId: string;
  courseId: string;
  supervisingClinicianId: string;
  checkedInById: string;
  checkedInAt: Date;
  checkedInOn: Date;
  checkInFacts: object;
  checkInChecks: object[];
  checkInCleared: boolean;
  weightKg: number | null;
  painBefore: number | null;
  eligibilityScreeningIds: string[];
}

export interface CheckInChange {
  supervisingClinicianId: string | null;
  checkInFacts: object;
  checkInChecks: object[];
  checkInCleared: boolean;
  weightKg: number | null;
  painBefore: number | null;
  checkInOverrideById: string | null;
  checkInOverrideReason: string | null;
  checkInOverrideAccepts: string[];
}

export interface StoredReading {
  sessionId: string;
  takenAt: Date;
  systolic: number | null;
  diastolic: number | null;
  heartRate: number | null;
  spo2: number | null;
  respiratoryRate: number | null;
  rass: number | null;
  dissociation: number | null;
}

const readingSelect = {
  sessionId: true,
  takenAt: true,
  systolic: true,
  diastolic: true,
  heartRate: true,
  spo2: true,
  respiratoryRate: true,
  rass: true,
  dissociation: true,
} as const;

const todayInclude = {
  chair: { select: { name: true } },
  course: {
    select: {
      sessionCount: true,
      protocol: { select: { name: true, definition: true } },
      patient: { select: { givenName: true, familyName: true, mrn: true } },
    },
  },
} satisfies Prisma.AppointmentInclude;

export type TodayAppointment = Prisma.AppointmentGetPayload<{ include: typeof todayInclude }>;

/**
 * The session module's reads and writes beyond the shared session head: the appointment checked
 * in, the session's context for its views, and the day's list. Inside a transaction each query
 * reads one table, so no two relations are fetched at once on one connection.
 */
@Injectable()
export class SessionsRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  async clinicSettings(clinicId: string): Promise<ClinicSettingsRow | null> {
    return this.db.clinic.findUnique({
      where: { id: clinicId },
      select: {
        timezone: true,
        bpReviewSystolic: true,
        bpReviewDiastolic: true,
        bpBlockSystolic: true,
        bpBlockDiastolic: true,
        screeningValidityDays: true,
        infusionSettings: true,
        dosingSettings: true,
        version: true,
      },
    });
  }

  /** Replaces the clinic's stored infusion and dosing settings at `version`. */
  async saveSettings(clinicId: string, version: number, infusion: object, dosing: object): Promise<'SAVED' | 'STALE'> {
    const { count } = await this.db.clinic.updateMany({
      where: { id: clinicId, version },
      data: { infusionSettings: infusion, dosingSettings: dosing, version: { increment: 1 } },
    });
    return count > 0 ? 'SAVED' : 'STALE';
  }

  /** The appointment of this clinic, locked FOR UPDATE until the transaction ends. */
  async lockAppointment(clinicId: string, id: string): Promise<SessionContext['appointment'] | null> {
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Appointment" WHERE id = ${id}::uuid AND "clinicId" = ${clinicId}::uuid FOR UPDATE`;
    if (rows.length === 0) return null;
    return this.appointment(id);
  }

  async appointmentPatient(clinicId: string, id: string): Promise<{ patientId: string; courseId: string } | null> {
    return this.db.appointment.findFirst({ where: { id, clinicId }, select: { patientId: true, courseId: true } });
  }

  appointment(id: string): Promise<SessionContext['appointment'] | null> {
    return this.db.appointment.findUnique({
      where: { id },
      select: {
        id: true,
        startsAt: true,
        endsAt: true,
        sessionNumber: true,
        chairId: true,
        status: true,
        version: true,
      },
    });
  }

  async hasSession(appointmentId: string): Promise<boolean> {
    return (await this.db.infusionSession.count({ where: { appointmentId } })) > 0;
  }

  /** The session's appointment, course, protocol, patient and chair, one query each. */
  async context(row: Pick<SessionRow, 'appointmentId' | 'courseId' | 'patientId'>): Promise<SessionContext> {
    const appointment = await this.appointment(row.appointmentId);
    const course = await this.db.course.findUniqueOrThrow({
      where: { id: row.courseId },
      select: { id: true, sessionCount: true, status: true, protocolId: true },
    });
    const protocol = await this.db.protocol.findUniqueOrThrow({
      where: { id: course.protocolId },
      select: { id: true, key: true, name: true, route: true, definition: true },
    });
    const patient = await this.db.patient.findUniqueOrThrow({
      where: { id: row.patientId },
      select: { id: true, givenName: true, familyName: true, mrn: true, dateOfBirth: true },
    });
    const chair = appointment?.chairId
      ? await this.db.chair.findUnique({ where: { id: appointment.chairId }, select: { name: true } })
      : null;
    return { appointment: appointment!, course, protocol, patient, chairName: chair?.name ?? null };
  }

  /**
   * The rechecks clinicians asked for, by patient, on `day`: those of each patient's latest signed
   * screening of each kind that is valid that day (the screening eligibility relies on).
   */
  async standingRechecks(
    clinicId: string,
    patientIds: readonly string[],
    day: string,
  ): Promise<Map<string, RecheckRequest[]>> {
    if (patientIds.length === 0) return new Map();
    const rows = await this.db.$queryRaw<{ patientId: string; rechecks: string[]; overrideReason: string }[]>`
      SELECT "patientId", rechecks, "overrideReason" FROM (
        SELECT DISTINCT ON ("patientId", kind) "patientId", rechecks, "overrideReason"
        FROM "Screening"
        WHERE "clinicId" = ${clinicId}::uuid AND "patientId" = ANY(${[...patientIds]}::uuid[])
          AND status = 'SIGNED' AND "signedOn" <= ${day}::date AND "validUntil" >= ${day}::date
        ORDER BY "patientId", kind, "signedAt" DESC
      ) latest
      WHERE cardinality(rechecks) > 0`;
    const out = new Map<string, RecheckRequest[]>();
    for (const row of rows) {
      const list = out.get(row.patientId) ?? [];
      for (const check of row.rechecks) list.push({ check: check as RecheckCheck, reason: row.overrideReason });
      out.set(row.patientId, list);
    }
    return out;
  }

  /** The course and protocol an appointment belongs to, for check-in. */
  async courseOf(courseId: string): Promise<SessionContext['course']> {
    return this.db.course.findUniqueOrThrow({
      where: { id: courseId },
      select: { id: true, sessionCount: true, status: true, protocolId: true },
    });
  }

  async protocolDefinition(protocolId: string): Promise<unknown> {
    const protocol = await this.db.protocol.findUniqueOrThrow({
      where: { id: protocolId },
      select: { definition: true },
    });
    return protocol.definition;
  }

  /**
   * The answer the latest signed general screening gave about pregnancy ("not_applicable" when the
   * patient cannot become pregnant), or undefined when there is none.
   */
  async pregnancyAnswer(clinicId: string, patientId: string): Promise<unknown> {
    const latest = await this.db.screening.findFirst({
      where: { clinicId, patientId, kind: 'GENERAL', status: 'SIGNED' },
      orderBy: { signedAt: 'desc' },
      select: { answers: true },
    });
    return (latest?.answers as Record<string, unknown> | undefined)?.pregnancy;
  }

  async isActiveClinician(clinicId: string, userId: string): Promise<boolean> {
    const user = await this.db.user.findFirst({
      where: { id: userId, clinicId, active: true, roles: { has: 'CLINICIAN' } },
      select: { id: true },
    });
    return user !== null;
  }

  /** The new session's id; null when the appointment already has one (a concurrent check-in won). */
  async create(session: NewSession): Promise<string | null> {
    try {
      const row = await this.db.infusionSession.create({ data: session, select: { id: true } });
      return row.id;
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async find(clinicId: string, id: string): Promise<SessionRow | null> {
    return this.db.infusionSession.findFirst({ where: { id, clinicId } });
  }

  /** Changes the check-in of a session still CHECKED_IN at `version`; false when nothing matched. */
  async updateCheckIn(id: string, version: number, change: CheckInChange): Promise<boolean> {
    const { count } = await this.db.infusionSession.updateMany({
      where: { id, version, state: 'CHECKED_IN' },
      data: { ...change, version: { increment: 1 } },
    });
    return count > 0;
  }

  /** When the last dose ended: the infusion's stop or the last bolus. */
  async lastDoseAt(sessionId: string): Promise<Date | null> {
    const last = await this.db.doseEvent.findFirst({
      where: { sessionId, kind: { in: ['STOP', 'BOLUS'] } },
      orderBy: { at: 'desc' },
      select: { at: true },
    });
    return last?.at ?? null;
  }

  /** IN_RECOVERY → DISCHARGED at `version`; false when nothing matched. */
  async discharge(
    id: string,
    version: number,
    change: { discharge: object; dischargedById: string; dischargedAt: Date; painAfter: number },
  ): Promise<boolean> {
    const { count } = await this.db.infusionSession.updateMany({
      where: { id, version, state: 'IN_RECOVERY' },
      data: { ...change, state: 'DISCHARGED', version: { increment: 1 } },
    });
    return count > 0;
  }

  async sign(id: string, version: number, byId: string, at: Date): Promise<boolean> {
    const { count } = await this.db.infusionSession.updateMany({
      where: { id, version, state: 'DISCHARGED', nurseSignedAt: null },
      data: { nurseSignedById: byId, nurseSignedAt: at, version: { increment: 1 } },
    });
    return count > 0;
  }

  async coSign(id: string, version: number, byId: string, at: Date): Promise<boolean> {
    const { count } = await this.db.infusionSession.updateMany({
      where: { id, version, nurseSignedAt: { not: null }, clinicianSignedAt: null },
      data: { clinicianSignedById: byId, clinicianSignedAt: at, version: { increment: 1 } },
    });
    return count > 0;
  }

  /** The course row locked FOR UPDATE until the transaction ends. */
  async lockCourse(courseId: string): Promise<void> {
    await this.db.$queryRaw`SELECT id FROM "Course" WHERE id = ${courseId}::uuid FOR UPDATE`;
  }

  async completeAppointment(appointmentId: string): Promise<void> {
    await this.db.appointment.updateMany({
      where: { id: appointmentId, status: 'BOOKED' },
      data: { status: 'COMPLETED', version: { increment: 1 } },
    });
  }

  async appointmentStatuses(courseId: string): Promise<{ status: string }[]> {
    return this.db.appointment.findMany({ where: { courseId }, select: { status: true } });
  }

  /** BOOKED → COMPLETED at `at`; false when the course was not booked. */
  async completeCourse(courseId: string, at: Date): Promise<boolean> {
    const { count } = await this.db.course.updateMany({
      where: { id: courseId, status: 'BOOKED' },
      data: { status: 'COMPLETED', completedAt: at, version: { increment: 1 } },
    });
    return count > 0;
  }

  async addAddendum(sessionId: string, authorId: string, text: string): Promise<string> {
    const row = await this.db.sessionAddendum.create({ data: { sessionId, authorId, text }, select: { id: true } });
    return row.id;
  }

  adverseEvents(sessionId: string) {
    return this.db.adverseEvent.findMany({
      where: { sessionId },
      select: { id: true, status: true, grade: true, serious: true, recordedById: true, decidedById: true },
      orderBy: { createdAt: 'asc' },
    });
  }

  /** Who has read the alerts these adverse events raised. */
  alertReaders(adverseEventIds: string[]): Promise<{ recipientId: string; adverseEventId: string | null }[]> {
    if (adverseEventIds.length === 0) return Promise.resolve([]);
    return this.db.staffAlert.findMany({
      where: { adverseEventId: { in: adverseEventIds }, readAt: { not: null } },
      select: { recipientId: true, adverseEventId: true },
    });
  }

  /** The clinicians among these users. */
  async cliniciansAmong(userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const users = await this.db.user.findMany({
      where: { id: { in: userIds }, roles: { has: 'CLINICIAN' } },
      select: { id: true },
    });
    return users.map((u) => u.id);
  }

  /** Readings not entered in error, oldest first. */
  readings(sessionIds: string[]): Promise<StoredReading[]> {
    if (sessionIds.length === 0) return Promise.resolve([]);
    return this.db.vitalsReading.findMany({
      where: { sessionId: { in: sessionIds }, voidedAt: null },
      select: readingSelect,
      orderBy: { takenAt: 'asc' },
    });
  }

  addenda(sessionId: string) {
    return this.db.sessionAddendum.findMany({
      where: { sessionId },
      select: { id: true, authorId: true, text: true, createdAt: true },
      orderBy: { createdAt: 'asc' },
    });
  }

  /** Drafted adverse events still to confirm or dismiss, per session. */
  async draftAdverseEvents(sessionIds: string[]): Promise<Map<string, number>> {
    if (sessionIds.length === 0) return new Map();
    const groups = await this.db.adverseEvent.groupBy({
      by: ['sessionId'],
      where: { sessionId: { in: sessionIds }, status: 'DRAFT' },
      _count: { _all: true },
    });
    return new Map(groups.map((g) => [g.sessionId, g._count._all]));
  }

  /** The clinic's appointments starting in [from, to) that are booked, a no-show or completed. */
  dayAppointments(clinicId: string, from: Date, to: Date): Promise<TodayAppointment[]> {
    return this.db.appointment.findMany({
      where: { clinicId, startsAt: { gte: from, lt: to }, status: { in: ['BOOKED', 'NO_SHOW', 'COMPLETED'] } },
      include: todayInclude,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      take: 2000,
    });
  }

  sessionsOf(appointmentIds: string[]): Promise<SessionRow[]> {
    if (appointmentIds.length === 0) return Promise.resolve([]);
    return this.db.infusionSession.findMany({ where: { appointmentId: { in: appointmentIds } } });
  }
}
