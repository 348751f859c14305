import {
  BLADDER_SYMPTOMS,
  FOLLOW_UP_STATUSES,
  PROTOCOL_ROUTES,
  SUPPORTING_CARE,
  type FollowUpStatus,
} from '@cadence/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../../../common/validation/page-query.dto';

export const FOLLOW_UP_CHANNELS = ['PHONE', 'IN_PERSON', 'PATIENT_LINK'] as const;

export class FollowUpReasonDto {
  @ApiProperty({ example: 'OVERDUE' }) code!: string;
  @ApiProperty({ example: 'follow-up.status' }) ruleId!: string;
  @ApiProperty() message!: string;
}

export class FollowUpWindowDto {
  @ApiProperty({ type: Number, description: 'Clinic days after the last session' }) offsetDays!: number;
  @ApiProperty({ format: 'date', description: 'Clinic date' }) dueOn!: string;
  @ApiProperty({ format: 'date', description: 'First clinic day of the window' }) opensOn!: string;
  @ApiProperty({ format: 'date', description: 'Last clinic day of the window (inclusive)' }) closesOn!: string;
  @ApiProperty({ format: 'date-time', description: "The clinic's midnight starting opensOn" }) opensAt!: string;
  @ApiProperty({ format: 'date-time', description: 'The first instant the window is closed' }) closesAt!: string;
}

export class FollowUpStateDto {
  @ApiProperty({ enum: FOLLOW_UP_STATUSES, enumName: 'FollowUpStatus', description: "The domain's status now" })
  status!: FollowUpStatus;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Clinic days left in the window after today (0 on its last day); null unless DUE or OVERDUE',
  })
  daysLeft!: number | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The record inside the window that completed it',
  })
  completedByRecordId!: string | null;
  @ApiProperty({ type: [FollowUpReasonDto] }) reasons!: FollowUpReasonDto[];
}

export class FollowUpFlagDto {
  @ApiProperty({ enum: ['BLADDER_SYMPTOMS', 'SUICIDALITY'], enumName: 'FollowUpFlag' }) code!: string;
  @ApiProperty() ruleId!: string;
  @ApiProperty() message!: string;
}

export class PromisResultDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Answers by item id (PAININ9, PAININ22, PAININ31, PAININ34, PAININ12, PAININ36), 1–5',
  })
  answers!: Record<string, number>;
  @ApiProperty({ type: Number, description: '6–30' }) rawScore!: number;
  @ApiProperty({ type: Number, description: 'T-score by the PI 6a table' }) tScore!: number;
  @ApiProperty({ type: Number }) standardError!: number;
}

export class Phq9ResultDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Answers q1…q9, 0–3' })
  answers!: Record<string, number>;
  @ApiProperty({ type: Number, description: '0–27' }) total!: number;
  @ApiProperty({ type: String, nullable: true }) band!: string | null;
  @ApiProperty({ type: String, nullable: true }) bandLabel!: string | null;
}

export class BladderReviewViewDto {
  @ApiProperty({ format: 'uuid' }) reviewedById!: string;
  @ApiProperty({ format: 'date-time' }) reviewedAt!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class BladderResultDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'boolean' }, description: 'Yes/no by symptom' })
  answers!: Record<string, boolean>;
  @ApiProperty({ enum: BLADDER_SYMPTOMS, enumName: 'BladderSymptom', isArray: true, description: 'Answered yes' })
  positive!: string[];
  @ApiProperty({ type: BladderReviewViewDto, nullable: true, description: "A clinician's review of the yes answers" })
  review!: BladderReviewViewDto | null;
}

export class ReportedHomeDoseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PROTOCOL_ROUTES, enumName: 'ProtocolRoute' }) route!: string;
  @ApiProperty({ type: Number }) mg!: number;
  @ApiProperty({ format: 'date-time' }) takenAt!: string;
}

