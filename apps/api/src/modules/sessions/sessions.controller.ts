import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
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
import { CheckInService } from './check-in.service';
import { CheckInDto, CheckInOverrideDto, UpdateCheckInDto } from './dto/check-in.dto';
import { InfusionSessionDto } from './dto/session.dto';
import { TodayDto, TodayQueryDto } from './dto/today.dto';
import { SessionsService } from './sessions.service';

@ApiTags('sessions')
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly checkIns: CheckInService,
  ) {}

  @Get('sessions/today')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({
    summary:
      "The nurse's list of a clinic-local day: every appointment by chair and time, its state and what is overdue",
  })
  @ApiOkResponse({ type: TodayDto })
  @ApiBadRequestResponse({ description: 'date is not a calendar date' })
  today(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Query() query: TodayQueryDto,
  ): Promise<TodayDto> {
    return this.sessions.today(actor, meta, query);
  }

  @Post('appointments/:appointmentId/check-in')
  @Roles('NURSE')
  @ApiOperation({
    summary:
      "Check in today's booked appointment: the eligibility gate for today, the day-of facts and checks; a failed check blocks the start, not the check-in",
  })
  @ApiCreatedResponse({ type: InfusionSessionDto })
  @ApiBadRequestResponse({ description: 'Invalid facts, identity not confirmed, or no such clinician' })
  @ApiConflictResponse({ description: 'Not booked, not today, the course is not booked, or already checked in' })
  @ApiUnprocessableEntityResponse({ description: 'NOT_ELIGIBLE today' })
  @ApiNotFoundResponse()
  checkIn(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('appointmentId', UuidPipe) appointmentId: string,
    @Body() body: CheckInDto,
  ): Promise<InfusionSessionDto> {
    return this.checkIns.checkIn(actor, meta, appointmentId, body);
  }

  @Put('sessions/:id/check-in')
  @Roles('NURSE')
  @ApiOperation({
    summary:
      'Record day-of facts while checked in: a missing fact or the recheck after rest (every reading kept); a clinician override is then asked for again',
  })
  @ApiOkResponse({ type: InfusionSessionDto })
  @ApiBadRequestResponse({ description: 'Invalid facts, named in errors[]' })
  @ApiConflictResponse({ description: 'Stale version, or the session has started' })
  @ApiNotFoundResponse()
  updateCheckIn(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateCheckInDto,
  ): Promise<InfusionSessionDto> {
    return this.checkIns.update(actor, meta, id, body);
  }

  @Post('sessions/:id/check-in-override')
  @HttpCode(200)
  @Roles('CLINICIAN')
  @ApiOperation({ summary: "A clinician's written override of named relative check-in reasons; absolute ones stand" })
  @ApiOkResponse({ type: InfusionSessionDto })
  @ApiConflictResponse({ description: 'Stale version, or the session has started' })
  @ApiUnprocessableEntityResponse({
    description: 'OVERRIDE_NOT_ALLOWED: a named reason is absolute or not standing today',
  })
  @ApiNotFoundResponse()
  overrideCheckIn(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: CheckInOverrideDto,
  ): Promise<InfusionSessionDto> {
    return this.checkIns.override(actor, meta, id, body);
  }

  @Get('sessions/:id')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({
    summary:
      'The session: state, check-in facts and checks, actions open now, overdue, discharge, signatures, addenda and the effective settings',
  })
  @ApiOkResponse({ type: InfusionSessionDto })
  @ApiNotFoundResponse()
  get(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<InfusionSessionDto> {
    return this.sessions.get(actor, meta, id);
  }
}
