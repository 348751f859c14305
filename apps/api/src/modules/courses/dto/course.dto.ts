import {
  type BookingOptionReasonCode,
  MAX_COURSE_SESSIONS,
  type OpenCourseCode,
  type PartOfDay,
  TIMES_OF_DAY,
  type TimeOfDay,
} from '@cadence/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDayOrInstant } from '../../../common/validation/instant';
import {
  APPOINTMENT_KINDS,
  APPOINTMENT_STATUSES,
  type AppointmentKind,
  type AppointmentStatus,
  CoursePlanDto,
  SessionChoiceDto,
} from '../../booking/dto/booking.dto';
import { BoosterChecksDto } from '../../boosters/dto/booster.dto';

const BOOSTER_OF = {
  format: 'uuid',
  description:
    "Books a booster of this course: the patient's last completed course (or booster). The booster's checks run " +
    "inside the booking, under the patient's lock, after the eligibility gate; its appointments are kind BOOSTER.",
} as const;

export const COURSE_STATUSES = ['BOOKED', 'CANCELLED', 'COMPLETED'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export class CourseOptionsRequestDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  patientId!: string;

  @ApiProperty({ format: 'uuid', description: 'A protocol version from GET /api/protocols' })
  @IsUUID()
  protocolId!: string;

  @ApiPropertyOptional({
    type: Number,
    minimum: 1,
    maximum: MAX_COURSE_SESSIONS,
    description: 'Session count, chosen at booking for weekday courses (4–10)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_COURSE_SESSIONS)
  sessions?: number;

  @ApiProperty({
    example: '2026-03-02',
    description: 'A clinic-local date (from its midnight) or an ISO instant; never earlier than now',
  })
  @IsDayOrInstant()
  earliest!: string;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 10, default: 5, description: 'How many options' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  k?: number;

  @ApiPropertyOptional(BOOSTER_OF)
  @IsOptional()
  @IsUUID()
  boosterOfCourseId?: string;

  @ApiPropertyOptional({
    enum: TIMES_OF_DAY,
    enumName: 'TimeOfDay',
    description:
      'Every session in the morning (starts before 12:00 clinic time), the afternoon (from 12:00), or ANY (the default)',
  })
  @IsOptional()
  @IsIn(TIMES_OF_DAY)
  timeOfDay?: TimeOfDay;

  @ApiPropertyOptional({
    type: [Number],
    minItems: 1,
    maxItems: 7,
    example: [1, 3, 5],
    description: 'ISO weekdays (1 Monday … 7 Sunday) the patient can come: every session falls on one',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(7)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekdays?: number[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A chair (or bed) of the clinic kept for every session on the days it is free',
  })
  @IsOptional()
  @IsUUID()
  preferredChairId?: string;
}

export const BOOKING_OPTION_REASONS = [
  'EARLIEST',
  'EARLIEST_MORNING',
  'EARLIEST_AFTERNOON',
  'PREFERRED_CHAIR',
  'SAME_CHAIR',
  'SAME_TIME',
  'SAME_TIME_OF_DAY',
  'PREFERRED_WEEKDAYS',
] as const satisfies readonly BookingOptionReasonCode[];

export class BookingOptionReasonDto {
  @ApiProperty({ enum: BOOKING_OPTION_REASONS, enumName: 'BookingOptionReasonCode' })
  code!: BookingOptionReasonCode;
  @ApiProperty() message!: string;
}

export class CourseOptionDto extends CoursePlanDto {
  @ApiProperty({ format: 'date', description: 'Clinic-local date of the first session' }) startDate!: string;
  @ApiProperty({ enum: ['MORNING', 'AFTERNOON'], enumName: 'PartOfDay', description: 'Of the first session' })
  timeOfDay!: PartOfDay;
  @ApiProperty({ type: [BookingOptionReasonDto], description: 'Why this option is offered' })
  reasons!: BookingOptionReasonDto[];
}

export class OpenCourseDto {
  @ApiProperty({ enum: ['COURSE_BOOKED', 'COURSE_UNDER_WAY'], enumName: 'OpenCourseCode' }) code!: OpenCourseCode;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty() protocolName!: string;
  @ApiProperty({ format: 'date-time' }) firstSessionAt!: string;
  @ApiProperty({ format: 'date-time', description: 'End of the last live session' }) lastSessionAt!: string;
  @ApiProperty({ type: Number }) sessionsLeft!: number;
  @ApiProperty() message!: string;
}

export class CourseOptionsAnswerDto {
  @ApiProperty({
    type: [CourseOptionDto],
    description: 'At most one option per start day and part of the day, earliest first, each with its reasons',
  })
  plans!: CourseOptionDto[];

  @ApiProperty({
    type: [OpenCourseDto],
    description: "The patient's courses already booked or under way: shown before another is booked",
  })
  openCourses!: OpenCourseDto[];

  @ApiPropertyOptional({
    type: BoosterChecksDto,
    description: "For a booster: its checks on the first plan's first day (or the earliest day the policy allows)",
  })
  booster?: BoosterChecksDto;
}

export class BookCourseDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  patientId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  protocolId!: string;

  @ApiProperty({
    type: [SessionChoiceDto],
    minItems: 1,
    maxItems: 30,
    description: 'One chair and time per session, as an option offered them',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(30)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SessionChoiceDto)
  sessions!: SessionChoiceDto[];

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: 10, description: 'Baseline pain, 0–10 NRS' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  baselinePainNrs?: number;

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: 10, description: 'Baseline pain interference, 0–10' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  baselinePainInterference?: number;

  @ApiPropertyOptional(BOOSTER_OF)
  @IsOptional()
  @IsUUID()
  boosterOfCourseId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "A clinician's approval (POST /api/boosters/approvals) of the booster's relative reasons, cited once before it expires",
  })
  @IsOptional()
  @IsUUID()
  boosterApprovalId?: string;
}

export class CourseProtocolDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty({ type: Number }) version!: number;
  @ApiProperty() name!: string;
}

export class CourseAppointmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: Number }) sessionNumber!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) chairId!: string | null;
  @ApiProperty({ type: String, nullable: true }) chairName!: string | null;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ enum: APPOINTMENT_STATUSES, enumName: 'AppointmentStatus' }) status!: AppointmentStatus;
  @ApiProperty({ enum: APPOINTMENT_KINDS, enumName: 'AppointmentKind' }) kind!: AppointmentKind;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty({ type: Number }) version!: number;
}

export class CourseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ type: CourseProtocolDto, description: 'The protocol version the course was booked under' })
  protocol!: CourseProtocolDto;
  @ApiProperty({ enum: COURSE_STATUSES, enumName: 'CourseStatus' }) status!: CourseStatus;
  @ApiProperty({ type: Number }) sessionCount!: number;
  @ApiProperty({ type: [CourseAppointmentDto] }) appointments!: CourseAppointmentDto[];
  @ApiProperty({ type: [String], description: 'The signed screenings the booking relied on' })
  eligibilityScreeningIds!: string[];
  @ApiProperty({ type: Number, nullable: true }) baselinePainNrs!: number | null;
  @ApiProperty({ type: Number, nullable: true }) baselinePainInterference!: number | null;
  @ApiProperty({ type: String, nullable: true }) cancelReason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The course this booster follows' })
  boosterOfCourseId!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "The clinician's approval the booking cited",
  })
  boosterApprovalId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: Number }) version!: number;
}

export class CourseListDto {
  @ApiProperty({ type: [CourseDto] }) items!: CourseDto[];
}
