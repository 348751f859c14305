import type { FollowUpStatus, FollowUpStatusCode } from '@cadence/domain';
import type { Role } from '../../api/types';

/** Nurses work the worklist and record follow-ups (clinicians may read it); the API enforces the same. */
export const WORKLIST_ROLES: readonly Role[] = ['NURSE', 'CLINICIAN'];
export const WORKLIST_NAV_ROLES: readonly Role[] = ['NURSE'];
export const RECORD_FOLLOW_UP_ROLES: readonly Role[] = ['NURSE'];
/** A patient's timeline: everyone who looks after the patient clinically. */
export const TIMELINE_ROLES: readonly Role[] = ['NURSE', 'CLINICIAN'];
/** Clinicians review bladder answers and work the booster queue. */
export const BOOSTER_QUEUE_ROLES: readonly Role[] = ['CLINICIAN'];
export const BLADDER_REVIEW_ROLES: readonly Role[] = ['CLINICIAN'];
/** The outbox: read by the clinical roles, acted on by the staff who contact patients. */
export const OUTBOX_ROLES: readonly Role[] = ['SCHEDULER', 'NURSE', 'CLINICIAN'];
export const OUTBOX_ACT_ROLES: readonly Role[] = ['SCHEDULER', 'NURSE'];

export const STATUS_LABELS: Record<FollowUpStatus, string> = {
  UPCOMING: 'Upcoming',
  DUE: 'Due',
  OVERDUE: 'Overdue',
  COMPLETED: 'Completed',
  MISSED: 'Missed',
};

export const STATUS_COLORS: Record<FollowUpStatus, string> = {
  UPCOMING: 'gray',
  DUE: 'blue',
  OVERDUE: 'orange',
  COMPLETED: 'green',
  MISSED: 'red',
};

/** The extra badge a reason earns beside the status: the window's last day. */
export const EXTRA_BADGES: Partial<Record<FollowUpStatusCode, { label: string; color: string }>> = {
  LAST_DAY: { label: 'Last day', color: 'red' },
  RECORD_OUTSIDE_WINDOW: { label: 'Record outside window', color: 'gray' },
};

export const CHANNEL_LABELS: Record<string, string> = {
  PHONE: 'Phone',
  IN_PERSON: 'In person',
  PATIENT_LINK: 'Patient link',
};
