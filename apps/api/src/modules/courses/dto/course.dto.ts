import { MAX_COURSE_SESSIONS } from '@cadence/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
  CourseOptionsDto,
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
}

export class CourseOptionsAnswerDto extends CourseOptionsDto {
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
