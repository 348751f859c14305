import { DomainError } from '../../common/errors/domain-error';

/** A reason a plan cannot be booked, per session where it names one. */
export interface PlanProblem {
  code: string;
  sessionIndex?: number;
  message: string;
}

const infeasible = (detail: string) => (reasons: PlanProblem[]) =>
  new DomainError(
    'PLAN_INFEASIBLE',
    detail,
    reasons.map((r) => ({
      field: r.sessionIndex === undefined ? 'sessions' : `sessions[${r.sessionIndex}]`,
      rule: r.code,
      message: r.message,
    })),
    { reasons },
  );

/** The errors of booking (options, booking, moving), built in one place. */
export const bookingErrors = {
  planInfeasible: infeasible('The clinic cannot deliver this plan as it stands; search again for options.'),
  /** A move of one session, asked for on the panel or by a drag on the board: there is no search to repeat. */
  moveInfeasible: infeasible('The session cannot move there as it stands; choose another chair or time.'),
  slotTaken: () =>
    new DomainError('SLOT_TAKEN', 'Another booking took this chair or time a moment ago; search again for options.'),
  noSuchClinic: () => new DomainError('NOT_FOUND', 'No such clinic.'),
  protocolNotBookable: (message: string) => new DomainError('PROTOCOL_NOT_BOOKABLE', message),
  notAChairFor: (kind: 'CHAIR' | 'BED') => {
    const message = `preferredChairId must be an active ${kind === 'BED' ? 'bed' : 'chair'} of this clinic, as the protocol needs`;
    return new DomainError('VALIDATION_FAILED', message, [
      { field: 'preferredChairId', rule: 'chairOfClinic', message },
    ]);
  },
  patternMismatch: (message: string) =>
    new DomainError('VALIDATION_FAILED', message, [{ field: 'sessions', rule: 'protocolPattern', message }]),
};
