import type {
  AdverseEventAction,
  AdverseEventOutcome,
  AldreteItem,
  DayOfCheckId,
  DayOfResult,
  SessionState,
  SuggestedAction,
} from '@cadence/domain';
import type { Role } from '../../api/types';

/** The nurse runs the infusion day; the clinician supervises, orders and co-signs. */
export const INFUSION_ROLES: readonly Role[] = ['NURSE', 'CLINICIAN'];
/** Every member of staff has an alerts inbox. */
export const ALERT_ROLES: readonly Role[] = ['SCHEDULER', 'NURSE', 'CLINICIAN', 'ADMIN'];

export const STATE_LABELS: Record<SessionState, string> = {
  EXPECTED: 'Expected',
  CHECKED_IN: 'Checked in',
  INFUSING: 'Infusing',
  IN_RECOVERY: 'In recovery',
  DISCHARGED: 'Discharged',
  NO_SHOW: 'No-show',
};

export const STATE_COLORS: Record<SessionState, string> = {
  EXPECTED: 'gray',
  CHECKED_IN: 'blue',
  INFUSING: 'cadence',
  IN_RECOVERY: 'violet',
  DISCHARGED: 'green',
  NO_SHOW: 'dark',
};

export const CHECK_LABELS: Record<DayOfCheckId, string> = {
  BLOOD_PRESSURE: 'Blood pressure',
  HEART_RATE: 'Heart rate',
  SPO2: 'SpO2',
  WEIGHT: "Today's weight",
  PREGNANCY: 'Pregnancy status',
  FASTING: 'Fasting',
  ESCORT_HOME: 'Escort home',
  NO_DRIVING: 'Not driving',
};

export const RESULT_LABELS: Record<DayOfResult, { label: string; color: string }> = {
  PASS: { label: 'Passed', color: 'green' },
  RELATIVE: { label: 'Clinician decides', color: 'orange' },
  ABSOLUTE: { label: 'Blocks the start', color: 'red' },
};

export const ACTION_LABELS: Record<SuggestedAction, string> = {
  RECHECK: 'Recheck',
  SLOW: 'Slow the infusion',
  PAUSE: 'Pause the infusion',
  STOP: 'Stop the infusion',
  CALL_CLINICIAN: 'Call the clinician',
};

export const AE_ACTION_LABELS: Record<AdverseEventAction, string> = {
  NONE: 'None',
  RATE_REDUCED: 'Rate reduced',
  PAUSED: 'Paused',
  STOPPED: 'Stopped',
  MEDICATION_GIVEN: 'Medication given',
};

export const AE_OUTCOME_LABELS: Record<AdverseEventOutcome, string> = {
  RESOLVED: 'Resolved',
  RESOLVING: 'Resolving',
  NOT_RESOLVED: 'Not resolved',
  FATAL: 'Fatal',
  UNKNOWN: 'Unknown',
};

/** The modified Aldrete items (each scored 0–2 on the clinic's own chart). */
export const ALDRETE_LABELS: Record<AldreteItem, string> = {
  activity: 'Activity',
  respiration: 'Respiration',
  circulation: 'Circulation',
  consciousness: 'Consciousness',
  oxygenSaturation: 'O2 saturation',
};

/** RASS (Sessler et al. 2002), +4 to −5. */
export const RASS_LABELS: Record<string, string> = {
  '4': 'Combative',
  '3': 'Very agitated',
  '2': 'Agitated',
  '1': 'Restless',
  '0': 'Alert and calm',
  '-1': 'Drowsy',
  '-2': 'Light sedation',
  '-3': 'Moderate sedation',
  '-4': 'Deep sedation',
  '-5': 'Unarousable',
};

/** Cadence's own dissociation rating (the domain's VitalsReading.dissociation). */
export const DISSOCIATION_LABELS = ['None', 'Mild', 'Moderate', 'Severe'] as const;
