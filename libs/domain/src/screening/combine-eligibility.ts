import { isCalendarDate } from '../patient';
import { addDays, clinicDateOf, instantMillis } from './dates';
import type { EligibilityReason, EligibilityResult, ScreeningStatus } from './eligibility';
import type { RuleSeverity } from './rules';
import { overrideApplies } from './override';
import { DEFAULT_SCREENING_SETTINGS, type ClinicScreeningSettings } from './settings';
import { SCREENING_KINDS, type ScreeningKind } from './templates';

/**
 * Eligibility on a treatment day, from signed screenings and the unsigned ones newer than them.
 *
 * Validity is counted in clinic calendar days from the assessment, the day the answers were
 * submitted, not the day a clinician got round to signing: vitals taken on 1 March with
 * validityDays 30 are relied on up to and including 31 March (`validUntil`), however late they
 * were signed, and expired on 1 April.
 *
 * A signed screening stands only until a newer assessment of its kind says otherwise. A newer one
 * still awaiting a clinician (SUBMITTED) that found an absolute contraindication blocks at once,
 * and one needing review holds treatment for review; a newer one a clinician DECLINED means the
 * patient is not cleared, so the older signed one is no longer relied on.
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
  /** Instant the answers were submitted (the assessment); signedAt when unknown. */
  submittedAt?: string;
  /** Clinic calendar date of the assessment (see signingDates); signedOn when unknown. */
  assessedOn?: string;
  /**
   * Last clinic calendar day (inclusive) it may be relied on, fixed at signing (signingDates).
   * When absent it is assessedOn + the clinic's validityDays.
   */
  validUntil?: string;
  /** The result computed when it was signed; a signed screening is never re-evaluated. */
  result: EligibilityResult;
  /** Lifts a NEEDS_REVIEW result to ELIGIBLE; has no effect on CONTRAINDICATED. */
  override?: ClinicianOverride;
  /** Answers valid only on the day recorded (see dayOnlyItems). */
  dayOnly?: readonly DayOnlyAnswer[];
}

