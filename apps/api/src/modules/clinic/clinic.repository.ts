import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import { isUniqueViolation } from '../../common/prisma/pg-errors';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import type { ChairKind } from './dto/clinic.dto';

export interface ClinicSettings {
  name: string;
  timezone: string;
  maxInfusionsPerNurse: number;
  bpReviewSystolic: number;
  bpReviewDiastolic: number;
  bpBlockSystolic: number;
  bpBlockDiastolic: number;
  screeningValidityDays: number;
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
const bookingSelect = {
  id: true,
  startsAt: true,
  endsAt: true,
  sessionNumber: true,
  chair: { select: { name: true, kind: true, active: true } },
  course: { select: { sessionCount: true } },
} satisfies Prisma.AppointmentSelect;

/** What the front desk needs to call the patient of a booking to move. */
const patientBookingSelect = {
  ...bookingSelect,
  patientId: true,
  patient: { select: { givenName: true, familyName: true, mrn: true } },
} satisfies Prisma.AppointmentSelect;

export type BookingRecord = Prisma.AppointmentGetPayload<{ select: typeof bookingSelect }>;
export type PatientBookingRecord = Prisma.AppointmentGetPayload<{ select: typeof patientBookingSelect }>;

/** What the capacity rules read of a clinic: zone, ratio, nurse shifts and closures. */
export interface CapacityRecord {
  timezone: string;
  maxInfusionsPerNurse: number;
  nurseShifts: { weekday: number | null; date: Date | null; startsAt: string; endsAt: string; nurses: number }[];
  closures: { startsOn: Date; endsOn: Date }[];
}

@Injectable()
export class ClinicRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** The clinic with its opening hours, closures, nurse shifts and chairs: one round trip per list. */
  read(clinicId: string) {
    return this.db.clinic.findUnique({
      where: { id: clinicId },
      include: {
        hours: { orderBy: [{ weekday: 'asc' }, { opensAt: 'asc' }] },
        closures: { orderBy: [{ startsOn: 'asc' }, { id: 'asc' }] },
        nurseShifts: { select: shiftFields, orderBy: [{ weekday: 'asc' }, { date: 'asc' }, { startsAt: 'asc' }] },
        chairs: { select: chairFields, orderBy: [{ kind: 'asc' }, { name: 'asc' }] },
      },
    });
  }

  settings(clinicId: string): Promise<(ClinicSettings & { version: number }) | null> {
    return this.db.clinic.findUnique({
      where: { id: clinicId },
      select: {
        version: true,
        name: true,
        timezone: true,
        maxInfusionsPerNurse: true,
        bpReviewSystolic: true,
        bpReviewDiastolic: true,
        bpBlockSystolic: true,
        bpBlockDiastolic: true,
        screeningValidityDays: true,
      },
    });
  }

  capacity(clinicId: string): Promise<CapacityRecord | null> {
    return this.db.clinic.findUnique({
      where: { id: clinicId },
      select: {
        timezone: true,
        maxInfusionsPerNurse: true,
        nurseShifts: { select: { weekday: true, date: true, startsAt: true, endsAt: true, nurses: true } },
        closures: { select: { startsOn: true, endsOn: true } },
      },
    });
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

  /** The clinic's BOOKED appointments on a chair, bed or room that overlap [start, end): one query. */
  bookedOverlapping(clinicId: string, span: { start: Date; end: Date }): Promise<BookingRecord[]> {
    return this.db.appointment.findMany({
      where: {
        clinicId,
        status: 'BOOKED',
        chairId: { not: null },
        startsAt: { lt: span.end },
        endsAt: { gt: span.start },
      },
      select: bookingSelect,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** The clinic's BOOKED appointments on one chair that start after `after`: one query. */
  bookedOnChair(clinicId: string, chairId: string, after: Date): Promise<BookingRecord[]> {
    return this.db.appointment.findMany({
      where: { clinicId, chairId, status: 'BOOKED', startsAt: { gt: after } },
      select: bookingSelect,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** The clinic's BOOKED appointments still running or to come at `now`, without patient data. */
  bookedFrom(clinicId: string, now: Date): Promise<BookingRecord[]> {
    return this.db.appointment.findMany({
      where: { clinicId, status: 'BOOKED', endsAt: { gt: now } },
      select: bookingSelect,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** The same, with whom to call: for the front desk only. */
  bookedFromWithPatients(clinicId: string, now: Date): Promise<PatientBookingRecord[]> {
    return this.db.appointment.findMany({
      where: { clinicId, status: 'BOOKED', endsAt: { gt: now } },
      select: patientBookingSelect,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    });
  }
}
