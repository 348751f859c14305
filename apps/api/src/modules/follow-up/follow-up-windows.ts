import { clinicMidnight, type ScheduledFollowUp } from '@cadence/domain';

/** A follow-up's window as stored: clinic dates in DATE columns (midnight UTC), instants as timestamps. */
export interface StoredWindow {
  offsetDays: number;
  dueOn: Date;
  opensOn: Date;
  closesOn: Date;
  opensAt: Date;
  closesAt: Date;
}

/** A clinic calendar date (YYYY-MM-DD) as a DATE column holds it. */
export const dateColumn = (date: string): Date => new Date(`${date}T00:00:00Z`);

/** A DATE column back as the clinic calendar date it holds. */
export const calendarDate = (column: Date): string => column.toISOString().slice(0, 10);

/** The domain's window from a stored row, in the clinic's zone. */
export function scheduledOf(row: StoredWindow, timeZone: string): ScheduledFollowUp {
  const dueOn = calendarDate(row.dueOn);
  return {
    offsetDays: row.offsetDays,
    timeZone,
    dueOn,
    opensOn: calendarDate(row.opensOn),
    closesOn: calendarDate(row.closesOn),
    dueAtMs: clinicMidnight(dueOn, timeZone),
    opensAtMs: row.opensAt.getTime(),
    closesAtMs: row.closesAt.getTime(),
  };
}

/** The columns of a window the domain scheduled. */
export function windowColumns(window: ScheduledFollowUp): StoredWindow {
  return {
    offsetDays: window.offsetDays,
    dueOn: dateColumn(window.dueOn),
    opensOn: dateColumn(window.opensOn),
    closesOn: dateColumn(window.closesOn),
    opensAt: new Date(window.opensAtMs),
    closesAt: new Date(window.closesAtMs),
  };
}
