import { Module } from '@nestjs/common';
import { PatientsModule } from '../patients/patients.module';
import { FhirImportService } from './fhir-import.service';
import { FhirExportController } from './fhir-export.controller';
import { FhirExportRepository } from './fhir-export.repository';
import { FhirExportService } from './fhir-export.service';
import { FhirMetadataController } from './fhir-metadata.controller';
import { FhirController } from './fhir.controller';
import { FhirRepository } from './fhir.repository';
import { FhirService } from './fhir.service';

/** FHIR R4 at /fhir/R4: errors there are OperationOutcomes (see operation-outcome.filter.ts). */
@Module({
  imports: [PatientsModule],
  controllers: [FhirMetadataController, FhirExportController, FhirController],
  providers: [FhirRepository, FhirService, FhirImportService, FhirExportRepository, FhirExportService],
})
export class FhirModule {}
