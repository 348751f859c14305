import fc from 'fast-check';
import {
  givenUnits,
  mgGiven,
  mgGivenBetween,
  rateAt,
  rateEventProblems,
  rateSegments,
  type RateEvent,
} from './administration';

const MIN = 60_000;
const t0 = Date.UTC(2026, 11, 1, 9, 0);
const at = (minutes: number) => t0 + minutes * MIN;

// 60 mg/h for 30 min (30 mg), paused 10 min, 30 mg/h for 60 min (30 mg): 60 mg.
const infusion: RateEvent[] = [
  { kind: 'START', atMs: at(0), rateMgPerHour: 60, by: 'nurse-1' },
  { kind: 'RATE', atMs: at(30), rateMgPerHour: 0, by: 'nurse-1' },
  { kind: 'RATE', atMs: at(40), rateMgPerHour: 30, by: 'nurse-2' },
  { kind: 'STOP', atMs: at(100), by: 'nurse-2' },
];

describe('mg given by rate segments', () => {
  it('sums every stretch at its own rate, pauses give nothing', () => {
    expect(rateEventProblems(infusion)).toEqual([]);
    expect(rateSegments(infusion)).toEqual([
      { fromMs: at(0), toMs: at(30), rateMgPerHour: 60 },
      { fromMs: at(30), toMs: at(40), rateMgPerHour: 0 },
      { fromMs: at(40), toMs: at(100), rateMgPerHour: 30 },
    ]);
    expect(mgGiven(infusion, at(200))).toBe(60);
    expect(mgGivenBetween(infusion, at(15), at(50))).toBe(15 + 5);
  });
  it('a running infusion counts up to the instant asked', () => {
    const running = infusion.slice(0, 3);
    expect(mgGiven(running, at(70))).toBe(30 + 15);
    expect(rateAt(running, at(70))).toBe(30);
    expect(rateAt(infusion, at(35))).toBe(0);
    expect(rateAt(infusion, at(100))).toBe(0);
    expect(rateAt(infusion, at(-1))).toBe(0);
  });
  it('is exact for rates in 0.1 mg/h across many changes', () => {
    // 0.1 mg/h for 1 min, ten times, is 1/60 mg: summed in whole units, not floats.
    const events: RateEvent[] = [{ kind: 'START', atMs: at(0), rateMgPerHour: 0.1, by: 'n' }];
    for (let i = 1; i < 10; i++) events.push({ kind: 'RATE', atMs: at(i), rateMgPerHour: 0.1, by: 'n' });
    events.push({ kind: 'STOP', atMs: at(10), by: 'n' });
    expect(mgGiven(events, at(10))).toBe(0.1 / 6);
  });
});

describe('rateEventProblems', () => {
  it('names each malformed event', () => {
    expect(rateEventProblems([])).toEqual(['An administration begins with a START']);
    expect(
      rateEventProblems([
        { kind: 'START', atMs: at(10), rateMgPerHour: -1, by: 'n' },
        { kind: 'RATE', atMs: at(5), rateMgPerHour: 1.2345, by: ' ' },
        { kind: 'STOP', atMs: at(6), rateMgPerHour: 3, by: 'n' },
        { kind: 'START', atMs: at(7), rateMgPerHour: 3, by: 'n' },
      ]),
    ).toEqual([
      'event 1 (START) needs a rate of 0 mg/h or more, to at most three decimals',
      'event 2 (RATE) is earlier than the event before it',
      'event 2 (RATE) needs a rate of 0 mg/h or more, to at most three decimals',
      'event 2 (RATE) names who did it',
      'event 3 (STOP): nothing follows a STOP',
      'event 3 (STOP): a STOP has no rate',
      'event 4 (START): an administration has one START',
    ]);
  });
});

describe('properties', () => {
  const administration = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 2000 })), {
      minLength: 1,
      maxLength: 12,
    })
    .map((steps) => {
      let t = t0;
      const events: RateEvent[] = steps.map(([gap, tenths], i) => {
        t += gap * MIN;
        return { kind: i === 0 ? 'START' : 'RATE', atMs: t, rateMgPerHour: tenths / 10, by: 'n' };
      });
      events.push({ kind: 'STOP', atMs: t + 30 * MIN, by: 'n' });
      return events;
    });
  const instant = fc.integer({ min: t0 - 60 * MIN, max: t0 + 8000 * MIN });

  it('well-formed events have no problems', () => {
    fc.assert(fc.property(administration, (events) => rateEventProblems(events).length === 0));
  });
  it('mg given is never negative', () => {
    fc.assert(fc.property(administration, instant, instant, (e, a, b) => mgGivenBetween(e, a, b) >= 0));
  });
  it('is additive: (a, c) = (a, b) + (b, c), exactly', () => {
    fc.assert(
      fc.property(administration, fc.array(instant, { minLength: 3, maxLength: 3 }), (events, times) => {
        const [a, b, c] = [...times].sort((x, y) => x - y);
        const s = rateSegments(events);
        return givenUnits(s, a, c) === givenUnits(s, a, b) + givenUnits(s, b, c);
      }),
    );
  });
  it('never exceeds the highest rate × the time asked', () => {
    fc.assert(
      fc.property(administration, instant, instant, (events, a, b) => {
        const top = Math.max(...events.map((e) => e.rateMgPerHour ?? 0));
        return mgGivenBetween(events, a, b) <= (top * Math.max(b - a, 0)) / 3_600_000 + 1e-9;
      }),
    );
  });
});
