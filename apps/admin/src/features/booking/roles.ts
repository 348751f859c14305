import type { Role } from '../../api/types';

/** Booking a course is front-desk work. */
export const BOOKING_ROLES: readonly Role[] = ['SCHEDULER'];
/** Everyone who works the clinic floor sees the chair board. */
export const BOARD_ROLES: readonly Role[] = ['SCHEDULER', 'NURSE', 'CLINICIAN'];
/** Moving or cancelling a session is the front desk's; the nurse on the floor may record a no-show. */
export const CHANGE_APPOINTMENT_ROLES: readonly Role[] = ['SCHEDULER'];
export const NO_SHOW_ROLES: readonly Role[] = ['SCHEDULER', 'NURSE'];
