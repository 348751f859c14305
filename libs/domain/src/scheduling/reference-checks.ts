/**
 * Plain, slow, obviously-right checks over the raw clinic data: linear scans and a luxon call
 * per question. The feasibility check and the brute-force reference use these; the fast search
 * uses its own index, so a bug in one shows up as a disagreement with the other.
 */
import { DateTime } from 'luxon';
import {
  type ClinicCapacity,
  type ExistingAppointment,
  type IsoWeekday,
  isClosureDate,
  openingMinutesFor,
} from './clinic';
import { nurseChangePoints, nursesOnDuty } from './nurse-duty';

interface Parsed {
  resourceId: string;
  patientId: string;
  s: number;
  e: number;
  chairSide: boolean;
}

export interface ReferenceChecks {
  resourceBusy(resourceId: string, s: number, e: number): boolean;
  patientBusy(patientId: string, s: number, e: number): boolean;
  /**
   * The patient has a live booking on a clinic-local date that [s, e) touches: one patient, at
   * most one booking a day. An end at local midnight does not touch the next day.
   */
  patientSameDay(patientId: string, s: number, e: number): boolean;
  /** One more chair-side infusion fits on [s, e) at every instant. */
  nurseRoom(s: number, e: number): boolean;
  /** The local date (DateTime at local midnight) of an instant. */
  localDate(ms: number): DateTime;
  /** Chairs usable on this local date: not a closure and some opening hours. */
  isWorkingDate(date: DateTime): boolean;
  /** The date's merged opening windows as UTC [open, close) pairs. */
  openingWindows(date: DateTime): [number, number][];
}

export function referenceChecks(clinic: ClinicCapacity, existing: readonly ExistingAppointment[]): ReferenceChecks {
  const zone = clinic.timeZone;
  const kind = new Map(clinic.resources.map((r) => [r.id, r.kind]));
  const appts: Parsed[] = existing.map((a) => ({
    resourceId: a.resourceId,
    patientId: a.patientId,
    s: Date.parse(a.start),
    e: Date.parse(a.end),
    chairSide: kind.get(a.resourceId) !== 'BED',
  }));
  // Wall-clock minutes are added as calendar time so "09:00" is 09:00 after a clock change too.
  const wallTime = (date: DateTime, minutes: number) =>
    minutes === 24 * 60
      ? date.plus({ days: 1 }).toMillis()
      : date.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();

  const loadAt = (t: number): number => {
    let n = 0;
    for (const a of appts) if (a.chairSide && a.s <= t && t < a.e) n++;
    return n;
  };

  return {
    resourceBusy: (id, s, e) => appts.some((a) => a.resourceId === id && a.s < e && s < a.e),
    patientBusy: (id, s, e) => appts.some((a) => a.patientId === id && a.s < e && s < a.e),
    patientSameDay(id, s, e) {
      const from = DateTime.fromMillis(s, { zone }).startOf('day').toMillis();
      const to = DateTime.fromMillis(e - 1, { zone })
        .startOf('day')
        .plus({ days: 1 })
        .toMillis();
      return appts.some((a) => a.patientId === id && a.s < to && from < a.e);
    },
    nurseRoom(s, e) {
      // Both counts are step functions, so checking the start and every change inside suffices.
      const points = new Set<number>([s, ...nurseChangePoints(clinic, s, e)]);
      for (const a of appts) {
        if (!a.chairSide) continue;
        if (s < a.s && a.s < e) points.add(a.s);
        if (s < a.e && a.e < e) points.add(a.e);
      }
      for (const t of points) if (loadAt(t) + 1 > nursesOnDuty(clinic, t) * clinic.maxInfusionsPerNurse) return false;
      return true;
    },
    localDate: (ms) => DateTime.fromMillis(ms, { zone }).startOf('day'),
    isWorkingDate: (date) =>
      !isClosureDate(date.toISODate()!, clinic.closures) &&
      openingMinutesFor(date.weekday as IsoWeekday, clinic.openingHours).length > 0,
    openingWindows(date) {
      if (isClosureDate(date.toISODate()!, clinic.closures)) return [];
      return openingMinutesFor(date.weekday as IsoWeekday, clinic.openingHours).map(
        ([open, close]) => [wallTime(date, open), wallTime(date, close)] as [number, number],
      );
    },
  };
}
