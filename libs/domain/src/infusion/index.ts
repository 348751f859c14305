// The infusion day: day-of checks at check-in, vitals alerts and when vitals are due, CTCAE v5
// adverse events, the discharge check, and the session's states and what is overdue.
export {
  DEFAULT_INFUSION_SETTINGS,
  DEFAULT_VITALS_THRESHOLDS,
  VITALS_ENTRY_RANGES,
  settingsForProtocol,
} from './settings';
export type { DischargeSettings, InfusionSettings, ProtocolInfusionOverrides, VitalsThresholds } from './settings';
export { bloodPressurePairProblem } from './blood-pressure';
export { RECHECKABLE, RECHECK_LABELS, recheckTasks } from './rechecks';
export type { RecheckCheck, RecheckRequest, RecheckTask } from './rechecks';
export { sessionPreparation } from './preparation';
export type { PreparationCode, PreparationStep } from './preparation';
export { CHECK_IN_CODES, DAY_OF_CHECKS, checkInChecks, checkInDecision } from './check-in';
export type {
  BpHrReading,
  CheckInCode,
  CheckInFacts,
  CheckInSettings,
  Dated,
  DayOfCheck,
  DayOfCheckId,
  DayOfResult,
} from './check-in';
export {
  READING_CLOCK_DRIFT_MS,
  SUGGESTED_ACTIONS,
  adverseEventDrafts,
  VITAL_SIGNS,
  hypertensionGradeByReading,
  vitalsAlerts,
  vitalsDue,
  vitalsReadingProblems,
} from './vitals';
export type {
  AdverseEventDraft,
  SuggestedAction,
  VitalSign,
  VitalsAlert,
  VitalsAlertCode,
  VitalsReading,
  VitalsReadingProblem,
  VitalsReadingRule,
} from './vitals';
export {
  ADVERSE_EVENT_ACTIONS,
  ADVERSE_EVENT_OUTCOMES,
  ADVERSE_EVENT_TERMS,
  adverseEventProblems,
  adverseEventTerm,
  clinicianAlertReasons,
} from './adverse-events';
export type {
  AdverseEventAction,
  AdverseEventAlertCode,
  AdverseEventAlertReason,
  AdverseEventEntry,
  AdverseEventGrade,
  AdverseEventOutcome,
  AdverseEventProblem,
  AdverseEventRule,
  AdverseEventTerm,
  AdverseEventTermId,
} from './adverse-events';
export { ALDRETE_ITEMS, aldreteOxygenScore, aldreteProblems, aldreteTotal, dischargeCheck } from './discharge';
export type {
  AldreteItem,
  AldreteScores,
  BaselineVitals,
  DischargeCheck,
  DischargeCode,
  DischargeFacts,
  DischargeReason,
} from './discharge';
export { infusionSettingsProblems } from './settings-problems';
export { coSignRefusals, courseCompleted, needsClinician, signRefusals } from './signing';
export type { SessionAdverseEvent, SigningCode, SigningInput, SigningReason } from './signing';
export {
  SESSION_ACTIONS,
  SESSION_STATES,
  SESSION_WORKFLOW,
  sessionActionRefusal,
  sessionActions,
  sessionOverdue,
} from './session';
export type {
  Overdue,
  SessionAction,
  SessionActionRefusal,
  SessionAtHand,
  SessionClock,
  SessionGate,
  SessionOverdue,
  SessionState,
  SessionTransition,
} from './session';
