import { addDays, clinicDateOf, instantMillis, isCalendarDate } from './dates';
import type { EligibilityResult, ScreeningStatus } from './eligibility';
import type { RuleSeverity } from './rules';
import { DEFAULT_SCREENING_SETTINGS, type ClinicScreeningSettings } from './settings';
import { SCREENING_KINDS, type ScreeningKind } from './templates';

/**
 * Eligibility on a treatment day, from signed screenings.
 *
 * Validity is counted in clinic calendar days: a screening signed on 1 March with validityDays 30
 * is valid up to and including 31 March (`validUntil`) and expired on 1 April.
 *
 * Pregnancy status holds only on the day it was recorded. Rather than letting it expire the whole
 * screening the next day (which would make every booking look ineligible), eligibility on a later
 * day stays as decided but lists it in `requiresOnTheDay`: the nurse re-confirms it before the
 * infusion starts, and a changed answer is a new screening that decides afresh.
 */

export const REQUIRED_SCREENING_KINDS: readonly ScreeningKind[] = SCREENING_KINDS;

export interface ClinicianOverride {
  /** The clinician's user id. */
  by: string;
  reason: string;
}

export interface DayOnlyAnswer {
  itemId: string;
  /** Short name, e.g. 'pregnancy status'. */
  label: string;
  recordedOn: string;
}

export interface SignedScreening {
  id: string;
  kind: ScreeningKind;
  /** Instant of signing; orders screenings of the same kind. */
  signedAt: string;
  /** Clinic calendar date of signing (see screeningSignedOn). */
  signedOn: string;
  /**
   * Last clinic calendar day (inclusive) it may be relied on, fixed at signing (validUntilFor).
   * When absent it is signedOn + the clinic's validityDays.
   */
  validUntil?: string;
  /** The result computed when it was signed; a signed screening is never re-evaluated. */
  result: EligibilityResult;
  /** Lifts a NEEDS_REVIEW result to ELIGIBLE; has no effect on CONTRAINDICATED. */
  override?: ClinicianOverride;
  /** Answers valid only on the day recorded (see dayOnlyItems). */
  dayOnly?: readonly DayOnlyAnswer[];
}

export type CombinedStatus = ScreeningStatus | 'NOT_ELIGIBLE';

export type CombinedReason =
  | {
      type: 'rule';
      kind: ScreeningKind;
      screeningId: string;
      ruleId: string;
      reason: string;
      severity: RuleSeverity;
      source: string;
      evidence: string;
      /** Present when a clinician override accepted this relative contraindication. */
      overriddenBy?: ClinicianOverride;
    }
  | { type: 'missing'; kind: ScreeningKind; reason: string }
  | { type: 'expired'; kind: ScreeningKind; screeningId: string; validUntil: string; reason: string };

export interface CombinedEligibility {
  on: string;
  status: CombinedStatus;
  reasons: CombinedReason[];
  /** The screenings this decision rests on, one per kind found. */
  screeningIds: string[];
  /** Last calendar day (inclusive) the decision holds: the earliest validUntil it rests on. */
  expiresAt?: string;
  suicidalityFlag: boolean;
  /** True when a screening relied on carries the marker and was not overridden by a clinician. */
  noSerialInfusionsWithoutOverride: boolean;
  /** Answers to re-confirm on the treatment day because they were recorded on another day. */
  requiresOnTheDay: string[];
}

/** The clinic calendar date a screening was signed on, from the signing instant and clinic zone. */
export function screeningSignedOn(signedAt: string, clinicTimeZone: string): string {
  return clinicDateOf(signedAt, clinicTimeZone);
}

export function validUntilFor(
  signedOn: string,
  settings: ClinicScreeningSettings = DEFAULT_SCREENING_SETTINGS,
): string {
  return addDays(signedOn, settings.validityDays);
}

const KIND_NAME: Record<ScreeningKind, string> = {
  CARDIOVASCULAR: 'cardiovascular',
  PSYCHIATRIC: 'psychiatric',
  GENERAL: 'general',
};

function latest(screenings: readonly SignedScreening[]): SignedScreening | undefined {
  return screenings.reduce<SignedScreening | undefined>(
    (best, s) => (best === undefined || instantMillis(s.signedAt) > instantMillis(best.signedAt) ? s : best),
    undefined,
  );
}

/**
 * Decides eligibility on `on` (a clinic calendar date) from the latest signed, unexpired screening
 * of each required kind. Precedence: CONTRAINDICATED (an absolute reason stands whatever else is
 * missing) > NOT_ELIGIBLE (a kind missing or expired) > NEEDS_REVIEW (a relative reason not
 * overridden) > ELIGIBLE.
 */
export function combineEligibility(
  screenings: readonly SignedScreening[],
  on: string,
  settings: ClinicScreeningSettings = DEFAULT_SCREENING_SETTINGS,
): CombinedEligibility {
  if (!isCalendarDate(on)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${on}`);
  const validUntil = (s: SignedScreening) => s.validUntil ?? validUntilFor(s.signedOn, settings);
  const reasons: CombinedReason[] = [];
  const relied: SignedScreening[] = [];
  let missingOrExpired = false;

  for (const kind of REQUIRED_SCREENING_KINDS) {
    // A screening signed after the day in question cannot have informed a decision on that day.
    const signedByThen = screenings.filter((s) => s.kind === kind && s.signedOn <= on);
    const current = latest(signedByThen.filter((s) => validUntil(s) >= on));
    if (current) {
      relied.push(current);
      continue;
    }
    missingOrExpired = true;
    const lapsed = latest(signedByThen);
    if (lapsed) {
      reasons.push({
        type: 'expired',
        kind,
        screeningId: lapsed.id,
        validUntil: validUntil(lapsed),
        reason: `The ${KIND_NAME[kind]} screening expired: valid until ${validUntil(lapsed)}`,
      });
    } else {
      reasons.push({ type: 'missing', kind, reason: `No signed ${KIND_NAME[kind]} screening` });
    }
  }

  let contraindicated = false;
  let needsReview = false;
  for (const s of relied) {
    // A clinician may accept relative contraindications; an absolute one is never overridden.
    const override = s.result.status === 'NEEDS_REVIEW' ? s.override : undefined;
    contraindicated ||= s.result.status === 'CONTRAINDICATED';
    needsReview ||= s.result.status === 'NEEDS_REVIEW' && !override;
    for (const r of s.result.reasons) {
      reasons.push({
        type: 'rule',
        kind: s.kind,
        screeningId: s.id,
        ...r,
        ...(override ? { overriddenBy: override } : {}),
      });
    }
  }

  const status: CombinedStatus = contraindicated
    ? 'CONTRAINDICATED'
    : missingOrExpired
      ? 'NOT_ELIGIBLE'
      : needsReview
        ? 'NEEDS_REVIEW'
        : 'ELIGIBLE';

  const expiresAt = relied.map(validUntil).sort()[0];
  const requiresOnTheDay = [
    ...new Set(relied.flatMap((s) => (s.dayOnly ?? []).filter((d) => d.recordedOn !== on).map((d) => d.label))),
  ];

  return {
    on,
    status,
    reasons,
    screeningIds: relied.map((s) => s.id),
    ...(expiresAt ? { expiresAt } : {}),
    suicidalityFlag: relied.some((s) => s.result.suicidalityFlag),
    noSerialInfusionsWithoutOverride: relied.some(
      (s) => s.result.noSerialInfusionsWithoutOverride && !(s.result.status === 'NEEDS_REVIEW' && s.override),
    ),
    requiresOnTheDay,
  };
}
