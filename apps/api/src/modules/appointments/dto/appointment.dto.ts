import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsDayOrInstant, IsInstant } from '../../../common/validation/instant';
import {
  APPOINTMENT_KINDS,
  APPOINTMENT_STATUSES,
  type AppointmentKind,
  type AppointmentStatus,
} from '../../booking/dto/booking.dto';

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
}

export class BoardDto {
  @ApiProperty({ type: [BoardAppointmentDto] }) items!: BoardAppointmentDto[];
}

export class RescheduleOptionsRequestDto {
  @ApiPropertyOptional({ description: 'A clinic-local date or an ISO instant; defaults to now' })
  @IsOptional()
  @IsDayOrInstant()
  earliest?: string;
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
