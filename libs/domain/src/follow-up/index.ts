// Follow-up and boosters: the schedule of follow-ups after a course with windows in the clinic's
// zone, their status and the nurses' worklist.
export { DEFAULT_FOLLOW_UP_SETTINGS } from './settings';
export type { FollowUpSettings, FollowUpWindowBand } from './settings';
export { clinicDateAt, clinicMidnight, followUpSchedule } from './schedule';
export type { CompletedCourse, ScheduledFollowUp } from './schedule';
export { FOLLOW_UP_STATUSES, compareForWorklist, followUpStatus, followUpWorklist } from './status';
export type {
  FollowUpReason,
  FollowUpState,
  FollowUpStatus,
  FollowUpStatusCode,
  WorklistCandidate,
  WorklistEntry,
} from './status';
