import { cumulativeLedger, type CumulativeLedger, type DoseRecord } from '../dosing/ledger';
import { applyOverride, type ClinicalReason, type OverrideOutcome, type WrittenOverride } from '../dosing/reason';
import { atMost } from '../dosing/rounding';
import {
  DEFAULT_DOSING_SETTINGS,
  ROLLING_WINDOW_DAYS,
  type DosingSettings,
  type RollingWindowDays,
} from '../dosing/settings';
import {
  DEFAULT_RESPONDER_SETTINGS,
  reductionFromBaseline,
  type PainFollowUp,
  type ResponderSettings,
} from '../outcomes/responders';
import type { BoosterCheck, ProtocolBoosterPolicy, ProtocolDoseCaps } from '../scheduling/protocol';
import type { CombinedEligibility } from '../screening/combine-eligibility';
import { addDays, addMonths } from '../screening/dates';
import type { BladderSymptom } from './bladder';
import { DEFAULT_FOLLOW_UP_SETTINGS, type FollowUpSettings } from './settings';

/**
 * Whether a booster may be booked for a patient, by the protocol's booster policy and its checks.
 * Repeated ketamine harms the bladder and no safe cumulative dose is established (clinical-facts §9),
 * so the bladder and cumulative-dose checks apply whatever the policy lists (protocol validation
 * already refuses a policy without them).
 *
 * ABSOLUTE (nothing lifts it; fix the cause): no boosters in the protocol, no completed course, the
 * interval or the yearly count of the protocol, eligibility not valid, a bladder screen missing or
 * too old, a positive bladder answer no clinician has reviewed. RELATIVE (a clinician's written
 * override lifts it): a cap the booster could cross (caps are clinic settings, as at the chair), no
 * measured response to the last course, relief not yet lost under a response-triggered policy.
 */
export type BoosterCode =
  | 'NO_BOOSTERS'
  | 'NO_COURSE_TO_BOOST'
  | 'INTERVAL_NOT_REACHED'
  | 'TOO_SOON_AFTER_LAST_SESSION'
  | 'MAX_PER_YEAR'
  | 'RELIEF_NOT_LOST'
  | 'SCREENING_NOT_VALID'
  | 'BLADDER_NOT_SCREENED'
  | 'BLADDER_SYMPTOMS_UNREVIEWED'
  | 'CUMULATIVE_CAP'
  | `WINDOW_${RollingWindowDays}_CAP`
  | 'NO_RESPONSE_DATA'
  | 'NO_RESPONSE';

/** The rule each reason code comes from; the safety registry lists them. */
export const BOOSTER_RULE_IDS: Readonly<Record<BoosterCode, string>> = {
  NO_BOOSTERS: 'booster.policy',
  NO_COURSE_TO_BOOST: 'booster.policy',
  INTERVAL_NOT_REACHED: 'booster.interval',
  TOO_SOON_AFTER_LAST_SESSION: 'booster.interval',
  MAX_PER_YEAR: 'booster.max-per-year',
  RELIEF_NOT_LOST: 'booster.relief-lost',
  SCREENING_NOT_VALID: 'booster.screening-valid',
  BLADDER_NOT_SCREENED: 'booster.bladder-reviewed',
  BLADDER_SYMPTOMS_UNREVIEWED: 'booster.bladder-reviewed',
  CUMULATIVE_CAP: 'booster.cumulative-dose-under-cap',
  WINDOW_30_CAP: 'booster.cumulative-dose-under-cap',
  WINDOW_90_CAP: 'booster.cumulative-dose-under-cap',
  WINDOW_365_CAP: 'booster.cumulative-dose-under-cap',
  NO_RESPONSE_DATA: 'booster.response-to-last-course',
  NO_RESPONSE: 'booster.response-to-last-course',
};

/** A follow-up's bladder answers, and the clinician's review when any was "yes". */
export interface BladderScreen {
  /** Clinic date of the follow-up record. */
  recordedOn: string;
  positive: readonly BladderSymptom[];
  review?: { by: string; on: string } | null;
}