export class FollowUpRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) followUpId!: string;
  @ApiProperty({ enum: FOLLOW_UP_CHANNELS, enumName: 'FollowUpChannel' }) channel!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Null when the patient answered through their link',
  })
  recordedById!: string | null;
  @ApiProperty({ description: 'Taken inside the window: only such a record completes the follow-up' })
  insideWindow!: boolean;
  @ApiProperty({ type: Number }) painNrsNow!: number;
  @ApiProperty({ type: Number }) painNrs7DayAverage!: number;
  @ApiProperty({ type: PromisResultDto }) painInterference!: PromisResultDto;
  @ApiProperty({ type: Phq9ResultDto }) phq9!: Phq9ResultDto;
  @ApiProperty({ type: BladderResultDto }) bladder!: BladderResultDto;
  @ApiProperty({ enum: SUPPORTING_CARE, enumName: 'SupportingCare', isArray: true }) supportingCare!: string[];
  @ApiProperty({ type: [ReportedHomeDoseDto] }) homeDoses!: ReportedHomeDoseDto[];
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ type: [FollowUpFlagDto], description: 'What needs a clinician: bladder symptoms, PHQ-9 item 9' })
  flags!: FollowUpFlagDto[];
}

export class LinkSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) usedAt!: string | null;
}

export class FollowUpDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ type: FollowUpWindowDto }) window!: FollowUpWindowDto;
  @ApiProperty({ type: FollowUpStateDto }) state!: FollowUpStateDto;
  @ApiProperty({ type: Number }) version!: number;
  @ApiProperty({ type: [FollowUpRecordDto], description: 'Every record, in the order taken' })
  records!: FollowUpRecordDto[];
  @ApiProperty({ type: [LinkSummaryDto], description: "Links sent to the patient (never the link's token)" })
  links!: LinkSummaryDto[];
}

export class FollowUpRecordedDto {
  @ApiProperty({ type: FollowUpRecordDto }) record!: FollowUpRecordDto;
  @ApiProperty({ type: FollowUpDto }) followUp!: FollowUpDto;
  @ApiProperty({ type: Number, description: 'Clinicians alerted now about PHQ-9 item 9' }) cliniciansAlerted!: number;
}

// The worklist.

export class WorklistQueryDto extends PageQuery(50, 200) {}

export class WorklistPatientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty() mrn!: string;
  @ApiProperty({ format: 'date' }) dateOfBirth!: string;
}

export class WorklistCourseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() protocolKey!: string;
  @ApiProperty() protocolName!: string;
  @ApiProperty({ enum: ['INITIAL', 'BOOSTER'], enumName: 'CourseKind' }) kind!: 'INITIAL' | 'BOOSTER';
  @ApiProperty({ type: String, format: 'date', nullable: true }) lastSessionOn!: string | null;
}

export class LastScoresDto {
  @ApiProperty({ format: 'uuid' }) recordId!: string;
  @ApiProperty({ format: 'uuid' }) followUpId!: string;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ type: Number }) painNrsNow!: number;
  @ApiProperty({ type: Number }) painNrs7DayAverage!: number;
  @ApiProperty({ type: Number, description: 'PROMIS PI 6a raw score' }) promisRaw!: number;
  @ApiProperty({ type: Number, description: 'PROMIS PI 6a T-score' }) promisT!: number;
  @ApiProperty({ type: Number }) phq9Total!: number;
  @ApiProperty({ description: 'Any bladder symptom answered yes' }) bladderFlag!: boolean;
  @ApiProperty({ description: 'The yes answers reviewed by a clinician' }) bladderReviewed!: boolean;
}

export const REACH_BY = ['PHONE', 'PATIENT_LINK', 'ESCORT_PHONE', 'NONE'] as const;

export class ReachDto {
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) escortName!: string | null;
  @ApiProperty({ type: String, nullable: true }) escortPhone!: string | null;
  @ApiProperty({
    enum: REACH_BY,
    enumName: 'ReachBy',
    description: "Try first: the patient's phone, else a link by email, else their escort's phone",
  })
  suggested!: (typeof REACH_BY)[number];
  @ApiProperty({ type: LinkSummaryDto, nullable: true, description: 'The last link sent for this follow-up' })
  lastLink!: LinkSummaryDto | null;
}

