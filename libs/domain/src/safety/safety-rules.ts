/**
 * The domain's rule ids, for the hazard log (safety/hazards.yaml). A hazard's control names a rule
 * by id; the safety check fails when an id is not here, and when a rule marked safety-relevant is
 * named by no hazard. Ids come from the rules themselves where they carry one (eligibility rules),
 * from exhaustive records over the reason codes the rules return (so a new code cannot be added
 * without a decision here), and otherwise from the function that implements the rule.
 */
import type { DoseStepCode } from '../dosing/administration-check';
import { checkInChecks, checkInDecision, type CheckInCode } from '../infusion/check-in';
import type { DischargeCode } from '../infusion/discharge';
import { coSignRefusals, courseCompleted, signRefusals } from '../infusion/signing';
import type { PlanFeasibilityCode } from '../scheduling/feasibility';
import type { SessionChangeCode } from '../scheduling/session-changes';
import { courseCancellation, hasStarted, sessionChangeProblem } from '../scheduling/session-changes';
import { bookingsToMove, overNurseRatio, strandedByClosure } from '../scheduling/closure-impact';
import { closedDayProblems } from '../scheduling/reschedule';
import { nursesOnDuty, shiftsOnDate } from '../scheduling/nurse-duty';
import { openCourseWarnings } from '../scheduling/open-courses';
import { combineEligibility, type CombinedReason } from '../screening/combine-eligibility';
import { OVERRIDE_REASON_MIN_LENGTH, overrideRefusal, signRefusal } from '../screening/override';
import { compareForReview } from '../screening/review-queue';
import { reviewChoices, screeningStanding } from '../screening/standing';
import { decisionReasonProblem, screeningActionRefusal } from '../screening/workflow';
import { ELIGIBILITY_RULES } from '../screening/rules';
import { COURSE_DAY_RULES } from './course-day-rules';
import { FOLLOW_UP_RULES } from './follow-up-rules';
import { MONITORING_RULES } from './monitoring-rules';
import { positiveSuicidalityAnswers } from '../screening/suicidality';
import { validateTemplateDefinition } from '../screening/template-definition';
import { validateAnswers } from '../screening/validate-answers';

export interface SafetyRule {
  id: string;
  summary: string;
  /** A rule whose failure could contribute to harm: the hazard log must name it. */
  safetyRelevant: boolean;
}

interface CodeRule {
  summary: string;
  safetyRelevant: boolean;
}

const PLAN_CODES: Record<PlanFeasibilityCode, CodeRule> = {
  PROTOCOL_NOT_BOOKABLE: { summary: 'A protocol that is not booked in clinic is refused', safetyRelevant: false },
  SESSION_COUNT: { summary: "A plan has the protocol's number of sessions", safetyRelevant: true },
  INVALID_INSTANT: { summary: 'Every session time is a valid instant', safetyRelevant: false },
  SESSION_LENGTH: { summary: "Every session lasts the protocol's minutes", safetyRelevant: true },
  UNKNOWN_RESOURCE: { summary: "Every session is on one of the clinic's chairs or beds", safetyRelevant: false },
  RESOURCE_INACTIVE: { summary: 'No session on a retired chair or bed', safetyRelevant: false },
  WRONG_RESOURCE_KIND: {
    summary: 'A continuous infusion is booked on an inpatient bed, a session on a chair',
    safetyRelevant: true,
  },
  CLINIC_CLOSED: { summary: 'No session on a day the clinic is closed', safetyRelevant: true },
  OUTSIDE_OPENING_HOURS: { summary: 'Every session lies inside opening hours', safetyRelevant: true },
  PATTERN_BROKEN: { summary: "The sessions follow the protocol's day pattern", safetyRelevant: true },
  RESOURCE_BUSY: { summary: 'No two live appointments overlap on a chair or bed', safetyRelevant: true },
  PATIENT_BUSY: { summary: 'No two live appointments overlap for a patient', safetyRelevant: true },
  PATIENT_SAME_DAY: { summary: 'At most one infusion a day per patient', safetyRelevant: true },
  NURSE_CAPACITY: {
    summary: 'Simultaneous infusions never exceed the nurses on duty times the infusions each may supervise',
    safetyRelevant: true,
  },
};

const SESSION_CHANGE_CODES: Record<SessionChangeCode, CodeRule> = {
  SESSION_STARTED: { summary: 'A session that has started is not moved or cancelled', safetyRelevant: true },
  COURSE_NOT_BOOKED: { summary: 'Only a booked course changes', safetyRelevant: false },
  SESSION_UNDER_WAY: { summary: 'A course with a session under way is not cancelled', safetyRelevant: true },
};

