import { findProtocol } from '../scheduling/protocol';
import { checkDoseStep, type DoseStepContext, type RecordedStep, type StandingOrder } from './administration-check';
import type { DoseRecord } from './ledger';
import { DEFAULT_DOSING_SETTINGS, windowMs } from './settings';

const MIN = 60_000;
const now = Date.UTC(2026, 11, 1, 9, 0);
const iv = {
  ...findProtocol('IV_FIVE_DAY_LOW_DOSE')!,
  caps: { perSessionMg: 100, perCourseMg: 300, cumulativeMg: 1000 },
};
const nasal = findProtocol('INTRANASAL_BREAKTHROUGH')!; // 0.2–0.5 mg/kg, 50 mg a session

const ivOrder = (rateMgPerHour: number, accepts: string[] = []): StandingOrder => ({
  form: 'INFUSION',
  route: 'IV',
  rateMgPerHour,
  plannedMinutes: 240,
  accepts,
});
const sessionRecord = (steps: RecordedStep[]): DoseRecord => ({
  kind: 'INFUSION',
  id: 's1',
  route: 'IV',
  sessionId: 's1',
  courseId: 'c1',
  events: steps.map((s) => ({
    kind: s.kind as 'START' | 'RATE' | 'STOP',
    atMs: s.atMs,
    ...(s.kind === 'STOP' ? {} : { rateMgPerHour: s.rateMgPerHour ?? 0 }),
    by: 'n',
  })),
});
const ctx = (order: StandingOrder | undefined, steps: RecordedStep[] = [], more: Partial<DoseStepContext> = {}) =>
  ({
    protocol: iv,
    weightKg: 70,
    sessionId: 's1',
    courseId: 'c1',
    records: steps.length ? [sessionRecord(steps)] : [],
    settings: DEFAULT_DOSING_SETTINGS,
    order,
    steps,
    ...more,
  }) satisfies DoseStepContext;
const codes = (result: { reasons: { code: string }[] }) => result.reasons.map((r) => r.code);
const started = (rate = 20): RecordedStep[] => [{ kind: 'START', atMs: now, rateMgPerHour: rate }];

describe('checkDoseStep: the order of steps', () => {
  it('nothing is given before a clinician orders it', () => {
    expect(checkDoseStep({ kind: 'START', atMs: now }, ctx(undefined)).reasons).toEqual([
      expect.objectContaining({ code: 'NO_ORDER', severity: 'ABSOLUTE', ruleId: 'dosing.administration-sequence' }),
    ]);
  });
  it('one START, rate changes only after it, nothing after the STOP, nothing earlier than the step before', () => {
    const order = ivOrder(20);
    expect(codes(checkDoseStep({ kind: 'RATE', atMs: now, rateMgPerHour: 10 }, ctx(order)))).toEqual([
      'OUT_OF_SEQUENCE',
    ]);
    expect(codes(checkDoseStep({ kind: 'START', atMs: now + MIN }, ctx(order, started())))).toEqual([
      'OUT_OF_SEQUENCE',
    ]);
    expect(codes(checkDoseStep({ kind: 'RATE', atMs: now - 1, rateMgPerHour: 10 }, ctx(order, started())))).toEqual([
      'OUT_OF_SEQUENCE',
    ]);
    const stopped: RecordedStep[] = [...started(), { kind: 'STOP', atMs: now + 30 * MIN }];
    expect(codes(checkDoseStep({ kind: 'STOP', atMs: now + 31 * MIN }, ctx(order, stopped)))).toEqual([
      'OUT_OF_SEQUENCE',
    ]);
    expect(codes(checkDoseStep({ kind: 'STOP', atMs: now }, ctx(order)))).toEqual(['OUT_OF_SEQUENCE']);
    expect(codes(checkDoseStep({ kind: 'STOP', atMs: now + MIN }, ctx(order, started())))).toEqual([]);
  });
  it('an infusion order is not given as a bolus, nor a bolus order as an infusion', () => {
    expect(codes(checkDoseStep({ kind: 'BOLUS', atMs: now }, ctx(ivOrder(20))))).toEqual(['OUT_OF_SEQUENCE']);
    const bolusOrder: StandingOrder = { form: 'BOLUS', route: 'INTRANASAL', doseMg: 20, accepts: [] };
    expect(codes(checkDoseStep({ kind: 'START', atMs: now }, ctx(bolusOrder, [], { protocol: nasal })))).toEqual([
      'OUT_OF_SEQUENCE',
    ]);
    expect(codes(checkDoseStep({ kind: 'BOLUS', atMs: now }, ctx(bolusOrder, [], { protocol: nasal })))).toEqual([]);
  });
});

