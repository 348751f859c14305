import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { isUniqueViolation } from '../../common/prisma/pg-errors';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import type { ChairKind } from './dto/clinic.dto';

export interface ClinicSettings {
  name: string;
  address: string | null;
  timezone: string;
  maxInfusionsPerNurse: number;
  bpReviewSystolic: number;
  bpReviewDiastolic: number;
  bpBlockSystolic: number;
  bpBlockDiastolic: number;
  screeningValidityDays: number;
  dateFormat: string;
  boosterDueWithinDays: number;
  boosterNoticeDays: number;
}

export interface Window {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

export interface NewNurseShift {
  weekday: number | null;
  /** Clinic-local date, YYYY-MM-DD. */
  date: string | null;
  startsAt: string;
  endsAt: string;
  nurses: number;
}

export interface ChairRecord {
  id: string;
  name: string;
  kind: ChairKind;
  active: boolean;
}

/** A stored date column (midnight UTC) as the YYYY-MM-DD it stands for. */
export const dateOf = (d: Date) => d.toISOString().slice(0, 10);
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const chairFields = { id: true, name: true, kind: true, active: true } as const;
const shiftFields = { id: true, weekday: true, date: true, startsAt: true, endsAt: true, nurses: true } as const;

/** What the admin needs of a booking a capacity change affects: no patient data. */
export interface BookingRecord {
  id: string;
  version: number;
  startsAt: Date;
  endsAt: Date;
  sessionNumber: number;
  chair: { name: string; kind: ChairKind; active: boolean } | null;
  course: { sessionCount: number };
}

/** What the front desk needs to call the patient of a booking to move. */
export interface PatientBookingRecord extends BookingRecord {
  patientId: string;
  patient: { givenName: string; familyName: string; mrn: string };
}

const appointmentFields = {
  id: true,
  version: true,
  startsAt: true,
  endsAt: true,
  sessionNumber: true,
  chairId: true,
  courseId: true,
  patientId: true,
} as const;

/** What the capacity rules read of a clinic: zone, ratio, nurse shifts and closures. */
export interface CapacityRecord {
  timezone: string;
  maxInfusionsPerNurse: number;
  nurseShifts: { weekday: number | null; date: Date | null; startsAt: string; endsAt: string; nurses: number }[];
  closures: { startsOn: Date; endsOn: Date; reason: string }[];
}

@Injectable()
export class ClinicRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /**
   * The clinic with its opening hours, closures, nurse shifts and chairs, a statement per table in
   * turn: changes answer with it from inside their transaction (see `capacity`).
   */
  async read(clinicId: string) {
    const clinic = await this.db.clinic.findUnique({ where: { id: clinicId } });
    if (!clinic) return null;
    const hours = await this.db.openingHours.findMany({
      where: { clinicId },
      orderBy: [{ weekday: 'asc' }, { opensAt: 'asc' }],
    });
    const closures = await this.db.closure.findMany({
      where: { clinicId },
      orderBy: [{ startsOn: 'asc' }, { id: 'asc' }],
    });
    const nurseShifts = await this.db.nurseShift.findMany({
      where: { clinicId },
      select: shiftFields,
      orderBy: [{ weekday: 'asc' }, { date: 'asc' }, { startsAt: 'asc' }],
    });
    const chairs = await this.db.chair.findMany({
      where: { clinicId },
      select: chairFields,
      orderBy: [{ kind: 'asc' }, { name: 'asc' }],
    });
    return { ...clinic, hours, closures, nurseShifts, chairs };
  }

  settings(clinicId: string): Promise<(ClinicSettings & { version: number }) | null> {
    return this.db.clinic.findUnique({
      where: { id: clinicId },
      select: {
        version: true,
        name: true,
        address: true,
        timezone: true,
        maxInfusionsPerNurse: true,
        bpReviewSystolic: true,
        bpReviewDiastolic: true,
        bpBlockSystolic: true,
        bpBlockDiastolic: true,
        screeningValidityDays: true,
        dateFormat: true,
        boosterDueWithinDays: true,
        boosterNoticeDays: true,
      },
    });
  }

  /**
   * One statement per table, one after another: capacity is read inside a transaction, where a select
   * of several relations would have Prisma fetch them at once on the transaction's one connection.
   */
  async capacity(clinicId: string): Promise<CapacityRecord | null> {
    const clinic = await this.db.clinic.findUnique({
      where: { id: clinicId },
      select: { timezone: true, maxInfusionsPerNurse: true },
    });
    if (!clinic) return null;
    const nurseShifts = await this.db.nurseShift.findMany({
      where: { clinicId },
      select: { weekday: true, date: true, startsAt: true, endsAt: true, nurses: true },
    });
    const closures = await this.db.closure.findMany({
      where: { clinicId },
      select: { startsOn: true, endsOn: true, reason: true },
    });
    return { ...clinic, nurseShifts, closures };
  }

