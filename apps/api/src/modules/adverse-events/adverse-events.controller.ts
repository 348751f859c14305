import { Body, Controller, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
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
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import {
  AdverseEventDto,
  AdverseEventListDto,
  AdverseEventTermsDto,
  ConfirmAdverseEventDto,
  DismissAdverseEventDto,
  RecordAdverseEventDto,
  UpdateAdverseEventDto,
} from './dto/adverse-event.dto';
import { AdverseEventsService } from './adverse-events.service';

@ApiTags('adverse events')
@Controller()
export class AdverseEventsController {
  constructor(private readonly events: AdverseEventsService) {}

  @Post('sessions/:id/adverse-events')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({
    summary: 'Record an adverse event (CTCAE v5 term and grade, onset, actions, outcome, serious)',
    description:
      'A serious or grade ≥ 3 event alerts the supervising clinician and every active admin at once. The id comes from the tablet: a retry with the same id and content answers 200 with the stored event.',
  })
  @ApiCreatedResponse({ type: AdverseEventDto, description: 'Recorded' })
  @ApiOkResponse({ type: AdverseEventDto, description: 'A retry of a stored event: stored once' })
  @ApiBadRequestResponse({ description: 'Invalid fields (a grade the term does not define, …), named in errors[]' })
  @ApiConflictResponse({ description: 'The id is used by a different entry, or the record is signed' })
  @ApiNotFoundResponse()
  async record(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: RecordAdverseEventDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AdverseEventDto> {
    const { created, event } = await this.events.record(actor, meta, id, body);
    reply.status(created ? 201 : 200);
    return event;
  }

  @Get('sessions/:id/adverse-events')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({ summary: "The session's adverse events: drafts, confirmed and dismissed" })
  @ApiOkResponse({ type: AdverseEventListDto })
  @ApiNotFoundResponse()
  list(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<AdverseEventListDto> {
    return this.events.list(actor, meta, id);
  }

  @Patch('adverse-events/:id')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({ summary: 'Edit a draft or confirmed event at the version read (a stale one answers 409)' })
  @ApiOkResponse({ type: AdverseEventDto })
  @ApiBadRequestResponse({ description: 'Invalid fields, named in errors[]' })
  @ApiConflictResponse({ description: 'Stale version, a dismissed draft, or the record is signed' })
  @ApiNotFoundResponse()
  update(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateAdverseEventDto,
  ): Promise<AdverseEventDto> {
    return this.events.update(actor, meta, id, body);
  }

  @Post('adverse-events/:id/confirm')
  @HttpCode(200)
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({
    summary: 'Confirm a drafted event, completing or correcting it (serious or grade ≥ 3 alerts at once)',
  })
  @ApiOkResponse({ type: AdverseEventDto })
  @ApiBadRequestResponse({ description: 'The event is incomplete or invalid, each field named' })
  @ApiConflictResponse({ description: 'Not a draft, stale version, or the record is signed' })
  @ApiNotFoundResponse()
  confirm(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: ConfirmAdverseEventDto,
  ): Promise<AdverseEventDto> {
    return this.events.confirm(actor, meta, id, body);
  }

  @Post('adverse-events/:id/dismiss')
  @HttpCode(200)
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({ summary: 'Dismiss a drafted event with the reason it is not one' })
  @ApiOkResponse({ type: AdverseEventDto })
  @ApiBadRequestResponse({ description: 'Invalid fields, named in errors[]' })
  @ApiConflictResponse({ description: 'Not a draft, stale version, or the record is signed' })
  @ApiNotFoundResponse()
  dismiss(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: DismissAdverseEventDto,
  ): Promise<AdverseEventDto> {
    return this.events.dismiss(actor, meta, id, body);
  }

  @Get('adverse-event-terms')
  @Roles('NURSE', 'CLINICIAN', 'ADMIN')
  @ApiOperation({ summary: 'The CTCAE v5 terms with their grade definitions, the actions and the outcomes' })
  @ApiOkResponse({ type: AdverseEventTermsDto })
  terms(): AdverseEventTermsDto {
    return this.events.terms();
  }
}
