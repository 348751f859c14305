import type { Role } from '../../api/types';

/** The outbox: read by the clinical roles, acted on by the staff who contact patients. */
export const OUTBOX_ROLES: readonly Role[] = ['SCHEDULER', 'NURSE', 'CLINICIAN'];
export const OUTBOX_ACT_ROLES: readonly Role[] = ['SCHEDULER', 'NURSE'];

/** Clinicians work the booster queue. */
export const BOOSTER_QUEUE_ROLES: readonly Role[] = ['CLINICIAN'];
