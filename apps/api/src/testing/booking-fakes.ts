/** In-memory stand-ins for booking's repositories and the eligibility gate, and a clinic to book in. */
import { type ClinicCapacity, findProtocol, type Protocol } from '@cadence/domain';
import { DateTime } from 'luxon';
import { DomainError } from '../common/errors/domain-error';
import { auditEntry } from '../modules/audit/audit-entry';
import type { BookingRepository } from '../modules/booking/booking.repository';
import { BookingService } from '../modules/booking/booking.service';
import type { CapacityRepository, CapacitySnapshot, LiveAppointment } from '../modules/booking/capacity.repository';
import { PlanningService } from '../modules/booking/planning.service';
import type { EligibilityService, GateCaller, GateResult } from '../modules/screening/eligibility.service';
import { CLINIC_ID, FakeAudit, type FakeStore, FakeTransactions } from './fakes';

export const CHAIR_1 = '00000000-0000-4000-8000-0000000000c1';
export const CHAIR_2 = '00000000-0000-4000-8000-0000000000c2';
export const PATIENT_ID = '00000000-0000-4000-8000-00000000b001';
export const OTHER_PATIENT_ID = '00000000-0000-4000-8000-00000000b002';

export function catalogue(key: string): Protocol {
  const protocol = findProtocol(key);
  if (!protocol) throw new Error(`no protocol ${key}`);
  return protocol;
}

/** A London clinic with two chairs, open 09:00–17:00 Monday to Friday, two nurses all day. */
export function clinic(overrides: Partial<ClinicCapacity> = {}): ClinicCapacity {
  return {
    timeZone: 'Europe/London',
    openingHours: ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '17:00' })),
    closures: [],
    resources: [
      { id: CHAIR_1, kind: 'CHAIR', active: true },
      { id: CHAIR_2, kind: 'CHAIR', active: true },
    ],
    nurseShifts: ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({
      kind: 'WEEKLY' as const,
      weekday,
      startsAt: '00:00',
      endsAt: '24:00',
      nurses: 2,
    })),
    maxInfusionsPerNurse: 4,
    ...overrides,
  };
}

/** The clinic's stored capacity: what `load` returns, and how often it was read inside a transaction. */
export class FakeCapacity implements Pick<CapacityRepository, 'load'> {
  capacity: ClinicCapacity | null = clinic();
  existing: LiveAppointment[] = [];
  loadsInTransaction = 0;

  constructor(private readonly transactions: FakeTransactions) {}

  async load(clinicId: string): Promise<CapacitySnapshot | null> {
    if (this.transactions.isTransactionActive()) this.loadsInTransaction++;
    if (!this.capacity || clinicId !== CLINIC_ID) return null;
    return {
      clinic: this.capacity,
      clinicName: 'Unit clinic',
      chairNames: new Map([
        [CHAIR_1, 'Chair 1'],
        [CHAIR_2, 'Chair 2'],
      ]),
      existing: this.existing,
    };
  }
}

export class FakeBookingLocks implements Pick<BookingRepository, 'lockClinic' | 'lockEligibility' | 'clinicTimezone'> {
  /** Lock keys in the order taken. */
  taken: string[] = [];

  constructor(private readonly capacity: FakeCapacity) {}

  async lockClinic(clinicId: string) {
    this.taken.push(`booking:${clinicId}`);
  }

  async lockEligibility(patientId: string) {
    this.taken.push(`eligibility:${patientId}`);
  }

  async clinicTimezone(clinicId: string) {
    return clinicId === CLINIC_ID ? this.capacity.capacity?.timeZone : undefined;
  }
}

/**
 * The eligibility gate as booking sees it: like the real one it writes a READ audit row on every
 * consultation, then passes with the screenings it relied on or returns a NOT_ELIGIBLE refusal.
 */
export class FakeEligibility implements Pick<EligibilityService, 'gate'> {
  refuse = false;
  screeningIds = ['00000000-0000-4000-8000-00000000e001'];
  consulted: { dates: string[]; locksHeld: string[]; inTransaction: boolean }[] = [];

  constructor(
    private readonly audit: FakeAudit,
    private readonly locks: FakeBookingLocks,
    private readonly transactions: FakeTransactions,
  ) {}

  async gate(_clinicId: string, patientId: string, dates: string[], caller: GateCaller): Promise<GateResult> {
    this.consulted.push({
      dates,
      locksHeld: [...this.locks.taken],
      inTransaction: this.transactions.isTransactionActive(),
    });
    await this.audit.record(
      auditEntry(caller.actor, caller.meta, { action: 'READ', entity: 'Eligibility', patientId }),
    );
    if (this.refuse)
      return {
        ok: false,
        error: new DomainError('NOT_ELIGIBLE', `The patient is not eligible on ${dates.join(', ')}.`),
      };
    return { ok: true, screeningIds: this.screeningIds };
  }
}

/** Booking's real services over the fakes, sharing one transaction context and audit trail. */
export function bookingKit(...stores: FakeStore[]) {
  const transactions = new FakeTransactions();
  const audit = new FakeAudit();
  transactions.register(audit, ...stores);
  const capacity = new FakeCapacity(transactions);
  const locks = new FakeBookingLocks(capacity);
  const eligibility = new FakeEligibility(audit, locks, transactions);
  const planning = new PlanningService(
    capacity as unknown as CapacityRepository,
    locks as unknown as BookingRepository,
  );
  const booking = new BookingService(
    locks as unknown as BookingRepository,
    eligibility as unknown as EligibilityService,
    transactions.host,
  );
  return { transactions, audit, capacity, locks, eligibility, planning, booking };
}

/** A weekday at least a fortnight ahead, as YYYY-MM-DD, so that sessions on it are in the future. */
export function futureMonday(weeksAhead = 3): string {
  const day = new Date(Date.now() + weeksAhead * 7 * 86_400_000);
  day.setUTCDate(day.getUTCDate() + ((8 - (day.getUTCDay() || 7)) % 7));
  return day.toISOString().slice(0, 10);
}

/** A session in the London clinic on `date` (+ `plusDays`) at local `hh:mm`, lasting `minutes`. */
export function session(chairId: string, date: string, plusDays: number, hhmm: string, minutes: number) {
  const local = new Date(`${date}T00:00:00Z`);
  local.setUTCDate(local.getUTCDate() + plusDays);
  const day = local.toISOString().slice(0, 10);
  const startsAt = londonToUtc(day, hhmm);
  return { chairId, startsAt, endsAt: new Date(Date.parse(startsAt) + minutes * 60_000).toISOString() };
}

/** A London wall-clock time as a UTC instant. */
function londonToUtc(day: string, hhmm: string): string {
  return DateTime.fromISO(`${day}T${hhmm}`, { zone: 'Europe/London' }).toUTC().toISO()!;
}