/** A screening submitted and awaiting a clinician, or declined by one: never relied on, but it can block. */
export interface UnsignedScreening {
  id: string;
  kind: ScreeningKind;
  status: 'SUBMITTED' | 'DECLINED';
  /** Instant the answers were submitted. */
  submittedAt: string;
  /** Clinic calendar date of submission. */
  submittedOn: string;
  /** The result computed at submission, with the rules that fired. */
  result: Pick<EligibilityResult, 'status' | 'reasons'> & Partial<Pick<EligibilityResult, 'suicidalityFlag'>>;
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
  | { type: 'expired'; kind: ScreeningKind; screeningId: string; validUntil: string; reason: string }
  /** A newer submitted screening, not yet signed, whose result holds treatment; one per rule fired. */
  | ({
      type: 'pending';
      kind: ScreeningKind;
      screeningId: string;
      submittedOn: string;
      result: 'CONTRAINDICATED' | 'NEEDS_REVIEW';
      reason: string;
    } & Partial<Pick<EligibilityReason, 'ruleId' | 'severity' | 'source' | 'evidence'>>)
  /** A newer screening a clinician declined: the patient is not cleared for this kind. */
  | { type: 'declined'; kind: ScreeningKind; screeningId: string; submittedOn: string; reason: string };

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

/** The last day (inclusive) a screening assessed on `assessedOn` may be relied on. */
export function validUntilFor(
  assessedOn: string,
  settings: ClinicScreeningSettings = DEFAULT_SCREENING_SETTINGS,
): string {
  return addDays(assessedOn, settings.validityDays);
}

/**
 * What signing fixes: the clinic-local day of signing, the day of the assessment (submission; the
 * `assessedOn` the rules used) and the validity window, which runs from the assessment. A
 * screening without a submission instant is taken as assessed when signed.
 */
export function signingDates(
  input: { signedAt: string; submittedAt?: string; timeZone: string },
  settings: ClinicScreeningSettings = DEFAULT_SCREENING_SETTINGS,
): { signedOn: string; assessedOn: string; validUntil: string } {
  const signedOn = clinicDateOf(input.signedAt, input.timeZone);
  const assessedOn = input.submittedAt ? clinicDateOf(input.submittedAt, input.timeZone) : signedOn;
  return { signedOn, assessedOn, validUntil: validUntilFor(assessedOn, settings) };
}

/** The reasons that stand in the way of treatment: all but relative reasons a clinician accepted. */
export function blockingReasons(reasons: readonly CombinedReason[]): CombinedReason[] {
  return reasons.filter((r) => !(r.type === 'rule' && r.overriddenBy));
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
 * of each required kind, and from every unsigned screening (`unsigned`: SUBMITTED or DECLINED)
 * assessed after the latest signed one of its kind, up to `on`. Every such newer one counts, not
 * only the newest, so a later submission cannot hide a pending contraindication before a clinician
 * has seen it; signing a newer screening supersedes them all.
 *
 * Precedence: CONTRAINDICATED (an absolute reason, signed or pending, stands whatever else is
 * missing) > NOT_ELIGIBLE (a kind missing, expired or declined) > NEEDS_REVIEW (a relative reason
 * not overridden, or a pending screening needing review) > ELIGIBLE.
 */
export function combineEligibility(
  screenings: readonly SignedScreening[],
  on: string,
  settings: ClinicScreeningSettings = DEFAULT_SCREENING_SETTINGS,
  unsigned: readonly UnsignedScreening[] = [],
): CombinedEligibility {
  if (!isCalendarDate(on)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${on}`);
  const validUntil = (s: SignedScreening) => s.validUntil ?? validUntilFor(s.assessedOn ?? s.signedOn, settings);
  const assessedAt = (s: SignedScreening) => instantMillis(s.submittedAt ?? s.signedAt);
  const reasons: CombinedReason[] = [];
  const relied: SignedScreening[] = [];
  const newer: UnsignedScreening[] = [];
  let missingOrExpired = false;

  for (const kind of REQUIRED_SCREENING_KINDS) {
    // A screening signed after the day in question cannot have informed a decision on that day.
    const signedByThen = screenings.filter((s) => s.kind === kind && s.signedOn <= on);
    const lastAssessed = Math.max(-Infinity, ...signedByThen.map(assessedAt));
    const newerOfKind = unsigned
      .filter((u) => u.kind === kind && u.submittedOn <= on && instantMillis(u.submittedAt) > lastAssessed)
      .sort((a, b) => instantMillis(b.submittedAt) - instantMillis(a.submittedAt));
    newer.push(...newerOfKind);
    const declined = newerOfKind.find((u) => u.status === 'DECLINED');
    const current = latest(signedByThen.filter((s) => validUntil(s) >= on));
    if (current && !declined) {
      relied.push(current);
      continue;
    }
    missingOrExpired = true;
    const lapsed = latest(signedByThen);
    if (declined) {
      reasons.push({
        type: 'declined',
        kind,
        screeningId: declined.id,
        submittedOn: declined.submittedOn,
        reason: `The ${KIND_NAME[kind]} screening of ${declined.submittedOn} was declined by a clinician: not cleared until a new one is signed`,
      });
    } else if (lapsed) {
      reasons.push({
        type: 'expired',
        kind,
        screeningId: lapsed.id,
        validUntil: validUntil(lapsed),
        reason: `The ${KIND_NAME[kind]} screening expired: valid until ${validUntil(lapsed)}`,
      });
    } else {
      // One submitted and awaiting a clinician is not missing: say so, rather than "none" beside "awaiting".
      const awaiting = newerOfKind.find((u) => u.status === 'SUBMITTED');
      reasons.push({
        type: 'missing',
        kind,
        reason: awaiting
          ? `No signed ${KIND_NAME[kind]} screening yet: the one submitted on ${awaiting.submittedOn} awaits a clinician's signature`
          : `No signed ${KIND_NAME[kind]} screening`,
      });
    }
  }

  let contraindicated = false;
  let needsReview = false;
  for (const s of relied) {
    // A clinician may accept relative contraindications; an absolute one is never overridden.
    const override = overrideApplies(s.result.status) ? s.override : undefined;
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

  // Newer screenings awaiting a clinician hold treatment on what they found, before signing.
  const pending = newer.filter(
    (u): u is UnsignedScreening & { result: { status: 'CONTRAINDICATED' | 'NEEDS_REVIEW' } } =>
      u.status === 'SUBMITTED' && u.result.status !== 'ELIGIBLE',
  );
  for (const u of pending) {
    contraindicated ||= u.result.status === 'CONTRAINDICATED';
    needsReview ||= u.result.status === 'NEEDS_REVIEW';
    const base = {
      type: 'pending',
      kind: u.kind,
      screeningId: u.id,
      submittedOn: u.submittedOn,
      result: u.result.status,
    } as const;
    const awaiting = `The ${KIND_NAME[u.kind]} screening of ${u.submittedOn}, awaiting a clinician, found`;
    if (u.result.reasons.length === 0) {
      reasons.push({
        ...base,
        reason: `${awaiting} ${u.result.status === 'CONTRAINDICATED' ? 'a contraindication' : 'a reason for review'}`,
      });
    }
    for (const r of u.result.reasons) reasons.push({ ...base, ...r, reason: `${awaiting}: ${r.reason}` });
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
    suicidalityFlag:
      relied.some((s) => s.result.suicidalityFlag) ||
      newer.some((u) => u.status === 'SUBMITTED' && u.result.suicidalityFlag === true),
    noSerialInfusionsWithoutOverride: relied.some(
      (s) => s.result.noSerialInfusionsWithoutOverride && !(overrideApplies(s.result.status) && s.override),
    ),
    requiresOnTheDay,
  };
}
