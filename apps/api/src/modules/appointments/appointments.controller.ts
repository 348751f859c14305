import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
import { VersionedReasonDto } from '../booking/dto/booking.dto';
import { AppointmentsService } from './appointments.service';
import {
  BoardAppointmentDto,
  BoardDto,
  BoardQueryDto,
  RescheduleDto,
  RescheduleOptionsDto,
  RescheduleOptionsRequestDto,
  VersionDto,
} from './dto/appointment.dto';
import { OccupancyDto, OccupancyQueryDto } from './dto/occupancy.dto';
import { OccupancyService } from './occupancy.service';

@ApiTags('appointments')
@Controller('appointments')
export class AppointmentsController {
  constructor(
    private readonly appointments: AppointmentsService,
    private readonly occupancy: OccupancyService,
  ) {}

  @Get()
  @Roles('SCHEDULER', 'NURSE', 'CLINICIAN')
  @ApiOperation({ summary: 'The chair board: appointments overlapping a range of up to 31 days' })
  @ApiOkResponse({ type: BoardDto })
  @ApiBadRequestResponse({ description: 'Invalid or too long a range' })
  board(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Query() query: BoardQueryDto,
  ): Promise<BoardDto> {
    return this.appointments.board(actor, meta, query);
  }

  @Get('occupancy')
  @Roles('SCHEDULER', 'NURSE', 'CLINICIAN')
  @ApiOperation({
    summary: 'How full each clinic-local day of a month is: booked against open chair-minutes (no patient data)',
  })
  @ApiOkResponse({ type: OccupancyDto })
  @ApiBadRequestResponse({ description: 'month is not YYYY-MM' })
  monthOccupancy(@CurrentActor() actor: Actor, @Query() query: OccupancyQueryDto): Promise<OccupancyDto> {
    return this.occupancy.month(actor, query);
  }

  @Post(':id/reschedule-options')
  @HttpCode(200)
  @Roles('SCHEDULER')
  @ApiOperation({
    summary:
      "Where this one session could move: other chairs and times on its own clinic-local day, or on another day (date) where the protocol's pattern allows it",
  })
  @ApiOkResponse({ type: RescheduleOptionsDto })
  @ApiConflictResponse({
    description:
      'Not booked, already started, the course is not booked, or PLAN_INFEASIBLE (the pattern keeps the session off that day: MOVE_BREAKS_CONSECUTIVE_DAYS, MOVE_BREAKS_WEEKDAYS, MOVE_TOO_CLOSE)',
  })
  @ApiNotFoundResponse()
  rescheduleOptions(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() body: RescheduleOptionsRequestDto,
  ): Promise<RescheduleOptionsDto> {
    return this.appointments.rescheduleOptions(actor, id, body);
  }

  @Post(':id/reschedule')
  @HttpCode(200)
  @Roles('SCHEDULER')
  @ApiOperation({
    summary:
      "Move one session to another chair or time, on its own clinic-local day or another day the protocol's pattern allows (re-checked against fresh capacity); to move the rest of a course, re-plan it",
  })
  @ApiOkResponse({ type: BoardAppointmentDto })
  @ApiConflictResponse({
    description:
      'Stale version, not booked, already started, the course is not booked, PLAN_INFEASIBLE (a MOVE_ code among the reasons for a day the pattern refuses) or SLOT_TAKEN',
  })
  @ApiUnprocessableEntityResponse({ description: 'NOT_ELIGIBLE on the new day' })
  @ApiNotFoundResponse()
  reschedule(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: RescheduleDto,
  ): Promise<BoardAppointmentDto> {
    return this.appointments.reschedule(actor, meta, id, body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('SCHEDULER')
  @ApiOperation({ summary: 'Cancel one session that has not started, with a reason' })
  @ApiOkResponse({ type: BoardAppointmentDto })
  @ApiConflictResponse({
    description: 'Stale version, not booked, already started (record a no-show instead), or the course is not booked',
  })
  @ApiNotFoundResponse()
  cancel(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: VersionedReasonDto,
  ): Promise<BoardAppointmentDto> {
    return this.appointments.cancel(actor, meta, id, body);
  }

  @Post(':id/no-show')
  @HttpCode(200)
  @Roles('SCHEDULER', 'NURSE')
  @ApiOperation({ summary: 'Record that the patient did not come (once the appointment has started)' })
  @ApiOkResponse({ type: BoardAppointmentDto })
  @ApiConflictResponse({ description: 'Stale version, not booked, or not yet started' })
  @ApiNotFoundResponse()
  noShow(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: VersionDto,
  ): Promise<BoardAppointmentDto> {
    return this.appointments.noShow(actor, meta, id, body);
  }
}
