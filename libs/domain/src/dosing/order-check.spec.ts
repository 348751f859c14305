import { findProtocol } from '../scheduling/protocol';
import type { RateEvent } from './administration';
import type { DoseRecord } from './ledger';
import { checkDose, type DoseCheckContext, type DoseProposal } from './order-check';
import { applyOverride } from './reason';
import { DEFAULT_DOSING_SETTINGS, windowMs, type DosingSettings, type RollingWindowDays } from './settings';

const MIN = 60_000;
const now = Date.UTC(2026, 11, 1, 9, 0);
const iv = findProtocol('IV_FIVE_DAY_LOW_DOSE')!; // 0.1–0.5 mg/kg/h
const protocol = { ...iv, caps: { perSessionMg: 100, perCourseMg: 300, cumulativeMg: 1000 } };

const infusion = (
  id: string,
  startMs: number,
  rate: number,
  minutes: number,
  extra: Partial<DoseRecord> = {},
): DoseRecord =>
  ({
    kind: 'INFUSION',
    id,
    route: 'IV',
    events: [
      { kind: 'START', atMs: startMs, rateMgPerHour: rate, by: 'n' },
      { kind: 'STOP', atMs: startMs + minutes * MIN, by: 'n' },
    ] satisfies RateEvent[],
    ...extra,
  }) as DoseRecord;
const bolus = (id: string, route: DoseRecord['route'], atMs: number, mg: number, extra: Partial<DoseRecord> = {}) =>
  ({ kind: 'BOLUS', id, route, atMs, mg, ...extra }) as DoseRecord;

const context = (records: DoseRecord[] = [], settings: Partial<DosingSettings> = {}): DoseCheckContext => ({
  protocol,
  weightKg: 70,
  sessionId: 's3',
  courseId: 'c1',
  records,
  settings: { ...DEFAULT_DOSING_SETTINGS, ...settings },
});
const order = (rateMgPerHour: number, plannedMinutes = 240): DoseProposal => ({
  kind: 'INFUSION_ORDER',
  route: 'IV',
  rateMgPerHour,
  startMs: now,
  plannedMinutes,
});
const codes = (proposal: DoseProposal, ctx = context()) => checkDose(proposal, ctx).reasons.map((r) => r.code);

describe('checkDose: the protocol range at today’s weight (70 kg → 7–35 mg/h)', () => {
  it('an order in range goes ahead, with its expected mg', () => {
    expect(checkDose(order(20), context())).toMatchObject({ reasons: [], proposedMg: 80 });
  });
  it.each([
    [6.9, ['BELOW_RANGE']],
    [7, []],
    [25, []],
  ])('%p mg/h for 4 h → %p', (rate, expected) => expect(codes(order(rate))).toEqual(expected));
  it.each([
    [35, []],
    [35.001, ['ABOVE_RANGE']],
  ])('%p mg/h for 2 h → %p', (rate, expected) => expect(codes(order(rate, 120))).toEqual(expected));
  it('a pause is never below range', () => {
    const running = infusion('a', now - 60 * MIN, 20, 24 * 60, { sessionId: 's3' });
    const pause: DoseProposal = {
      kind: 'RATE_CHANGE',
      route: 'IV',
      rateMgPerHour: 0,
      atMs: now,
      plannedEndMs: now + 60 * MIN,
    };
    expect(checkDose(pause, context([running])).reasons).toEqual([]);
  });
});

