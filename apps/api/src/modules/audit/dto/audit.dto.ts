import { AUDIT_ACTIONS, MRN_PATTERN, MRN_RULE } from '@cadence/domain';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { PageQuery } from '../../../common/validation/page-query.dto';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class AuditRangeDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive lower bound' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Exclusive upper bound' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}

export class AuditFilterDto extends AuditRangeDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  patientId?: string;

  @ApiPropertyOptional({
    description: "The patient's MRN in this clinic (instead of, or with, patientId)",
    maxLength: 32,
  })
  @IsOptional()
  @IsString()
  @Matches(MRN_PATTERN, { message: `mrn ${MRN_RULE}` })
  mrn?: string;

  @ApiPropertyOptional({
    description: "Words of the patient's name or MRN; every word must match (e.g. 'walker ann', 'DEMO-000012')",
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  patient?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The staff member who acted' })
  @IsOptional()
  @IsUUID('4')
  actorId?: string;
}

/** The audit log's filter with its page. */
export class AuditQueryDto extends IntersectionType(PageQuery(50, 200), AuditFilterDto) {}

/** The access report's time range with its page of groups. */
export class AccessReportQueryDto extends IntersectionType(PageQuery(100, 500), AuditRangeDto) {}

export class AuditEventDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId!: string | null;
  @ApiProperty({
    description: "The staff member's name; without one, who acted instead (the patient by their link, a scheduled job)",
  })
  actorName!: string;
  @ApiProperty({ type: String, nullable: true }) actorEmail!: string | null;
  @ApiProperty({ type: [String], description: "The staff member's roles (none without a staff actor)" })
  actorRoles!: string[];
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: string;
  @ApiProperty({ example: 'Read the patient record', description: 'What happened, in words' }) summary!: string;
  @ApiProperty({ example: 'Patient' }) entity!: string;
  @ApiProperty({ type: String, nullable: true }) entityId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) patientId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The patient's MRN, when the event concerns a patient" })
  patientMrn!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '"Family, Given", when the event concerns a patient' })
  patientName!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: [String], description: 'Names of the fields written; never their values' }) fields!: string[];
  @ApiProperty({ type: [String], description: 'The same fields in words' }) fieldLabels!: string[];
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}

export class AccessGroupDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId!: string | null;
  @ApiProperty() actorName!: string;
  @ApiProperty({ type: [String] }) actorRoles!: string[];
  @ApiProperty({ enum: AUDIT_ACTIONS }) action!: string;
  @ApiProperty({ example: 'Read the patient record' }) summary!: string;
  @ApiProperty() entity!: string;
  @ApiProperty({ type: String, nullable: true }) entityId!: string | null;
  @ApiProperty({ type: [String] }) fields!: string[];
  @ApiProperty({ type: [String] }) fieldLabels!: string[];
  @ApiProperty({ description: 'How many events the group holds (repeated reads within the window)' }) count!: number;
  @ApiProperty({ format: 'date-time' }) firstAt!: string;
  @ApiProperty({ format: 'date-time' }) lastAt!: string;
}

export class AccessReportPatientDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() mrn!: string;
  @ApiProperty({ description: '"Family, Given"' }) name!: string;
}

export class AccessReportDto {
  @ApiProperty({ type: AccessReportPatientDto }) patient!: AccessReportPatientDto;
  @ApiProperty({ description: 'Reads of the same thing by the same person this close together form one group' })
  windowMinutes!: number;
  @ApiProperty({ type: [AccessGroupDto] }) items!: AccessGroupDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