/**
 * The day-of checks at check-in. Each check as a whole is `check-in.day-of-checks`; the codes a
 * hazard names on their own (they decide whether a patient is treated today at all) are marked.
 */
const CHECK_IN_CODE_RULES: Record<CheckInCode, CodeRule> = {
  BLOOD_PRESSURE_NOT_RECORDED: { summary: "No start without today's blood pressure", safetyRelevant: true },
  HEART_RATE_NOT_RECORDED: { summary: "No start without today's heart rate", safetyRelevant: false },
  SPO2_NOT_RECORDED: { summary: "No start without today's SpO2", safetyRelevant: false },
  WEIGHT_NOT_RECORDED: {
    summary: "No start without today's weight (the dose is planned on it)",
    safetyRelevant: false,
  },
  PREGNANCY_NOT_RECORDED: {
    summary: "No start without today's pregnancy status where it applies; the screening's does not count",
    safetyRelevant: true,
  },
  FASTING_NOT_RECORDED: {
    summary: 'No start without the fasting times a fasting protocol asks for',
    safetyRelevant: false,
  },
  ESCORT_HOME_NOT_RECORDED: { summary: 'No start without asking about an escort home', safetyRelevant: false },
  NO_DRIVING_NOT_RECORDED: { summary: 'No start without asking whether the patient will drive', safetyRelevant: false },
  BP_RECHECK_NEEDED: {
    summary: 'A blood pressure outside the review limits asks for a recheck after rest',
    safetyRelevant: true,
  },
  HR_RECHECK_NEEDED: {
    summary: 'A heart rate outside the limits asks for a recheck after rest',
    safetyRelevant: false,
  },
  RECHECK_TOO_SOON: { summary: 'A recheck taken before the rest does not count', safetyRelevant: true },
  BP_AT_BLOCK: {
    summary: 'A blood pressure at or above the block limit after rest: no infusion today',
    safetyRelevant: true,
  },
  BP_ABOVE_REVIEW: {
    summary: "A blood pressure above the review limit after rest needs a clinician's written override",
    safetyRelevant: true,
  },
  BP_LOW: { summary: "A low systolic after rest needs a clinician's written override", safetyRelevant: false },
  HR_ABOVE_REVIEW: {
    summary: "A high heart rate after rest needs a clinician's written override",
    safetyRelevant: false,
  },
  HR_LOW: { summary: "A low heart rate after rest needs a clinician's written override", safetyRelevant: false },
  SPO2_HYPOXIC: { summary: 'SpO2 at rest below the hypoxia limit: no infusion today', safetyRelevant: true },
  SPO2_LOW: { summary: "SpO2 below the alert limit needs a clinician's written override", safetyRelevant: false },
  WEIGHT_MISSING: { summary: "No start without today's weight", safetyRelevant: false },
  WEIGHT_IMPLAUSIBLE: { summary: 'No start on an implausible weight', safetyRelevant: false },
  PREGNANCY_NOT_EXCLUDED: {
    summary: 'Pregnancy not excluded today: no infusion, whatever the override',
    safetyRelevant: true,
  },
  FASTING_SHORT: {
    summary: "Fasting shorter than the protocol asks needs a clinician's override",
    safetyRelevant: false,
  },
  NO_ESCORT: { summary: "No escort home arranged needs a clinician's written override", safetyRelevant: true },
  DRIVING_HOME: { summary: 'A patient who plans to drive home is not treated', safetyRelevant: true },
};

/** The discharge check's reasons: each keeps the patient in recovery, and nothing overrides it. */
const DISCHARGE_CODE_RULES: Record<DischargeCode, CodeRule> = {
  ALDRETE_BELOW: { summary: 'No discharge below the modified Aldrete minimum (9 by default)', safetyRelevant: true },
  VITALS_MISSING: { summary: 'No discharge without a reading in recovery', safetyRelevant: true },
  VITALS_OFF_BASELINE: {
    summary: 'No discharge with BP or heart rate more than the margin (20 %) from the pre-infusion baseline',
    safetyRelevant: true,
  },
  ESCORT_ABSENT: { summary: 'No discharge until the escort home is present', safetyRelevant: true },
  OBSERVATION_SHORT: { summary: 'No discharge before the observation time after the last dose', safetyRelevant: true },
};

type GateReason = Exclude<CombinedReason['type'], 'rule'>;
const GATE_REASONS: Record<GateReason, CodeRule> = {
  missing: { summary: 'No treatment without a signed screening of every required kind', safetyRelevant: true },
  expired: { summary: 'No treatment on a screening past its validity', safetyRelevant: true },
  pending: {
    summary: 'A newer submitted screening that holds treatment blocks before it is signed',
    safetyRelevant: true,
  },
  declined: { summary: 'A newer screening a clinician declined leaves the patient not cleared', safetyRelevant: true },
};

