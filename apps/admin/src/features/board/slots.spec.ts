import { closedAt } from './slots';

const ZONE = 'Europe/London';
// Monday to Friday 09:00–17:00; Saturdays 10:00–13:00.
const HOURS = [
  ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '17:00' })),
  { weekday: 6, opensAt: '10:00', closesAt: '13:00' },
];
const CLOSURES = [{ id: 'c1', startsOn: '2026-12-24', endsOn: '2026-12-28', reason: 'Christmas' }];

describe('closedAt', () => {
  it('is open from the opening minute and closed from the closing minute (clinic time, not UTC)', () => {
    // Monday 7 December 2026 is GMT; Monday 6 July is BST (UTC+1).
    expect(closedAt('2026-12-07T08:59:00Z', ZONE, HOURS, [])).toBe(true);
    expect(closedAt('2026-12-07T09:00:00Z', ZONE, HOURS, [])).toBe(false);
    expect(closedAt('2026-12-07T16:59:00Z', ZONE, HOURS, [])).toBe(false);
    expect(closedAt('2026-12-07T17:00:00Z', ZONE, HOURS, [])).toBe(true);
    expect(closedAt('2026-07-06T08:00:00Z', ZONE, HOURS, [])).toBe(false);
    expect(closedAt('2026-07-06T16:00:00Z', ZONE, HOURS, [])).toBe(true);
  });

  it('keeps each weekday to its own windows', () => {
    expect(closedAt('2026-12-12T12:30:00Z', ZONE, HOURS, [])).toBe(false);
    expect(closedAt('2026-12-12T14:00:00Z', ZONE, HOURS, [])).toBe(true);
    expect(closedAt('2026-12-13T12:00:00Z', ZONE, HOURS, [])).toBe(true);
  });

  it('is closed on every day of a closure, first and last included, and open the day after', () => {
    expect(closedAt('2026-12-23T10:00:00Z', ZONE, HOURS, CLOSURES)).toBe(false);
    expect(closedAt('2026-12-24T10:00:00Z', ZONE, HOURS, CLOSURES)).toBe(true);
    expect(closedAt('2026-12-28T10:00:00Z', ZONE, HOURS, CLOSURES)).toBe(true);
    expect(closedAt('2026-12-29T10:00:00Z', ZONE, HOURS, CLOSURES)).toBe(false);
  });
});
