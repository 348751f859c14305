import type { DoseRecord, ProtocolRoute, RecordedStep, StandingOrder } from '@cadence/domain';
import type { DoseEventKind } from './dto/dosing.dto';

/** A clinician's order as stored. */
export interface StoredOrder {
  id: string;
  sessionId: string;
  form: 'INFUSION' | 'BOLUS';
  route: ProtocolRoute;
  perKg: number;
  weightKg: number;
  rateMgPerHour: number | null;
  doseMg: number | null;
  plannedMinutes: number | null;
  expectedMg: number;
  check: unknown;
  overrideReason: string | null;
  overrideAccepts: string[];
  orderedById: string;
  orderedAt: Date;
}

/** A step at the chair as stored. */
export interface StoredDoseEvent {
  id: string;
  sessionId: string;
  orderId: string;
  kind: DoseEventKind;
  at: Date;
  rateMgPerHour: number | null;
  mg: number | null;
  overrideById: string | null;
  overrideReason: string | null;
  overrideAccepts: string[];
  byId: string;
  recordedAt: Date;
}

export interface StoredHomeDose {
  id: string;
  clinicId: string;
  patientId: string;
  route: ProtocolRoute;
  mg: number;
  takenAt: Date;
  note: string | null;
  recordedById: string | null;
  recordedAt: Date;
}

export interface DoseHistory {
  sessions: readonly { id: string; courseId: string }[];
  orders: readonly StoredOrder[];
  events: readonly StoredDoseEvent[];
  homeDoses: readonly StoredHomeDose[];
}

/**
 * Every dose the patient has had, for the domain's caps and ledger: one infusion per session (its
 * START, RATE and STOP steps as the pump ran them), each bolus given in clinic, and each home dose
 * at the time it was taken.
 */
export function doseRecordsOf(history: DoseHistory): DoseRecord[] {
  const routes = new Map(history.orders.map((o) => [o.id, o.route]));
  const routeOf = (orderId: string) => {
    const route = routes.get(orderId);
    if (!route) throw new Error('A dose event refers to an order not loaded with it');
    return route;
  };
  const records: DoseRecord[] = [];
  for (const session of history.sessions) {
    const events = history.events.filter((e) => e.sessionId === session.id);
    const infusion = events.filter((e) => e.kind !== 'BOLUS');
    const base = { sessionId: session.id, courseId: session.courseId };
    if (infusion.length > 0)
      records.push({
        kind: 'INFUSION',
        id: session.id,
        route: routeOf(infusion[0].orderId),
        ...base,
        events: infusion.map((e) => ({
          kind: e.kind as 'START' | 'RATE' | 'STOP',
          atMs: e.at.getTime(),
          ...(e.kind === 'STOP' ? {} : { rateMgPerHour: e.rateMgPerHour ?? 0 }),
          by: e.byId,
        })),
      });
    for (const e of events.filter((x) => x.kind === 'BOLUS'))
      records.push({
        kind: 'BOLUS',
        id: e.id,
        route: routeOf(e.orderId),
        ...base,
        atMs: e.at.getTime(),
        mg: e.mg ?? 0,
      });
  }
  for (const h of history.homeDoses)
    records.push({ kind: 'BOLUS', id: h.id, route: h.route, atMs: h.takenAt.getTime(), mg: h.mg });
  return records;
}

export const stepsOf = (events: readonly StoredDoseEvent[]): RecordedStep[] =>
  events.map((e) => ({ kind: e.kind, atMs: e.at.getTime(), rateMgPerHour: e.rateMgPerHour }));

export const standingOrderOf = (order: StoredOrder): StandingOrder => ({
  form: order.form,
  route: order.route,
  rateMgPerHour: order.rateMgPerHour,
  doseMg: order.doseMg,
  plannedMinutes: order.plannedMinutes,
  accepts: order.overrideAccepts,
});
