import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import {
  CreateScreeningDto,
  DeclineDto,
  OverrideDto,
  QueueCountDto,
  QueueDto,
  SaveDraftDto,
  ScreeningDto,
  ScreeningListDto,
  TransitionDto,
} from './dto/screening.dto';
import { ScreeningReviewService } from './screening-review.service';
import { ScreeningWorkflowService } from './screening-workflow.service';

const STALE_OR_STATUS = 'Stale version (nothing written), or the screening is not in a state that allows this';

@ApiTags('screening')
@Controller()
export class ScreeningController {
  constructor(
    private readonly workflow: ScreeningWorkflowService,
    private readonly review: ScreeningReviewService,
  ) {}

  @Post('patients/:patientId/screenings')
  @Roles('NURSE')
  @ApiOperation({
    summary: 'Start a screening (DRAFT) on the latest version of a checklist; answers so far are optional',
  })
  @ApiCreatedResponse({ type: ScreeningDto })
  @ApiBadRequestResponse({ description: 'Answers that do not fit the checklist, named in errors[] (answers.<itemId>)' })
  @ApiNotFoundResponse()
  create(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('patientId', UuidPipe) patientId: string,
    @Body() body: CreateScreeningDto,
  ): Promise<ScreeningDto> {
    return this.workflow.create(actor, meta, patientId, body);
  }

  @Get('patients/:patientId/screenings')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({ summary: "A patient's screenings, newest first (each read is audited)" })
  @ApiOkResponse({ type: ScreeningListDto })
  @ApiNotFoundResponse()
  list(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('patientId', UuidPipe) patientId: string,
  ): Promise<ScreeningListDto> {
    return this.workflow.list(actor, meta, patientId);
  }

  @Get('screening-queue')
  @Roles('CLINICIAN')
  @ApiOperation({
    summary: 'Submitted screenings awaiting a clinician',
    description:
      'Suicidality-flagged first, then NEEDS_REVIEW, CONTRAINDICATED, ELIGIBLE; oldest first within each group.',
  })
  @ApiOkResponse({ type: QueueDto })
  queue(@CurrentActor() actor: Actor, @CurrentRequest() meta: RequestMeta): Promise<QueueDto> {
    return this.workflow.queue(actor, meta);
  }

  @Get('screening-queue/count')
  @Roles('CLINICIAN')
  @ApiOperation({
    summary: 'How many screenings await a clinician (for the menu badge)',
    description: "Counts only, naming no patient, so it is not an audited read of anyone's record.",
  })
  @ApiOkResponse({ type: QueueCountDto })
  queueCount(@CurrentActor() actor: Actor): Promise<QueueCountDto> {
    return this.workflow.queueCount(actor);
  }

  @Get('screenings/:id')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({ summary: 'A screening with its answers, scores and result (the read is audited)' })
  @ApiOkResponse({ type: ScreeningDto })
  @ApiNotFoundResponse()
  get(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<ScreeningDto> {
    return this.workflow.get(actor, meta, id);
  }

  @Patch('screenings/:id')
  @Roles('NURSE')
  @ApiOperation({
    summary: 'Save a draft',
    description:
      'The answers sent REPLACE the saved answers (they are not merged): send every answer to keep. Incomplete is fine; wrong is not.',
  })
  @ApiOkResponse({ type: ScreeningDto })
  @ApiBadRequestResponse({ description: 'Answers that do not fit the checklist' })
  @ApiConflictResponse({ description: 'Stale version, or the screening is no longer a draft (SCREENING_NOT_EDITABLE)' })
  @ApiNotFoundResponse()
  save(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: SaveDraftDto,
  ): Promise<ScreeningDto> {
    return this.workflow.saveDraft(actor, meta, id, body);
  }

  @Post('screenings/:id/submit')
  @HttpCode(200)
  @Roles('NURSE')
  @ApiOperation({
    summary: 'Submit for clinician review: every required item answered; scores and the result are computed and fixed',
  })
  @ApiOkResponse({ type: ScreeningDto })
  @ApiBadRequestResponse({ description: 'Each missing or bad answer, named in errors[]' })
  @ApiConflictResponse({ description: STALE_OR_STATUS })
  @ApiNotFoundResponse()
  submit(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: TransitionDto,
  ): Promise<ScreeningDto> {
    return this.workflow.submit(actor, meta, id, body);
  }

  @Post('screenings/:id/sign')
  @HttpCode(200)
  @Roles('CLINICIAN')
  @ApiOperation({
    summary:
      'Sign a submitted screening: its result stands, valid for the clinic’s validity window from the day it was submitted (clinic time)',
  })
  @ApiOkResponse({ type: ScreeningDto })
  @ApiConflictResponse({ description: STALE_OR_STATUS })
  @ApiNotFoundResponse()
  sign(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: TransitionDto,
  ): Promise<ScreeningDto> {
    return this.review.sign(actor, meta, id, body);
  }

  @Post('screenings/:id/override')
  @HttpCode(200)
  @Roles('CLINICIAN')
  @ApiOperation({
    summary: 'Sign a NEEDS_REVIEW screening, accepting its relative contraindications with a written reason',
  })
  @ApiOkResponse({ type: ScreeningDto })
  @ApiConflictResponse({
    description:
      'Stale version; not submitted; or the result is not NEEDS_REVIEW (an absolute contraindication is never overridden)',
  })
  @ApiNotFoundResponse()
  override(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: OverrideDto,
  ): Promise<ScreeningDto> {
    return this.review.override(actor, meta, id, body);
  }

  @Post('screenings/:id/decline')
  @HttpCode(200)
  @Roles('CLINICIAN')
  @ApiOperation({
    summary:
      'Decline a submitted screening with a reason; newer than the latest signed one of its kind, it leaves the patient NOT_ELIGIBLE until a new one is signed',
  })
  @ApiOkResponse({ type: ScreeningDto })
  @ApiConflictResponse({ description: STALE_OR_STATUS })
  @ApiNotFoundResponse()
  decline(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: DeclineDto,
  ): Promise<ScreeningDto> {
    return this.review.decline(actor, meta, id, body);
  }

  @Post('screenings/:id/addenda')
  @Roles('NURSE')
  @ApiOperation({
    summary:
      'Correct a signed screening: a new draft of the same checklist with its answers copied; the original is untouched',
  })
  @ApiCreatedResponse({ type: ScreeningDto })
  @ApiConflictResponse({ description: 'The screening is not signed' })
  @ApiNotFoundResponse()
  addendum(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<ScreeningDto> {
    return this.review.addendum(actor, meta, id);
  }
}