export interface BoosterFacts {
  /** The clinic date the booster would start. */
  boosterOn: string;
  /** The clinic date it is booked on (today). */
  today: string;
  nowMs: number;
  policy: ProtocolBoosterPolicy;
  /** The booster protocol's caps: its per-course cap is the most the booster may give. */
  caps: Pick<ProtocolDoseCaps, 'perCourseMg' | 'cumulativeMg'>;
  /** The patient's last completed course or booster: its last session and its measured relief. */
  lastCourse: {
    lastSessionOn: string;
    baselinePainNrs: number | null;
    followUps: readonly PainFollowUp[];
  } | null;
  /** Start dates of the patient's other boosters, given or booked and not cancelled. */
  otherBoosterDates: readonly string[];
  /** Eligibility combined for the booster's start date. */
  eligibility: Pick<CombinedEligibility, 'on' | 'status'>;
  /** Bladder answers of the follow-ups since the last course. */
  bladderScreens: readonly BladderScreen[];
  /** Every dose the patient has had by every route, home doses included. */
  doses: readonly DoseRecord[];
}

export interface BoosterSettings {
  responder: Pick<ResponderSettings, 'moderatePercent' | 'substantialPercent' | 'minimumPoints'>;
  followUp: Pick<FollowUpSettings, 'bladderScreenMaxAgeDays'>;
  dosing: Pick<DosingSettings, 'windowCapsMg'>;
}

export const DEFAULT_BOOSTER_SETTINGS: Readonly<BoosterSettings> = {
  responder: DEFAULT_RESPONDER_SETTINGS,
  followUp: DEFAULT_FOLLOW_UP_SETTINGS,
  dosing: DEFAULT_DOSING_SETTINGS,
};

export type BoosterCheckName = 'POLICY' | BoosterCheck;
export type BoosterCheckResult = 'PASS' | 'RELATIVE' | 'ABSOLUTE' | 'NOT_REQUIRED';

/** One check's state, for the clinicians' booster queue. */
export interface BoosterCheckState {
  check: BoosterCheckName;
  result: BoosterCheckResult;
  reasons: ClinicalReason<BoosterCode>[];
}

export interface BoosterAssessment {
  /** POLICY first, then the four checks in the protocol catalogue's order. */
  checks: BoosterCheckState[];
  /** Every reason that holds the booster, from every required check. */
  reasons: ClinicalReason<BoosterCode>[];
  /** The first date the policy's interval allows, when there is a course to boost. */
  earliestOn?: string;
  ledger: CumulativeLedger;
}

const CHECK_ORDER: readonly BoosterCheck[] = [
  'SCREENING_VALID',
  'BLADDER_SYMPTOMS_REVIEWED',
  'CUMULATIVE_DOSE_UNDER_CAP',
  'RESPONSE_TO_LAST_COURSE',
];
const ALWAYS_REQUIRED: readonly BoosterCheck[] = ['BLADDER_SYMPTOMS_REVIEWED', 'CUMULATIVE_DOSE_UNDER_CAP'];

type Reason = ClinicalReason<BoosterCode>;
const reason = (code: BoosterCode, severity: Reason['severity'], message: string): Reason => ({
  code,
  ruleId: BOOSTER_RULE_IDS[code],
  severity,
  message,
});

/** Every check of a booster with its reasons; `boosterDecision` says whether it may be booked. */
export function boosterChecks(
  facts: BoosterFacts,
  settings: BoosterSettings = DEFAULT_BOOSTER_SETTINGS,
): BoosterAssessment {
  const ledger = cumulativeLedger(facts.doses, facts.nowMs, settings.dosing);
  const policy = policyReasons(facts, settings);
  const listed = facts.policy.kind === 'NONE' ? [] : facts.policy.checks;
  const found: Record<BoosterCheck, Reason[]> = {
    SCREENING_VALID: screeningReasons(facts),
    BLADDER_SYMPTOMS_REVIEWED: bladderReasons(facts, settings),
    CUMULATIVE_DOSE_UNDER_CAP: capReasons(facts, ledger, settings),
    RESPONSE_TO_LAST_COURSE: responseReasons(facts, settings),
  };
  const checks: BoosterCheckState[] = [
    { check: 'POLICY', result: worst(policy.reasons), reasons: policy.reasons },
    ...CHECK_ORDER.map((check) =>
      facts.policy.kind !== 'NONE' && (listed.includes(check) || ALWAYS_REQUIRED.includes(check))
        ? { check, result: worst(found[check]), reasons: found[check] }
        : { check, result: 'NOT_REQUIRED' as const, reasons: [] },
    ),
  ];
  return {
    checks,
    reasons: checks.flatMap((c) => c.reasons),
    ...(policy.earliestOn ? { earliestOn: policy.earliestOn } : {}),
    ledger,
  };
}