/** The dosing rules by the reason codes they return; several codes share one rule id. */
const DOSE_CODES: Record<DoseStepCode, CodeRule & { ruleId: string }> = {
  WEIGHT_MISSING: {
    ruleId: 'dosing.weight-today',
    summary: "A dose is worked out only on today's weight, measured at check-in",
    safetyRelevant: true,
  },
  WEIGHT_IMPLAUSIBLE: {
    ruleId: 'dosing.weight-plausible',
    summary: "A weight outside the clinic's plausible range is refused, never clamped",
    safetyRelevant: true,
  },
  BELOW_RANGE: {
    ruleId: 'dosing.within-protocol-range',
    summary: "A rate or dose outside the protocol's range at today's weight needs a clinician's written override",
    safetyRelevant: true,
  },
  ABOVE_RANGE: {
    ruleId: 'dosing.within-protocol-range',
    summary: "A rate or dose outside the protocol's range at today's weight needs a clinician's written override",
    safetyRelevant: true,
  },
  SESSION_CAP: {
    ruleId: 'dosing.cap.session-cap',
    summary: "A dose that would cross the protocol's per-session cap needs a clinician's written override",
    safetyRelevant: true,
  },
  COURSE_CAP: {
    ruleId: 'dosing.cap.course-cap',
    summary: "A dose that would cross the protocol's per-course cap needs a clinician's written override",
    safetyRelevant: true,
  },
  CUMULATIVE_CAP: {
    ruleId: 'dosing.cap.cumulative-cap',
    summary:
      "A dose that would cross the protocol's cumulative cap, every route counted, needs a clinician's written override",
    safetyRelevant: true,
  },
  WINDOW_30_CAP: {
    ruleId: 'dosing.cap.window-30-cap',
    summary:
      "A dose that would cross the clinic's 30-day cap across every route, home doses included, needs a clinician's written override",
    safetyRelevant: true,
  },
  WINDOW_90_CAP: {
    ruleId: 'dosing.cap.window-90-cap',
    summary:
      "A dose that would cross the clinic's 90-day cap across every route, home doses included, needs a clinician's written override",
    safetyRelevant: true,
  },
  WINDOW_365_CAP: {
    ruleId: 'dosing.cap.window-365-cap',
    summary:
      "A dose that would cross the clinic's 365-day cap across every route, home doses included, needs a clinician's written override",
    safetyRelevant: true,
  },
  WRONG_DOSE_FORM: {
    ruleId: 'dosing.protocol-dose-form',
    summary: "A dose is given only in the protocol's form and route",
    safetyRelevant: true,
  },
  INVALID_AMOUNT: {
    ruleId: 'dosing.amount-well-formed',
    summary: 'A rate or dose is a positive amount to at most three decimals',
    safetyRelevant: false,
  },
  NO_ORDER: {
    ruleId: 'dosing.administration-sequence',
    summary:
      "Nothing is given without a clinician's order; one start, rate changes while running, nothing after the stop",
    safetyRelevant: true,
  },
  OUT_OF_SEQUENCE: {
    ruleId: 'dosing.administration-sequence',
    summary:
      "Nothing is given without a clinician's order; one start, rate changes while running, nothing after the stop",
    safetyRelevant: true,
  },
};

const doseRules = (): SafetyRule[] => [
  ...new Map(
    Object.values(DOSE_CODES).map(({ ruleId, summary, safetyRelevant }) => [
      ruleId,
      { id: ruleId, summary, safetyRelevant },
    ]),
  ).values(),
];

