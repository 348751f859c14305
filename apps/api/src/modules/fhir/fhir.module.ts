import { Module } from '@nestjs/common';
import { FhirMetadataController } from './fhir-metadata.controller';
import { FhirController } from './fhir.controller';
import { FhirRepository } from './fhir.repository';
import { FhirService } from './fhir.service';

/** FHIR R4 at /fhir/R4: errors there are OperationOutcomes (see operation-outcome.filter.ts). */
@Module({ controllers: [FhirMetadataController, FhirController], providers: [FhirRepository, FhirService] })
export class FhirModule {}
