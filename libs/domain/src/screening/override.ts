import type { EligibilityReason, ScreeningStatus } from './eligibility';

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
  if (status === 'CONTRAINDICATED') return { because: 'ABSOLUTE', absolute: reasons.filter((r) => r.severity === 'ABSOLUTE') };
  return { because: 'NOTHING_TO_OVERRIDE' };
}