/** Whether the booster may be booked: no ABSOLUTE reason, every RELATIVE one accepted by a written override. */
export function boosterDecision(
  assessment: BoosterAssessment,
  override?: WrittenOverride<BoosterCode>,
): OverrideOutcome<BoosterCode> {
  return applyOverride(assessment.reasons, override);
}

function worst(reasons: readonly Reason[]): BoosterCheckResult {
  if (reasons.some((r) => r.severity === 'ABSOLUTE')) return 'ABSOLUTE';
  return reasons.length > 0 ? 'RELATIVE' : 'PASS';
}

// The policy: boosters at all, the interval after the last session, the yearly count, and (when
// response-triggered) relief lost at the latest follow-up.
function policyReasons(facts: BoosterFacts, settings: BoosterSettings): { reasons: Reason[]; earliestOn?: string } {
  const { policy, lastCourse } = facts;
  if (policy.kind === 'NONE') return { reasons: [reason('NO_BOOSTERS', 'ABSOLUTE', 'This protocol has no boosters')] };
  if (!lastCourse)
    return {
      reasons: [
        reason('NO_COURSE_TO_BOOST', 'ABSOLUTE', 'A booster follows a completed course; this patient has none'),
      ],
    };
  const reasons: Reason[] = [];
  const days = policy.kind === 'FIXED_INTERVAL' ? policy.intervalDays : policy.minDaysSinceLastSession;
  const earliestOn = addDays(lastCourse.lastSessionOn, days);
  if (facts.boosterOn < earliestOn)
    reasons.push(
      policy.kind === 'FIXED_INTERVAL'
        ? reason(
            'INTERVAL_NOT_REACHED',
            'ABSOLUTE',
            `This protocol's boosters are every ${days} days: the earliest after the last session on ${lastCourse.lastSessionOn} is ${earliestOn}`,
          )
        : reason(
            'TOO_SOON_AFTER_LAST_SESSION',
            'ABSOLUTE',
            `A booster comes at least ${days} days after the last session (${lastCourse.lastSessionOn}): the earliest is ${earliestOn}`,
          ),
    );
  const crowded = crowdedYear(facts.boosterOn, facts.otherBoosterDates, policy.maxPerYear);
  if (crowded)
    reasons.push(
      reason(
        'MAX_PER_YEAR',
        'ABSOLUTE',
        `This would be booster ${crowded.count} in the year from ${crowded.from}, more than the protocol's ${policy.maxPerYear} a year`,
      ),
    );
  if (policy.kind === 'RESPONSE_TRIGGERED') {
    const latest = latestScored(lastCourse.followUps);
    const baseline = lastCourse.baselinePainNrs;
    if (latest && usableBaseline(baseline)) {
      const { level, percentReduction } = reductionFromBaseline(baseline, latest.painNrs, settings.responder);
      if (level !== 'BELOW_MODERATE')
        reasons.push(
          reason(
            'RELIEF_NOT_LOST',
            'RELATIVE',
            `Relief still holds at day ${latest.offsetDays} (a ${round(percentReduction)} % reduction): this protocol's booster is offered when relief fades`,
          ),
        );
    }
  }
  return { reasons, earliestOn };
}

/**
 * The first one-year span (from a booster's date to the same date a year on, exclusive) holding
 * the new booster and more than `max` boosters in all, or undefined when every span is within it.
 */
function crowdedYear(
  boosterOn: string,
  others: readonly string[],
  max: number,
): { from: string; count: number } | undefined {
  const all = [...others, boosterOn].sort();
  for (const from of all) {
    const until = addMonths(from, 12);
    if (from > boosterOn || until <= boosterOn) continue;
    const count = all.filter((d) => d >= from && d < until).length;
    if (count > max) return { from, count };
  }
  return undefined;
}

function screeningReasons(facts: BoosterFacts): Reason[] {
  if (facts.eligibility.status === 'ELIGIBLE' && facts.eligibility.on === facts.boosterOn) return [];
  const on =
    facts.eligibility.on === facts.boosterOn ? '' : ` (decided for ${facts.eligibility.on}, not the booster's date)`;
  return [
    reason(
      'SCREENING_NOT_VALID',
      'ABSOLUTE',
      `Eligibility on ${facts.boosterOn} is ${facts.eligibility.status.toLowerCase().replace(/_/g, ' ')}${on}: screen again before a booster`,
    ),
  ];
}

