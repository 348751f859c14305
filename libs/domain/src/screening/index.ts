// Screening and eligibility: instruments, checklist templates, answer validation, the
// contraindication rules, and the combination of signed screenings into a treatment-day decision.
// Exported by name so the domain index can re-export it beside other modules without clashes.
export type { Answers, AnswerValue, InstrumentAnswers, Sex as ScreeningSex } from './answers';
export {
  AUDITC,
  AUDITC_CUTOFF,
  CSSRS_RISK_LEVELS,
  CSSRS_SCREEN,
  GAD7,
  INSTRUMENT_IDS,
  INSTRUMENTS,
  PHQ9,
  auditCCutoff,
  cssrsRiskLevel,
  scoreAuditC,
  scoreCssrsScreen,
  scoreGad7,
  scoreInstrument,
  scorePhq9,
} from './instruments';
export type {
  AskedWhen,
  CssrsRisk,
  InstrumentDefinition,
  InstrumentFlag,
  InstrumentId,
  InstrumentItem,
  InstrumentOption,
  InstrumentResult,
  ScoreBand,
  ScoringContext,
} from './instruments';
export {
  AT_CARDIOVASCULAR_RISK,
  CARDIOVASCULAR_V1,
  GENERAL_V1,
  NOT_APPLICABLE,
  PSYCHIATRIC_V1,
  SCREENING_KINDS,
  SCREENING_TEMPLATES,
  conditionHolds,
  dayOnlyItems,
  isRequired,
  templateFor,
} from './templates';
export type {
  AnswerPrimitive,
  ChoiceItem,
  Condition,
  DateItem,
  InstrumentTemplateItem,
  NumberItem,
  ScreeningKind,
  ScreeningTemplate,
  TemplateItem,
  TemplateItemType,
  TextItem,
  YesNoItem,
} from './templates';
export { validateAnswers } from './validate-answers';
export type { AnswerError, AnswerRule, ValidateOptions } from './validate-answers';
export { scoreScreeningInstruments } from './score-screening';
export { DEFAULT_SCREENING_SETTINGS, screeningSettingsOf } from './settings';
export type { ClinicScreeningColumns, ClinicScreeningSettings } from './settings';
export { ELIGIBILITY_RULES, classifyBloodPressure } from './rules';
export type { BloodPressureClass, EligibilityInput, EligibilityRule, RuleFinding, RuleSeverity } from './rules';
export { evaluateEligibility } from './eligibility';
export type { EligibilityReason, EligibilityResult, ScreeningStatus } from './eligibility';
export {
  REQUIRED_SCREENING_KINDS,
  blockingReasons,
  combineEligibility,
  screeningSignedOn,
  signingDates,
  validUntilFor,
} from './combine-eligibility';
export { OVERRIDE_REASON_MIN_LENGTH, overrideApplies, overrideRefusal, signRefusal } from './override';
export type { OverrideRefusal } from './override';
// isCalendarDate is exported by the patient module; only the zone conversion is added here.
export { clinicDateOf } from './dates';
export type {
  ClinicianOverride,
  CombinedEligibility,
  CombinedReason,
  CombinedStatus,
  DayOnlyAnswer,
  SignedScreening,
  UnsignedScreening,
} from './combine-eligibility';
export { TEMPLATE_ITEM_TYPES, TEMPLATE_LIMITS, validateTemplateDefinition } from './template-definition';
export type { TemplateDefinitionError } from './template-definition';
export { compareForReview, reviewGroup } from './review-queue';
export type { ReviewCandidate } from './review-queue';
export { positiveSuicidalityAnswers } from './suicidality';
export type { SuicidalityAnswer } from './suicidality';
export {
  SCREENING_ACTIONS,
  SCREENING_STATES,
  SCREENING_WORKFLOW,
  decisionReasonProblem,
  screeningActionRefusal,
  screeningActions,
} from './workflow';
export type {
  DecisionReasonProblem,
  ReasonedDecision,
  ScreeningAction,
  ScreeningActionRefusal,
  ScreeningAtHand,
  ScreeningState,
  ScreeningTransition,
} from './workflow';
export { reviewChoices, screeningStanding } from './standing';
export type {
  ReviewAction,
  ReviewChoice,
  ScreeningForStanding,
  ScreeningStanding,
  ScreeningStandingCode,
} from './standing';