describe('checkDoseStep: range and caps at the chair (70 kg → 7–35 mg/h; 100 mg a session)', () => {
  it('a START runs the order for its planned minutes: 25 mg/h × 4 h = 100 mg is at the session cap', () => {
    const result = checkDoseStep({ kind: 'START', atMs: now }, ctx(ivOrder(25)));
    expect(result.reasons).toEqual([]);
    expect(result.check?.totalsMg.session).toBe(100);
  });
  it('a rate above the range is held with the rule named', () => {
    // Twenty minutes before the planned end, so the session cap is not what holds it.
    const at = now + 220 * MIN;
    const result = checkDoseStep({ kind: 'RATE', atMs: at, rateMgPerHour: 35.1 }, ctx(ivOrder(20), started()));
    expect(result.reasons).toEqual([
      expect.objectContaining({ code: 'ABOVE_RANGE', ruleId: 'dosing.within-protocol-range', severity: 'RELATIVE' }),
    ]);
    expect(result.coveredByOrder).toEqual([]);
  });
  it('the top of the range itself is within it', () => {
    const at = now + 220 * MIN;
    expect(codes(checkDoseStep({ kind: 'RATE', atMs: at, rateMgPerHour: 35 }, ctx(ivOrder(20), started())))).toEqual(
      [],
    );
  });
  it('a rate change counts what was given plus the new rate to the planned end', () => {
    // 20 mg/h for 1 h = 20 mg, then 27 mg/h for the remaining 3 h = 81 mg: 101 mg > 100.
    const result = checkDoseStep(
      { kind: 'RATE', atMs: now + 60 * MIN, rateMgPerHour: 27 },
      ctx(ivOrder(20), started()),
    );
    expect(result.check?.totalsMg.session).toBe(101);
    expect(codes(result)).toEqual(['SESSION_CAP']);
    expect(
      codes(checkDoseStep({ kind: 'RATE', atMs: now + 60 * MIN, rateMgPerHour: 26.6 }, ctx(ivOrder(20), started()))),
    ).toEqual([]);
  });
  it('slowing is never held by a cap, a pause never by the range; slowing below the range is', () => {
    // Ordered over the cap with an override: 30 mg/h for 4 h is 120 mg.
    const order = ivOrder(30, ['SESSION_CAP']);
    const running = started(30);
    const at = now + 60 * MIN;
    expect(codes(checkDoseStep({ kind: 'RATE', atMs: at, rateMgPerHour: 28 }, ctx(order, running)))).toEqual([]);
    expect(codes(checkDoseStep({ kind: 'RATE', atMs: at, rateMgPerHour: 0 }, ctx(order, running)))).toEqual([]);
    expect(codes(checkDoseStep({ kind: 'RATE', atMs: at, rateMgPerHour: 6.9 }, ctx(order, running)))).toEqual([
      'BELOW_RANGE',
    ]);
  });
  it("the order's written override covers a step that gives no more than the order, not one that gives more", () => {
    const order = ivOrder(40, ['ABOVE_RANGE', 'SESSION_CAP']);
    const start = checkDoseStep({ kind: 'START', atMs: now }, ctx(order));
    expect(codes(start)).toEqual(['ABOVE_RANGE', 'SESSION_CAP']);
    expect(start.coveredByOrder.map((r) => r.code)).toEqual(['ABOVE_RANGE', 'SESSION_CAP']);
    const faster = checkDoseStep({ kind: 'RATE', atMs: now + MIN, rateMgPerHour: 40.1 }, ctx(order, started(40)));
    expect(codes(faster)).toEqual(['ABOVE_RANGE', 'SESSION_CAP']);
    expect(faster.coveredByOrder).toEqual([]);
  });
  it('a home dose recorded after the order is judged at the start, and the order did not accept it', () => {
    const caps = { 30: 150, 90: null, 365: null };
    const home: DoseRecord = { kind: 'BOLUS', id: 'h', route: 'ORAL', atMs: now - windowMs(30) + MIN, mg: 71 };
    const result = checkDoseStep(
      { kind: 'START', atMs: now },
      ctx(ivOrder(20), [], { records: [home], settings: { ...DEFAULT_DOSING_SETTINGS, windowCapsMg: caps } }),
    );
    expect(codes(result)).toEqual(['WINDOW_30_CAP']);
    expect(result.coveredByOrder).toEqual([]);
  });
  it('a bolus counts the boluses given earlier this session against the session cap', () => {
    const bolusOrder: StandingOrder = { form: 'BOLUS', route: 'INTRANASAL', doseMg: 25, accepts: [] };
    const earlier: DoseRecord = { kind: 'BOLUS', id: 'b1', route: 'INTRANASAL', sessionId: 's1', atMs: now, mg: 25 };
    const steps: RecordedStep[] = [{ kind: 'BOLUS', atMs: now }];
    const second = ctx(bolusOrder, steps, { protocol: nasal, records: [earlier] });
    expect(codes(checkDoseStep({ kind: 'BOLUS', atMs: now + 10 * MIN }, second))).toEqual([]);
    const third = ctx(bolusOrder, [...steps, { kind: 'BOLUS', atMs: now + 10 * MIN }], {
      protocol: nasal,
      records: [earlier, { ...earlier, id: 'b2', atMs: now + 10 * MIN }],
    });
    expect(codes(checkDoseStep({ kind: 'BOLUS', atMs: now + 20 * MIN }, third))).toEqual(['SESSION_CAP']);
  });
});