function bladderReasons(facts: BoosterFacts, settings: BoosterSettings): Reason[] {
  const maxAge = settings.followUp.bladderScreenMaxAgeDays;
  const reasons: Reason[] = [];
  const latest = [...facts.bladderScreens].sort((a, b) => (a.recordedOn < b.recordedOn ? 1 : -1))[0];
  if (!latest || latest.recordedOn < addDays(facts.today, -maxAge))
    reasons.push(
      reason(
        'BLADDER_NOT_SCREENED',
        'ABSOLUTE',
        latest
          ? `The last bladder-symptom answers are from ${latest.recordedOn}, more than ${maxAge} days ago: ask them again at a follow-up`
          : 'No bladder-symptom answers since the last course: ask them at a follow-up',
      ),
    );
  for (const screen of facts.bladderScreens)
    if (screen.positive.length > 0 && !screen.review)
      reasons.push(
        reason(
          'BLADDER_SYMPTOMS_UNREVIEWED',
          'ABSOLUTE',
          `Bladder symptoms reported on ${screen.recordedOn} (${screen.positive.map(words).join(', ')}) await a clinician's review`,
        ),
      );
  return reasons;
}

// The booster may give up to its protocol's per-course cap: every cap is compared with what the
// patient has had so far plus that. The windows end now, which never understates them on a later
// booster date.
function capReasons(facts: BoosterFacts, ledger: CumulativeLedger, settings: BoosterSettings): Reason[] {
  const booster = facts.caps.perCourseMg;
  const reasons: Reason[] = [];
  const over = (code: BoosterCode, what: string, soFar: number, cap: number | null) => {
    if (cap === null || atMost(soFar + booster, cap)) return;
    reasons.push(
      reason(
        code,
        'RELATIVE',
        `${what} is ${soFar} mg; a booster course of up to ${booster} mg would bring it to ${round3(soFar + booster)} mg, above the cap of ${cap} mg`,
      ),
    );
  };
  over('CUMULATIVE_CAP', 'The cumulative dose across every route', ledger.total.allTimeMg, facts.caps.cumulativeMg);
  for (const days of ROLLING_WINDOW_DAYS)
    over(
      `WINDOW_${days}_CAP`,
      `The dose of the last ${days} days across every route`,
      ledger.total.windows[days],
      settings.dosing.windowCapsMg[days],
    );
  return reasons;
}

// A response is a follow-up of the last course at or above the moderately important reduction
// (IMMPACT ≥ 30 %, clinical-facts §4), at any offset: after a single infusion relief may last days.
function responseReasons(facts: BoosterFacts, settings: BoosterSettings): Reason[] {
  const course = facts.lastCourse;
  if (!course) return [];
  const baseline = course.baselinePainNrs;
  const scored = course.followUps.filter((f) => validNrs(f.painNrs));
  if (!usableBaseline(baseline) || scored.length === 0)
    return [
      reason(
        'NO_RESPONSE_DATA',
        'RELATIVE',
        !usableBaseline(baseline)
          ? 'The last course has no pre-course pain score above 0, so no response can be measured'
          : 'The last course has no follow-up pain score, so no response can be measured',
      ),
    ];
  const reductions = scored.map((f) => ({ f, ...reductionFromBaseline(baseline, f.painNrs, settings.responder) }));
  if (reductions.some((r) => r.level !== 'BELOW_MODERATE')) return [];
  const best = reductions.reduce((a, b) => (b.percentReduction > a.percentReduction ? b : a));
  return [
    reason(
      'NO_RESPONSE',
      'RELATIVE',
      `No follow-up of the last course reached the ${settings.responder.moderatePercent} % reduction IMMPACT calls moderately important (best ${round(best.percentReduction)} % at day ${best.f.offsetDays})`,
    ),
  ];
}

const validNrs = (score: number) => Number.isFinite(score) && score >= 0 && score <= 10;
const usableBaseline = (baseline: number | null): baseline is number =>
  baseline !== null && validNrs(baseline) && baseline > 0;
const latestScored = (followUps: readonly PainFollowUp[]) =>
  followUps.filter((f) => validNrs(f.painNrs)).sort((a, b) => b.offsetDays - a.offsetDays)[0];
const round = (value: number) => Math.round(value * 10) / 10;
const round3 = (value: number) => Math.round(value * 1000) / 1000;
const words = (symptom: BladderSymptom) => symptom.toLowerCase().replace(/_/g, ' ');
