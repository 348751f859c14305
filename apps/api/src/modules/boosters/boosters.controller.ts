import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import { BoostersService } from './boosters.service';
import {
  BoosterChecksDto,
  BoosterChecksQueryDto,
  BoosterQueueDto,
  BoosterQueueQueryDto,
  BoosterTaskDto,
  CreateBoosterApprovalDto,
  DismissBoosterTaskDto,
} from './dto/booster.dto';

@ApiTags('boosters')
@Controller()
export class BoostersController {
  constructor(private readonly boosters: BoostersService) {}

  @Get('patients/:id/booster-checks')
  @Roles('CLINICIAN', 'SCHEDULER', 'NURSE')
  @ApiOperation({
    summary:
      "Whether a booster may be booked for the patient: each pre-booster check's state and reasons, and the decision",
    description:
      "For a booster of the patient's last completed course under `protocolId`, starting `on`. The decision applies the " +
      "newest usable clinician's approval of relative reasons, if any. The read is audited.",
  })
  @ApiOkResponse({ type: BoosterChecksDto })
  @ApiBadRequestResponse({ description: '`on` is not a calendar date, or no protocol can be defaulted' })
  @ApiNotFoundResponse()
  checks(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Query() query: BoosterChecksQueryDto,
  ): Promise<BoosterChecksDto> {
    return this.boosters.checks(actor, meta, id, query);
  }

  @Get('boosters/queue')
  @Roles('CLINICIAN')
  @ApiOperation({
    summary:
      "A page of the clinic's open booster tasks, soonest due first, each with the patient and every check's state now",
  })
  @ApiOkResponse({ type: BoosterQueueDto })
  queue(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Query() query: BoosterQueueQueryDto,
  ): Promise<BoosterQueueDto> {
    return this.boosters.queue(actor, meta, query);
  }

  @Post('boosters/tasks/:id/dismiss')
  @HttpCode(200)
  @Roles('CLINICIAN')
  @ApiOperation({ summary: 'Dismiss an open booster task with a reason (no booster offered)' })
  @ApiOkResponse({ type: BoosterTaskDto })
  @ApiConflictResponse({ description: 'The task is already booked or dismissed' })
  @ApiNotFoundResponse()
  dismiss(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: DismissBoosterTaskDto,
  ): Promise<BoosterTaskDto> {
    return this.boosters.dismiss(actor, meta, id, body);
  }

  @Post('boosters/approvals')
  @Roles('CLINICIAN')
  @ApiOperation({
    summary: "A clinician's written approval of named relative booster reasons, for a scheduler's booking to cite",
    description:
      'Accepts only relative reasons standing now (a cap the booster could cross, no measured response, relief not yet ' +
      "lost) for a booster of the patient's last completed course under the protocol. The booking cites it by " +
      '`boosterApprovalId`, once, before it expires; the booking re-runs every check. Answers the checks with it applied.',
  })
  @ApiCreatedResponse({ type: BoosterChecksDto })
  @ApiNotFoundResponse()
  @ApiUnprocessableEntityResponse({
    description:
      'OVERRIDE_NOT_ALLOWED: a code absolute or not standing; BOOSTER_NOT_ALLOWED: not the last completed course',
  })
  approve(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Body() body: CreateBoosterApprovalDto,
  ): Promise<BoosterChecksDto> {
    return this.boosters.approve(actor, meta, body);
  }
}
