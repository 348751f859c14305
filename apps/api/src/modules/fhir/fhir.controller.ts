import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import { FhirSearchDto } from './dto/fhir-search.dto';
import { fhirResponse } from './fhir-openapi';
import { FhirImportService } from './fhir-import.service';
import { FhirService } from './fhir.service';
import { FHIR_JSON } from './operation-outcome';
import { FHIR_BASE } from './operation-outcome.filter';

@ApiTags('fhir')
@Controller(FHIR_BASE.slice(1))
export class FhirController {
  constructor(
    private readonly fhir: FhirService,
    private readonly imports: FhirImportService,
  ) {}

  @Post()
  @Roles('SCHEDULER')
  @HttpCode(200)
  @Header('content-type', FHIR_JSON)
  @ApiOperation({
    summary:
      'Import patients: a transaction Bundle of Patient and Condition resources, created all or nothing with the validation of POST /api/patients',
  })
  @ApiBody({
    description: 'A FHIR R4 Bundle of type transaction (application/fhir+json or application/json)',
    schema: {
      type: 'object',
      required: ['resourceType', 'type', 'entry'],
      properties: {
        resourceType: { type: 'string', enum: ['Bundle'] },
        type: { type: 'string', enum: ['transaction'] },
        entry: {
          type: 'array',
          maxItems: 500,
          items: {
            type: 'object',
            properties: {
              fullUrl: { type: 'string' },
              resource: { type: 'object', additionalProperties: true },
              request: { type: 'object', properties: { method: { type: 'string' }, url: { type: 'string' } } },
            },
          },
        },
      },
    },
  })
  @ApiOkResponse(fhirResponse('Bundle', 'A transaction-response Bundle: 201 Created per entry'))
  @ApiBadRequestResponse({
    description: 'Every invalid resource named by its entry path (OperationOutcome); nothing created',
  })
  @ApiConflictResponse({ description: 'MRNs taken in the clinic, named by entry (OperationOutcome); nothing created' })
  importPatients(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Body() body: Record<string, unknown>,
  ): Promise<Bundle> {
    return this.imports.importBundle(actor, meta, body);
  }

  @Get('Patient/:id/$everything')
  @Roles('NURSE', 'CLINICIAN')
  @Header('content-type', FHIR_JSON)
  @ApiOperation({ summary: "The patient's whole record as a FHIR R4 Bundle (audited as a read of the patient)" })
  @ApiOkResponse(fhirResponse('Bundle'))
  @ApiNotFoundResponse({ description: 'No such patient in this clinic (OperationOutcome)' })
  everything(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<Bundle> {
    return this.fhir.everything(actor, meta, id);
  }

  @Get(':type/:id')
  @Roles('SCHEDULER', 'NURSE', 'CLINICIAN')
  @Header('content-type', FHIR_JSON)
  @ApiOperation({
    summary:
      'One resource by type and id; a scheduler reads Patient and Appointment only (audited as a read of the patient)',
  })
  @ApiOkResponse(fhirResponse('Resource'))
  @ApiForbiddenResponse({ description: 'A clinical resource type asked for by a scheduler' })
  @ApiNotFoundResponse({ description: 'No such type, or no such resource in this clinic (OperationOutcome)' })
  read(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('type') type: string,
    @Param('id') id: string,
  ): Promise<Resource> {
    return this.fhir.read(actor, meta, type, id);
  }

  @Get(':type')
  @Roles('SCHEDULER', 'NURSE', 'CLINICIAN')
  @Header('content-type', FHIR_JSON)
  @ApiOperation({ summary: "A type's resources about one patient (?patient= or ?subject=; Patient by ?_id=)" })
  @ApiOkResponse(fhirResponse('Bundle'))
  search(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('type') type: string,
    @Query() query: FhirSearchDto,
  ): Promise<Bundle> {
    return this.fhir.search(actor, meta, type, query);
  }
}
