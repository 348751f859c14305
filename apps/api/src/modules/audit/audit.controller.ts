import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import type { Readable } from 'node:stream';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import { AuditService } from './audit.service';
import {
  AccessReportDto,
  AccessReportQueryDto,
  AuditFilterDto,
  AuditPageDto,
  AuditQueryDto,
  AuditRangeDto,
} from './dto/audit.dto';

const csv = (stream: Readable, name: string) =>
  new StreamableFile(stream, {
    type: 'text/csv; charset=utf-8',
    disposition: `attachment; filename="${name}.csv"`,
  });

@ApiTags('audit')
@Controller('audit')
@Roles('ADMIN')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Search the audit trail by patient (id, MRN or name), action, staff member and time' })
  @ApiOkResponse({ type: AuditPageDto })
  find(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.find(actor, query);
  }

  @Get('csv')
  @ApiOperation({
    summary: 'Every event the filter matches, as CSV (streamed)',
    description:
      'The same filter as the search, without pages. The export is itself audited (EXPORT, naming the filters).',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One row per event, the search answer’s values in words' })
  async export(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Query() query: AuditFilterDto,
  ): Promise<StreamableFile> {
    return csv(await this.audit.export(actor, meta, query), 'audit-log');
  }

  @Get('patients/:patientId/access')
  @ApiOperation({
    summary: "Who has seen or changed a patient's record",
    description: 'Repeated reads of the same thing by the same person within the window form one line.',
  })
  @ApiOkResponse({ type: AccessReportDto })
  @ApiNotFoundResponse()
  access(
    @CurrentActor() actor: Actor,
    @Param('patientId', UuidPipe) patientId: string,
    @Query() query: AccessReportQueryDto,
  ): Promise<AccessReportDto> {
    return this.audit.access(actor, patientId, query);
  }

  @Get('patients/:patientId/access/csv')
  @ApiOperation({ summary: "A patient's access report as CSV (streamed); the export is itself audited" })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'One row per line of the report' })
  @ApiNotFoundResponse()
  async accessExport(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('patientId', UuidPipe) patientId: string,
    @Query() query: AuditRangeDto,
  ): Promise<StreamableFile> {
    return csv(await this.audit.accessExport(actor, meta, patientId, query), 'access-report');
  }
}
