// Dose maths: today's weight × the protocol's range → rate and expected total, mg given by rate
// segments, the cumulative ledger over rolling windows across routes, and the checks an order or a
// rate change must pass (or a clinician override with a written reason).
export { applyOverride, writtenOverrideProblem } from './reason';
export type { ClinicalReason, OverrideOutcome, WrittenOverride } from './reason';
export { DEFAULT_DOSING_SETTINGS, ROLLING_WINDOW_DAYS, windowMs } from './settings';
export type { DosingSettings, RollingWindowDays } from './settings';
export { weightReason } from './weight';
export type { WeightCode } from './weight';
export { roundDownToStep, roundToStep } from './rounding';
export { allowedAtWeight, doseFormOf, planDose, rangeReason, round3 } from './dose';
export type { DoseForm, DosePlan, DosePlanCode, DosePlanRequest, RangeCode, Rounding } from './dose';
export { mgGiven, mgGivenBetween, rateAt, rateEventProblems, rateSegments } from './administration';
export type { RateEvent, RateEventKind, RateSegment } from './administration';
export { cumulativeLedger, mgWithin } from './ledger';
export type { CumulativeLedger, DoseRecord, LedgerRow, LedgerTotals } from './ledger';
export { checkDose } from './order-check';
export type { CapCode, DoseCheck, DoseCheckCode, DoseCheckContext, DoseProposal } from './order-check';
export { checkDoseStep, doseStepSequenceReason, rateEventsOf } from './administration-check';
export type {
  DoseStep,
  DoseStepCheck,
  DoseStepCode,
  DoseStepContext,
  DoseStepKind,
  RecordedStep,
  StandingOrder,
} from './administration-check';
