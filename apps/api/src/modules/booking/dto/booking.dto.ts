import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsInstant } from '../../../common/validation/instant';

/** The shapes booking shares with the modules that use it: plans, session choices, appointment states. */

export const APPOINTMENT_STATUSES = ['BOOKED', 'CANCELLED', 'NO_SHOW', 'COMPLETED'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const APPOINTMENT_KINDS = ['INITIAL', 'BOOSTER'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

const NOT_BLANK = /\S/;

export class PlannedSessionDto {
  @ApiProperty({ format: 'uuid' }) chairId!: string;
  @ApiProperty() chairName!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
}

export class CoursePlanDto {
  @ApiProperty({ type: [PlannedSessionDto] }) sessions!: PlannedSessionDto[];
  @ApiProperty({ type: Boolean, description: 'Every session in the same chair or bed' }) sameChair!: boolean;
  @ApiProperty({ type: Boolean, description: 'Every session at the same clinic-local time' }) sameTime!: boolean;
}

export class CourseOptionsDto {
  @ApiProperty({ type: [CoursePlanDto], description: 'Feasible plans, earliest first' }) plans!: CoursePlanDto[];
}

export class SessionChoiceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  chairId!: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T09:00:00Z' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T13:00:00Z' })
  @IsInstant()
  endsAt!: string;
}

export class VersionedReasonDto {
  @ApiProperty({ type: Number, minimum: 1, description: 'The version read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version!: number;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @MaxLength(500)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}
