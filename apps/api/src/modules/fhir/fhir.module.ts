import { Module } from '@nestjs/common';
import { PatientsModule } from '../patients/patients.module';
import { FhirImportService } from './fhir-import.service';
import { FhirMetadataController } from './fhir-metadata.controller';
import { FhirController } from './fhir.controller';
import { FhirRepository } from './fhir.repository';
import { FhirService } from './fhir.service';

/** FHIR R4 at /fhir/R4: errors there are OperationOutcomes (see operation-outcome.filter.ts). */
@Module({
  imports: [PatientsModule],
  controllers: [FhirMetadataController, FhirController],
  providers: [FhirRepository, FhirService, FhirImportService],
})
export class FhirModule {}
