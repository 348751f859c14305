import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { DomainError } from '../../common/errors/domain-error';
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import { FhirExportQueryDto } from './dto/fhir-export.dto';
import { FhirExportService } from './fhir-export.service';
import { FHIR_JSON, operationOutcomeOf } from './operation-outcome';
import { FHIR_BASE } from './operation-outcome.filter';

/** Bulk Data Access IG system-level export, admin only. */
@ApiTags('fhir')
@Controller(FHIR_BASE.slice(1))
export class FhirExportController {
  constructor(private readonly exports: FhirExportService) {}

  @Get('$export')
  @Roles('ADMIN')
  @ApiOperation({
    summary:
      "Kick off the clinic's bulk export (Prefer: respond-async): 202 with the status URL in Content-Location; while one runs, a second request gets the running one's status URL",
  })
  @ApiAcceptedResponse({ description: 'Queued (or already running): poll Content-Location' })
  async kickOff(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Query() query: FhirExportQueryDto,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    if (!prefer || !/respond-async/i.test(prefer))
      throw new DomainError('VALIDATION_FAILED', 'A bulk export runs asynchronously: send Prefer: respond-async.', [
        { field: 'Prefer', rule: 'respondAsync', message: 'the Prefer header must be respond-async' },
      ]);
    const types = query._type ? [...new Set(query._type.split(','))] : [];
    const id = await this.exports.request(actor, meta, types, query._since ? new Date(query._since) : null);
    void reply.status(202).header('content-location', this.exports.statusUrl(id));
  }

  @Get('$export-status/:id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'An export: 202 with X-Progress while it runs, then 200 with the Bulk Data manifest' })
  @ApiOkResponse({ description: 'The manifest: one NDJSON file per resource type' })
  @ApiAcceptedResponse({ description: 'Still running (X-Progress)' })
  @ApiNotFoundResponse({ description: 'No such export, or its files were removed' })
  async status(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const status = await this.exports.status(actor, id);
    switch (status.state) {
      case 'IN_PROGRESS':
        void reply.status(202).header('x-progress', status.progress).header('retry-after', '2');
        return undefined;
      case 'FAILED':
        void reply.status(500).header('content-type', FHIR_JSON);
        return operationOutcomeOf({ status: 500, code: 'INTERNAL', detail: 'The export failed.', correlationId: id });
      case 'COMPLETE':
        void reply.header('content-type', 'application/json');
        return status.manifest;
      default: {
        const unreachable: never = status;
        throw new Error(`Unhandled export state ${String(unreachable)}`);
      }
    }
  }

  @Get('$export-file/:id')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'One NDJSON file of a completed export (application/fhir+ndjson)' })
  @ApiOkResponse({ description: 'One resource per line' })
  @ApiNotFoundResponse({ description: 'No such file, or it was removed' })
  async file(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const content = await this.exports.file(actor, id);
    void reply.header('content-type', 'application/fhir+ndjson');
    return content;
  }
}
