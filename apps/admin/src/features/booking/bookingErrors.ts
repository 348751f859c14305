import { ApiError, describeError } from '../../api/problem';

export interface BookingProblem {
  title: string;
  message: string;
  reasons: string[];
  /** The plan can no longer be booked: the user should run a fresh search. */
  searchAgain: boolean;
}

/** What went wrong with a booking, in words the front desk can act on. Nothing is retried. */
export function bookingProblem(error: unknown): BookingProblem {
  if (error instanceof ApiError) {
    // NOT_ELIGIBLE lists each refused day's reasons in `errors` ("2026-12-07: …").
    const reasons = error.fieldErrors.map((e) => e.message);
    if (error.status === 409 && (error.code === 'SLOT_TAKEN' || error.code === 'PLAN_INFEASIBLE')) {
      return {
        title: 'That slot was just taken',
        message:
          'Another booking took one of these sessions a moment ago. Nothing was booked — search again for fresh options.',
        reasons: [],
        searchAgain: true,
      };
    }
    if (error.status === 409) {
      return { title: 'Not booked', message: describeError(error), reasons, searchAgain: true };
    }
    if (error.status === 422) {
      return {
        title: error.code === 'NOT_ELIGIBLE' ? 'Not eligible on every session date' : 'Not booked',
        message:
          error.code === 'NOT_ELIGIBLE'
            ? 'Nothing was booked. The patient’s signed screenings do not cover every session of this plan:'
            : describeError(error),
        reasons,
        searchAgain: false,
      };
    }
  }
  return { title: 'Not booked', message: describeError(error), reasons: [], searchAgain: false };
}
