import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { CurrentSessionCheck, type LiveSessionCheck, SessionCheckedByStatement } from '../../common/auth/live-session';
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import { FlowsheetDto, RecordedVitalsDto, RecordVitalsDto, VitalsReadingDto, VoidReadingDto } from './dto/vitals.dto';
import { VitalsService } from './vitals.service';

@ApiTags('vitals')
@Controller('sessions/:id')
export class VitalsController {
  constructor(private readonly vitals: VitalsService) {}

  @Post('vitals')
  @Roles('NURSE', 'CLINICIAN')
  @SessionCheckedByStatement()
  @ApiOperation({
    summary: 'Record a vitals reading (any of the signs) with the alerts it raises',
    description:
      'Each alert that calls for it drafts an adverse event for the nurse to confirm or dismiss. The id comes from the tablet: a retry with the same id and content answers 200 with the stored reading.',
  })
  @ApiCreatedResponse({ type: RecordedVitalsDto, description: 'Stored' })
  @ApiOkResponse({ type: RecordedVitalsDto, description: 'A retry of a stored reading: stored once' })
  @ApiBadRequestResponse({ description: 'Invalid fields, each named with its allowed range' })
  @ApiConflictResponse({ description: 'The id is used by a different entry, or the session takes no readings now' })
  @ApiNotFoundResponse()
  async record(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: RecordVitalsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
    @CurrentSessionCheck() live: LiveSessionCheck | undefined,
  ): Promise<RecordedVitalsDto> {
    const { created, reading } = await this.vitals.record(actor, meta, id, body, live);
    reply.status(created ? 201 : 200);
    return reading;
  }

  @Post('vitals/:readingId/void')
  @HttpCode(200)
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({ summary: 'Mark a reading entered in error, once, with a reason (it stays on the flowsheet)' })
  @ApiOkResponse({ type: VitalsReadingDto })
  @ApiBadRequestResponse({ description: 'Invalid fields, named in errors[]' })
  @ApiConflictResponse({ description: 'Already voided, or the record is signed' })
  @ApiNotFoundResponse()
  void(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Param('readingId', UuidPipe) readingId: string,
    @Body() body: VoidReadingDto,
  ): Promise<VitalsReadingDto> {
    return this.vitals.void(actor, meta, id, readingId, body.reason);
  }

  @Get('flowsheet')
  @Roles('NURSE', 'CLINICIAN')
  @SessionCheckedByStatement()
  @ApiOperation({
    summary: "The session's flowsheet: readings, alerts, when the next vitals are due, the limits in force",
  })
  @ApiOkResponse({ type: FlowsheetDto })
  @ApiNotFoundResponse()
  flowsheet(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @CurrentSessionCheck() live: LiveSessionCheck | undefined,
  ): Promise<FlowsheetDto> {
    return this.vitals.flowsheet(actor, meta, id, live);
  }
}
