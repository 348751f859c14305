import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ALDRETE_ITEMS,
  CHECK_IN_CODES,
  DAY_OF_CHECKS,
  RECHECKABLE,
  SESSION_ACTIONS,
  SESSION_STATES,
  type CheckInCode,
  type DayOfCheckId,
  type DayOfResult,
  type RecheckCheck,
  type SessionAction,
  type SessionState,
} from '@cadence/domain';
import { PREGNANCY_STATUSES } from './check-in.dto';
import { InfusionSettingsDto } from './infusion-settings.dto';

export class CheckInReasonDto {
  @ApiProperty({ enum: CHECK_IN_CODES, enumName: 'CheckInCode' }) code!: CheckInCode;
  @ApiProperty() ruleId!: string;
  @ApiProperty({ enum: ['ABSOLUTE', 'RELATIVE'] }) severity!: 'ABSOLUTE' | 'RELATIVE';
  @ApiProperty() message!: string;
}

export class DayOfCheckDto {
  @ApiProperty({ enum: DAY_OF_CHECKS, enumName: 'DayOfCheck' }) check!: DayOfCheckId;
  @ApiProperty({ enum: ['PASS', 'RELATIVE', 'ABSOLUTE'], enumName: 'DayOfResult' }) result!: DayOfResult;
  @ApiProperty({ type: [CheckInReasonDto] }) reasons!: CheckInReasonDto[];
}

export class CheckInDecisionDto {
  @ApiProperty({ description: 'The infusion may start: nothing stands' }) allowed!: boolean;
  @ApiProperty({ type: [CheckInReasonDto], description: 'Reasons that still block, absolute first' })
  standing!: CheckInReasonDto[];
  @ApiProperty({ type: [CheckInReasonDto], description: "Relative reasons the clinician's override accepted" })
  accepted!: CheckInReasonDto[];
}

export class CheckInOverrideViewDto {
  @ApiProperty({ format: 'uuid', description: 'The clinician who overrode' }) byId!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: CHECK_IN_CODES, enumName: 'CheckInCode', isArray: true }) accepts!: CheckInCode[];
}

export class BpHrReadingDto {
  @ApiProperty({ format: 'date-time' }) takenAt!: string;
  @ApiProperty({ type: Number }) systolic!: number;
  @ApiProperty({ type: Number }) diastolic!: number;
  @ApiProperty({ type: Number }) heartRate!: number;
}

/** The day-of facts as recorded today; null = not recorded. */
export class CheckInFactsViewDto {
  @ApiProperty({ format: 'date', description: 'The clinic-local day of the check-in; facts count only on it' })
  on!: string;
  @ApiProperty({ description: "The patient's identity was confirmed with two identifiers at check-in" })
  identityConfirmed!: boolean;
  @ApiProperty({
    type: [BpHrReadingDto],
    description: 'Every blood pressure and heart rate reading of the check-in, first one first; the last decides',
  })
  readings!: BpHrReadingDto[];
  @ApiProperty({ type: Number, nullable: true }) spo2!: number | null;
  @ApiProperty({ type: Number, nullable: true }) weightKg!: number | null;
  @ApiProperty({ description: 'False when the screening recorded that the patient cannot become pregnant' })
  pregnancyApplies!: boolean;
  @ApiProperty({ enum: PREGNANCY_STATUSES, nullable: true }) pregnancy!: (typeof PREGNANCY_STATUSES)[number] | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastFoodAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastClearFluidsAt!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) escortArranged!: boolean | null;
  @ApiProperty({ type: Boolean, nullable: true }) willDrive!: boolean | null;
}

export class RecheckRequestDto {
  @ApiProperty({ enum: RECHECKABLE, enumName: 'RecheckCheck' }) check!: RecheckCheck;
  @ApiProperty({ description: "The overriding clinician's reason, which says why" }) reason!: string;
}

export class RecheckTaskDto extends RecheckRequestDto {
  @ApiProperty({ description: "Measured on the check-in's day" }) done!: boolean;
  @ApiProperty({ example: 'Blood pressure measured today: 138/88 mmHg' }) message!: string;
}

export class CheckInViewDto {
  @ApiProperty({ type: CheckInFactsViewDto }) facts!: CheckInFactsViewDto;
  @ApiProperty({ type: [DayOfCheckDto] }) checks!: DayOfCheckDto[];
  @ApiProperty({ type: CheckInDecisionDto }) decision!: CheckInDecisionDto;
  @ApiProperty({ type: CheckInOverrideViewDto, nullable: true }) override!: CheckInOverrideViewDto | null;
  @ApiProperty({
    type: [RecheckTaskDto],
    description: 'What clinicians asked to be measured again before the infusion, from the signed screenings in force',
  })
  rechecks!: RecheckTaskDto[];
}

export class ActionRefusalDto {
  @ApiProperty({ enum: ['STATE', 'CHECK_IN_NOT_CLEARED', 'DISCHARGE_NOT_ALLOWED'] }) because!: string;
  @ApiProperty() reason!: string;
  @ApiPropertyOptional({ enum: SESSION_STATES, isArray: true, description: 'The states the action needs' })
  needs?: SessionState[];
}

