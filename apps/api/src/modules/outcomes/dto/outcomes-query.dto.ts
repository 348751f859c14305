import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsCalendarDay } from '../../../common/validation/instant';

export const PAIN_MECHANISMS = ['NEUROPATHIC', 'NOCIPLASTIC', 'NOCICEPTIVE', 'MIXED'] as const;
export const ROUTES = ['IV', 'ORAL', 'INTRANASAL', 'IM', 'TOPICAL'] as const;
export const SEXES = ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'] as const;
/** Age at the course's last session, in whole years. */
export const AGE_BANDS = ['AGE_UNDER_40', 'AGE_40_TO_64', 'AGE_65_AND_OVER'] as const;
export const GROUP_BY = [
  'protocol',
  'protocolVersion',
  'painMechanism',
  'diagnosis',
  'route',
  'ageBand',
  'sex',
  'booster',
] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** A repeated query parameter (`?sex=FEMALE&sex=MALE`) or a comma-separated one, as a list. */
const toList = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** Which completed courses of the actor's clinic a figure counts. Every filter narrows; lists match any value. */
export class OutcomesFilterDto {
  @ApiPropertyOptional({ format: 'date', description: 'Courses whose last session was on or after this clinic date' })
  @IsOptional()
  @IsCalendarDay()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Courses whose last session was on or before this clinic date' })
  @IsOptional()
  @IsCalendarDay()
  to?: string;

  @ApiPropertyOptional({
    type: [String],
    description: "Protocol keys of the clinic's catalogue, e.g. IV_SINGLE_INFUSION",
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/^[A-Z0-9_]{1,64}$/, { each: true })
  protocolKey?: string[];

  @ApiPropertyOptional({ type: Number, minimum: 1, description: 'Protocol version (with protocolKey)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  protocolVersion?: number;

  @ApiPropertyOptional({
    enum: PAIN_MECHANISMS,
    isArray: true,
    description: "The patient's primary diagnosis's pain mechanism",
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(PAIN_MECHANISMS, { each: true })
  painMechanism?: (typeof PAIN_MECHANISMS)[number][];

  @ApiPropertyOptional({
    type: [String],
    description: 'ICD-10 codes or their beginnings (G57 matches G57.1): any diagnosis of the patient',
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Matches(/^[A-Za-z][0-9A-Za-z.]{0,7}$/, { each: true })
  diagnosis?: string[];

  @ApiPropertyOptional({ enum: ROUTES, isArray: true })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(ROUTES, { each: true })
  route?: (typeof ROUTES)[number][];

  @ApiPropertyOptional({ enum: AGE_BANDS, isArray: true, description: 'Age at the last session' })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(AGE_BANDS, { each: true })
  ageBand?: (typeof AGE_BANDS)[number][];

  @ApiPropertyOptional({ enum: SEXES, isArray: true })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @IsIn(SEXES, { each: true })
  sex?: (typeof SEXES)[number][];

  @ApiPropertyOptional({ type: Boolean, description: 'Only boosters (true) or only initial courses (false)' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  booster?: boolean;
}

export class OutcomesQueryDto extends OutcomesFilterDto {
  @ApiPropertyOptional({ enum: GROUP_BY, description: 'One figure per value of this; the whole selection when absent' })
  @IsOptional()
  @IsIn(GROUP_BY)
  groupBy?: GroupBy;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv answers text/csv, as `Accept: text/csv` does' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class ComparisonQueryDto extends OutcomesFilterDto {
  @ApiProperty({ enum: GROUP_BY, description: 'The groups compared: every value of this within the filters' })
  @IsIn(GROUP_BY)
  groupBy!: GroupBy;

  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
