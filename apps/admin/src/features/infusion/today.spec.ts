import type { TodayItem } from './api/infusion.api';
import { byChair, todayTarget } from './today';

const item = (over: Partial<TodayItem>): TodayItem =>
  ({ appointmentId: 'a1', sessionId: null, chairName: 'Chair 1', state: 'EXPECTED', ...over }) as TodayItem;

describe('todayTarget', () => {
  it("opens an expected appointment's check-in, a checked-in one's session, and nothing for a no-show", () => {
    expect(todayTarget(item({}))).toBe('/check-in/a1');
    expect(todayTarget(item({ state: 'INFUSING', sessionId: 's1' }))).toBe('/sessions/s1');
    expect(todayTarget(item({ state: 'NO_SHOW' }))).toBeNull();
  });
});

describe('byChair', () => {
  it("keeps the API's order within each chair and puts appointments without a chair together", () => {
    const groups = byChair([
      item({ appointmentId: '1', chairName: 'Chair 1' }),
      item({ appointmentId: '2', chairName: 'Chair 2' }),
      item({ appointmentId: '3', chairName: 'Chair 1' }),
      item({ appointmentId: '4', chairName: null }),
    ]);
    expect(groups.map((g) => [g.chair, g.items.map((i) => i.appointmentId)])).toEqual([
      ['Chair 1', ['1', '3']],
      ['Chair 2', ['2']],
      ['No chair', ['4']],
    ]);
  });
});
