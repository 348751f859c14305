import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/roles.decorator';
import { capabilityStatement } from './capability-statement';
import { FHIR_BASE } from './operation-outcome.filter';
import { FHIR_JSON } from './operation-outcome';
import { fhirResponse } from './fhir-openapi';

const SOFTWARE = { version: '0.1.0', releaseDate: '2026-12-04' };

@ApiTags('fhir')
@Controller(FHIR_BASE.slice(1))
export class FhirMetadataController {
  @Get('metadata')
  @Public()
  @Header('content-type', FHIR_JSON)
  @ApiOperation({ summary: 'The CapabilityStatement: what this FHIR R4 server supports, exactly' })
  @ApiOkResponse(fhirResponse('CapabilityStatement'))
  metadata() {
    return capabilityStatement(FHIR_BASE, SOFTWARE, { importPatients: true, bulkExport: true });
  }
}