/** Rules that are a function rather than a code; the reference makes the id fail to compile if the rule goes. */
const FUNCTION_RULES: readonly (SafetyRule & { implementedBy: readonly unknown[] })[] = [
  {
    id: 'template.rule-items-locked',
    summary: 'A new checklist version keeps every item the eligibility rules read, with its type, range and options',
    safetyRelevant: true,
    implementedBy: [validateTemplateDefinition],
  },
  {
    id: 'screening.answers-complete',
    summary: 'A screening is submitted only with every required answer present and in range',
    safetyRelevant: true,
    implementedBy: [validateAnswers],
  },
  {
    id: 'screening.suicidality-escalated',
    summary: 'A positive suicidality answer is flagged at once and puts the screening first in the review queue',
    safetyRelevant: true,
    implementedBy: [positiveSuicidalityAnswers, compareForReview],
  },
  {
    id: 'screening.override-relative-only',
    summary: `Only relative contraindications are overridden, with a written reason of at least ${OVERRIDE_REASON_MIN_LENGTH} characters; a NEEDS_REVIEW result is never signed as it stands`,
    safetyRelevant: true,
    implementedBy: [overrideRefusal, signRefusal, screeningActionRefusal, decisionReasonProblem],
  },
  {
    id: 'screening.standing',
    summary:
      "A screening's standing on every screen: a computed result awaiting a clinician is never shown as eligible; an override is shown as eligible by override",
    safetyRelevant: true,
    implementedBy: [screeningStanding],
  },
  {
    id: 'screening.review-choices',
    summary:
      'A clinician is offered only the decisions the workflow allows, each worded by what it records; confirming a contraindication is never the primary action',
    safetyRelevant: true,
    implementedBy: [reviewChoices],
  },
  {
    id: 'eligibility.combined-on-date',
    summary: 'Eligibility on a date combines the latest signed, unexpired screening of each required kind',
    safetyRelevant: true,
    implementedBy: [combineEligibility],
  },
  {
    id: 'check-in.day-of-checks',
    summary: 'The day-of checks at check-in, each on facts recorded today; a failed one blocks the start',
    safetyRelevant: true,
    implementedBy: [checkInChecks],
  },
  {
    id: 'check-in.override-relative-only',
    summary: "A clinician's written override lifts only the relative reasons it names; absolute ones stand",
    safetyRelevant: true,
    implementedBy: [checkInDecision],
  },
  {
    id: 'signing.record-settled',
    summary:
      'The nurse signs once discharged with every adverse event settled (grade ≥ 3 or serious seen by a clinician); the clinician co-signs after',
    safetyRelevant: true,
    implementedBy: [signRefusals, coSignRefusals],
  },
  {
    id: 'course.completed',
    summary: 'A course is completed when every session is completed, cancelled or a no-show, and one was completed',
    safetyRelevant: false,
    implementedBy: [courseCompleted],
  },
  {
    id: 'session.change-rules',
    summary: 'Whether a session may be moved, cancelled or marked a no-show depends on whether it has started',
    safetyRelevant: false,
    implementedBy: [hasStarted, sessionChangeProblem, courseCancellation],
  },
  {
    id: 'capacity.stranded-bookings-listed',
    summary:
      'A closure or retired chair lists the bookings it strands: previewed before a closure is saved, queued and marked for the front desk, and named as the cause when a same-day move finds nothing',
    safetyRelevant: true,
    implementedBy: [strandedByClosure, bookingsToMove, closedDayProblems],
  },
  {
    id: 'capacity.dated-shift-replaces-rota',
    summary: 'A dated nurse shift replaces the weekly rota for its whole day, in search, reference and re-check',
    safetyRelevant: true,
    implementedBy: [nursesOnDuty, shiftsOnDate],
  },
  {
    id: 'capacity.over-nurse-ratio-listed',
    summary: 'A capacity change lists the booked sessions it leaves over the nurse ratio for the front desk',
    safetyRelevant: true,
    implementedBy: [overNurseRatio],
  },
  {
    id: 'booking.open-courses-warned',
    summary: "Booking a course warns of the patient's courses already booked or under way, before a plan is chosen",
    safetyRelevant: true,
    implementedBy: [openCourseWarnings],
  },
];

const fromCodes = (prefix: string, codes: Record<string, CodeRule>): SafetyRule[] =>
  Object.entries(codes).map(([code, rule]) => ({ id: `${prefix}.${code}`, ...rule }));

/** Every domain rule a hazard may name as a control. */
export const SAFETY_RULES: readonly SafetyRule[] = [
  ...ELIGIBILITY_RULES.map((r) => ({
    id: `eligibility-rule.${r.id}`,
    summary: `${r.severity === 'ABSOLUTE' ? 'Blocks' : 'Holds for review'}: ${r.reason}`,
    safetyRelevant: true,
  })),
  ...fromCodes('eligibility-gate', GATE_REASONS),
  ...fromCodes('plan', PLAN_CODES),
  ...fromCodes('session-change', SESSION_CHANGE_CODES),
  ...doseRules(),
  ...fromCodes('check-in', CHECK_IN_CODE_RULES),
  ...fromCodes('discharge', DISCHARGE_CODE_RULES),
  ...FUNCTION_RULES.map(({ id, summary, safetyRelevant }) => ({ id, summary, safetyRelevant })),
  ...MONITORING_RULES.map(({ id, summary, safetyRelevant }) => ({ id, summary, safetyRelevant })),
  ...FOLLOW_UP_RULES.map(({ id, summary, safetyRelevant }) => ({ id, summary, safetyRelevant })),
  ...COURSE_DAY_RULES,
];
