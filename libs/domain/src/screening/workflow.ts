import type { EligibilityReason, ScreeningStatus } from './eligibility';
import { OVERRIDE_REASON_MIN_LENGTH, overrideRefusal, signRefusal } from './override';

/**
 * Where a screening record is in its life. A nurse drafts it and submits it (the result is then
 * computed and fixed); a clinician signs it, or declines it. Signed and declined records are final.
 */
export const SCREENING_STATES = ['DRAFT', 'SUBMITTED', 'SIGNED', 'DECLINED'] as const;
export type ScreeningState = (typeof SCREENING_STATES)[number];

/** What staff can do to a screening. An override is its own action: a signature that accepts relative contraindications. */
export const SCREENING_ACTIONS = ['edit', 'submit', 'sign', 'override', 'decline', 'addendum'] as const;
export type ScreeningAction = (typeof SCREENING_ACTIONS)[number];

export interface ScreeningTransition {
  /** The only state the action starts from. */
  from: ScreeningState;
  /** The state the record is in afterwards. */
  to: ScreeningState;
  /** The action leaves the record as it is and starts a new draft that amends it. */
  createsDraft?: true;
  /** Why the action needs `from`: the sentence said to whoever asks from another state. */
  why: string;
}

/** The screening workflow, one row per action. */
export const SCREENING_WORKFLOW: Readonly<Record<ScreeningAction, ScreeningTransition>> = {
  edit: {
    from: 'DRAFT',
    to: 'DRAFT',
    why: 'Only a draft can be edited: a submitted result is fixed and a signed record is final; correct a signed one with an addendum.',
  },
  submit: {
    from: 'DRAFT',
    to: 'SUBMITTED',
    why: 'Only a draft is submitted: submission computes the result once, from complete answers.',
  },
  sign: {
    from: 'SUBMITTED',
    to: 'SIGNED',
    why: 'Only a submitted screening is signed: its result is fixed and nobody has decided on it yet.',
  },
  override: {
    from: 'SUBMITTED',
    to: 'SIGNED',
    why: 'Only a submitted screening is overridden: an override is a signature that accepts its relative contraindications.',
  },
  decline: {
    from: 'SUBMITTED',
    to: 'DECLINED',
    why: 'Only a submitted screening is declined: nobody has decided on it yet.',
  },
  addendum: {
    from: 'SIGNED',
    to: 'SIGNED',
    createsDraft: true,
    why: 'Only a signed screening takes an addendum: an earlier one is still edited or decided in place, a declined one is replaced by a new screening.',
  },
};

/** What the workflow reads of a screening. */
export interface ScreeningAtHand {
  status: ScreeningState;
  /** The computed result; set at submission. */
  result: ScreeningStatus | null | undefined;
  reasons: readonly EligibilityReason[];
}

export type ScreeningActionRefusal =
  /** The record is not in the state the action starts from. */
  | { because: 'STATUS'; action: ScreeningAction; status: ScreeningState; needs: ScreeningState; reason: string }
  /** A bare signature on NEEDS_REVIEW: it is overridden with a reason, or declined. */
  | { because: 'NEEDS_OVERRIDE_OR_DECLINE'; action: 'sign'; reason: string }
  /** A submitted screening without a result: nothing to sign or override. */
  | { because: 'NO_RESULT'; action: 'sign'; reason: string }
  /** An override of a CONTRAINDICATED result: the absolute reasons stand. */
  | { because: 'ABSOLUTE'; action: 'override'; absolute: EligibilityReason[]; reason: string }
  /** An override of an ELIGIBLE result (or none): nothing to accept. */
  | { because: 'NOTHING_TO_OVERRIDE'; action: 'override'; reason: string };

/**
 * Why `action` may not be taken on `screening` now; undefined when it may. The state comes first;
 * for a submitted screening, signing and overriding also depend on its result.
 */
export function screeningActionRefusal(
  action: ScreeningAction,
  screening: ScreeningAtHand,
): ScreeningActionRefusal | undefined {
  const transition = SCREENING_WORKFLOW[action];
  if (screening.status !== transition.from) {
    return {
      because: 'STATUS',
      action,
      status: screening.status,
      needs: transition.from,
      reason: `This screening is ${screening.status.toLowerCase()}. ${transition.why}`,
    };
  }
  switch (action) {
    case 'sign':
      return signingRefusal(screening.result);
    case 'override':
      return overridingRefusal(screening.result, screening.reasons);
    case 'edit':
    case 'submit':
    case 'decline':
    case 'addendum':
      return undefined;
    default:
      return unhandled(action);
  }
}

/** Every action with whether it is open now and, if not, why: what a screen offers as buttons. */
export function screeningActions(
  screening: ScreeningAtHand,
): { action: ScreeningAction; refusal: ScreeningActionRefusal | undefined }[] {
  return SCREENING_ACTIONS.map((action) => ({ action, refusal: screeningActionRefusal(action, screening) }));
}

/** A clinician's decision that is kept with a written reason. */
export type ReasonedDecision = 'override' | 'decline';

export type DecisionReasonProblem =
  { because: 'BLANK'; reason: string } | { because: 'TOO_SHORT'; minLength: number; reason: string };

/**
 * Why the written reason of an override or a decline does not do; undefined when it does. Both
 * need words; an override, which lets a patient with relative contraindications be treated, needs
 * at least a short sentence.
 */
export function decisionReasonProblem(decision: ReasonedDecision, reason: string): DecisionReasonProblem | undefined {
  if (!/\S/.test(reason)) return { because: 'BLANK', reason: `A ${decision} is kept with a written reason.` };
  if (decision === 'override' && reason.length < OVERRIDE_REASON_MIN_LENGTH) {
    return {
      because: 'TOO_SHORT',
      minLength: OVERRIDE_REASON_MIN_LENGTH,
      reason: `An override's reason says why, in at least ${OVERRIDE_REASON_MIN_LENGTH} characters.`,
    };
  }
  return undefined;
}

function signingRefusal(result: ScreeningStatus | null | undefined): ScreeningActionRefusal | undefined {
  const refusal = signRefusal(result);
  switch (refusal) {
    case undefined:
      return undefined;
    case 'NEEDS_OVERRIDE_OR_DECLINE':
      return {
        because: refusal,
        action: 'sign',
        reason:
          'A result that needs review is cleared with a written override, or declined; it is not signed as it stands.',
      };
    case 'NO_RESULT':
      return {
        because: refusal,
        action: 'sign',
        reason: 'This screening has no computed result: there is nothing to sign.',
      };
    default:
      return unhandled(refusal);
  }
}

function overridingRefusal(
  result: ScreeningStatus | null | undefined,
  reasons: readonly EligibilityReason[],
): ScreeningActionRefusal | undefined {
  const refusal = overrideRefusal(result, reasons);
  if (!refusal) return undefined;
  switch (refusal.because) {
    case 'ABSOLUTE':
      return {
        because: 'ABSOLUTE',
        action: 'override',
        absolute: refusal.absolute,
        reason:
          'An absolute contraindication cannot be overridden; sign or decline the screening, and re-screen once the cause is treated.',
      };
    case 'NOTHING_TO_OVERRIDE':
      return {
        because: 'NOTHING_TO_OVERRIDE',
        action: 'override',
        reason: result
          ? 'Only a NEEDS_REVIEW result can be overridden; this one is eligible: sign it.'
          : 'This screening has no computed result: there is nothing to override.',
      };
    default:
      return unhandled(refusal);
  }
}

function unhandled(value: never): never {
  throw new Error(`Unhandled screening workflow case ${JSON.stringify(value)}`);
}
