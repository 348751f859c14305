import { ELIGIBILITY_RULES, type EligibilityInput, type EligibilityRule, type RuleSeverity } from './rules';
import { DEFAULT_SCREENING_SETTINGS, type ClinicScreeningSettings } from './settings';

export type ScreeningStatus = 'ELIGIBLE' | 'NEEDS_REVIEW' | 'CONTRAINDICATED';

export interface EligibilityReason {
  ruleId: string;
  reason: string;
  severity: RuleSeverity;
  source: string;
  evidence: string;
}

export interface EligibilityResult {
  status: ScreeningStatus;
  /** Every rule that fired, ABSOLUTE first, each with the answers that made it fire. */
  reasons: EligibilityReason[];
  /** Any positive suicidality answer (C-SSRS or PHQ-9 item 9), whatever the status. */
  suicidalityFlag: boolean;
  /** Active substance misuse: a course of serial infusions needs an explicit clinician override. */
  noSerialInfusionsWithoutOverride: boolean;
}

/**
 * Applies every rule to the answers at hand. Any ABSOLUTE reason → CONTRAINDICATED; otherwise any
 * RELATIVE reason → NEEDS_REVIEW; otherwise ELIGIBLE.
 */
export function evaluateEligibility(
  input: EligibilityInput,
  settings: ClinicScreeningSettings = DEFAULT_SCREENING_SETTINGS,
  rules: readonly EligibilityRule[] = ELIGIBILITY_RULES,
): EligibilityResult {
  const reasons: EligibilityReason[] = [];
  let suicidalityFlag = false;
  let noSerialInfusionsWithoutOverride = false;
  for (const rule of rules) {
    const finding = rule.evaluate(input, settings);
    if (!finding) continue;
    reasons.push({
      ruleId: rule.id,
      reason: rule.reason,
      severity: rule.severity,
      source: rule.source,
      evidence: finding.evidence,
    });
    suicidalityFlag ||= finding.suicidality === true;
    noSerialInfusionsWithoutOverride ||= finding.noSerialInfusionsWithoutOverride === true;
  }
  reasons.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  return { status: statusOf(reasons), reasons, suicidalityFlag, noSerialInfusionsWithoutOverride };
}

function statusOf(reasons: readonly { severity: RuleSeverity }[]): ScreeningStatus {
  if (reasons.some((r) => r.severity === 'ABSOLUTE')) return 'CONTRAINDICATED';
  if (reasons.length > 0) return 'NEEDS_REVIEW';
  return 'ELIGIBLE';
}

const severityRank = (severity: RuleSeverity) => (severity === 'ABSOLUTE' ? 0 : 1);
