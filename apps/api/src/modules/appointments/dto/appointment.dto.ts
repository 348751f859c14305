import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsCalendarDay, IsDayOrInstant, IsInstant } from '../../../common/validation/instant';
import {
  APPOINTMENT_KINDS,
  APPOINTMENT_STATUSES,
  type AppointmentKind,
  type AppointmentStatus,
  CourseOptionsDto,
} from '../../booking/dto/booking.dto';
import { BOOKING_TO_MOVE_REASONS } from '../../clinic/dto/clinic.dto';

export class BoardQueryDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the range (ISO instant with offset)' })
  @IsInstant()
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'End of the range, at most 31 days after from' })
  @IsInstant()
  to!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this chair or bed' })
  @IsOptional()
  @IsUUID()
  chairId?: string;
}

export class BoardAppointmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) courseId!: string;
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
  @ApiProperty({ enum: APPOINTMENT_STATUSES, enumName: 'AppointmentStatus' }) status!: AppointmentStatus;
  @ApiProperty({ enum: APPOINTMENT_KINDS, enumName: 'AppointmentKind' }) kind!: AppointmentKind;
  @ApiProperty({ type: Number }) version!: number;
  @ApiProperty({
    enum: BOOKING_TO_MOVE_REASONS,
    enumName: 'BookingToMoveReason',
    isArray: true,
    description:
      'Why the front desk must move or cancel this booked session (a closure, a chair out of service, the nurse ratio), as GET /api/clinic/bookings-to-move lists it; empty when it stands fine',
  })
  toMove!: (typeof BOOKING_TO_MOVE_REASONS)[number][];
}

export class BoardDto {
  @ApiProperty({ type: [BoardAppointmentDto] }) items!: BoardAppointmentDto[];
}

export class RescheduleOptionsRequestDto {
  @ApiPropertyOptional({
    description:
      "A clinic-local date or an ISO instant; defaults to now. A later day than the session's asks for that day",
  })
  @IsOptional()
  @IsDayOrInstant()
  earliest?: string;

  @ApiPropertyOptional({
    format: 'date',
    example: '2026-03-09',
    description:
      "The clinic-local day to search; defaults to the session's own. Another day is offered only where the protocol's pattern allows it (PLAN_INFEASIBLE names why not)",
  })
  @IsOptional()
  @IsCalendarDay()
  date?: string;
}

export class RescheduleReasonDto {
  @ApiProperty({ enum: ['CLINIC_CLOSED'], enumName: 'RescheduleReasonCode' }) code!: 'CLINIC_CLOSED';
  @ApiProperty({
    example: 'The clinic is closed on 2026-12-18 (Staff training), so no chair is free for this session that day.',
  })
  message!: string;
}

export class RescheduleOptionsDto extends CourseOptionsDto {
  @ApiProperty({
    type: [RescheduleReasonDto],
    description: "Why the session's own day offers no chair, when a closure is the cause; empty otherwise",
  })
  reasons!: RescheduleReasonDto[];
}

export class RescheduleDto {
  @ApiProperty({ type: Number, minimum: 1, description: 'The version read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version!: number;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  chairId!: string;

  @ApiProperty({ format: 'date-time' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  @IsInstant()
  endsAt!: string;
}

export class VersionDto {
  @ApiProperty({ type: Number, minimum: 1, description: 'The version read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version!: number;
}
