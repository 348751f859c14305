import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsObject, IsOptional, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { InfusionSettingsDto } from './infusion-settings.dto';

/** A whole number within [min, max], optional: left out, the clinic keeps the default. */
const Whole = (min: number, max: number, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: Number, minimum: min, maximum: max, description }),
    IsOptional(),
    IsInt(),
    Min(min),
    Max(max),
  );

/** A positive amount within (0, max] to two decimals; null (where allowed) means none. */
const Amount = (max: number, nullable: boolean, description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: Number, minimum: 0.01, maximum: max, nullable, description }),
    IsOptional(),
    ...(nullable ? [ValidateIf((_o, value) => value !== null)] : []),
    IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }),
    Min(0.01),
    Max(max),
  );

const Nested = (of: () => new () => object) =>
  applyDecorators(
    // Swagger takes a lazy type only from a function named `type`, as this property makes it.
    ApiPropertyOptional({ type: () => of() }),
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(of),
  );

export class VitalsThresholdsInputDto {
  @Whole(60, 260, 'mmHg') systolicAbove?: number;
  @Whole(40, 200, 'mmHg') systolicBelow?: number;
  @Whole(40, 180, 'mmHg') diastolicAbove?: number;
  @Whole(60, 300, 'mmHg') systolicSevereAbove?: number;
  @Whole(40, 200, 'mmHg') diastolicSevereAbove?: number;
  @Whole(40, 250, 'bpm') heartRateAbove?: number;
  @Whole(20, 150, 'bpm') heartRateBelow?: number;
  @Whole(50, 100, '%') spo2Below?: number;
  @Whole(1, 60, 'breaths/min') respiratoryRateBelow?: number;
  @Whole(5, 99, 'breaths/min') respiratoryRateAbove?: number;
  @Whole(-5, 4, 'RASS') rassBelow?: number;
  @Whole(-5, 4, 'RASS') rassAbove?: number;
  @Whole(0, 3, 'Dissociation rating') dissociationAbove?: number;
}

export class FastingHoursInputDto {
  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: 24, nullable: true, description: 'null: not required' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(24)
  food?: number | null;

  @ApiPropertyOptional({ type: Number, minimum: 0, maximum: 24, nullable: true, description: 'null: not required' })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(24)
  clearFluids?: number | null;
}

export class DischargeSettingsInputDto {
  @Whole(0, 10, 'Modified Aldrete total') aldreteMinimum?: number;
  @Whole(80, 100, '%') aldreteSpo2TwoPointsAbove?: number;
  @Whole(80, 100, '%') aldreteSpo2OnePointAbove?: number;
  @Whole(1, 100, '% of the baseline') baselineMarginPercent?: number;
  @Whole(0, 1440, 'minutes') minimumObservationMinutes?: number;
}

/** The clinic's own infusion settings; what is left out is the domain's cited default. */
export class InfusionSettingsInputDto {
  @Nested(() => VitalsThresholdsInputDto) thresholds?: VitalsThresholdsInputDto;
  @Whole(1, 120, 'minutes') vitalsIntervalMinutes?: number;
  @Whole(1, 60, 'minutes') recheckMinutes?: number;
  @Whole(0, 60, 'minutes') vitalsGraceMinutes?: number;
  @Whole(0, 240, 'minutes') checkInGraceMinutes?: number;
  @Whole(50, 100, '%') checkInSpo2BlockBelow?: number;
  @Nested(() => FastingHoursInputDto) fastingHours?: FastingHoursInputDto;
  @Nested(() => DischargeSettingsInputDto) discharge?: DischargeSettingsInputDto;
}

export class WeightRangeInputDto {
  @ApiProperty({ type: Number, minimum: 1, maximum: 500 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(1)
  @Max(500)
  min!: number;

  @ApiProperty({ type: Number, minimum: 1, maximum: 500 })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(1)
  @Max(500)
  max!: number;
}

export class WindowCapsInputDto {
  @Amount(100_000, true, 'mg across every route in any 30 days; null: no cap') '30'?: number | null;
  @Amount(100_000, true, 'mg in any 90 days; null: no cap') '90'?: number | null;
  @Amount(100_000, true, 'mg in any 365 days; null: no cap') '365'?: number | null;
}

export class DosingSettingsInputDto {
  @Nested(() => WeightRangeInputDto) weightKg?: WeightRangeInputDto;
  @Amount(100, false, 'Infusion rates are rounded to this step (mg/h)') rateStepMgPerHour?: number;
  @Amount(100, false, 'Bolus doses are rounded to this step (mg)') bolusStepMg?: number;
  @Nested(() => WindowCapsInputDto) windowCapsMg?: WindowCapsInputDto;
}

/** Replaces the clinic's infusion and dosing settings (left out: the defaults) at the clinic's version. */
export class UpdateInfusionSettingsDto {
  @ApiProperty({ type: Number, minimum: 1, description: "The clinic's version read; a stale one answers 409" })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version!: number;

  @Nested(() => InfusionSettingsInputDto) infusion?: InfusionSettingsInputDto;
  @Nested(() => DosingSettingsInputDto) dosing?: DosingSettingsInputDto;
}

export class WeightRangeDto {
  @ApiProperty({ type: Number }) min!: number;
  @ApiProperty({ type: Number }) max!: number;
}

export class WindowCapsDto {
  @ApiProperty({ type: Number, nullable: true }) '30'!: number | null;
  @ApiProperty({ type: Number, nullable: true }) '90'!: number | null;
  @ApiProperty({ type: Number, nullable: true }) '365'!: number | null;
}

export class DosingSettingsDto {
  @ApiProperty({ type: WeightRangeDto }) weightKg!: WeightRangeDto;
  @ApiProperty({ type: Number }) rateStepMgPerHour!: number;
  @ApiProperty({ type: Number }) bolusStepMg!: number;
  @ApiProperty({ type: WindowCapsDto, description: 'Rolling-window caps across every route; null: none set' })
  windowCapsMg!: WindowCapsDto;
}

/** The clinic's effective infusion and dosing settings (its own over the cited defaults). */
export class ClinicInfusionSettingsDto {
  @ApiProperty({ type: Number, description: "The clinic's version: name it when saving" }) version!: number;
  @ApiProperty({ type: InfusionSettingsDto }) infusion!: InfusionSettingsDto;
  @ApiProperty({ type: DosingSettingsDto }) dosing!: DosingSettingsDto;
}
