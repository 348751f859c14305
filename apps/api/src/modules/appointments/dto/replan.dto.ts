import { MAX_COURSE_SESSIONS, TIMES_OF_DAY, type TimeOfDay } from '@cadence/domain';
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
import { IsDayOrInstant, IsInstant } from '../../../common/validation/instant';
import { CourseOptionDto } from '../../courses/dto/course.dto';
import { BoardAppointmentDto } from './appointment.dto';

const FROM_SESSION = {
  type: Number,
  minimum: 1,
  maximum: MAX_COURSE_SESSIONS,
  description: 'The session number re-planned from: it and the booked sessions after it move',
} as const;

export class ReplanOptionsRequestDto {
  @ApiProperty(FROM_SESSION)
  @IsInt()
  @Min(1)
  @Max(MAX_COURSE_SESSIONS)
  fromSession!: number;

  @ApiPropertyOptional({
    example: '2026-03-09',
    description:
      'A clinic-local date (from its midnight) or an ISO instant; defaults to now. The search also starts no earlier than the pattern allows after the sessions kept',
  })
  @IsOptional()
  @IsDayOrInstant()
  earliest?: string;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 10, default: 5, description: 'How many options' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  k?: number;

  @ApiPropertyOptional({
    enum: TIMES_OF_DAY,
    enumName: 'TimeOfDay',
    description: 'Every session in the morning, the afternoon, or ANY (the default)',
  })
  @IsOptional()
  @IsIn(TIMES_OF_DAY)
  timeOfDay?: TimeOfDay;

  @ApiPropertyOptional({
    type: [Number],
    minItems: 1,
    maxItems: 7,
    example: [1, 3, 5],
    description: 'ISO weekdays (1 Monday … 7 Sunday) the patient can come',
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
    description: 'A chair of the clinic kept for every session on the days it is free',
  })
  @IsOptional()
  @IsUUID()
  preferredChairId?: string;
}

export class ReplannedSessionDto {
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty({ type: Number }) sessionNumber!: number;
  @ApiProperty({ type: Number, description: 'The version to send back with the re-plan' }) version!: number;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ type: String, nullable: true }) chairName!: string | null;
}

export class ReplanOptionsDto {
  @ApiProperty({
    type: [ReplannedSessionDto],
    description: 'The booked sessions re-planned, by number: each takes the session of a plan at its index',
  })
  moving!: ReplannedSessionDto[];

  @ApiProperty({ format: 'date', description: 'The first clinic-local date searched' }) searchFrom!: string;

  @ApiProperty({ description: 'The pattern the re-planned sessions keep, in words' }) rule!: string;

  @ApiProperty({ type: [CourseOptionDto], description: 'Earliest first, each with its reasons' })
  plans!: CourseOptionDto[];
}

export class ReplanSessionDto {
  @ApiProperty({ format: 'uuid', description: 'The appointment (session) this new time is for' })
  @IsUUID()
  appointmentId!: string;

  @ApiProperty({ type: Number, minimum: 1, description: 'The version read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version!: number;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  chairId!: string;

  @ApiProperty({ format: 'date-time' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  @IsInstant()
  endsAt!: string;
}

export class ReplanDto {
  @ApiProperty(FROM_SESSION)
  @IsInt()
  @Min(1)
  @Max(MAX_COURSE_SESSIONS)
  fromSession!: number;

  @ApiProperty({
    type: [ReplanSessionDto],
    minItems: 1,
    maxItems: MAX_COURSE_SESSIONS,
    description:
      'Every booked session from fromSession on, in order, with its new chair and time as an option offered them',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_COURSE_SESSIONS)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ReplanSessionDto)
  sessions!: ReplanSessionDto[];
}

export class ReplanAnswerDto {
  @ApiProperty({ type: [BoardAppointmentDto], description: 'The sessions moved, by number' })
  items!: BoardAppointmentDto[];
}
