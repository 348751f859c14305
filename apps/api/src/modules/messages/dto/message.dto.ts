import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../../common/validation/page-query.dto';

export const MESSAGE_STATUSES = ['QUEUED', 'SENT', 'FAILED', 'MANUAL', 'SENT_BY_HAND', 'CANCELLED'] as const;
export const MESSAGE_KINDS = ['FOLLOW_UP_LINK', 'APPOINTMENT_REMINDER'] as const;
export type MessageStatusName = (typeof MESSAGE_STATUSES)[number];
export type MessageKindName = (typeof MESSAGE_KINDS)[number];

export class OutboxQueryDto extends PageQuery(50, 200) {
  @ApiPropertyOptional({
    enum: MESSAGE_STATUSES,
    description: 'One status; without it, the messages waiting for staff (MANUAL and FAILED)',
  })
  @IsOptional()
  @IsIn(MESSAGE_STATUSES)
  status?: MessageStatusName;

  @ApiPropertyOptional({ enum: MESSAGE_KINDS })
  @IsOptional()
  @IsIn(MESSAGE_KINDS)
  kind?: MessageKindName;
}

/** Who a message is for, and how staff can reach them by hand. */
export class MessagePatientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() mrn!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty({ type: String, nullable: true, description: "The patient's email now (it may differ from toAddress)" })
  email!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
}

export class MessageDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: MESSAGE_KINDS }) kind!: MessageKindName;
  @ApiProperty({ enum: MESSAGE_STATUSES }) status!: MessageStatusName;
  @ApiProperty({ type: MessagePatientDto }) patient!: MessagePatientDto;
  @ApiProperty({ type: String, nullable: true, description: 'Where the email goes; null: the patient had no address' })
  toAddress!: string | null;
  @ApiProperty() subject!: string;
  @ApiProperty({ description: 'The text as it is (or would be) emailed, for staff to send by hand' }) body!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) appointmentId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) followUpId!: string | null;
  @ApiProperty({ description: 'Delivery attempts so far' }) attempts!: number;
  @ApiProperty({ format: 'date-time', description: 'When the next attempt is due (while QUEUED)' })
  nextAttemptAt!: string;
  @ApiProperty({ type: String, nullable: true, description: "The mail server's last refusal" })
  lastError!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) sentAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'Who sent it by hand' })
  sentById!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class OutboxPageDto {
  @ApiProperty({ type: [MessageDto] }) items!: MessageDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Whether a mail server is configured (without one every message is sent by hand)' })
  mailConfigured!: boolean;
}
