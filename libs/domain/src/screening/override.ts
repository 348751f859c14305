import type { EligibilityReason, ScreeningStatus } from './eligibility';

/** A clinician's written reason for an override says why, in at least a short sentence. */
export const OVERRIDE_REASON_MIN_LENGTH = 10;

/**
 * A clinician's override accepts relative contraindications, so it applies to a NEEDS_REVIEW result
 * only. An absolute contraindication is never overridden: the patient is re-screened once the cause
 * is treated. An ELIGIBLE result has nothing to override: it is signed.
 */
export function overrideApplies(status: ScreeningStatus | null | undefined): boolean {
  return status === 'NEEDS_REVIEW';
}

export type OverrideRefusal =
  /** The absolute reasons that stand; no override lifts them. */
  | { because: 'ABSOLUTE'; absolute: EligibilityReason[] }
  /** ELIGIBLE, or no result yet: nothing to accept. */
  | { because: 'NOTHING_TO_OVERRIDE' };

/** Why a submitted screening's result may not be overridden; undefined when it may. */
export function overrideRefusal(
  status: ScreeningStatus | null | undefined,
  reasons: readonly EligibilityReason[],
): OverrideRefusal | undefined {
  if (overrideApplies(status)) return undefined;
  if (status === 'CONTRAINDICATED')
    return { because: 'ABSOLUTE', absolute: reasons.filter((r) => r.severity === 'ABSOLUTE') };
  return { because: 'NOTHING_TO_OVERRIDE' };
}

/**
 * A bare signature confirms a result as it stands. A NEEDS_REVIEW result cannot stand: the
 * clinician either accepts its relative contraindications with a written override or declines.
 * Signing it as-is would leave the patient blocked with nothing left in the review queue.
 */
export function signRefusal(
  status: ScreeningStatus | null | undefined,
): 'NEEDS_OVERRIDE_OR_DECLINE' | 'NO_RESULT' | undefined {
  if (status === 'NEEDS_REVIEW') return 'NEEDS_OVERRIDE_OR_DECLINE';
  if (!status) return 'NO_RESULT';
  return undefined;
}
