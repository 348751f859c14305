import { ApiProperty } from '@nestjs/swagger';
import { CurveStepDto, DisclosureDto, TimeWithIntervalDto } from './outcomes.dto';

export class ForecastReasonDto {
  @ApiProperty({ enum: ['FORECAST', 'MEDIAN_NOT_REACHED', 'TOO_FEW_PATIENTS', 'NOT_RESPONDING', 'NO_COURSE'] })
  code!: string;
  @ApiProperty() ruleId!: string;
  @ApiProperty() message!: string;
}

export class ConditionalPointDto {
  @ApiProperty({ description: 'Days after the day relief was last known to hold' }) days!: number;
  @ApiProperty() survival!: number;
  @ApiProperty({ type: Number, nullable: true }) lower!: number | null;
  @ApiProperty({ type: Number, nullable: true }) upper!: number | null;
}

export class ForecastCurveDto {
  @ApiProperty({ description: 'The curve’s group: the protocol key and the pain mechanism' }) group!: string;
  @ApiProperty({ type: DisclosureDto }) disclosure!: DisclosureDto;
  @ApiProperty({ type: Number, nullable: true }) subjects!: number | null;
  @ApiProperty({ type: [CurveStepDto], description: 'Empty when suppressed' }) steps!: CurveStepDto[];
}

export class ReliefForecastDto {
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ enum: ['FORECAST', 'MEDIAN_NOT_REACHED', 'TOO_FEW_PATIENTS', 'NOT_RESPONDING', 'NO_COURSE'] })
  code!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) courseId!: string | null;
  @ApiProperty({ type: String, nullable: true }) protocolKey!: string | null;
  @ApiProperty({ type: String, nullable: true }) protocolName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The primary diagnosis's pain mechanism" })
  painMechanism!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) lastSessionOn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The course's relief outcome (libs/domain courseRelief)" })
  reliefOutcome!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The day relief was last known to hold' })
  heldToDay!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: "The clinic's curve at that day: where the patient sits" })
  curveAtDay!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Patients still with relief after that day' })
  patientsBehind!: number | null;
  @ApiProperty({ type: TimeWithIntervalDto, nullable: true }) medianFurtherDays!: TimeWithIntervalDto | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) expectedLossOn!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) expectedLossLower!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) expectedLossUpper!: string | null;
  @ApiProperty({ type: [ConditionalPointDto] }) conditional!: ConditionalPointDto[];
  @ApiProperty({
    type: ForecastCurveDto,
    nullable: true,
    description: "The protocol's curve for patients like this one",
  })
  curve!: ForecastCurveDto | null;
  @ApiProperty({ type: [ForecastReasonDto] }) reasons!: ForecastReasonDto[];
}
