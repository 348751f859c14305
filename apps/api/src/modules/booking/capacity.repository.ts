import { Inject, Injectable } from '@nestjs/common';
import type { ClinicCapacity, ClinicNurseShift, ExistingAppointment, IsoWeekday } from '@cadence/domain';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { DAY_MS, isoDate } from './instants';

/** A live appointment as the slot search sees it, with its id so a reschedule can leave itself out. */
export type LiveAppointment = ExistingAppointment & { id: string };

/** What the slot search and the booking re-check need, for one window of time. */
export interface CapacitySnapshot {
  clinic: ClinicCapacity;
  clinicName: string;
  chairNames: ReadonlyMap<string, string>;
  existing: LiveAppointment[];
}

const utcDate = (ms: number) => new Date(`${isoDate(new Date(ms))}T00:00:00Z`);

/**
 * Loads a clinic's capacity for the instants [from, to): opening hours, the closures and dated
 * nurse shifts near the window, every weekly shift, the chairs and beds, and the live appointments
 * that overlap the window. Six statements whatever the size of the window, so a search or a
 * booking never queries per day or per chair; a search runs them at once on the pool. Inside a booking it reads through the open
 * transaction, so the re-check sees every booking committed before the clinic's lock was granted.
 */
@Injectable()
export class CapacityRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  async load(clinicId: string, from: number, to: number): Promise<CapacitySnapshot | null> {
    const db = this.transactions.tx;
    // Local dates can be a day either side of the UTC ones.
    const firstDay = utcDate(from - DAY_MS);
    const lastDay = utcDate(to + DAY_MS);
    // One statement per table: a nested select would have Prisma fetch the relations concurrently,
    // which a transaction's single connection cannot do.
    const [clinic, hours, closures, nurseShifts, chairs, appointments] = await this.all([
      () =>
        db.clinic.findUnique({
          where: { id: clinicId },
          select: { name: true, timezone: true, maxInfusionsPerNurse: true },
        }),
      () => db.openingHours.findMany({ where: { clinicId }, select: { weekday: true, opensAt: true, closesAt: true } }),
      () =>
        db.closure.findMany({
          where: { clinicId, startsOn: { lte: lastDay }, endsOn: { gte: firstDay } },
          select: { startsOn: true, endsOn: true, reason: true },
        }),
      () =>
        db.nurseShift.findMany({
          where: { clinicId, OR: [{ weekday: { not: null } }, { date: { gte: firstDay, lte: lastDay } }] },
          select: { weekday: true, date: true, startsAt: true, endsAt: true, nurses: true },
        }),
      () =>
        db.chair.findMany({
          where: { clinicId },
          select: { id: true, name: true, kind: true, active: true },
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
        }),
      // Thousands of rows over a search's months: raw rows skip the query builder's per-row
      // mapping, which cost the options search more than the search itself.
      () => db.$queryRaw<{ id: string; chairId: string | null; patientId: string; startsAt: Date; endsAt: Date }[]>`
          SELECT id, "chairId", "patientId", "startsAt", "endsAt" FROM "Appointment"
          WHERE "clinicId" = ${clinicId}::uuid AND status IN ('BOOKED', 'COMPLETED')
            AND "startsAt" < ${new Date(to)} AND "endsAt" > ${new Date(from)}`,
    ] as const);
    if (!clinic) return null;
    return {
      clinicName: clinic.name,
      chairNames: new Map(chairs.map((c) => [c.id, c.name])),
      clinic: {
        timeZone: clinic.timezone,
        maxInfusionsPerNurse: clinic.maxInfusionsPerNurse,
        openingHours: hours.map((h) => ({
          weekday: h.weekday as IsoWeekday,
          opensAt: h.opensAt,
          closesAt: h.closesAt,
        })),
        closures: closures.map((c) => ({ from: isoDate(c.startsOn), to: isoDate(c.endsOn), reason: c.reason })),
        resources: chairs.map((c) => ({ id: c.id, kind: c.kind, active: c.active })),
        nurseShifts: nurseShifts.map(toShift),
      },
      existing: appointments.map((a) => ({
        id: a.id,
        // An appointment without a chair still holds the patient.
        resourceId: a.chairId ?? '',
        patientId: a.patientId,
        start: a.startsAt.toISOString(),
        end: a.endsAt.toISOString(),
      })),
    };
  }

  /** Runs the queries at once on the pool, or one after another on the open transaction's connection. */
  private async all<T extends readonly (() => Promise<unknown>)[]>(
    queries: T,
  ): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
    type Results = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
    if (!this.transactions.isTransactionActive()) return (await Promise.all(queries.map((q) => q()))) as Results;
    const results: unknown[] = [];
    for (const query of queries) results.push(await query());
    return results as Results;
  }
}

function toShift(s: {
  weekday: number | null;
  date: Date | null;
  startsAt: string;
  endsAt: string;
  nurses: number;
}): ClinicNurseShift {
  if (s.weekday !== null)
    return {
      kind: 'WEEKLY',
      weekday: s.weekday as IsoWeekday,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      nurses: s.nurses,
    };
  const day = isoDate(s.date!);
  // A dated shift is written in clinic-local time (no offset); 24:00 is the next local midnight.
  const end = s.endsAt === '24:00' ? `${isoDate(new Date(s.date!.getTime() + DAY_MS))}T00:00` : `${day}T${s.endsAt}`;
  return { kind: 'DATED', start: `${day}T${s.startsAt}`, end, nurses: s.nurses };
}