  /**
   * Waits for the clinic's bookings in flight and holds new ones until the transaction ends, so a
   * capacity change and a booking re-check never interleave. The key is the booking lock's.
   */
  async lockCapacity(clinicId: string): Promise<void> {
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`booking:${clinicId}`}))`;
  }

  /** Writes the changes and bumps the version, only if it is still `version`; false when it is not. */
  async updateSettings(clinicId: string, version: number, changes: Partial<ClinicSettings>): Promise<boolean> {
    const { count } = await this.db.clinic.updateMany({
      where: { id: clinicId, version },
      data: { ...changes, version: { increment: 1 } },
    });
    return count > 0;
  }

  async replaceOpeningHours(clinicId: string, windows: Window[]): Promise<void> {
    await this.db.openingHours.deleteMany({ where: { clinicId } });
    await this.db.openingHours.createMany({ data: windows.map((w) => ({ ...w, clinicId })) });
  }

  addClosure(clinicId: string, closure: { startsOn: string; endsOn: string; reason: string }) {
    return this.db.closure.create({
      data: { clinicId, startsOn: day(closure.startsOn), endsOn: day(closure.endsOn), reason: closure.reason },
    });
  }

  /** Deletes a closure of this clinic; false when there is none. */
  async deleteClosure(clinicId: string, id: string): Promise<boolean> {
    const { count } = await this.db.closure.deleteMany({ where: { id, clinicId } });
    return count > 0;
  }

  addNurseShift(clinicId: string, shift: NewNurseShift) {
    return this.db.nurseShift.create({
      data: { ...shift, clinicId, date: shift.date ? day(shift.date) : null },
      select: shiftFields,
    });
  }

  /** Deletes a nurse shift of this clinic; false when there is none. */
  async deleteNurseShift(clinicId: string, id: string): Promise<boolean> {
    const { count } = await this.db.nurseShift.deleteMany({ where: { id, clinicId } });
    return count > 0;
  }

  /** Creates a chair; undefined when the clinic already has one of that name. */
  async addChair(clinicId: string, chair: { name: string; kind: ChairKind }): Promise<ChairRecord | undefined> {
    try {
      return await this.db.chair.create({ data: { ...chair, clinicId }, select: chairFields });
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  /** Renames or (de)activates a chair of this clinic; 'NOT_FOUND' or 'NAME_TAKEN' when it cannot. */
  async updateChair(
    clinicId: string,
    id: string,
    changes: { name?: string; active?: boolean },
  ): Promise<ChairRecord | 'NOT_FOUND' | 'NAME_TAKEN'> {
    try {
      const { count } = await this.db.chair.updateMany({ where: { id, clinicId }, data: changes });
      if (count === 0) return 'NOT_FOUND';
      return await this.db.chair.findUniqueOrThrow({ where: { id }, select: chairFields });
    } catch (error) {
      if (isUniqueViolation(error)) return 'NAME_TAKEN';
      throw error;
    }
  }

  /** The clinic's BOOKED appointments on a chair, bed or room that overlap [start, end). */
  bookedOverlapping(clinicId: string, span: { start: Date; end: Date }): Promise<BookingRecord[]> {
    return this.bookings({
      where: {
        clinicId,
        status: 'BOOKED',
        chairId: { not: null },
        startsAt: { lt: span.end },
        endsAt: { gt: span.start },
      },
    });
  }

  /** The clinic's BOOKED appointments on one chair that start after `after`. */
  bookedOnChair(clinicId: string, chairId: string, after: Date): Promise<BookingRecord[]> {
    return this.bookings({
      where: { clinicId, chairId, status: 'BOOKED', startsAt: { gt: after } },
    });
  }

  /** The clinic's BOOKED appointments still running or to come at `now`, without patient data. */
  bookedFrom(clinicId: string, now: Date): Promise<BookingRecord[]> {
    return this.bookings({
      where: { clinicId, status: 'BOOKED', endsAt: { gt: now } },
    });
  }

  /** The clinic's BOOKED appointments overlapping [from, to) and still running or to come at `now`. */
  bookedDuring(clinicId: string, range: { from: Date; to: Date }, now: Date): Promise<BookingRecord[]> {
    const after = range.from > now ? range.from : now;
    return this.bookings({
      where: { clinicId, status: 'BOOKED', startsAt: { lt: range.to }, endsAt: { gt: after } },
    });
  }

  /** The same, with whom to call: for the front desk only. */
  async bookedFromWithPatients(clinicId: string, now: Date): Promise<PatientBookingRecord[]> {
    const bookings = await this.bookings({ where: { clinicId, status: 'BOOKED', endsAt: { gt: now } } });
    const patients = await this.db.patient.findMany({
      where: { clinicId, id: { in: [...new Set(bookings.map((b) => b.patientId))] } },
      select: { id: true, givenName: true, familyName: true, mrn: true },
    });
    const byId = new Map(patients.map(({ id, ...patient }) => [id, patient]));
    return bookings.map((b) => ({ ...b, patient: byId.get(b.patientId)! }));
  }

  /**
   * Appointments with their chair and course, a statement per table in turn (these reads run inside
   * capacity changes' transactions; see `capacity`), in start order.
   */
  private async bookings(query: {
    where: Prisma.AppointmentWhereInput;
  }): Promise<(BookingRecord & { patientId: string })[]> {
    const rows = await this.db.appointment.findMany({
      where: query.where,
      select: appointmentFields,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    });
    const chairIds = [...new Set(rows.flatMap((r) => (r.chairId ? [r.chairId] : [])))];
    const chairs = await this.db.chair.findMany({
      where: { id: { in: chairIds } },
      select: { id: true, name: true, kind: true, active: true },
    });
    const courses = await this.db.course.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.courseId))] } },
      select: { id: true, sessionCount: true },
    });
    const chairById = new Map(chairs.map(({ id, ...chair }) => [id, chair]));
    const courseById = new Map(courses.map(({ id, ...course }) => [id, course]));
    return rows.map(({ chairId, courseId, ...r }) => ({
      ...r,
      chair: chairId ? (chairById.get(chairId) ?? null) : null,
      course: courseById.get(courseId)!,
    }));
  }
}
