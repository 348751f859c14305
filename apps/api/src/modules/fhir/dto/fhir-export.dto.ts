import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EXPORTED_TYPES } from '../capability-statement';

const TYPE_LIST = new RegExp(`^(${EXPORTED_TYPES.join('|')})(,(${EXPORTED_TYPES.join('|')}))*$`);

/** The Bulk Data kick-off parameters the server supports. */
export class FhirExportQueryDto {
  @ApiPropertyOptional({ description: `Comma-separated resource types (${EXPORTED_TYPES.join(', ')})`, maxLength: 400 })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  @Matches(TYPE_LIST, { message: `_type must list resource types this server exports: ${EXPORTED_TYPES.join(', ')}` })
  _type?: string;

  @ApiPropertyOptional({ description: 'Only resources changed at or after this instant', format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: '_since must be an instant such as 2026-11-01T00:00:00Z' })
  @Matches(/T\d\d:\d\d/, { message: '_since must be an instant with a time, such as 2026-11-01T00:00:00Z' })
  _since?: string;

  @ApiPropertyOptional({ enum: ['application/fhir+ndjson', 'application/ndjson', 'ndjson'] })
  @IsOptional()
  @IsIn(['application/fhir+ndjson', 'application/ndjson', 'ndjson'], {
    message: '_outputFormat must be application/fhir+ndjson',
  })
  _outputFormat?: string;
}
