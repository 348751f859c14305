import { MRN_PATTERN, MRN_RULE } from '@cadence/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '../../../common/validation/page-query.dto';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';

export class AuditQueryDto extends PageQuery(50, 200) {
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

  @ApiPropertyOptional({ format: 'uuid', description: 'The staff member who acted' })
  @IsOptional()
  @IsUUID('4')
  actorId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive lower bound' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Exclusive upper bound' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  to?: string;
}

export class AuditEventDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorEmail!: string | null;
  @ApiProperty({ example: 'READ' }) action!: string;
  @ApiProperty({ example: 'Patient' }) entity!: string;
  @ApiProperty({ type: String, nullable: true }) entityId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) patientId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The patient's MRN, when the event concerns a patient" })
  patientMrn!: string | null;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: [String], description: 'Names of the fields written; never their values' }) fields!: string[];
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty() total!: number;
}
