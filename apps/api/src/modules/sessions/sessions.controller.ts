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
import { DischargeService } from './discharge.service';
import { AddendumInputDto, DischargeDto, SignDto } from './dto/record.dto';
import { SigningService } from './signing.service';
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
    private readonly discharges: DischargeService,
    private readonly signing: SigningService,
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

  @Post('sessions/:id/discharge')
  @HttpCode(200)
  @Roles('NURSE')
  @ApiOperation({
    summary:
      'Discharge from recovery on the modified Aldrete, vitals near the check-in baseline, observation since the last dose and the escort present; nothing overrides a check that does not pass',
  })
  @ApiOkResponse({ type: InfusionSessionDto })
  @ApiConflictResponse({ description: 'Stale version, or the session is not in recovery' })
  @ApiUnprocessableEntityResponse({ description: 'DISCHARGE_NOT_ALLOWED with each reason (code, ruleId, message)' })
  @ApiNotFoundResponse()
  discharge(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: DischargeDto,
  ): Promise<InfusionSessionDto> {
    return this.discharges.discharge(actor, meta, id, body);
  }

  @Post('sessions/:id/sign')
  @HttpCode(200)
  @Roles('NURSE')
  @ApiOperation({
    summary:
      "The nurse's signature: once discharged, with no adverse event still a draft and every grade ≥ 3 or serious one seen by a clinician; the record is then frozen",
  })
  @ApiOkResponse({ type: InfusionSessionDto })
  @ApiConflictResponse({ description: 'Stale version, not discharged, or already signed' })
  @ApiUnprocessableEntityResponse({
    description: 'SIGNING_NOT_ALLOWED: an adverse event is a draft or not yet seen by a clinician',
  })
  @ApiNotFoundResponse()
  sign(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: SignDto,
  ): Promise<InfusionSessionDto> {
    return this.signing.sign(actor, meta, id, body);
  }

  @Post('sessions/:id/co-sign')
  @HttpCode(200)
  @Roles('CLINICIAN')
  @ApiOperation({
    summary:
      "The clinician's co-signature after the nurse's: completes the appointment and, with its course's last session, the course",
  })
  @ApiOkResponse({ type: InfusionSessionDto })
  @ApiConflictResponse({ description: 'Stale version, not signed by the nurse yet, or already co-signed' })
  @ApiNotFoundResponse()
  coSign(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: SignDto,
  ): Promise<InfusionSessionDto> {
    return this.signing.coSign(actor, meta, id, body);
  }

  @Post('sessions/:id/addenda')
  @Roles('NURSE', 'CLINICIAN')
  @ApiOperation({ summary: 'A correction or late note added to a signed record; the record itself never changes' })
  @ApiCreatedResponse({ type: InfusionSessionDto })
  @ApiBadRequestResponse({ description: 'Empty or too long a text' })
  @ApiConflictResponse({ description: 'The record is not signed yet' })
  @ApiNotFoundResponse()
  addAddendum(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: AddendumInputDto,
  ): Promise<InfusionSessionDto> {
    return this.signing.addAddendum(actor, meta, id, body);
  }
}
