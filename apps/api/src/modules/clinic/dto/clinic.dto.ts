import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDay, IsTimeZone, IsWallClock } from '../../../common/validation/instant';
import { CLINIC_DATE_FORMATS, DATED_SHIFT_RULE, MAX_NURSES_PER_SHIFT, type ClinicDateFormat } from '@cadence/domain';

export const CHAIR_KINDS = ['CHAIR', 'BED', 'ROOM'] as const;
export type ChairKind = (typeof CHAIR_KINDS)[number];

const NOT_BLANK = /\S/;
const IfSent = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

export class OpeningHoursDto {
  @ApiProperty({ type: Number, minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday' })
  @IsInt()
  @Min(1)
  @Max(7)
  weekday!: number;

  @ApiProperty({ example: '09:00', description: 'Clinic-local wall-clock time' })
  @IsWallClock()
  opensAt!: string;

  @ApiProperty({ example: '17:00', description: 'Clinic-local; 24:00 for midnight' })
  @IsWallClock(true)
  closesAt!: string;
}

export class ReplaceOpeningHoursDto {
  @ApiProperty({
    type: [OpeningHoursDto],
    maxItems: 28,
    description: 'Every opening window of the week; replaces the current ones',
  })
  @IsArray()
  @ArrayMaxSize(28)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => OpeningHoursDto)
  windows!: OpeningHoursDto[];
}

export class CreateClosureDto {
  @ApiProperty({ format: 'date', example: '2026-12-25' })
  @IsCalendarDay()
  startsOn!: string;

  @ApiProperty({ format: 'date', example: '2026-12-26', description: 'Inclusive' })
  @IsCalendarDay()
  endsOn!: string;

  @ApiProperty({ maxLength: 200, example: 'Christmas' })
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'reason must not be blank' })
  reason!: string;
}

export class ClosureDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date' }) startsOn!: string;
  @ApiProperty({ format: 'date' }) endsOn!: string;
  @ApiProperty() reason!: string;
}

/**
 * A booked session a capacity change affects, as the admin sees it: times, chair and session, no
 * patient data (admins are not given patients). The front desk sees whom to call in
 * GET /api/clinic/bookings-to-move.
 */
export class AffectedAppointmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Empty when the session holds no chair' }) chairName!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ type: Number }) sessionNumber!: number;
  @ApiProperty({ type: Number }) sessionCount!: number;
}

const OVER_RATIO_DESCRIPTION =
  'Booked sessions (running or to come) that now stand over the nurse ratio: more chair-side infusions at ' +
  'some instant than the nurses on duty may supervise. They still stand: the front desk moves or cancels them.';

export const BOOKING_TO_MOVE_REASONS = ['CLINIC_CLOSED', 'CHAIR_OUT_OF_SERVICE', 'OVER_NURSE_RATIO'] as const;

/** A booking the front desk must move or cancel, with whom to call and why. */
export class BookingToMoveDto extends AffectedAppointmentDto {
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ example: 'Ada Lovelace' }) patientName!: string;
  @ApiProperty() mrn!: string;
  @ApiProperty({ type: Number, description: 'The version to send when cancelling or moving it' }) version!: number;
  @ApiProperty({ enum: BOOKING_TO_MOVE_REASONS, enumName: 'BookingToMoveReason', isArray: true })
  reasons!: (typeof BOOKING_TO_MOVE_REASONS)[number][];
}

export class CreatedClosureDto extends ClosureDto {
  @ApiProperty({
    type: [AffectedAppointmentDto],
    description:
      'Booked sessions on chairs or rooms that start on or run into a closed clinic-local date (beds stay open). ' +
      'They still stand: reschedule or cancel them.',
  })
  affectedAppointments!: AffectedAppointmentDto[];
}

export class ClosurePreviewDto {
  @ApiProperty({
    type: [AffectedAppointmentDto],
    description:
      'The booked sessions adding this closure would strand, as POST /api/clinic/closures would list them. Nothing is stored.',
  })
  affectedAppointments!: AffectedAppointmentDto[];
}

export class CreateNurseShiftDto {
  @ApiPropertyOptional({
    type: Number,
    minimum: 1,
    maximum: 7,
    description: 'A weekly rota row (give weekday or date, not both)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(7)
  weekday?: number;

  @ApiPropertyOptional({ format: 'date', description: `A dated shift on this clinic-local date. ${DATED_SHIFT_RULE}` })
  @IsOptional()
  @IsCalendarDay()
  date?: string;

  @ApiProperty({ example: '08:00' })
  @IsWallClock()
  startsAt!: string;

  @ApiProperty({ example: '18:00', description: '24:00 for midnight' })
  @IsWallClock(true)
  endsAt!: string;

  @ApiProperty({
    type: Number,
    minimum: 0,
    maximum: MAX_NURSES_PER_SHIFT,
    description:
      'Nurses on chair-side duty: at least 1 on a weekly row; 0 on a dated shift means no chair-side nursing that day',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_NURSES_PER_SHIFT)
  nurses!: number;
}

export class NurseShiftDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: Number, nullable: true }) weekday!: number | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) date!: string | null;
  @ApiProperty() startsAt!: string;
  @ApiProperty() endsAt!: string;
  @ApiProperty({ type: Number }) nurses!: number;
}

export class CreatedNurseShiftDto extends NurseShiftDto {
  @ApiProperty({ type: [AffectedAppointmentDto], description: OVER_RATIO_DESCRIPTION })
  overNurseRatio!: AffectedAppointmentDto[];
}

export class RemovedNurseShiftDto {
  @ApiProperty({ type: [AffectedAppointmentDto], description: OVER_RATIO_DESCRIPTION })
  overNurseRatio!: AffectedAppointmentDto[];
}

