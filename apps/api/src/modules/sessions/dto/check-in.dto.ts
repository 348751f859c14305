import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHECK_IN_CODES,
  OVERRIDE_REASON_MIN_LENGTH,
  VITALS_ENTRY_RANGES,
  WEIGHT_ENTRY_KG,
  WEIGHT_RULE,
  type CheckInCode,
} from '@cadence/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsInstant } from '../../../common/validation/instant';

const NOT_BLANK = /\S/;
export const PREGNANCY_STATUSES = ['no', 'possible', 'yes'] as const;

const range = (sign: keyof typeof VITALS_ENTRY_RANGES) => VITALS_ENTRY_RANGES[sign];

/** A blood pressure and heart rate reading taken at check-in (the monitor's values). */
export class BpHrInputDto {
  @ApiProperty({ type: Number, minimum: range('systolic').min, maximum: range('systolic').max })
  @IsInt()
  @Min(range('systolic').min)
  @Max(range('systolic').max)
  systolic!: number;

  @ApiProperty({ type: Number, minimum: range('diastolic').min, maximum: range('diastolic').max })
  @IsInt()
  @Min(range('diastolic').min)
  @Max(range('diastolic').max)
  diastolic!: number;

  @ApiProperty({ type: Number, minimum: range('heartRate').min, maximum: range('heartRate').max })
  @IsInt()
  @Min(range('heartRate').min)
  @Max(range('heartRate').max)
  heartRate!: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When it was taken, today and not in the future; default: when the server receives it',
  })
  @IsOptional()
  @IsInstant()
  takenAt?: string;
}

/** The day-of facts a nurse records; each is dated to today when stored. Absent = not recorded (yet). */
export class CheckInFactsDto {
  @ApiPropertyOptional({ type: BpHrInputDto, description: 'The first blood pressure and heart rate of the day' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BpHrInputDto)
  bloodPressure?: BpHrInputDto;

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: 100, description: 'SpO2 % at rest' })
  @IsOptional()
  @IsInt()
  @Min(range('spo2').min)
  @Max(range('spo2').max)
  spo2?: number;

  @ApiPropertyOptional({
    type: Number,
    minimum: WEIGHT_ENTRY_KG.min,
    maximum: WEIGHT_ENTRY_KG.max,
    description: "Today's weight in kg (0.1 kg steps)",
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 }, { message: `weightKg ${WEIGHT_RULE}` })
  @Min(WEIGHT_ENTRY_KG.min, { message: `weightKg ${WEIGHT_RULE}` })
  @Max(WEIGHT_ENTRY_KG.max, { message: `weightKg ${WEIGHT_RULE}` })
  weightKg?: number;

  @ApiPropertyOptional({
    enum: PREGNANCY_STATUSES,
    description: "Today's pregnancy status, where it applies (the screening said the patient can become pregnant)",
  })
  @IsOptional()
  @IsIn(PREGNANCY_STATUSES)
  pregnancy?: (typeof PREGNANCY_STATUSES)[number];

  @ApiPropertyOptional({ format: 'date-time', description: 'When the patient last ate (fasting protocols)' })
  @IsOptional()
  @IsInstant()
  lastFoodAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the patient last drank clear fluids' })
  @IsOptional()
  @IsInstant()
  lastClearFluidsAt?: string;

  @ApiPropertyOptional({ description: 'An escort home is arranged' })
  @IsOptional()
  @IsBoolean()
  escortArranged?: boolean;

  @ApiPropertyOptional({ description: 'The patient plans to drive after treatment' })
  @IsOptional()
  @IsBoolean()
  willDrive?: boolean;

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: 10, description: 'Pain NRS before the session' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10)
  painBefore?: number;
}

export class CheckInDto extends CheckInFactsDto {
  @ApiProperty({ format: 'uuid', description: 'The clinician supervising this session (co-signs the record)' })
  @IsUUID()
  supervisingClinicianId!: string;

  @ApiProperty({
    enum: [true],
    description: "The nurse confirmed the patient's name and date of birth with the patient (two identifiers)",
  })
  @Equals(true, { message: 'identityConfirmed must be true: confirm name and date of birth with the patient' })
  identityConfirmed!: true;
}

export class UpdateCheckInDto extends CheckInFactsDto {
  @ApiProperty({ type: Number, minimum: 1, description: 'The session version read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version!: number;

  @ApiPropertyOptional({
    type: BpHrInputDto,
    description: 'The recheck after rest; every earlier reading is kept',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BpHrInputDto)
  recheck?: BpHrInputDto;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  supervisingClinicianId?: string;
}

export class CheckInOverrideDto {
  @ApiProperty({ type: Number, minimum: 1, description: 'The session version read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version!: number;

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
    enum: CHECK_IN_CODES,
    enumName: 'CheckInCode',
    isArray: true,
    description: 'The relative reasons accepted; absolute ones always stand',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CHECK_IN_CODES.length)
  @ArrayUnique()
  @IsIn(CHECK_IN_CODES, { each: true })
  accepts!: CheckInCode[];
}
