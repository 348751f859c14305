import type { Role } from '../../api/types';

export const ROLE_LABELS: Record<Role, string> = {
  SCHEDULER: 'Scheduler',
  NURSE: 'Nurse',
  CLINICIAN: 'Clinician',
  ADMIN: 'Admin',
};

export const ROLE_DUTIES: Record<Role, string> = {
  SCHEDULER: 'Registers patients, books courses and boosters',
  NURSE: 'Screening, infusion flowsheet, follow-up calls',
  CLINICIAN: 'Signs eligibility, prescribes, supervises sessions',
  ADMIN: 'Staff, clinic set-up, outcomes and the audit log',
};

/** Who works with patient records in the admin app. */
export const PATIENT_ROLES: readonly Role[] = ['SCHEDULER', 'NURSE', 'CLINICIAN'];
export const ADMIN_ROLES: readonly Role[] = ['ADMIN'];
/** Registering a patient is front-desk work (the API allows SCHEDULER only). */
export const REGISTER_PATIENT_ROLES: readonly Role[] = ['SCHEDULER'];
