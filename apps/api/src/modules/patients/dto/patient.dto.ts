import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { PageQuery } from '../../../common/validation/page-query.dto';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ICD10_PATTERN,
  MRN_PATTERN,
  MRN_RULE,
  PAIN_MECHANISMS,
  PHONE_PATTERN,
  PHONE_RULE,
  primaryDiagnosisProblem,
  WEIGHT_ENTRY_KG,
  WEIGHT_RULE,
  type PainMechanism,
} from '@cadence/domain';
import { IsDateOfBirth } from '../../../common/validation/calendar-date';
import { registerDecorator } from 'class-validator';

export const SEXES = ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'] as const;
export type Sex = (typeof SEXES)[number];

const NOT_BLANK = /\S/;

/** The domain's rule on primary diagnoses, as a validator. */
function AtMostOnePrimary() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'atMostOnePrimary',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) =>
          !Array.isArray(value) || !primaryDiagnosisProblem(value as { isPrimary?: unknown }[]),
        defaultMessage: (args) =>
          `${args?.property} ${primaryDiagnosisProblem(args?.value as { isPrimary?: unknown }[])}`,
      },
    });
}

export class DiagnosisInputDto {
  @ApiProperty({ example: 'G90.50', description: 'ICD-10 code', pattern: ICD10_PATTERN.source })
  @IsString()
  @MaxLength(8)
  @Matches(ICD10_PATTERN, { message: 'icd10Code must be an ICD-10 code such as G90.50' })
  icd10Code!: string;

  @ApiProperty({ example: 'Complex regional pain syndrome I, unspecified', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  @Matches(NOT_BLANK, { message: 'description must not be blank' })
  description!: string;

  @ApiProperty({ enum: PAIN_MECHANISMS, enumName: 'PainMechanism' })
  @IsIn(PAIN_MECHANISMS)
  painMechanism!: PainMechanism;

  @ApiProperty()
  @IsBoolean()
  isPrimary!: boolean;
}

// The rules of each field, written once and applied on create (required) and update (optional).
const MrnRules = () => applyDecorators(IsString(), Matches(MRN_PATTERN, { message: `mrn ${MRN_RULE}` }));
const NameRules = (field: string) =>
  applyDecorators(IsString(), MaxLength(100), Matches(NOT_BLANK, { message: `${field} must not be blank` }));
const SexRules = () => IsIn(SEXES);
const PhoneRules = (field: string) =>
  applyDecorators(IsString(), Matches(PHONE_PATTERN, { message: `${field} ${PHONE_RULE}` }));
/** On an update a field may be left out, but a required field may not be cleared with null. */
const IfSent = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** Optional fields that may also be cleared with null, on create and on update alike. */
class PatientOptionalFieldsDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: WEIGHT_ENTRY_KG.min,
    maximum: WEIGHT_ENTRY_KG.max,
    description: 'For mg/kg dosing, to 0.1 kg',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 }, { message: `weightKg ${WEIGHT_RULE}` })
  @Min(WEIGHT_ENTRY_KG.min, { message: `weightKg ${WEIGHT_RULE}` })
  @Max(WEIGHT_ENTRY_KG.max, { message: `weightKg ${WEIGHT_RULE}` })
  weightKg?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 32 })
  @IsOptional()
  @PhoneRules('phone')
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 254 })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 100,
    description: 'Who takes the patient home after an infusion',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  escortName?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 32 })
  @IsOptional()
  @PhoneRules('escortPhone')
  escortPhone?: string | null;
}

export class CreatePatientDto extends PatientOptionalFieldsDto {
  @ApiProperty({ example: 'MRN-004211', maxLength: 32, pattern: MRN_PATTERN.source })
  @MrnRules()
  mrn!: string;

  @ApiProperty({ maxLength: 100 })
  @NameRules('givenName')
  givenName!: string;

  @ApiProperty({ maxLength: 100 })
  @NameRules('familyName')
  familyName!: string;

  @ApiProperty({ format: 'date', example: '1980-04-02' })
  @IsDateOfBirth()
  dateOfBirth!: string;

  @ApiProperty({
    enum: SEXES,
    enumName: 'Sex',
    description: 'Sex recorded for clinical scoring (e.g. AUDIT-C cut-offs)',
  })
  @SexRules()
  sex!: Sex;

  @ApiPropertyOptional({ type: [DiagnosisInputDto], maxItems: 20, description: 'At most one may be primary' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @AtMostOnePrimary()
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => DiagnosisInputDto)
  diagnoses?: DiagnosisInputDto[];
}

/** A partial update. Required fields may be left out but not cleared; `version` is the one read. */
export class UpdatePatientDto extends PatientOptionalFieldsDto {
  @ApiProperty({ minimum: 1, description: 'The version this edit started from; a stale one answers 409' })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version!: number;

  @ApiPropertyOptional({ maxLength: 32, pattern: MRN_PATTERN.source })
  @IfSent()
  @MrnRules()
  mrn?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IfSent()
  @NameRules('givenName')
  givenName?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IfSent()
  @NameRules('familyName')
  familyName?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IfSent()
  @IsDateOfBirth()
  dateOfBirth?: string;

  @ApiPropertyOptional({ enum: SEXES, enumName: 'Sex' })
  @IfSent()
  @SexRules()
  sex?: Sex;
}

export class PatientSearchDto extends PageQuery(20, 100) {
  @ApiPropertyOptional({
    maxLength: 100,
    description:
      'Name words or MRN; each word must match. A word without three letters or digits in a row (such as "Li") matches the start of a name word or of the MRN; a whole MRN finds its patient alone',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ format: 'date' })
  @IsOptional()
  @IsDateOfBirth()
  dateOfBirth?: string;
}

export class DiagnosisDto extends DiagnosisInputDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class PatientSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() mrn!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty({ format: 'date' }) dateOfBirth!: string;
  @ApiProperty({ enum: SEXES, enumName: 'Sex' }) sex!: Sex;
}

export class PatientDto extends PatientSummaryDto {
  @ApiProperty({ type: Number, nullable: true }) weightKg!: number | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) escortName!: string | null;
  @ApiProperty({ type: String, nullable: true }) escortPhone!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [DiagnosisDto] }) diagnoses!: DiagnosisDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class PatientPageDto {
  @ApiProperty({ type: [PatientSummaryDto] }) items!: PatientSummaryDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'How many patients match, counted up to 1,000' }) total!: number;
  @ApiProperty({ description: 'More than `total` patients match: counting stopped at 1,000' })
  totalIsLowerBound!: boolean;
}