export class WorklistEntryDto {
  @ApiProperty({ format: 'uuid' }) followUpId!: string;
  @ApiProperty({ type: Number }) version!: number;
  @ApiProperty({ type: FollowUpStateDto }) state!: FollowUpStateDto;
  @ApiProperty({ type: FollowUpWindowDto }) window!: FollowUpWindowDto;
  @ApiProperty({ type: WorklistPatientDto }) patient!: WorklistPatientDto;
  @ApiProperty({ type: WorklistCourseDto }) course!: WorklistCourseDto;
  @ApiProperty({
    type: LastScoresDto,
    nullable: true,
    description: "The patient's last recorded follow-up, any course",
  })
  lastScores!: LastScoresDto | null;
  @ApiProperty({ type: ReachDto }) reach!: ReachDto;
}

export class WorklistPageDto {
  @ApiProperty({ type: [WorklistEntryDto], description: 'Most urgent first' }) items!: WorklistEntryDto[];
  @ApiProperty({ type: Number }) total!: number;
  @ApiProperty({ type: Number }) page!: number;
  @ApiProperty({ type: Number }) pageSize!: number;
  @ApiProperty({ format: 'date-time', description: 'The instant the statuses are given at' }) asOf!: string;
}

// A patient's timeline.

export class TimelineSessionDto {
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) sessionId!: string | null;
  @ApiProperty({ type: Number }) sessionNumber!: number;
  @ApiProperty({ format: 'date', description: 'Clinic date' }) on!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ enum: ['BOOKED', 'CANCELLED', 'NO_SHOW', 'COMPLETED'], enumName: 'AppointmentStatus' })
  status!: string;
  @ApiProperty({ type: Number, nullable: true }) painBefore!: number | null;
  @ApiProperty({ type: Number, nullable: true }) painAfter!: number | null;
}

export class TimelineProtocolDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PROTOCOL_ROUTES, enumName: 'ProtocolRoute' }) route!: string;
}

export class ScoreAgainstBaselineDto {
  @ApiProperty({ type: Number }) painNrs!: number;
  @ApiProperty({ type: Number, nullable: true }) pointsReduction!: number | null;
  @ApiProperty({ type: Number, nullable: true }) percentReduction!: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: '≥ 30 % (IMMPACT moderate)' }) moderate!: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true, description: '≥ 50 % (IMMPACT substantial)' })
  substantial!: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true, description: '≥ 2 NRS points' }) pointsMet!: boolean | null;
}

export class ReliefMeasurementDto {
  @ApiProperty({ format: 'uuid' }) followUpId!: string;
  @ApiProperty({ format: 'uuid' }) recordId!: string;
  @ApiProperty({ type: Number }) offsetDays!: number;
  @ApiProperty({ format: 'date' }) recordedOn!: string;
  @ApiProperty({ type: Number, description: 'Clinic days after the last session' }) day!: number;
  @ApiProperty({ type: ScoreAgainstBaselineDto, description: 'The primary score' })
  sevenDayAverage!: ScoreAgainstBaselineDto;
  @ApiProperty({ type: ScoreAgainstBaselineDto, description: 'Beside it; decides nothing' })
  painNow!: ScoreAgainstBaselineDto;
  @ApiProperty({ type: Boolean, nullable: true }) reliefHeld!: boolean | null;
  @ApiProperty({ description: 'False once a later course had begun, or for a score out of range' }) counted!: boolean;
}

export class ResponderSummaryDto {
  @ApiProperty({ type: Boolean, nullable: true }) met!: boolean | null;
  @ApiProperty({ type: [String] }) followUpIds!: string[];
  @ApiProperty({ type: [String] }) recordIds!: string[];
}

export class ResponderByLineDto {
  @ApiProperty({ type: ResponderSummaryDto }) MODERATE!: ResponderSummaryDto;
  @ApiProperty({ type: ResponderSummaryDto }) SUBSTANTIAL!: ResponderSummaryDto;
  @ApiProperty({ type: ResponderSummaryDto }) POINTS!: ResponderSummaryDto;
}

export class ReliefOutcomeDto {
  @ApiProperty({
    enum: ['RELIEF_LOST', 'STILL_RESPONDING', 'LOST_TO_FOLLOW_UP', 'NEW_COURSE_STARTED', 'NO_BASELINE', 'NO_FOLLOW_UP'],
    enumName: 'ReliefOutcomeCode',
  })
  code!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Days after the last session' }) day!: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) on!: string | null;
  @ApiProperty({ type: [String] }) followUpIds!: string[];
  @ApiProperty({ type: [String] }) recordIds!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) laterCourseId!: string | null;
}

