import { cumulativeLedger, DEFAULT_DOSING_SETTINGS } from '@cadence/domain';
import { doseRecordsOf, stepsOf, type DoseHistory, type StoredDoseEvent, type StoredOrder } from './dose-records';

const MIN = 60_000;
const t0 = Date.UTC(2026, 11, 1, 9, 0);

const order = (
  id: string,
  sessionId: string,
  form: 'INFUSION' | 'BOLUS',
  route: StoredOrder['route'],
): StoredOrder => ({
  id,
  sessionId,
  form,
  route,
  perKg: 0.5,
  weightKg: 70,
  rateMgPerHour: form === 'INFUSION' ? 30 : null,
  doseMg: form === 'BOLUS' ? 20 : null,
  plannedMinutes: form === 'INFUSION' ? 60 : null,
  expectedMg: form === 'INFUSION' ? 30 : 20,
  check: {},
  overrideReason: null,
  overrideAccepts: [],
  orderedById: 'c',
  orderedAt: new Date(t0 - MIN),
});
const event = (
  id: string,
  sessionId: string,
  orderId: string,
  kind: StoredDoseEvent['kind'],
  minutes: number,
  amount: { rateMgPerHour?: number; mg?: number } = {},
): StoredDoseEvent => ({
  id,
  sessionId,
  orderId,
  kind,
  at: new Date(t0 + minutes * MIN),
  rateMgPerHour: amount.rateMgPerHour ?? null,
  mg: amount.mg ?? null,
  overrideById: null,
  overrideReason: null,
  overrideAccepts: [],
  byId: 'n',
  recordedAt: new Date(t0 + minutes * MIN),
});

const history: DoseHistory = {
  sessions: [
    { id: 's1', courseId: 'c1' },
    { id: 's2', courseId: 'c2' },
  ],
  // The infusion's rate change was made under a second order of the same session.
  orders: [
    order('o1', 's1', 'INFUSION', 'IV'),
    order('o2', 's1', 'INFUSION', 'IV'),
    order('o3', 's2', 'BOLUS', 'INTRANASAL'),
  ],
  events: [
    event('e1', 's1', 'o1', 'START', 0, { rateMgPerHour: 30 }),
    event('e2', 's1', 'o2', 'RATE', 30, { rateMgPerHour: 0 }),
    event('e3', 's1', 'o2', 'STOP', 40),
    event('e4', 's2', 'o3', 'BOLUS', 24 * 60, { mg: 20 }),
    event('e5', 's2', 'o3', 'BOLUS', 24 * 60 + 10, { mg: 20 }),
  ],
  homeDoses: [
    {
      id: 'h1',
      clinicId: 'k',
      patientId: 'p',
      route: 'ORAL',
      mg: 25.5,
      takenAt: new Date(t0 - 3 * 24 * 60 * MIN),
      note: null,
      recordedById: 'n',
      recordedAt: new Date(t0 + 2 * 24 * 60 * MIN),
    },
  ],
};

describe('doseRecordsOf', () => {
  const records = doseRecordsOf(history);

  it('makes one infusion per session from its steps, whichever order each was made under', () => {
    expect(records.filter((r) => r.kind === 'INFUSION')).toEqual([
      {
        kind: 'INFUSION',
        id: 's1',
        route: 'IV',
        sessionId: 's1',
        courseId: 'c1',
        events: [
          { kind: 'START', atMs: t0, rateMgPerHour: 30, by: 'n' },
          { kind: 'RATE', atMs: t0 + 30 * MIN, rateMgPerHour: 0, by: 'n' },
          { kind: 'STOP', atMs: t0 + 40 * MIN, by: 'n' },
        ],
      },
    ]);
  });

  it('makes each bolus its own dose on its order’s route, and a home dose counts from when it was taken', () => {
    expect(records.filter((r) => r.kind === 'BOLUS')).toEqual([
      {
        kind: 'BOLUS',
        id: 'e4',
        route: 'INTRANASAL',
        sessionId: 's2',
        courseId: 'c2',
        atMs: t0 + 24 * 60 * MIN,
        mg: 20,
      },
      { kind: 'BOLUS', id: 'e5', route: 'INTRANASAL', sessionId: 's2', courseId: 'c2', atMs: t0 + 1450 * MIN, mg: 20 },
      { kind: 'BOLUS', id: 'h1', route: 'ORAL', atMs: t0 - 3 * 24 * 60 * MIN, mg: 25.5 },
    ]);
  });

  it('gives the ledger what was given: 15 mg IV (30 mg/h for 30 min, then paused), 40 mg intranasal, 25.5 mg oral', () => {
    const ledger = cumulativeLedger(records, t0 + 2 * 24 * 60 * MIN, DEFAULT_DOSING_SETTINGS);
    expect(ledger.byRoute.map((r) => [r.route, r.allTimeMg])).toEqual([
      ['IV', 15],
      ['ORAL', 25.5],
      ['INTRANASAL', 40],
    ]);
  });

  it('refuses a step whose order was not loaded with it, rather than guess its route', () => {
    expect(() => doseRecordsOf({ ...history, orders: [] })).toThrow(/order not loaded/);
  });

  it('keeps the steps of a session in order for the domain', () => {
    expect(stepsOf(history.events.slice(0, 3)).map((s) => [s.kind, s.atMs - t0])).toEqual([
      ['START', 0],
      ['RATE', 30 * MIN],
      ['STOP', 40 * MIN],
    ]);
  });
});