export class SessionActionDto {
  @ApiProperty({ enum: SESSION_ACTIONS, enumName: 'SessionAction' }) action!: SessionAction;
  @ApiProperty({ description: 'The action may be taken now' }) open!: boolean;
  @ApiPropertyOptional({ type: ActionRefusalDto }) refusal?: ActionRefusalDto;
}

export class SessionOverdueItemDto {
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty({ type: Number }) minutesOverdue!: number;
}

export class SessionOverdueDto {
  @ApiPropertyOptional({ type: SessionOverdueItemDto }) checkIn?: SessionOverdueItemDto;
  @ApiPropertyOptional({ type: SessionOverdueItemDto }) vitals?: SessionOverdueItemDto;
  @ApiPropertyOptional({ type: SessionOverdueItemDto }) discharge?: SessionOverdueItemDto;
}

export class SessionSignaturesDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) nurseSignedById!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) nurseSignedAt!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) clinicianSignedById!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) clinicianSignedAt!: string | null;
}

export class SessionAddendumDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) authorId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AldreteScoresDto {
  @ApiProperty({ type: Number, minimum: 0, maximum: 2 }) activity!: number;
  @ApiProperty({ type: Number, minimum: 0, maximum: 2 }) respiration!: number;
  @ApiProperty({ type: Number, minimum: 0, maximum: 2 }) circulation!: number;
  @ApiProperty({ type: Number, minimum: 0, maximum: 2 }) consciousness!: number;
  @ApiProperty({ type: Number, minimum: 0, maximum: 2 }) oxygenSaturation!: number;
}

export class DischargeViewDto {
  @ApiProperty({ type: AldreteScoresDto, description: `Item scores: ${ALDRETE_ITEMS.join(', ')}` })
  aldrete!: AldreteScoresDto;
  @ApiProperty({ type: Number }) aldreteTotal!: number;
  @ApiProperty() escortPresent!: boolean;
  @ApiProperty({ description: 'The SpO2 the O2 item scored was on room air' }) onRoomAir!: boolean;
  @ApiProperty({ format: 'uuid' }) dischargedById!: string;
  @ApiProperty({ format: 'date-time' }) dischargedAt!: string;
}

export class SessionDoseRangeDto {
  @ApiProperty({ type: Number }) min!: number;
  @ApiProperty({ type: Number }) max!: number;
}

export class SessionProtocolDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty() route!: string;
  @ApiProperty({ type: SessionDoseRangeDto, nullable: true, description: 'mg/kg/h, infusions' })
  doseRangeMgPerKgPerHour!: SessionDoseRangeDto | null;
  @ApiProperty({ type: SessionDoseRangeDto, nullable: true, description: 'mg/kg per dose, bolus routes' })
  doseRangeMgPerKgPerDose!: SessionDoseRangeDto | null;
  @ApiProperty({ type: Number, nullable: true }) vitalsIntervalMinutes!: number | null;
}

export class SessionPatientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Ada Lovelace' }) name!: string;
  @ApiProperty() mrn!: string;
  @ApiProperty({ format: 'date' }) dateOfBirth!: string;
}

export class SessionAppointmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ type: Number }) sessionNumber!: number;
  @ApiProperty({ type: Number }) sessionCount!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) chairId!: string | null;
  @ApiProperty({ type: String, nullable: true }) chairName!: string | null;
  @ApiProperty() status!: string;
}

/** One infusion session, as the session screen shows it. */
export class InfusionSessionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SESSION_STATES, enumName: 'SessionState' }) state!: SessionState;
  @ApiProperty({ type: Number, description: 'Name it in every change; a stale one answers 409' }) version!: number;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
  @ApiProperty({ type: SessionPatientDto }) patient!: SessionPatientDto;
  @ApiProperty({ type: SessionAppointmentDto }) appointment!: SessionAppointmentDto;
  @ApiProperty({ type: SessionProtocolDto }) protocol!: SessionProtocolDto;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) supervisingClinicianId!: string | null;
  @ApiProperty({ format: 'uuid' }) checkedInById!: string;
  @ApiProperty({ format: 'date-time' }) checkedInAt!: string;
  @ApiProperty({ type: CheckInViewDto }) checkIn!: CheckInViewDto;
  @ApiProperty({ type: [SessionActionDto], description: 'Every action with whether it is open now, and why not' })
  actions!: SessionActionDto[];
  @ApiProperty({ type: SessionOverdueDto }) overdue!: SessionOverdueDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) stoppedAt!: string | null;
  @ApiProperty({ type: DischargeViewDto, nullable: true }) discharge!: DischargeViewDto | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Pain NRS 0–10 before' }) painBefore!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Pain NRS 0–10 after' }) painAfter!: number | null;
  @ApiProperty({ type: SessionSignaturesDto }) signatures!: SessionSignaturesDto;
  @ApiProperty({ type: [SessionAddendumDto] }) addenda!: SessionAddendumDto[];
  @ApiProperty({ type: InfusionSettingsDto, description: 'The effective settings: thresholds for the chart' })
  settings!: InfusionSettingsDto;
}
