import { DateTime } from 'luxon';

export type BoardView = 'day' | 'week';

/** The clinic-local days a board shows: one day, or the Monday-to-Sunday week around it. */
export function boardDays(date: string, view: BoardView, zone: string): { first: string; next: string } {
  const day = DateTime.fromISO(date, { zone });
  const first = view === 'week' ? day.startOf('week') : day.startOf('day');
  const next = first.plus({ days: view === 'week' ? 7 : 1 });
  return { first: first.toISODate() ?? date, next: next.toISODate() ?? date };
}

/** The instants bounding those days (DST-aware: a clinic day may be 23 or 25 hours). */
export function boardRange(date: string, view: BoardView, zone: string): { from: string; to: string } {
  const { first, next } = boardDays(date, view, zone);
  const instant = (d: string) => DateTime.fromISO(d, { zone }).startOf('day').toUTC().toISO() ?? '';
  return { from: instant(first), to: instant(next) };
}

export function shiftDate(date: string, view: BoardView, steps: number): string {
  return (
    DateTime.fromISO(date)
      .plus(view === 'week' ? { weeks: steps } : { days: steps })
      .toISODate() ?? date
  );
}

/** "Mon 7 Dec 2026" or "7 – 13 Dec 2026". */
export function boardTitle(date: string, view: BoardView, zone: string): string {
  const { first, next } = boardDays(date, view, zone);
  const a = DateTime.fromISO(first);
  if (view === 'day') return a.toFormat('cccc d LLLL yyyy');
  const b = DateTime.fromISO(next).minus({ days: 1 });
  if (a.hasSame(b, 'month')) return `${a.toFormat('d')} – ${b.toFormat('d LLLL yyyy')}`;
  if (a.hasSame(b, 'year')) return `${a.toFormat('d LLL')} – ${b.toFormat('d LLL yyyy')}`;
  return `${a.toFormat('d LLL yyyy')} – ${b.toFormat('d LLL yyyy')}`;
}
