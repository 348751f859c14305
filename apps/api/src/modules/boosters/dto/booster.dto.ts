import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { BOOSTER_RULE_IDS, OVERRIDE_REASON_MIN_LENGTH, type BoosterCode } from '@cadence/domain';
import { IsCalendarDay } from '../../../common/validation/instant';
import { PageQuery } from '../../../common/validation/page-query.dto';

export const BOOSTER_CODES = Object.keys(BOOSTER_RULE_IDS) as BoosterCode[];
export const BOOSTER_CHECK_NAMES = [
  'POLICY',
  'SCREENING_VALID',
  'BLADDER_SYMPTOMS_REVIEWED',
  'CUMULATIVE_DOSE_UNDER_CAP',
  'RESPONSE_TO_LAST_COURSE',
] as const;
export const BOOSTER_CHECK_RESULTS = ['PASS', 'RELATIVE', 'ABSOLUTE', 'NOT_REQUIRED'] as const;
export const RELIEF_OUTCOMES = [
  'RELIEF_LOST',
  'STILL_RESPONDING',
  'LOST_TO_FOLLOW_UP',
  'NEW_COURSE_STARTED',
  'NO_BASELINE',
  'NO_FOLLOW_UP',
] as const;

const NOT_BLANK = /\S/;

export class BoosterChecksQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "The booster's protocol; the newest active version of the last course's protocol when absent",
  })
  @IsOptional()
  @IsUUID()
  protocolId?: string;

  @ApiPropertyOptional({
    format: 'date',
    description: "The booster's first clinic day; the earliest its policy allows (today at the soonest) when absent",
  })
  @IsOptional()
  @IsCalendarDay()
  on?: string;
}

export class BoosterReasonDto {
  @ApiProperty({ enum: BOOSTER_CODES, enumName: 'BoosterCode' }) code!: BoosterCode;
  @ApiProperty() ruleId!: string;
  @ApiProperty({ enum: ['ABSOLUTE', 'RELATIVE'] }) severity!: 'ABSOLUTE' | 'RELATIVE';
  @ApiProperty() message!: string;
}

export class BoosterCheckDto {
  @ApiProperty({ enum: BOOSTER_CHECK_NAMES, enumName: 'BoosterCheckName' })
  check!: (typeof BOOSTER_CHECK_NAMES)[number];
  @ApiProperty({
    enum: BOOSTER_CHECK_RESULTS,
    enumName: 'BoosterCheckResult',
    description: "PASS; RELATIVE (a clinician's written approval may accept it); ABSOLUTE; NOT_REQUIRED by the policy",
  })
  result!: (typeof BOOSTER_CHECK_RESULTS)[number];
  @ApiProperty({ type: [BoosterReasonDto] }) reasons!: BoosterReasonDto[];
}

export class BoosterDecisionDto {
  @ApiProperty({ description: 'No absolute reason, and every relative one accepted by the approval applied' })
  allowed!: boolean;
  @ApiProperty({ type: [BoosterReasonDto], description: 'Reasons that still hold the booster, absolute first' })
  standing!: BoosterReasonDto[];
  @ApiProperty({ type: [BoosterReasonDto], description: "Relative reasons the clinician's approval accepted" })
  accepted!: BoosterReasonDto[];
  @ApiPropertyOptional({ description: 'Why the approval could not be used at all' }) overrideProblem?: string;
}

export class BoosterApprovalDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ format: 'uuid', description: 'The course the booster follows' }) courseId!: string;
  @ApiProperty({ format: 'uuid', description: 'The protocol the booster is given under' }) protocolId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: BOOSTER_CODES, enumName: 'BoosterCode', isArray: true }) accepts!: BoosterCode[];
  @ApiProperty({ format: 'uuid' }) approvedById!: string;
  @ApiProperty({ format: 'date-time' }) approvedAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class BoosterProtocolDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() version!: number;
  @ApiProperty() name!: string;
}

export class BoostedCourseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) protocolId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) boosterOfCourseId!: string | null;
  @ApiProperty({ format: 'date', description: 'The clinic day of its last session; follow-ups count from it' })
  lastSessionOn!: string;
  @ApiProperty({ type: Number, nullable: true }) baselinePainNrs!: number | null;
}

export class ReliefOutcomeDto {
  @ApiProperty({ enum: RELIEF_OUTCOMES, enumName: 'ReliefOutcomeCode' }) code!: (typeof RELIEF_OUTCOMES)[number];
  @ApiProperty({ type: Number, nullable: true, description: 'Days after the last session' }) day!: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) on!: string | null;
  @ApiProperty({ type: [String], description: 'The follow-ups it rests on' }) followUpIds!: string[];
  @ApiProperty({ type: [String], description: 'The follow-up records it rests on' }) recordIds!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) laterCourseId!: string | null;
  @ApiProperty({ description: 'Why, in words' }) message!: string;
}