export class CourseReliefDto {
  @ApiProperty({ enum: ['MODERATE', 'SUBSTANTIAL', 'POINTS'], enumName: 'ReliefLine' }) line!: string;
  @ApiProperty({ type: [ReliefMeasurementDto] }) measurements!: ReliefMeasurementDto[];
  @ApiProperty({ type: ResponderByLineDto }) responder!: ResponderByLineDto;
  @ApiProperty({ type: ReliefOutcomeDto }) outcome!: ReliefOutcomeDto;
  @ApiProperty({ type: [FollowUpReasonDto] }) reasons!: FollowUpReasonDto[];
}

export class TimelineCourseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: TimelineProtocolDto }) protocol!: TimelineProtocolDto;
  @ApiProperty({ enum: ['INITIAL', 'BOOSTER'], enumName: 'CourseKind' }) kind!: 'INITIAL' | 'BOOSTER';
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) boosterOfCourseId!: string | null;
  @ApiProperty({ enum: ['BOOKED', 'CANCELLED', 'COMPLETED'], enumName: 'CourseStatus' }) status!: string;
  @ApiProperty({ type: Number, nullable: true }) baselinePainNrs!: number | null;
  @ApiProperty({ type: Number, nullable: true }) baselinePainInterference!: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'First session not cancelled' })
  firstSessionOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The follow-ups count from it' })
  lastSessionOn!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: [TimelineSessionDto] }) sessions!: TimelineSessionDto[];
  @ApiProperty({ type: [FollowUpDto] }) followUps!: FollowUpDto[];
  @ApiPropertyOptional({
    type: CourseReliefDto,
    nullable: true,
    description: 'How long relief lasted (libs/domain courseRelief); null until the course completes',
  })
  relief!: CourseReliefDto | null;
}

export class TimelineHomeDoseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PROTOCOL_ROUTES, enumName: 'ProtocolRoute' }) route!: string;
  @ApiProperty({ type: Number }) mg!: number;
  @ApiProperty({ format: 'date-time' }) takenAt!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) courseId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The follow-up record that reported it' })
  followUpRecordId!: string | null;
}

export class PatientFollowUpsDto {
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ description: "The clinic's IANA zone; every date is a clinic date" }) timeZone!: string;
  @ApiProperty({ format: 'date-time' }) asOf!: string;
  @ApiProperty({ type: [TimelineCourseDto], description: 'Every course, oldest first' }) courses!: TimelineCourseDto[];
  @ApiProperty({ type: [TimelineHomeDoseDto], description: 'Every dose taken at home, oldest first' })
  homeDoses!: TimelineHomeDoseDto[];
}

export class BladderReviewPatientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() mrn!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
}

export class AwaitingBladderReviewDto {
  @ApiProperty({ format: 'uuid', description: 'The follow-up record to review' }) recordId!: string;
  @ApiProperty({ format: 'uuid' }) followUpId!: string;
  @ApiProperty({ format: 'uuid', description: 'The course it follows' }) courseId!: string;
  @ApiProperty() protocolName!: string;
  @ApiProperty({ type: Number, description: 'Days after the last session the follow-up was planned for' })
  offsetDays!: number;
  @ApiProperty({ format: 'date-time' }) recordedAt!: string;
  @ApiProperty({ enum: FOLLOW_UP_CHANNELS, enumName: 'FollowUpChannel' }) channel!: string;
  @ApiProperty({ enum: BLADDER_SYMPTOMS, enumName: 'BladderSymptom', isArray: true, description: 'Answered yes' })
  positive!: string[];
  @ApiProperty({ type: BladderReviewPatientDto }) patient!: BladderReviewPatientDto;
}

export class BladderReviewQueueDto {
  @ApiProperty({ type: [AwaitingBladderReviewDto], description: 'Oldest first' })
  items!: AwaitingBladderReviewDto[];
  @ApiProperty({ description: 'More records wait than are listed (the oldest are listed first)' })
  more!: boolean;
}