export class CreateChairDto {
  @ApiProperty({ maxLength: 60, example: 'Chair 3' })
  @IsString()
  @MaxLength(60)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({
    enum: CHAIR_KINDS,
    enumName: 'ChairKind',
    description: 'A BED is an inpatient bed for continuous infusions',
  })
  @IsIn(CHAIR_KINDS)
  kind!: ChairKind;
}

export class UpdateChairDto {
  @ApiPropertyOptional({ maxLength: 60 })
  @IfSent()
  @IsString()
  @MaxLength(60)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'An inactive chair is never offered; its bookings stay' })
  @IfSent()
  @IsBoolean()
  active?: boolean;
}

export class ChairDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CHAIR_KINDS, enumName: 'ChairKind' }) kind!: ChairKind;
  @ApiProperty({ type: Boolean }) active!: boolean;
}

export class UpdatedChairDto extends ChairDto {
  @ApiProperty({
    type: [AffectedAppointmentDto],
    description:
      'When the chair is taken out of service: its booked sessions that have not started yet (they still stand: ' +
      'reschedule or cancel them). Empty otherwise.',
  })
  affectedAppointments!: AffectedAppointmentDto[];
}

export class UpdateClinicDto {
  @ApiPropertyOptional({
    type: Number,
    minimum: 1,
    description: 'The version the edit was made on (from GET /api/clinic); a stale version is refused with 409',
  })
  @IfSent()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ maxLength: 200 })
  @IfSent()
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 300,
    example: '12 Harbour Street, Leith, Edinburgh EH6 6AA',
    description:
      "Where patients come (street, town, postcode), printed in appointment reminders and patients' calendar files; lines sent are joined with commas. null clears it",
  })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(NOT_BLANK, { message: 'address must not be blank (send null to clear it)' })
  address?: string | null;

  @ApiPropertyOptional({ example: 'Europe/London', description: 'IANA time zone' })
  @IfSent()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 10 })
  @IfSent()
  @IsInt()
  @Min(1)
  @Max(10)
  maxInfusionsPerNurse?: number;

  @ApiPropertyOptional({ type: Number, minimum: 80, maximum: 250 })
  @IfSent()
  @IsInt()
  @Min(80)
  @Max(250)
  bpReviewSystolic?: number;

  @ApiPropertyOptional({ type: Number, minimum: 40, maximum: 150 })
  @IfSent()
  @IsInt()
  @Min(40)
  @Max(150)
  bpReviewDiastolic?: number;

  @ApiPropertyOptional({ type: Number, minimum: 80, maximum: 250 })
  @IfSent()
  @IsInt()
  @Min(80)
  @Max(250)
  bpBlockSystolic?: number;

  @ApiPropertyOptional({ type: Number, minimum: 40, maximum: 150 })
  @IfSent()
  @IsInt()
  @Min(40)
  @Max(150)
  bpBlockDiastolic?: number;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 365 })
  @IfSent()
  @IsInt()
  @Min(1)
  @Max(365)
  screeningValidityDays?: number;

  @ApiPropertyOptional({
    enum: CLINIC_DATE_FORMATS,
    enumName: 'ClinicDateFormat',
    description: 'How calendar dates are written and typed in the admin app (dayjs tokens)',
  })
  @IfSent()
  @IsIn(CLINIC_DATE_FORMATS)
  dateFormat?: ClinicDateFormat;

  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    maximum: 365,
    description: 'A response-triggered booster is due this many days after the follow-up that found relief lost',
  })
  @IfSent()
  @IsInt()
  @Min(0)
  @Max(365)
  boosterDueWithinDays?: number;

  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    maximum: 365,
    description: 'A fixed-interval booster goes on the booster queue this many days before it is due',
  })
  @IfSent()
  @IsInt()
  @Min(0)
  @Max(365)
  boosterNoticeDays?: number;
}

export class ClinicDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: Number, description: 'Bumped on every settings change' }) version!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Street, town, postcode' }) address!: string | null;
  @ApiProperty({ example: 'Europe/London' }) timezone!: string;
  @ApiProperty({ type: Number }) maxInfusionsPerNurse!: number;
  @ApiProperty({ type: Number }) bpReviewSystolic!: number;
  @ApiProperty({ type: Number }) bpReviewDiastolic!: number;
  @ApiProperty({ type: Number }) bpBlockSystolic!: number;
  @ApiProperty({ type: Number }) bpBlockDiastolic!: number;
  @ApiProperty({ type: Number }) screeningValidityDays!: number;
  @ApiProperty({ enum: CLINIC_DATE_FORMATS, enumName: 'ClinicDateFormat', description: 'dayjs tokens' })
  dateFormat!: ClinicDateFormat;
  @ApiProperty({
    type: Number,
    description: 'Days after relief is found lost that a response-triggered booster is due',
  })
  boosterDueWithinDays!: number;
  @ApiProperty({ type: Number, description: 'Days before a fixed-interval booster is due that it is queued' })
  boosterNoticeDays!: number;
  @ApiProperty({ type: [OpeningHoursDto] }) openingHours!: OpeningHoursDto[];
  @ApiProperty({ type: [ClosureDto] }) closures!: ClosureDto[];
  @ApiProperty({ type: [NurseShiftDto], description: DATED_SHIFT_RULE }) nurseShifts!: NurseShiftDto[];
  @ApiProperty({ type: [ChairDto] }) chairs!: ChairDto[];
}

export class UpdatedClinicDto extends ClinicDto {
  @ApiProperty({
    type: [AffectedAppointmentDto],
    description: `${OVER_RATIO_DESCRIPTION} Empty unless the nurse ratio or the time zone changed.`,
  })
  overNurseRatio!: AffectedAppointmentDto[];
}