export class BoosterChecksDto {
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ type: BoosterProtocolDto }) protocol!: BoosterProtocolDto;
  @ApiProperty({
    type: BoostedCourseDto,
    nullable: true,
    description: "The patient's last completed course or booster",
  })
  lastCourse!: BoostedCourseDto | null;
  @ApiProperty({ format: 'date', description: "Today in the clinic's zone" }) today!: string;
  @ApiProperty({ format: 'date', description: 'The booster day the checks are for' }) on!: string;
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: "The first day the policy's interval allows",
  })
  earliestOn!: string | null;
  @ApiProperty({ type: [BoosterCheckDto], description: 'POLICY first, then the four checks' })
  checks!: BoosterCheckDto[];
  @ApiProperty({ type: BoosterDecisionDto }) decision!: BoosterDecisionDto;
  @ApiProperty({
    type: BoosterApprovalDto,
    nullable: true,
    description: "The clinician's approval applied: the newest usable one (or the one cited)",
  })
  approval!: BoosterApprovalDto | null;
  @ApiProperty({ type: ReliefOutcomeDto, nullable: true, description: "The last course's relief" })
  relief!: ReliefOutcomeDto | null;
  @ApiProperty({ description: 'Ketamine given so far by every route, home doses included (mg)' })
  cumulativeMg!: number;
}

export class BoosterQueuePatientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() mrn!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
}

export class BoosterQueueItemDto {
  @ApiProperty({ format: 'uuid', description: 'The booster task' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'The course the booster would follow' }) courseId!: string;
  @ApiProperty({ format: 'date' }) dueBy!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: BoosterQueuePatientDto }) patient!: BoosterQueuePatientDto;
  @ApiProperty({
    description: "False when the patient has completed another course since: the checks are for that one's booster",
  })
  boostsLastCourse!: boolean;
  @ApiProperty({ type: BoosterChecksDto, description: "Each check now, under the course's own protocol" })
  checks!: BoosterChecksDto;
}

/** A response-triggered booster to offer before relief is forecast to end (no task yet: relief still holds). */
export class BoosterForecastItemDto {
  @ApiProperty({ format: 'uuid', description: 'The course whose relief is forecast to end' }) courseId!: string;
  @ApiProperty() protocolKey!: string;
  @ApiProperty({ format: 'date', description: 'Offer the booster before this date: the expected end of relief' })
  offerBy!: string;
  @ApiProperty({ format: 'date' }) expectedLossOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) expectedLossLower!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) expectedLossUpper!: string | null;
  @ApiProperty({ description: 'The day after the course relief was last known to hold' }) heldToDay!: number;
  @ApiProperty({ description: 'Patients of the curve still with relief after that day' }) patientsBehind!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: BoosterQueuePatientDto }) patient!: BoosterQueuePatientDto;
}

/** A page of the open tasks: each is checked in full, so a clinic with thousands open reads them a page at a time. */
export class BoosterQueueQueryDto extends PageQuery(25, 100) {}

export class BoosterQueueDto {
  @ApiProperty({ type: [BoosterQueueItemDto], description: "This page's open booster tasks, soonest due first" })
  items!: BoosterQueueItemDto[];
  @ApiProperty({ type: Number, description: 'Open booster tasks in all' }) total!: number;
  @ApiProperty({ type: Number }) page!: number;
  @ApiProperty({ type: Number }) pageSize!: number;
  @ApiProperty({
    type: [BoosterForecastItemDto],
    description:
      "Response-triggered policies: courses still responding whose relief the clinic's curve forecasts to end within " +
      'the booster notice days, soonest first, so the booster is offered before relief is gone',
  })
  forecasts!: BoosterForecastItemDto[];
}

export class DismissBoosterTaskDto {
  @ApiProperty({ maxLength: 500, description: 'Why no booster is offered' })
  @IsString()
  @MaxLength(500)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

export class BoosterTaskDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ format: 'date' }) dueBy!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['OPEN', 'BOOKED', 'DISMISSED'] }) status!: string;
}

export class CreateBoosterApprovalDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  patientId!: string;

  @ApiProperty({ format: 'uuid', description: "The course the booster follows: the patient's last completed one" })
  @IsUUID()
  courseId!: string;

  @ApiProperty({ format: 'uuid', description: 'The protocol the booster is given under' })
  @IsUUID()
  protocolId!: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'The booster day the reasons are judged for; the earliest its policy allows when absent',
  })
  @IsOptional()
  @IsCalendarDay()
  on?: string;

  @ApiProperty({
    minLength: OVERRIDE_REASON_MIN_LENGTH,
    maxLength: 2000,
    description: "The clinician's written reason",
  })
  @IsString()
  @MinLength(OVERRIDE_REASON_MIN_LENGTH)
  @MaxLength(2000)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;

  @ApiProperty({
    enum: BOOSTER_CODES,
    enumName: 'BoosterCode',
    isArray: true,
    description: 'The relative reasons standing now that the clinician accepts; absolute ones always stand',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(BOOSTER_CODES, { each: true })
  accepts!: BoosterCode[];
}
