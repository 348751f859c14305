import { ApiProperty } from '@nestjs/swagger';

/** Vital-sign alert limits: a reading strictly beyond one is a crossing. */
export class VitalsThresholdsDto {
  @ApiProperty({ type: Number, description: 'mmHg' }) systolicAbove!: number;
  @ApiProperty({ type: Number, description: 'mmHg' }) systolicBelow!: number;
  @ApiProperty({ type: Number, description: 'mmHg' }) diastolicAbove!: number;
  @ApiProperty({ type: Number, description: 'mmHg: act at once, without waiting for a recheck' })
  systolicSevereAbove!: number;
  @ApiProperty({ type: Number, description: 'mmHg' }) diastolicSevereAbove!: number;
  @ApiProperty({ type: Number, description: 'bpm' }) heartRateAbove!: number;
  @ApiProperty({ type: Number, description: 'bpm' }) heartRateBelow!: number;
  @ApiProperty({ type: Number, description: '%' }) spo2Below!: number;
  @ApiProperty({ type: Number, description: 'breaths/min' }) respiratoryRateBelow!: number;
  @ApiProperty({ type: Number, description: 'breaths/min' }) respiratoryRateAbove!: number;
  @ApiProperty({ type: Number, description: 'RASS' }) rassBelow!: number;
  @ApiProperty({ type: Number, description: 'RASS' }) rassAbove!: number;
  @ApiProperty({ type: Number, description: 'Dissociation rating 0–3' }) dissociationAbove!: number;
}

export class FastingHoursDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Hours without food; null = not required' })
  food!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Hours without clear fluids; null = not required' })
  clearFluids!: number | null;
}

export class DischargeSettingsDto {
  @ApiProperty({ type: Number, description: 'Lowest modified Aldrete total that allows discharge' })
  aldreteMinimum!: number;
  @ApiProperty({ type: Number, description: 'Aldrete O2 item scores 2 above this SpO2 on air' })
  aldreteSpo2TwoPointsAbove!: number;
  @ApiProperty({ type: Number, description: 'Aldrete O2 item scores 1 above this SpO2' })
  aldreteSpo2OnePointAbove!: number;
  @ApiProperty({ type: Number, description: 'BP and heart rate within this % of the pre-infusion baseline' })
  baselineMarginPercent!: number;
  @ApiProperty({ type: Number, description: 'Minutes of observation after the last dose' })
  minimumObservationMinutes!: number;
}

/** The effective infusion settings: the clinic's over the domain's cited defaults, then the protocol's. */
export class InfusionSettingsDto {
  @ApiProperty({ type: VitalsThresholdsDto }) thresholds!: VitalsThresholdsDto;
  @ApiProperty({ type: Number }) vitalsIntervalMinutes!: number;
  @ApiProperty({ type: Number }) recheckMinutes!: number;
  @ApiProperty({ type: Number }) vitalsGraceMinutes!: number;
  @ApiProperty({ type: Number }) checkInGraceMinutes!: number;
  @ApiProperty({ type: Number }) checkInSpo2BlockBelow!: number;
  @ApiProperty({ type: FastingHoursDto }) fastingHours!: FastingHoursDto;
  @ApiProperty({ type: DischargeSettingsDto }) discharge!: DischargeSettingsDto;
}
