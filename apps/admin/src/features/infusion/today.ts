import type { TodayItem } from './api/infusion.api';

/** Where a tap on an appointment goes: its check-in while expected, its session screen after. */
export function todayTarget(item: TodayItem): string | null {
  if (item.state === 'EXPECTED') return `/check-in/${item.appointmentId}`;
  return item.sessionId ? `/sessions/${item.sessionId}` : null;
}

/** The list as the API orders it (by chair, then time), grouped under each chair. */
export function byChair(items: readonly TodayItem[]): { chair: string; items: TodayItem[] }[] {
  const groups = new Map<string, TodayItem[]>();
  for (const item of items) {
    const chair = item.chairName ?? 'No chair';
    groups.set(chair, [...(groups.get(chair) ?? []), item]);
  }
  return [...groups].map(([chair, list]) => ({ chair, items: list }));
}
