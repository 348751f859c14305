import type { SessionState } from './session';

/**
 * Signing the session record: the nurse signs once the patient is discharged and every adverse
 * event is settled; the supervising clinician's co-signature follows. Once signed the database
 * freezes the record (only the co-signature may be added); corrections are addenda.
 */
export type SigningCode =
  | 'NOT_DISCHARGED'
  | 'ALREADY_SIGNED'
  | 'ADVERSE_EVENT_DRAFT'
  | 'ADVERSE_EVENT_NOT_SEEN'
  | 'NOT_SIGNED_BY_NURSE'
  | 'ALREADY_CO_SIGNED';

export interface SigningReason {
  code: SigningCode;
  ruleId: string;
  message: string;
  /** The adverse event the reason is about, when it is about one. */
  adverseEventId?: string;
}

export interface SessionAdverseEvent {
  id: string;
  status: 'DRAFT' | 'CONFIRMED' | 'DISMISSED';
  grade: number | null;
  serious: boolean;
  /**
   * A clinician has seen the event: a clinician recorded or confirmed it, or read the in-app alert
   * it raised. This is what lets the nurse sign a record with a grade ≥ 3 or serious event.
   */
  seenByClinician: boolean;
}

export interface SigningInput {
  state: SessionState;
  nurseSigned: boolean;
  coSigned: boolean;
  adverseEvents: readonly SessionAdverseEvent[];
}

/** Grade 3 and above, or any serious event, is escalated to a clinician (HAZ-22). */
export const needsClinician = (event: Pick<SessionAdverseEvent, 'grade' | 'serious'>) =>
  event.serious || (event.grade ?? 0) >= 3;

/** Why the nurse may not sign now; empty when they may. */
export function signRefusals(input: SigningInput): SigningReason[] {
  if (input.nurseSigned)
    return [{ code: 'ALREADY_SIGNED', ruleId: 'signing.once', message: 'The record is already signed by its nurse' }];
  if (input.state !== 'DISCHARGED')
    return [
      {
        code: 'NOT_DISCHARGED',
        ruleId: 'signing.after-discharge',
        message: 'The record is signed once the patient is discharged',
      },
    ];
  const reasons: SigningReason[] = [];
  for (const event of input.adverseEvents) {
    if (event.status === 'DRAFT')
      reasons.push({
        code: 'ADVERSE_EVENT_DRAFT',
        ruleId: 'signing.adverse-events-settled',
        message: 'An adverse event drafted from an alert is still to be confirmed or dismissed',
        adverseEventId: event.id,
      });
    else if (event.status === 'CONFIRMED' && needsClinician(event) && !event.seenByClinician)
      reasons.push({
        code: 'ADVERSE_EVENT_NOT_SEEN',
        ruleId: 'signing.serious-events-seen',
        message: `A ${event.serious ? 'serious' : `grade ${event.grade}`} adverse event has not been seen by a clinician yet`,
        adverseEventId: event.id,
      });
  }
  return reasons;
}

/** Why the clinician may not co-sign now; empty when they may. */
export function coSignRefusals(input: Pick<SigningInput, 'nurseSigned' | 'coSigned'>): SigningReason[] {
  if (input.coSigned)
    return [{ code: 'ALREADY_CO_SIGNED', ruleId: 'signing.once', message: 'The record is already co-signed' }];
  if (!input.nurseSigned)
    return [
      {
        code: 'NOT_SIGNED_BY_NURSE',
        ruleId: 'signing.nurse-first',
        message: 'The clinician co-signs after the nurse has signed',
      },
    ];
  return [];
}

/**
 * Whether a course is completed: every appointment is completed, cancelled or a no-show, and at
 * least one was completed (a course of nothing but cancellations and no-shows did not happen).
 */
export function courseCompleted(appointments: readonly { status: string }[]): boolean {
  return (
    appointments.some((a) => a.status === 'COMPLETED') &&
    appointments.every((a) => ['COMPLETED', 'CANCELLED', 'NO_SHOW'].includes(a.status))
  );
}
