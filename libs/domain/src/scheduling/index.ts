// Protocol catalogue and capacity-aware booking of courses: plain data in, plans out.
export * from './protocol';
export {
  type ClinicCapacity,
  type ClinicClosure,
  type ClinicNurseShift,
  type ClinicResource,
  type ClinicResourceKind,
  type ExistingAppointment,
  type IsoWeekday,
  type OpeningHoursWindow,
  type SlotSearchErrorCode,
  SlotSearchError,
  wallClockMinutes,
} from './clinic';
export * from './clinic-rules';
export {
  DATED_SHIFT_RULE,
  nurseShiftFromRecord,
  nursesOnDuty,
  shiftsOnDate,
  type DatedNurseShift,
  type NurseShiftRecord,
  type PlacedDatedShift,
  type WeeklyNurseShift,
} from './nurse-duty';
export type { CoursePlan, CoursePlanRequest, PlannedSession } from './course';
export { prepareSlotSearch, type SlotSearchIndex } from './occupancy';
export { findCoursePlans, type FindCoursePlansRequest } from './slot-search';
export * from './feasibility';
export {
  protocolProblems,
  isProtocol,
  PROTOCOL_KEY_PATTERN,
  BOOSTER_CHECKS,
  type ProtocolProblem,
} from './protocol-validation';
export {
  closedDayProblems,
  singleSessionProtocol,
  rescheduleDate,
  type RescheduleProblem,
  type RescheduleProblemCode,
} from './reschedule';
export * from './session-changes';
export {
  bookingsToMove,
  localDatesSpan,
  overNurseRatio,
  strandedByClosure,
  type BookedSession,
  type BookingToMoveReason,
  type HeldSession,
} from './closure-impact';
export {
  chooseBookingOptions,
  findBookingOptions,
  NOON_MINUTES,
  partOfDay,
  TIMES_OF_DAY,
  type BookingOption,
  type BookingOptionReason,
  type BookingOptionReasonCode,
  type BookingPreferences,
  type FindBookingOptionsRequest,
  type OptionCandidate,
  type PartOfDay,
  type TimeOfDay,
} from './booking-options';
export * from './open-courses';
export {
  otherDayMoveProblems,
  remainderProtocol,
  replanDateProblems,
  replanWindow,
  type CourseDayProblem,
  type CourseSessionDay,
  type OtherDayMoveCode,
  type ReplanCode,
  type ReplanWindow,
} from './replan';
