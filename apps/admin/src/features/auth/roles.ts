import type { Role } from '../../api/types';

export const ROLE_LABELS: Record<Role, string> = {
  SCHEDULER: 'Scheduler',
  NURSE: 'Nurse',
  CLINICIAN: 'Clinician',
  ADMIN: 'Admin',
};

/** Who works with patient records in the admin app. */
export const PATIENT_ROLES: readonly Role[] = ['SCHEDULER', 'NURSE', 'CLINICIAN'];
export const ADMIN_ROLES: readonly Role[] = ['ADMIN'];
/** Registering a patient is front-desk work (the API allows SCHEDULER only). */
export const REGISTER_PATIENT_ROLES: readonly Role[] = ['SCHEDULER'];
