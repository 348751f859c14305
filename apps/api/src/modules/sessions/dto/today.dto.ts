import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SESSION_STATES, type SessionState } from '@cadence/domain';
import { IsOptional } from 'class-validator';
import { IsCalendarDay } from '../../../common/validation/instant';
import { RecheckRequestDto, SessionOverdueDto } from './session.dto';

export class TodayQueryDto {
  @ApiPropertyOptional({ format: 'date', description: "A clinic-local date; default today in the clinic's zone" })
  @IsOptional()
  @IsCalendarDay()
  date?: string;
}

/** One appointment of the day, as the nurse's landing list shows it. */
export class TodayItemDto {
  @ApiProperty({ format: 'uuid' }) appointmentId!: string;
  @ApiProperty({ type: Number, description: "The appointment's version (a no-show names it)" })
  appointmentVersion!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Set once checked in' })
  sessionId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) sessionVersion!: number | null;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ example: 'Ada Lovelace' }) patientName!: string;
  @ApiProperty() mrn!: string;
  @ApiProperty() protocolName!: string;
  @ApiProperty({ type: Number }) sessionNumber!: number;
  @ApiProperty({ type: Number }) sessionCount!: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) chairId!: string | null;
  @ApiProperty({ type: String, nullable: true }) chairName!: string | null;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ enum: SESSION_STATES, enumName: 'SessionState' }) state!: SessionState;
  @ApiProperty({ type: SessionOverdueDto }) overdue!: SessionOverdueDto;
  @ApiProperty() nurseSigned!: boolean;
  @ApiProperty() coSigned!: boolean;
  @ApiProperty({ type: Number, description: 'Adverse events drafted from alerts, still to confirm or dismiss' })
  draftAdverseEvents!: number;
  @ApiProperty({
    type: [RecheckRequestDto],
    description: 'What clinicians asked to be measured again before each infusion (from signed screenings in force)',
  })
  rechecks!: RecheckRequestDto[];
}

export class TodayDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ type: [TodayItemDto], description: 'By chair, then booked start' }) items!: TodayItemDto[];
}
