import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The search parameters the server supports: resources are found by the patient they are about. */
export class FhirSearchDto {
  @ApiPropertyOptional({ description: 'Patient/{id} or {id}', maxLength: 80 })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  patient?: string;

  @ApiPropertyOptional({ description: 'Patient/{id} or {id}', maxLength: 80 })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  subject?: string;

  @ApiPropertyOptional({ description: 'The Patient id (Patient only)', maxLength: 80 })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  _id?: string;
}
