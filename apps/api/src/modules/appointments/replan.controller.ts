import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import { ReplanAnswerDto, ReplanDto, ReplanOptionsDto, ReplanOptionsRequestDto } from './dto/replan.dto';
import { ReplanService } from './replan.service';

@ApiTags('courses')
@Controller('courses')
export class ReplanController {
  constructor(private readonly replans: ReplanService) {}

  @Post(':id/replan-options')
  @HttpCode(200)
  @Roles('SCHEDULER')
  @ApiOperation({
    summary:
      "Options for re-planning a course from one session: its booked sessions from there on searched afresh, keeping the protocol's pattern among themselves and after the sessions kept",
  })
  @ApiOkResponse({ type: ReplanOptionsDto })
  @ApiBadRequestResponse({ description: 'Invalid fields, or no such session (fromSession)' })
  @ApiConflictResponse({
    description:
      'The course is not booked, or PLAN_INFEASIBLE (REPLAN_SESSION_STARTED: a session from there on has started or is recorded)',
  })
  @ApiNotFoundResponse()
  options(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: ReplanOptionsRequestDto,
  ): Promise<ReplanOptionsDto> {
    return this.replans.options(actor, meta, id, body);
  }

  @Post(':id/replan')
  @HttpCode(200)
  @Roles('SCHEDULER')
  @ApiOperation({
    summary:
      'Move every booked session of a course from one session on to new chairs and times, all or nothing, each new date through the eligibility gate',
  })
  @ApiOkResponse({ type: ReplanAnswerDto })
  @ApiBadRequestResponse({
    description: 'Invalid fields, or sessions that are not the booked sessions from fromSession on',
  })
  @ApiConflictResponse({
    description:
      'Stale version (STALE_VERSION), the course is not booked, PLAN_INFEASIBLE (reasons[] per session, REPLAN_TOO_EARLY, REPLAN_SESSION_STARTED) or SLOT_TAKEN',
  })
  @ApiUnprocessableEntityResponse({ description: 'NOT_ELIGIBLE on a new treatment day, naming it' })
  @ApiNotFoundResponse()
  replan(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: ReplanDto,
  ): Promise<ReplanAnswerDto> {
    return this.replans.replan(actor, meta, id, body);
  }
}
