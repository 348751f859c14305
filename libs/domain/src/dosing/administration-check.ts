import type { ProtocolRoute } from '../scheduling/protocol';
import { rateAt, type RateEventKind } from './administration';
import { checkDose, type DoseCheck, type DoseCheckCode, type DoseCheckContext, type DoseProposal } from './order-check';
import type { ClinicalReason } from './reason';

/** What the nurse records at the chair: the start, a rate change, the stop, or a bolus given. */
export type DoseStepKind = RateEventKind | 'BOLUS';

/** The clinician's order standing when the step is taken (the latest of the session). */
export interface StandingOrder {
  form: 'INFUSION' | 'BOLUS';
  route: ProtocolRoute;
  /** mg/h an infusion starts at. */
  rateMgPerHour?: number | null;
  /** mg a bolus gives. */
  doseMg?: number | null;
  plannedMinutes?: number | null;
  /** The relative reasons the ordering clinician accepted in writing. */
  accepts: readonly string[];
}

export interface DoseStep {
  kind: DoseStepKind;
  atMs: number;
  /** A RATE step's new rate (0 pauses). */
  rateMgPerHour?: number;
}

/** A step already recorded in this session, in order. */
export interface RecordedStep {
  kind: DoseStepKind;
  atMs: number;
  rateMgPerHour?: number | null;
}

export type DoseStepCode = DoseCheckCode | 'NO_ORDER' | 'OUT_OF_SEQUENCE';

export interface DoseStepContext extends DoseCheckContext {
  order: StandingOrder | undefined;
  /** This session's steps so far. */
  steps: readonly RecordedStep[];
}

export interface DoseStepCheck {
  /** Why the step cannot be recorded as it is: ABSOLUTE sequence or dose-form reasons, RELATIVE range or cap reasons. */
  reasons: ClinicalReason<DoseStepCode>[];
  /** Relative reasons the order's written override already covers (the step gives no more than the order). */
  coveredByOrder: ClinicalReason<DoseStepCode>[];
  /** The dose check behind the reasons, when the step adds a dose. */
  check?: DoseCheck;
}

const sequence = (code: 'NO_ORDER' | 'OUT_OF_SEQUENCE', message: string): ClinicalReason<DoseStepCode> => ({
  code,
  ruleId: 'dosing.administration-sequence',
  severity: 'ABSOLUTE',
  message,
});

/** Why a step cannot follow the steps before it under this order; undefined when it can. */
export function doseStepSequenceReason(
  step: DoseStep,
  order: StandingOrder | undefined,
  steps: readonly RecordedStep[],
): ClinicalReason<DoseStepCode> | undefined {
  const started = steps.some((s) => s.kind === 'START' || s.kind === 'BOLUS');
  const stopped = steps.some((s) => s.kind === 'STOP');
  const last = steps[steps.length - 1];
  if (stopped) return sequence('OUT_OF_SEQUENCE', 'The administration is stopped: nothing more is given this session');
  if (last && step.atMs < last.atMs)
    return sequence('OUT_OF_SEQUENCE', 'A step cannot be earlier than the step recorded before it');
  if (step.kind === 'STOP')
    return started ? undefined : sequence('OUT_OF_SEQUENCE', 'Nothing has been given yet: there is nothing to stop');
  if (!order) return sequence('NO_ORDER', 'No clinician has ordered a dose for this session yet');
  const wants = step.kind === 'BOLUS' ? 'BOLUS' : 'INFUSION';
  if (order.form !== wants)
    return sequence(
      'OUT_OF_SEQUENCE',
      order.form === 'BOLUS'
        ? 'This session is dosed as a bolus: record a BOLUS, then STOP'
        : 'This session is an infusion: record START, RATE changes and STOP',
    );
  if (step.kind === 'START' && started) return sequence('OUT_OF_SEQUENCE', 'The infusion has already started');
  if (step.kind === 'RATE' && !started)
    return sequence('OUT_OF_SEQUENCE', 'Start the infusion before changing its rate');
  return undefined;
}

/**
 * Checks a step at the chair against the order and every cap, as it would run. A START runs the
 * order's rate for its planned minutes, a BOLUS gives the order's dose, a RATE change runs its rate
 * to the order's planned end (at least a minute, so an overrun is still judged), a STOP adds nothing.
 *
 * The order's written override covers a relative reason again only while the step gives no more
 * than the order did (its rate or dose, or less): the clinician accepted that much. A step that
 * slows the infusion is never held by a cap, which slowing cannot cross; it is still held below
 * the protocol's range (a pause, 0 mg/h, never is).
 */
export function checkDoseStep(step: DoseStep, context: DoseStepContext): DoseStepCheck {
  const sequenceReason = doseStepSequenceReason(step, context.order, context.steps);
  if (sequenceReason) return { reasons: [sequenceReason], coveredByOrder: [] };
  const order = context.order;
  if (step.kind === 'STOP' || !order) return { reasons: [], coveredByOrder: [] };

  const proposal = proposalOf(step, order, context.steps);
  const check = checkDose(proposal, context);
  const amount = proposal.kind === 'BOLUS' ? proposal.mg : proposal.rateMgPerHour;
  const ordered = (order.form === 'BOLUS' ? order.doseMg : order.rateMgPerHour) ?? 0;
  const slowing = step.kind === 'RATE' && amount <= rateAt(rateEventsOf(context.steps), step.atMs);
  const reasons = check.reasons.filter((r) => !(slowing && isCap(r.code)));
  const withinOrder = amount <= ordered;
  const coveredByOrder = reasons.filter(
    (r) => r.severity === 'RELATIVE' && withinOrder && order.accepts.includes(r.code),
  );
  return { reasons, coveredByOrder, check };
}

const isCap = (code: DoseStepCode) => code.endsWith('_CAP');

function proposalOf(step: DoseStep, order: StandingOrder, steps: readonly RecordedStep[]): DoseProposal {
  const plannedMinutes = order.plannedMinutes ?? 0;
  switch (step.kind) {
    case 'BOLUS':
      return { kind: 'BOLUS', route: order.route, mg: order.doseMg ?? 0, atMs: step.atMs };
    case 'START':
      return {
        kind: 'INFUSION_ORDER',
        route: order.route,
        rateMgPerHour: order.rateMgPerHour ?? 0,
        startMs: step.atMs,
        plannedMinutes,
      };
    default: {
      const startMs = steps.find((s) => s.kind === 'START')?.atMs ?? step.atMs;
      const plannedEndMs = Math.max(startMs + plannedMinutes * 60_000, step.atMs + 60_000);
      return {
        kind: 'RATE_CHANGE',
        route: order.route,
        rateMgPerHour: step.rateMgPerHour ?? Number.NaN,
        atMs: step.atMs,
        plannedEndMs,
      };
    }
  }
}

/** The infusion steps of a session as rate events (boluses are not part of the rate). */
export function rateEventsOf(steps: readonly RecordedStep[], by = 'recorded') {
  return steps
    .filter((s) => s.kind !== 'BOLUS')
    .map((s) => ({
      kind: s.kind as RateEventKind,
      atMs: s.atMs,
      ...(s.kind === 'STOP' ? {} : { rateMgPerHour: s.rateMgPerHour ?? 0 }),
      by,
    }));
}
