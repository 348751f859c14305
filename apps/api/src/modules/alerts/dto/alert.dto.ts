import { ApiProperty } from '@nestjs/swagger';

export class AlertPatientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty() mrn!: string;
}

export class StaffAlertDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ADVERSE_EVENT_SERIOUS', description: 'ADVERSE_EVENT_SERIOUS or FOLLOW_UP_SUICIDALITY' })
  kind!: string;
  @ApiProperty({ description: 'Why it was raised' }) message!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) sessionId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) adverseEventId!: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The follow-up record whose answers raised it (a PHQ-9 item 9 answer above "not at all")',
  })
  followUpRecordId!: string | null;
  @ApiProperty({ type: AlertPatientDto, nullable: true }) patient!: AlertPatientDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) readAt!: string | null;
}

export class AlertInboxDto {
  @ApiProperty({ type: [StaffAlertDto], description: 'The newest 100, unread and read' }) items!: StaffAlertDto[];
  @ApiProperty({ type: Number }) unreadCount!: number;
}
