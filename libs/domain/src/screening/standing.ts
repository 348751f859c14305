import type { EligibilityReason, ScreeningStatus } from './eligibility';
import { overrideApplies } from './override';
import { screeningActionRefusal, type ScreeningState } from './workflow';

/**
 * What one screening record means for treatment, in one word, wherever it is shown: a result
 * computed at submission is only a proposal until a clinician signs it, and a NEEDS_REVIEW result
 * signed with an override is eligible by that override.
 */
export type ScreeningStandingCode =
  | 'DRAFT'
  | 'AWAITING_CLINICIAN'
  | 'ELIGIBLE'
  | 'ELIGIBLE_BY_OVERRIDE'
  | 'CONTRAINDICATED'
  | 'NEEDS_REVIEW'
  | 'DECLINED';

export interface ScreeningStanding {
  code: ScreeningStandingCode;
  /** The badge's words. */
  label: string;
  /** What stands behind it: the computed result awaiting signature, the override's or decline's reason. */
  detail: string | null;
  /** Whether a course may rely on this screening (signed, and eligible or eligible by override). */
  clears: boolean;
}

export interface ScreeningForStanding {
  status: ScreeningState;
  result?: ScreeningStatus | null;
  overrideReason?: string | null;
  declineReason?: string | null;
}

const RESULT_WORDS: Record<ScreeningStatus, string> = {
  ELIGIBLE: 'eligible',
  NEEDS_REVIEW: 'needs review',
  CONTRAINDICATED: 'contraindicated',
};

export function screeningStanding(s: ScreeningForStanding): ScreeningStanding {
  switch (s.status) {
    case 'DRAFT':
      return { code: 'DRAFT', label: 'Draft', detail: 'Not submitted: no result yet', clears: false };
    case 'SUBMITTED':
      return {
        code: 'AWAITING_CLINICIAN',
        label: 'Awaiting clinician',
        detail: s.result ? `Computed result: ${RESULT_WORDS[s.result]}; not signed yet` : 'Not signed yet',
        clears: false,
      };
    case 'DECLINED':
      return {
        code: 'DECLINED',
        label: 'Declined',
        detail: s.declineReason ? `Not cleared: ${s.declineReason}` : 'Not cleared',
        clears: false,
      };
    case 'SIGNED':
      if (s.result === 'CONTRAINDICATED')
        return { code: 'CONTRAINDICATED', label: 'Contraindicated', detail: null, clears: false };
      if (s.result === 'NEEDS_REVIEW' && overrideApplies(s.result) && s.overrideReason)
        return {
          code: 'ELIGIBLE_BY_OVERRIDE',
          label: 'Eligible by override',
          detail: `Override: ${s.overrideReason}`,
          clears: true,
        };
      if (s.result === 'ELIGIBLE') return { code: 'ELIGIBLE', label: 'Eligible', detail: null, clears: true };
      // Signing refuses a NEEDS_REVIEW result without an override, and any record without a result:
      // should one exist all the same, it clears nothing.
      return { code: 'NEEDS_REVIEW', label: 'Needs review', detail: 'Signed without an override', clears: false };
  }
}

export type ReviewAction = 'sign' | 'override' | 'decline';

export interface ReviewChoice {
  action: ReviewAction;
  /** The button's words, naming what the decision records. */
  label: string;
  /** The one decision the result points to; the others are offered beside it. */
  primary: boolean;
  /** What is said once it is done. */
  done: string;
}

/**
 * The decisions a clinician may take on a screening now (the workflow's own refusals), worded by
 * what each records: signing an eligible result clears the patient, signing a contraindicated one
 * confirms the contraindication (never the primary action), an override accepts relative reasons.
 */
export function reviewChoices(s: ScreeningForStanding & { reasons: readonly EligibilityReason[] }): ReviewChoice[] {
  const atHand = { status: s.status, result: s.result, reasons: s.reasons };
  const choices: ReviewChoice[] = [];
  if (!screeningActionRefusal('sign', atHand)) {
    choices.push(
      s.result === 'CONTRAINDICATED'
        ? { action: 'sign', label: 'Confirm contraindication', primary: false, done: 'Contraindication confirmed' }
        : { action: 'sign', label: 'Sign as eligible', primary: true, done: 'Screening signed: eligible' },
    );
  }
  if (!screeningActionRefusal('override', atHand))
    choices.push({
      action: 'override',
      label: 'Override…',
      primary: true,
      done: 'Screening signed: eligible by override',
    });
  if (!screeningActionRefusal('decline', atHand))
    choices.push({ action: 'decline', label: 'Decline…', primary: false, done: 'Screening declined' });
  return choices;
}
