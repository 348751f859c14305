// Follow-up and boosters: the schedule of follow-ups after a course with windows in the clinic's
// zone, their status and the nurses' worklist; what a follow-up records (pain, PROMIS Pain
// Interference 6a, PHQ-9, bladder symptoms, supporting care, ketamine taken at home) and its flags;
// whether a booster may be booked, by the protocol's policy and the pre-booster checks.
export { DEFAULT_FOLLOW_UP_SETTINGS } from './settings';
export type { FollowUpSettings, FollowUpWindowBand } from './settings';
export { clinicDateAt, clinicMidnight, followUpSchedule } from './schedule';
export type { CompletedCourse, ScheduledFollowUp } from './schedule';
export { FOLLOW_UP_STATUSES, compareForWorklist, followUpStatus, followUpWorklist } from './status';
export type {
  FollowUpReason,
  FollowUpState,
  FollowUpStatus,
  FollowUpStatusCode,
  WorklistCandidate,
  WorklistEntry,
} from './status';
export {
  PROMIS_COPYRIGHT_NOTICE,
  PROMIS_PAIN_INTERFERENCE_6A,
  PROMIS_PI_6A_ITEM_IDS,
  PROMIS_PI_6A_T_SCORES,
  PROMIS_TERMS_URL,
  scorePromisPainInterference6a,
} from './promis-pain-interference';
export type {
  PromisAnswers,
  PromisItem,
  PromisOption,
  PromisPi6aItemId,
  PromisScore,
  PromisShortForm,
} from './promis-pain-interference';
export { BLADDER_QUESTIONS, BLADDER_SYMPTOMS, positiveBladderSymptoms } from './bladder';
export type { BladderAnswers, BladderSymptom } from './bladder';
export { SUPPORTING_CARE, SUPPORTING_CARE_LABELS } from './supporting-care';
export {
  HOME_DOSE_QUESTION,
  HOME_DOSE_ROUTE_LABELS,
  PAIN_NRS_ANCHORS,
  PAIN_NRS_QUESTIONS,
  SUPPORTING_CARE_QUESTION,
  followUpQuestionnaire,
} from './questions';
export type { FollowUpQuestionnaire } from './questions';
export type { SupportingCare } from './supporting-care';
export {
  FOLLOW_UP_NOTE_MAX_LENGTH,
  HOME_DOSE_MAX_MG,
  RECORD_CLOCK_DRIFT_MS,
  assessFollowUpRecord,
  followUpRecordProblems,
} from './record';
export type {
  FollowUpAssessment,
  FollowUpFlag,
  FollowUpFlagReason,
  FollowUpRecordContext,
  FollowUpRecordInput,
  FollowUpRecordProblem,
  FollowUpRecordRule,
  HomeDose,
} from './record';
export { BOOSTER_RULE_IDS, DEFAULT_BOOSTER_SETTINGS, boosterChecks, boosterDecision } from './booster';
export type {
  BladderScreen,
  BoosterAssessment,
  BoosterCheckName,
  BoosterCheckResult,
  BoosterCheckState,
  BoosterCode,
  BoosterFacts,
  BoosterSettings,
} from './booster';
export { DEFAULT_RELIEF_SETTINGS, RELIEF_RULE_IDS, courseRelief, highestHeldAverages } from './relief';
export type {
  CourseRelief,
  LaterCourse,
  ReliefCourse,
  ReliefFollowUp,
  ReliefLine,
  ReliefMeasurement,
  ReliefOutcome,
  ReliefOutcomeCode,
  ReliefReason,
  ReliefReasonCode,
  ReliefRecord,
  ReliefSettings,
  ResponderSummary,
  ScoreAgainstBaseline,
} from './relief';
export { DEFAULT_FOLLOW_UP_CLINIC_SETTINGS, followUpClinicSettingsProblems } from './clinic-settings';
export type { FollowUpClinicSettings } from './clinic-settings';
