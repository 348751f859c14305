import fc from 'fast-check';
import type { RateEvent } from './administration';
import { cumulativeLedger, mgWithin, type DoseRecord } from './ledger';
import { DEFAULT_DOSING_SETTINGS, windowMs } from './settings';

const MIN = 60_000;
const now = Date.UTC(2026, 11, 1, 12, 0);
const daysAgo = (d: number, minutes = 0) => now - windowMs(d) + minutes * MIN;

const ivEvents = (startMs: number, rate: number, minutes: number): RateEvent[] => [
  { kind: 'START', atMs: startMs, rateMgPerHour: rate, by: 'n' },
  { kind: 'STOP', atMs: startMs + minutes * MIN, by: 'n' },
];
const bolus = (id: string, route: DoseRecord['route'], atMs: number, mg: number): DoseRecord => ({
  kind: 'BOLUS',
  id,
  route,
  atMs,
  mg,
});

describe('mgWithin (t − N days, t]', () => {
  const window = [now - windowMs(30), now] as const;
  it('a bolus exactly N days back is outside, one minute later inside', () => {
    expect(mgWithin(bolus('a', 'ORAL', daysAgo(30), 25), ...window)).toBe(0);
    expect(mgWithin(bolus('a', 'ORAL', daysAgo(30, 1), 25), ...window)).toBe(25);
    expect(mgWithin(bolus('a', 'ORAL', daysAgo(30, -1), 25), ...window)).toBe(0);
  });
  it('a bolus at the instant itself is inside; one a minute later is not yet', () => {
    expect(mgWithin(bolus('a', 'ORAL', now, 25), ...window)).toBe(25);
    expect(mgWithin(bolus('a', 'ORAL', now + MIN, 25), ...window)).toBe(0);
  });
  it('an infusion straddling the window edge counts only its part inside', () => {
    // 60 mg/h for 60 min starting 30 min before the edge: 30 mg inside.
    const iv: DoseRecord = { kind: 'INFUSION', id: 'iv', route: 'IV', events: ivEvents(daysAgo(30, -30), 60, 60) };
    expect(mgWithin(iv, ...window)).toBe(30);
  });
});

describe('cumulativeLedger', () => {
  const records: DoseRecord[] = [
    { kind: 'INFUSION', id: 'iv1', route: 'IV', courseId: 'c1', events: ivEvents(daysAgo(200), 20, 240) }, // 80 mg
    { kind: 'INFUSION', id: 'iv2', route: 'IV', courseId: 'c2', events: ivEvents(daysAgo(60), 25, 240) }, // 100 mg
    bolus('in1', 'INTRANASAL', daysAgo(20), 30),
    bolus('or1', 'ORAL', daysAgo(10), 40), // taken at home, recorded later: counted when taken
    bolus('or2', 'ORAL', daysAgo(400), 40),
  ];
  const ledger = cumulativeLedger(records, now, { windowCapsMg: { 30: 150, 90: null, 365: null } });
  it('by route and window', () => {
    expect(ledger.byRoute).toEqual([
      { route: 'IV', windows: { 30: 0, 90: 100, 365: 180 }, allTimeMg: 180 },
      { route: 'ORAL', windows: { 30: 40, 90: 40, 365: 40 }, allTimeMg: 80 },
      { route: 'INTRANASAL', windows: { 30: 30, 90: 30, 365: 30 }, allTimeMg: 30 },
    ]);
  });
  it('in total across every route, beside the clinic caps', () => {
    expect(ledger.total).toEqual({
      windows: { 30: 70, 90: 170, 365: 250 },
      allTimeMg: 290,
      capsMg: { 30: 150, 90: null, 365: null },
    });
  });
  it('doses after the instant are not yet counted', () => {
    expect(cumulativeLedger(records, daysAgo(15), DEFAULT_DOSING_SETTINGS).total.windows[30]).toBe(30);
  });
});

describe.each([30, 90, 365] as const)('the %p-day window of the ledger at its boundary minute, every route', (days) => {
  const edge = (minutes: number) => daysAgo(days, minutes);
  const at = (minutes: number): DoseRecord[] => [
    { kind: 'INFUSION', id: 'iv', route: 'IV', events: ivEvents(edge(minutes), 60, 1) }, // 1 mg over its minute
    bolus('or', 'ORAL', edge(minutes), 20),
    bolus('in', 'INTRANASAL', edge(minutes), 10),
  ];
  const windowOf = (records: DoseRecord[]) =>
    cumulativeLedger(records, now, DEFAULT_DOSING_SETTINGS).byRoute.map((r) => [r.route, r.windows[days]]);
  it('a dose taken exactly N days before is outside it; an infusion from then counts only what ran after', () => {
    expect(windowOf(at(0))).toEqual([
      ['IV', 1],
      ['ORAL', 0],
      ['INTRANASAL', 0],
    ]);
    expect(windowOf(at(-1))).toEqual([
      ['IV', 0],
      ['ORAL', 0],
      ['INTRANASAL', 0],
    ]);
  });
  it('one minute later they are inside it', () => {
    expect(windowOf(at(1))).toEqual([
      ['IV', 1],
      ['ORAL', 20],
      ['INTRANASAL', 10],
    ]);
  });
});

describe('ledger properties', () => {
  const routes = ['IV', 'ORAL', 'INTRANASAL', 'IM'] as const;
  const record = fc.oneof(
    fc
      .tuple(
        fc.integer({ min: 0, max: 500 * 24 * 60 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 6000 }),
      )
      .map(([minutesAgo, tenths, minutes]): DoseRecord => ({
        kind: 'INFUSION',
        id: 'iv',
        route: 'IV',
        events: ivEvents(now - minutesAgo * MIN, tenths / 10, minutes),
      })),
    fc
      .tuple(fc.constantFrom(...routes), fc.integer({ min: 0, max: 500 * 24 * 60 }), fc.integer({ min: 1, max: 2000 }))
      .map(([route, minutesAgo, tenths]) => bolus('b', route, now - minutesAgo * MIN, tenths / 10)),
  );
  it('windows nest (30 ≤ 90 ≤ 365 ≤ all time) and the routes add up to the total', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 20 }), (records) => {
        const { byRoute, total } = cumulativeLedger(records, now, DEFAULT_DOSING_SETTINGS);
        const sum = (pick: (row: (typeof byRoute)[number]) => number) => byRoute.reduce((t, row) => t + pick(row), 0);
        // Each row and the total are rounded to whole micrograms.
        const close = (a: number, b: number) => Math.abs(a - b) <= 0.0005 * (byRoute.length + 1) + 1e-9;
        return (
          total.windows[30] <= total.windows[90] &&
          total.windows[90] <= total.windows[365] &&
          total.windows[365] <= total.allTimeMg &&
          close(
            sum((r) => r.windows[30]),
            total.windows[30],
          ) &&
          close(
            sum((r) => r.allTimeMg),
            total.allTimeMg,
          )
        );
      }),
    );
  });
});
