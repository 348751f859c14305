import type { Protocol, ProtocolRoute } from '../scheduling/protocol';
import { hasAtMostThreeDecimals, atMost } from './rounding';
import { doseFormOf, rangeReason, round3, type RangeCode } from './dose';
import { sumWithin, type DoseRecord } from './ledger';
import type { ClinicalReason } from './reason';
import { ROLLING_WINDOW_DAYS, windowMs, type DosingSettings, type RollingWindowDays } from './settings';
import { weightReason, type WeightCode } from './weight';

/** What a clinician proposes: a new infusion order, a rate change on a running one, or a bolus. */
export type DoseProposal =
  | { kind: 'INFUSION_ORDER'; route: ProtocolRoute; rateMgPerHour: number; startMs: number; plannedMinutes: number }
  /** The administration being changed is among the context's records; 0 mg/h pauses it. */
  | { kind: 'RATE_CHANGE'; route: ProtocolRoute; rateMgPerHour: number; atMs: number; plannedEndMs: number }
  | { kind: 'BOLUS'; route: ProtocolRoute; mg: number; atMs: number };

export type CapCode = 'SESSION_CAP' | 'COURSE_CAP' | 'CUMULATIVE_CAP' | `WINDOW_${RollingWindowDays}_CAP`;
export type DoseCheckCode = WeightCode | RangeCode | CapCode | 'WRONG_DOSE_FORM' | 'INVALID_AMOUNT';

export interface DoseCheckContext {
  protocol: Pick<Protocol, 'route' | 'doseRangeMgPerKgPerHour' | 'doseRangeMgPerKgPerDose' | 'caps'>;
  /** Today's weight (check-in), never the registration weight. */
  weightKg: number | null | undefined;
  sessionId: string;
  courseId: string;
  /** Every dose the patient has had by every route, home doses included, as recorded so far. */
  records: readonly DoseRecord[];
  settings: DosingSettings;
}

export interface DoseCheck {
  /** Every reason the proposal is held; empty when it may go ahead as it is. */
  reasons: ClinicalReason<DoseCheckCode>[];
  /** mg the proposal adds, if it runs as planned. */
  proposedMg: number;
  /** Totals including the proposal, as the caps are compared with them. */
  totalsMg: { session: number; course: number; allTime: number; windows: Record<RollingWindowDays, number> };
}

/**
 * Checks a proposed dose against the protocol's range (at today's weight) and against every cap:
 * per session, per course, all time, and each rolling window across every route. A window is
 * (t − N×24 h, t] at the proposal's start with the whole proposal added, which never understates
 * the window's peak while it runs. Equal to a cap is within it; one microgram more crosses it.
 *
 * ABSOLUTE (nothing lifts): no usable weight today, a proposal that does not fit the protocol's
 * dose form (an infusion on a bolus protocol), a malformed amount — there is no dose to judge.
 * RELATIVE (a clinician's written override lifts): outside the range, or crossing a cap — both are
 * clinic settings rather than established limits (no toxic dose is established, clinical-facts §9).
 */
