import type { BoardAppointment } from './api/appointments.api';

/** Why the front desk must move a session, in the desk's words (the API decides which apply). */
export const TO_MOVE_LABELS: Record<BoardAppointment['toMove'][number], string> = {
  CLINIC_CLOSED: 'Clinic closed',
  CHAIR_OUT_OF_SERVICE: 'Chair out of service',
  OVER_NURSE_RATIO: 'Over the nurse ratio',
};

export const toMoveWords = (reasons: readonly BoardAppointment['toMove'][number][]) =>
  reasons.map((r) => TO_MOVE_LABELS[r]).join(', ');
