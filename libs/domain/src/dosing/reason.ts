import type { RuleSeverity } from '../screening/rules';
import { OVERRIDE_REASON_MIN_LENGTH } from '../screening/override';

/**
 * Why a dosing or infusion-day rule holds: a code a program can act on, the rule it comes from
 * (the hazard log names rules by id) and a sentence a nurse or clinician can read.
 * ABSOLUTE: nothing lifts it (fix the data, or do not treat today). RELATIVE: a clinician may accept
 * it with a written reason.
 */
export interface ClinicalReason<Code extends string = string> {
  code: Code;
  ruleId: string;
  severity: RuleSeverity;
  message: string;
}

/** A clinician's written acceptance of named relative reasons; a reason it does not name still stands. */
export interface WrittenOverride<Code extends string = string> {
  by: string;
  reason: string;
  accepts: readonly Code[];
}

export interface OverrideOutcome<Code extends string = string> {
  /** True when nothing stands: no ABSOLUTE reason, and every RELATIVE one accepted by a valid override. */
  allowed: boolean;
  /** Reasons that still block, ABSOLUTE first. */
  standing: ClinicalReason<Code>[];
  /** Relative reasons the override accepted. */
  accepted: ClinicalReason<Code>[];
  /** Why the override given could not be used, when it could not. */
  overrideProblem?: string;
}

/** Why a written override cannot be used at all; undefined when it can. Same written-reason rule as screening. */
export function writtenOverrideProblem(override: WrittenOverride | undefined): string | undefined {
  if (!override) return undefined;
  if (!override.by.trim()) return 'An override names the clinician who gives it';
  if (override.reason.trim().length < OVERRIDE_REASON_MIN_LENGTH)
    return `An override needs a written reason of at least ${OVERRIDE_REASON_MIN_LENGTH} characters`;
  return undefined;
}

/**
 * Applies a clinician's override to a rule's reasons. An ABSOLUTE reason always stands; a RELATIVE
 * one is lifted only when the override names its code and carries a written reason.
 */
export function applyOverride<Code extends string>(
  reasons: readonly ClinicalReason<Code>[],
  override?: WrittenOverride<Code>,
): OverrideOutcome<Code> {
  const overrideProblem = writtenOverrideProblem(override);
  const usable = override && !overrideProblem ? override : undefined;
  const accepted = reasons.filter((r) => r.severity === 'RELATIVE' && usable?.accepts.includes(r.code));
  const standing = reasons
    .filter((r) => !accepted.includes(r))
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'ABSOLUTE' ? -1 : 1));
  return { allowed: standing.length === 0, standing, accepted, ...(overrideProblem ? { overrideProblem } : {}) };
}
