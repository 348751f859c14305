import { Injectable } from '@nestjs/common';
import { bookingsToMove, type BookingToMoveReason, type ClinicClosure, nurseShiftFromRecord } from '@cadence/domain';
import { clinicErrors } from './clinic.errors';
import { type BookingRecord, type CapacityRecord, ClinicRepository, dateOf } from './clinic.repository';

/**
 * Which booked sessions a capacity change has left standing on a closed day, a chair out of
 * service or over the nurse ratio, by the domain's rules: the front desk's list and the chair
 * board's marks read the same answer. Exported for the board; no patient data.
 */
@Injectable()
export class BookingsToMove {
  constructor(private readonly clinics: ClinicRepository) {}

  /** The sessions among `booked` to move, each with all its reasons, in input order. */
  async among<T extends BookingRecord>(
    clinicId: string,
    booked: readonly T[],
  ): Promise<{ record: T; reasons: BookingToMoveReason[] }[]> {
    const capacity = await this.clinics.capacity(clinicId);
    if (!capacity) throw clinicErrors.clinicNotFound();
    return bookingsToMove(
      booked.map((record) => ({ ...toSession(record), resourceActive: record.chair?.active ?? true })),
      toCapacityRules(capacity),
    ).map(({ session, reasons }) => ({ record: session.record, reasons }));
  }

  /**
   * The reasons, by appointment id, of the booked sessions overlapping [from, to) that are still
   * running or to come at `now`. Every session live at an instant of the range is read, whatever
   * chair it holds, so the nurse ratio is judged as the front desk's list judges it.
   */
  async during(
    clinicId: string,
    range: { from: Date; to: Date },
    now: Date,
  ): Promise<Map<string, BookingToMoveReason[]>> {
    const booked = await this.clinics.bookedDuring(clinicId, range, now);
    const toMove = await this.among(clinicId, booked);
    return new Map(toMove.map(({ record, reasons }) => [record.id, reasons]));
  }

  /** The clinic's closures with their reasons, to say why a day offers no chair. */
  async closures(clinicId: string): Promise<ClinicClosure[]> {
    const capacity = await this.clinics.capacity(clinicId);
    if (!capacity) throw clinicErrors.clinicNotFound();
    return capacity.closures.map((c) => ({ from: dateOf(c.startsOn), to: dateOf(c.endsOn), reason: c.reason }));
  }
}

export function toCapacityRules(capacity: CapacityRecord) {
  return {
    timeZone: capacity.timezone,
    maxInfusionsPerNurse: capacity.maxInfusionsPerNurse,
    nurseShifts: capacity.nurseShifts.map((s) => nurseShiftFromRecord({ ...s, date: s.date ? dateOf(s.date) : null })),
    closures: capacity.closures.map((c) => ({ from: dateOf(c.startsOn), to: dateOf(c.endsOn) })),
  };
}

export function toSession<T extends BookingRecord>(record: T) {
  return {
    record,
    start: record.startsAt.toISOString(),
    end: record.endsAt.toISOString(),
    resourceKind: record.chair?.kind ?? null,
  };
}