export function checkDose(proposal: DoseProposal, context: DoseCheckContext): DoseCheck {
  const { protocol, settings } = context;
  const reasons: ClinicalReason<DoseCheckCode>[] = [];
  const fromMs = proposal.kind === 'INFUSION_ORDER' ? proposal.startMs : proposal.atMs;
  const proposedMg = proposedMgOf(proposal);
  const empty = { session: 0, course: 0, allTime: 0, windows: { 30: 0, 90: 0, 365: 0 } };

  const weight = weightReason(context.weightKg, settings);
  if (weight) reasons.push(weight);
  const form = doseFormOf(protocol);
  const wantsForm = proposal.kind === 'BOLUS' ? 'BOLUS' : 'INFUSION';
  if (!form || form.kind !== wantsForm || proposal.route !== protocol.route) {
    reasons.push({
      code: 'WRONG_DOSE_FORM',
      ruleId: 'dosing.protocol-dose-form',
      severity: 'ABSOLUTE',
      message: `This protocol is dosed ${form?.kind === 'BOLUS' ? 'per dose' : 'as an infusion'} by the ${protocol.route} route; a ${proposal.route} ${wantsForm === 'BOLUS' ? 'dose' : 'infusion'} needs its own protocol`,
    });
  }
  const amountProblem = amountProblemOf(proposal);
  if (amountProblem)
    reasons.push({
      code: 'INVALID_AMOUNT',
      ruleId: 'dosing.amount-well-formed',
      severity: 'ABSOLUTE',
      message: amountProblem,
    });
  if (reasons.length > 0 || !form || context.weightKg == null) return { reasons, proposedMg: 0, totalsMg: empty };

  const pausing = proposal.kind === 'RATE_CHANGE' && proposal.rateMgPerHour === 0;
  if (!pausing) {
    const amount = proposal.kind === 'BOLUS' ? proposal.mg : proposal.rateMgPerHour;
    const range = form.kind === 'BOLUS' ? form.mgPerKg : form.mgPerKgPerHour;
    const step = form.kind === 'BOLUS' ? settings.bolusStepMg : settings.rateStepMgPerHour;
    const outside = rangeReason(amount, range, context.weightKg, step, form.kind === 'BOLUS' ? 'mg' : 'mg/h');
    if (outside) reasons.push(outside);
  }

  const before = (of: readonly DoseRecord[], sinceMs = -Infinity) => sumWithin(of, sinceMs, fromMs);
  const totalsMg = {
    session: round3(before(context.records.filter((r) => r.sessionId === context.sessionId)) + proposedMg),
    course: round3(before(context.records.filter((r) => r.courseId === context.courseId)) + proposedMg),
    allTime: round3(before(context.records) + proposedMg),
    windows: { ...empty.windows },
  };
  for (const days of ROLLING_WINDOW_DAYS)
    totalsMg.windows[days] = round3(before(context.records, fromMs - windowMs(days)) + proposedMg);

  const cap = (code: CapCode, what: string, total: number, capMg: number | null) => {
    if (capMg === null || atMost(total, capMg)) return;
    reasons.push({
      code,
      ruleId: `dosing.cap.${code.toLowerCase().replace(/_/g, '-')}`,
      severity: 'RELATIVE',
      message: `This would bring ${what} to ${total} mg, above the cap of ${capMg} mg`,
    });
  };
  cap('SESSION_CAP', "this session's dose", totalsMg.session, protocol.caps.perSessionMg);
  cap('COURSE_CAP', "this course's dose", totalsMg.course, protocol.caps.perCourseMg);
  cap('CUMULATIVE_CAP', 'the cumulative dose across every route', totalsMg.allTime, protocol.caps.cumulativeMg);
  for (const days of ROLLING_WINDOW_DAYS)
    cap(
      `WINDOW_${days}_CAP`,
      `the ${days}-day dose across every route`,
      totalsMg.windows[days],
      settings.windowCapsMg[days],
    );
  return { reasons, proposedMg: round3(proposedMg), totalsMg };
}

function proposedMgOf(proposal: DoseProposal): number {
  switch (proposal.kind) {
    case 'INFUSION_ORDER':
      return (proposal.rateMgPerHour * Math.max(proposal.plannedMinutes, 0)) / 60;
    case 'RATE_CHANGE':
      return (proposal.rateMgPerHour * Math.max(proposal.plannedEndMs - proposal.atMs, 0)) / 3_600_000;
    case 'BOLUS':
      return proposal.mg;
  }
}

function amountProblemOf(proposal: DoseProposal): string | undefined {
  const amount = proposal.kind === 'BOLUS' ? proposal.mg : proposal.rateMgPerHour;
  const rule = {
    BOLUS: 'A dose must be more than 0 mg, to at most three decimals',
    INFUSION_ORDER: 'A rate must be more than 0 mg/h, to at most three decimals',
    RATE_CHANGE: 'A rate must be 0 mg/h (a pause) or more, to at most three decimals',
  }[proposal.kind];
  const zeroAllowed = proposal.kind === 'RATE_CHANGE';
  if (!Number.isFinite(amount) || amount < 0 || (amount === 0 && !zeroAllowed) || !hasAtMostThreeDecimals(amount))
    return rule;
  if (proposal.kind === 'INFUSION_ORDER' && !(Number.isFinite(proposal.plannedMinutes) && proposal.plannedMinutes > 0))
    return 'An infusion order needs its planned minutes, more than 0';
  if (proposal.kind === 'RATE_CHANGE' && !(proposal.plannedEndMs > proposal.atMs))
    return 'A rate change needs a planned end after the change';
  return undefined;
}
