import { DateTime } from 'luxon';
import type { ClinicClosure, OpeningWindow } from '../clinic/api/clinic.api';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the clinic is shut at an instant: a closure day, or outside that weekday's opening windows. */
export function closedAt(
  instant: string,
  zone: string,
  openingHours: readonly OpeningWindow[],
  closures: readonly ClinicClosure[],
): boolean {
  const local = DateTime.fromISO(instant, { zone });
  const day = local.toISODate() ?? '';
  if (closures.some((c) => c.startsOn <= day && day <= c.endsOn)) return true;
  const minute = local.hour * 60 + local.minute;
  return !openingHours.some(
    (w) => w.weekday === local.weekday && minutes(w.opensAt) <= minute && minute < minutes(w.closesAt),
  );
}