describe('checkDose: caps (equal is within; one microgram more crosses)', () => {
  it('per session: 25 mg/h × 4 h = 100 mg is at the cap, 25.001 crosses it', () => {
    expect(codes(order(25))).toEqual([]);
    expect(checkDose(order(25.001), context()).reasons).toEqual([
      {
        code: 'SESSION_CAP',
        ruleId: 'dosing.cap.session-cap',
        severity: 'RELATIVE',
        message: "This would bring this session's dose to 100.004 mg, above the cap of 100 mg",
      },
    ]);
  });
  it('per session, after a rate change: what was given plus the new rate to the planned end', () => {
    // 20 mg/h for the last 2 h (40 mg), then 30 mg/h for 2 h (60 mg): 100 mg.
    const running = infusion('a', now - 120 * MIN, 20, 24 * 60, { sessionId: 's3', courseId: 'c1' });
    const change = (rate: number): DoseProposal => ({
      kind: 'RATE_CHANGE',
      route: 'IV',
      rateMgPerHour: rate,
      atMs: now,
      plannedEndMs: now + 120 * MIN,
    });
    expect(checkDose(change(30), context([running]))).toMatchObject({ reasons: [], proposedMg: 60 });
    expect(checkDose(change(30), context([running])).totalsMg.session).toBe(100);
    expect(codes(change(30.001), context([running]))).toEqual(['SESSION_CAP']);
  });
  it('per course: earlier sessions of the course, by any route', () => {
    const earlier = [
      infusion('d1', now - windowMs(2), 25, 240, { courseId: 'c1', sessionId: 's1' }),
      infusion('d2', now - windowMs(1), 25, 240, { courseId: 'c1', sessionId: 's2' }),
      infusion('other', now - windowMs(100), 25, 240, { courseId: 'c0', sessionId: 's0' }),
    ];
    expect(codes(order(25), context(earlier))).toEqual([]);
    expect(
      codes(order(25), context([...earlier, bolus('x', 'INTRANASAL', now - MIN, 0.001, { courseId: 'c1' })])),
    ).toEqual(['COURSE_CAP']);
  });
  it('all time, across courses and routes', () => {
    const history = [
      bolus('o1', 'ORAL', now - windowMs(800), 450),
      bolus('o2', 'INTRANASAL', now - windowMs(500), 450),
    ];
    expect(codes(order(25), context(history))).toEqual([]);
    expect(codes(order(25.001), context(history))).toEqual(['SESSION_CAP', 'CUMULATIVE_CAP']);
  });

  describe.each([30, 90, 365] as const)('the %p-day window across every route', (days: RollingWindowDays) => {
    const caps = { 30: null, 90: null, 365: null, [days]: 150 } as DosingSettings['windowCapsMg'];
    const withCap = (records: DoseRecord[]) => context(records, { windowCapsMg: caps });
    const edge = now - windowMs(days);
    const earlierIv = infusion('iv', now - windowMs(days) + windowMs(1), 12.5, 240); // 50 mg, inside
    it('a home dose taken exactly N days before the start is outside the window', () => {
      expect(codes(order(20), withCap([earlierIv, bolus('home', 'ORAL', edge, 25)]))).toEqual([]);
    });
    it('one taken a minute later is inside, and crosses the cap', () => {
      const check = checkDose(order(20), withCap([earlierIv, bolus('home', 'ORAL', edge + MIN, 25)]));
      expect(check.totalsMg.windows[days]).toBe(155);
      expect(check.reasons).toEqual([
        expect.objectContaining({
          code: `WINDOW_${days}_CAP`,
          severity: 'RELATIVE',
          ruleId: `dosing.cap.window-${days}-cap`,
        }),
      ]);
    });
    it('exactly at the cap is within it', () => {
      expect(codes(order(20), withCap([earlierIv, bolus('home', 'INTRANASAL', edge + MIN, 20)]))).toEqual([]);
    });
  });

  it('a home dose recorded after an earlier check counts from when it was taken', () => {
    const caps = { 30: 100, 90: null, 365: null };
    const before = context([], { windowCapsMg: caps });
    expect(codes(order(20), before)).toEqual([]);
    const recordedLater = context([bolus('home', 'ORAL', now - windowMs(3), 25)], { windowCapsMg: caps });
    expect(codes(order(20), recordedLater)).toEqual(['WINDOW_30_CAP']);
  });
  it('a window with no cap set only totals', () => {
    const check = checkDose(order(20), context([bolus('home', 'ORAL', now - windowMs(3), 900)]));
    expect(check.totalsMg.windows[30]).toBe(980);
    expect(check.reasons).toEqual([]);
  });
});

describe('checkDose: absolute reasons', () => {
  it('no usable weight today: nothing else is judged', () => {
    expect(codes(order(20), { ...context(), weightKg: null })).toEqual(['WEIGHT_MISSING']);
    expect(codes(order(20), { ...context(), weightKg: 351 })).toEqual(['WEIGHT_IMPLAUSIBLE']);
  });
  it('a dose that does not fit the protocol’s form or route', () => {
    expect(codes({ kind: 'BOLUS', route: 'IV', mg: 10, atMs: now })).toEqual(['WRONG_DOSE_FORM']);
    expect(codes({ ...order(20), route: 'IM' } as DoseProposal)).toEqual(['WRONG_DOSE_FORM']);
  });
  it.each([
    [order(0)],
    [order(-1)],
    [order(Number.NaN)],
    [order(20.0001)],
    [order(20, 0)],
    [{ kind: 'RATE_CHANGE', route: 'IV', rateMgPerHour: 10, atMs: now, plannedEndMs: now } as DoseProposal],
  ])('a malformed amount: %j', (proposal) => {
    expect(checkDose(proposal, context()).reasons).toEqual([
      expect.objectContaining({ code: 'INVALID_AMOUNT', severity: 'ABSOLUTE' }),
    ]);
  });
});

describe('applyOverride', () => {
  const reasons = checkDose(order(40, 240), context()).reasons; // above range and over the session cap
  it('a written override lifts the relative reasons it names', () => {
    expect(reasons.map((r) => r.code)).toEqual(['ABOVE_RANGE', 'SESSION_CAP']);
    const outcome = applyOverride(reasons, {
      by: 'dr-1',
      reason: 'Tolerated 40 mg/h on the last course without effect',
      accepts: ['ABOVE_RANGE', 'SESSION_CAP'],
    });
    expect(outcome).toMatchObject({ allowed: true, standing: [] });
    expect(outcome.accepted).toHaveLength(2);
  });
  it('a reason it does not name still stands', () => {
    const outcome = applyOverride(reasons, { by: 'dr-1', reason: 'Tolerated it before', accepts: ['ABOVE_RANGE'] });
    expect(outcome.allowed).toBe(false);
    expect(outcome.standing.map((r) => r.code)).toEqual(['SESSION_CAP']);
  });
  it('a reason shorter than 10 characters is no override', () => {
    const outcome = applyOverride(reasons, { by: 'dr-1', reason: 'ok fine', accepts: ['ABOVE_RANGE', 'SESSION_CAP'] });
    expect(outcome).toMatchObject({
      allowed: false,
      overrideProblem: 'An override needs a written reason of at least 10 characters',
    });
  });
  it('nothing lifts an absolute reason', () => {
    const absolute = checkDose(order(20), { ...context(), weightKg: null }).reasons;
    const outcome = applyOverride(absolute, {
      by: 'dr-1',
      reason: 'Weighed last week, the same',
      accepts: ['WEIGHT_MISSING'],
    });
    expect(outcome).toMatchObject({ allowed: false, accepted: [] });
  });
});
