import { Module } from '@nestjs/common';
import { FhirMetadataController } from './fhir-metadata.controller';

/** FHIR R4 at /fhir/R4: errors there are OperationOutcomes (see operation-outcome.filter.ts). */
@Module({ controllers: [FhirMetadataController] })
export class FhirModule {}
