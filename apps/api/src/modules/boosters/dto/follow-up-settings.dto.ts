import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const RELIEF_LINES = ['MODERATE', 'SUBSTANTIAL', 'POINTS'] as const;

/** A whole number within [min, max], optional: left out, the clinic keeps the default. */
const Whole = (min: number, max: number, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: Number, minimum: min, maximum: max, description }),
    IsOptional(),
    IsInt(),
    Min(min),
    Max(max),
  );

const Nested = (of: () => new () => object) =>
  applyDecorators(ApiPropertyOptional({ type: () => of() }), IsOptional(), IsObject(), ValidateNested(), Type(of));

export class FollowUpWindowBandDto {
  @ApiProperty({
    type: Number,
    minimum: 1,
    maximum: 730,
    description: 'Applies to follow-ups due this many days or more after the last session',
  })
  @IsInt()
  @Min(1)
  @Max(730)
  fromOffsetDays!: number;

  @ApiProperty({
    type: Number,
    minimum: 0,
    maximum: 60,
    description: 'The window opens this many clinic days before the due date',
  })
  @IsInt()
  @Min(0)
  @Max(60)
  daysBefore!: number;

  @ApiProperty({
    type: Number,
    minimum: 0,
    maximum: 60,
    description: 'The window closes at the end of this many clinic days after it',
  })
  @IsInt()
  @Min(0)
  @Max(60)
  daysAfter!: number;
}

export class FollowUpSettingsInputDto {
  @ApiPropertyOptional({
    type: [FollowUpWindowBandDto],
    description: 'Window bands by offset, from day 1; replaces them all',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FollowUpWindowBandDto)
  windows?: FollowUpWindowBandDto[];

  @Whole(0, 90, 'Days a missed follow-up stays on the worklist') worklistMissedDays?: number;
  @Whole(1, 365, 'A booster needs bladder answers this many clinic days old or fewer') bladderScreenMaxAgeDays?: number;
}

export class ResponderInputDto {
  @Whole(1, 100, 'Percent reduction IMMPACT calls moderately important (30)') moderatePercent?: number;
  @Whole(1, 100, 'Percent reduction IMMPACT calls substantial (50)') substantialPercent?: number;

  @ApiPropertyOptional({
    type: Number,
    minimum: 0.5,
    maximum: 10,
    description: 'NRS points of reduction kept beside the percent (2)',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(0.5)
  @Max(10)
  minimumPoints?: number;
}

export class ReliefInputDto {
  @Nested(() => ResponderInputDto) responder?: ResponderInputDto;

  @ApiPropertyOptional({ enum: RELIEF_LINES, description: 'The responder line relief is held above (MODERATE)' })
  @IsOptional()
  @IsIn(RELIEF_LINES)
  line?: (typeof RELIEF_LINES)[number];
}

/** Replaces the clinic's follow-up settings (left out: the defaults) at the clinic's version. */
export class UpdateFollowUpSettingsDto {
  @ApiProperty({ type: Number, minimum: 1, description: "The clinic's settings version read; a stale one answers 409" })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version!: number;

  @Nested(() => FollowUpSettingsInputDto) followUp?: FollowUpSettingsInputDto;
  @Nested(() => ReliefInputDto) relief?: ReliefInputDto;
  @Whole(1, 90, "Days a clinician's booster approval may be cited by a booking") boosterApprovalValidDays?: number;
}

export class FollowUpWindowBandViewDto {
  @ApiProperty() fromOffsetDays!: number;
  @ApiProperty() daysBefore!: number;
  @ApiProperty() daysAfter!: number;
}

export class FollowUpSettingsViewDto {
  @ApiProperty({ type: [FollowUpWindowBandViewDto] }) windows!: FollowUpWindowBandViewDto[];
  @ApiProperty() worklistMissedDays!: number;
  @ApiProperty() bladderScreenMaxAgeDays!: number;
}

export class ResponderViewDto {
  @ApiProperty() moderatePercent!: number;
  @ApiProperty() substantialPercent!: number;
  @ApiProperty() minimumPoints!: number;
}

export class ReliefViewDto {
  @ApiProperty({ type: ResponderViewDto }) responder!: ResponderViewDto;
  @ApiProperty({ enum: RELIEF_LINES }) line!: (typeof RELIEF_LINES)[number];
}

export class ClinicFollowUpSettingsDto {
  @ApiProperty({ description: "The clinic's settings version" }) version!: number;
  @ApiProperty({ type: FollowUpSettingsViewDto }) followUp!: FollowUpSettingsViewDto;
  @ApiProperty({ type: ReliefViewDto }) relief!: ReliefViewDto;
  @ApiProperty() boosterApprovalValidDays!: number;
}
