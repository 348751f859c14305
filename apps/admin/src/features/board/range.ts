import { DateTime } from 'luxon';

/** One day by chair, a week by chair, the week as a list per day, or a month of how full each day is. */
export type BoardView = 'day' | 'week' | 'list' | 'month';

export const BOARD_VIEWS: readonly BoardView[] = ['day', 'week', 'list', 'month'];

export function isBoardView(value: string | null): value is BoardView {
  return BOARD_VIEWS.includes(value as BoardView);
}

type Span = 'day' | 'week' | 'month';
const SPAN: Record<BoardView, Span> = { day: 'day', week: 'week', list: 'week', month: 'month' };
const steps = (span: Span, n: number) =>
  span === 'day' ? { days: n } : span === 'week' ? { weeks: n } : { months: n };

/** The clinic-local days a board shows: one day, the Monday-to-Sunday week or the month around it. */
export function boardDays(date: string, view: BoardView, zone: string): { first: string; next: string } {
  const span = SPAN[view];
  const first = DateTime.fromISO(date, { zone }).startOf(span);
  const next = first.plus(steps(span, 1));
  return { first: first.toISODate() ?? date, next: next.toISODate() ?? date };
}

/** The instants bounding those days (DST-aware: a clinic day may be 23 or 25 hours). */
export function boardRange(date: string, view: BoardView, zone: string): { from: string; to: string } {
  const { first, next } = boardDays(date, view, zone);
  const instant = (d: string) => DateTime.fromISO(d, { zone }).startOf('day').toUTC().toISO() ?? '';
  return { from: instant(first), to: instant(next) };
}

export function shiftDate(date: string, view: BoardView, count: number): string {
  return DateTime.fromISO(date).plus(steps(SPAN[view], count)).toISODate() ?? date;
}

/** "Monday 7 December 2026", "7 – 13 Dec 2026" or "December 2026". */
export function boardTitle(date: string, view: BoardView, zone: string): string {
  const { first, next } = boardDays(date, view, zone);
  const a = DateTime.fromISO(first);
  if (view === 'day') return a.toFormat('cccc d LLLL yyyy');
  if (view === 'month') return a.toFormat('LLLL yyyy');
  const b = DateTime.fromISO(next).minus({ days: 1 });
  if (a.hasSame(b, 'month')) return `${a.toFormat('d')} – ${b.toFormat('d LLLL yyyy')}`;
  if (a.hasSame(b, 'year')) return `${a.toFormat('d LLL')} – ${b.toFormat('d LLL yyyy')}`;
  return `${a.toFormat('d LLL yyyy')} – ${b.toFormat('d LLL yyyy')}`;
}
