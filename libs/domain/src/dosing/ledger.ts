import { PROTOCOL_ROUTES, type ProtocolRoute } from '../scheduling/protocol';
import { givenUnits, rateSegments, unitsToMg, type RateEvent } from './administration';
import { round3 } from './dose';
import { ROLLING_WINDOW_DAYS, windowMs, type DosingSettings, type RollingWindowDays } from './settings';

/**
 * One dose of ketamine the patient had, by any route: an infusion given in clinic (its rate events),
 * or a bolus (intranasal, IM, oral) given in clinic or taken at home and recorded later. Home doses
 * count from when they were taken, not when they were recorded.
 */
export type DoseRecord =
  | {
      kind: 'INFUSION';
      id: string;
      route: ProtocolRoute;
      courseId?: string | null;
      sessionId?: string | null;
      events: readonly RateEvent[];
    }
  | {
      kind: 'BOLUS';
      id: string;
      route: ProtocolRoute;
      courseId?: string | null;
      sessionId?: string | null;
      /** When it was taken. */
      atMs: number;
      mg: number;
    };

/**
 * mg of a dose inside (fromMs, toMs]: a bolus taken exactly at `fromMs` is outside, one taken at
 * `toMs` inside; an infusion counts only its part inside, as it ran (a running one up to `toMs`).
 */
export function mgWithin(record: DoseRecord, fromMs: number, toMs: number): number {
  if (record.kind === 'BOLUS') return record.atMs > fromMs && record.atMs <= toMs ? record.mg : 0;
  return unitsToMg(givenUnits(rateSegments(record.events), fromMs, toMs));
}

export const sumWithin = (records: readonly DoseRecord[], fromMs: number, toMs: number) =>
  records.reduce((total, r) => total + mgWithin(r, fromMs, toMs), 0);

export interface LedgerTotals {
  /** mg in each rolling window ending at the ledger's instant. */
  windows: Record<RollingWindowDays, number>;
  allTimeMg: number;
}
export type LedgerRow = LedgerTotals & { route: ProtocolRoute };

export interface CumulativeLedger {
  asOfMs: number;
  /** One row per route the patient has had, in the catalogue's route order. */
  byRoute: LedgerRow[];
  /** Every route together, against the clinic's window caps (null: none set). */
  total: LedgerTotals & { capsMg: Record<RollingWindowDays, number | null> };
}

/**
 * The cumulative-dose ledger at an instant: mg by route and in total over each rolling window
 * (t − N×24 h, t] and all time. Repeated high doses harm the bladder and no safe cumulative dose is
 * established (clinical-facts §9), so the totals are shown against the clinic's own caps.
 */
export function cumulativeLedger(
  records: readonly DoseRecord[],
  asOfMs: number,
  settings: Pick<DosingSettings, 'windowCapsMg'>,
): CumulativeLedger {
  const totals = (of: readonly DoseRecord[]): LedgerTotals => ({
    windows: windowTotals(of, asOfMs),
    allTimeMg: round3(sumWithin(of, -Infinity, asOfMs)),
  });
  const byRoute = PROTOCOL_ROUTES.filter((route) => records.some((r) => r.route === route)).map((route) => ({
    route,
    ...totals(records.filter((r) => r.route === route)),
  }));
  return { asOfMs, byRoute, total: { ...totals(records), capsMg: { ...settings.windowCapsMg } } };
}

function windowTotals(records: readonly DoseRecord[], asOfMs: number): Record<RollingWindowDays, number> {
  const totals = {} as Record<RollingWindowDays, number>;
  for (const days of ROLLING_WINDOW_DAYS) totals[days] = round3(sumWithin(records, asOfMs - windowMs(days), asOfMs));
  return totals;
}
