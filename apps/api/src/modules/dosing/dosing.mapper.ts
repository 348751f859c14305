import {
  ROLLING_WINDOW_DAYS,
  type ClinicalReason,
  type CumulativeLedger,
  type DosingSettings,
  type ProtocolDoseCaps,
  type RollingWindowDays,
} from '@cadence/domain';
import type { StoredDoseEvent, StoredHomeDose, StoredOrder } from './dose-records';
import type {
  CappedTotalDto,
  DoseEventDto,
  DoseLedgerDto,
  DoseReasonDto,
  HomeDoseDto,
  OrderDto,
} from './dto/dosing.dto';

export interface DoseTotals {
  session: number;
  course: number;
  allTime: number;
  windows: Record<RollingWindowDays, number>;
}

/** What an order keeps of its plan and check, in its `check` column. */
export interface OrderCheckRecord {
  exact: number;
  rounding: string;
  reasons: ClinicalReason[];
  accepted: ClinicalReason[];
  totalsMg: DoseTotals;
  caps: CappedTotalDto[];
}

const reasonDto = ({ code, ruleId, severity, message }: ClinicalReason): DoseReasonDto => ({
  code,
  ruleId,
  severity,
  message,
});

/** Each total beside its cap: the protocol's session, course and cumulative caps, the clinic's windows. */
export function cappedTotals(
  totals: DoseTotals,
  caps: ProtocolDoseCaps,
  settings: Pick<DosingSettings, 'windowCapsMg'>,
): CappedTotalDto[] {
  return [
    { cap: 'SESSION', totalMg: totals.session, capMg: caps.perSessionMg },
    { cap: 'COURSE', totalMg: totals.course, capMg: caps.perCourseMg },
    { cap: 'CUMULATIVE', totalMg: totals.allTime, capMg: caps.cumulativeMg },
    ...ROLLING_WINDOW_DAYS.map((days) => ({
      cap: `WINDOW_${days}`,
      totalMg: totals.windows[days],
      capMg: settings.windowCapsMg[days],
    })),
  ];
}

export function toOrderDto(order: StoredOrder): OrderDto {
  const check = order.check as OrderCheckRecord;
  return {
    id: order.id,
    sessionId: order.sessionId,
    form: order.form,
    route: order.route,
    perKg: order.perKg,
    weightKg: order.weightKg,
    exact: check.exact,
    rounding: check.rounding,
    rateMgPerHour: order.rateMgPerHour,
    doseMg: order.doseMg,
    plannedMinutes: order.plannedMinutes,
    expectedMg: order.expectedMg,
    accepted: check.accepted.map(reasonDto),
    overrideReason: order.overrideReason,
    caps: check.caps,
    orderedById: order.orderedById,
    orderedAt: order.orderedAt.toISOString(),
  };
}

export function toDoseEventDto(event: StoredDoseEvent): DoseEventDto {
  return {
    id: event.id,
    sessionId: event.sessionId,
    orderId: event.orderId,
    kind: event.kind,
    at: event.at.toISOString(),
    rateMgPerHour: event.rateMgPerHour,
    mg: event.mg,
    override:
      event.overrideById && event.overrideReason
        ? { byId: event.overrideById, reason: event.overrideReason, accepts: event.overrideAccepts }
        : null,
    byId: event.byId,
    recordedAt: event.recordedAt.toISOString(),
  };
}

export function toHomeDoseDto(dose: StoredHomeDose): HomeDoseDto {
  return {
    id: dose.id,
    patientId: dose.patientId,
    route: dose.route,
    mg: dose.mg,
    takenAt: dose.takenAt.toISOString(),
    note: dose.note,
    recordedById: dose.recordedById,
    recordedAt: dose.recordedAt.toISOString(),
  };
}

export function toLedgerDto(patientId: string, ledger: CumulativeLedger): DoseLedgerDto {
  const windows = (w: Record<RollingWindowDays, number>) => ROLLING_WINDOW_DAYS.map((days) => ({ days, mg: w[days] }));
  return {
    patientId,
    asOf: new Date(ledger.asOfMs).toISOString(),
    byRoute: ledger.byRoute.map((row) => ({
      route: row.route,
      windows: windows(row.windows),
      allTimeMg: row.allTimeMg,
    })),
    total: {
      windows: ROLLING_WINDOW_DAYS.map((days) => ({
        days,
        mg: ledger.total.windows[days],
        capMg: ledger.total.capsMg[days],
      })),
      allTimeMg: ledger.total.allTimeMg,
    },
  };
}
