import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
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
import { CoursesService } from './courses.service';
import { VersionedReasonDto } from '../booking/dto/booking.dto';
import {
  BookCourseDto,
  CourseDto,
  CourseListDto,
  CourseOptionsAnswerDto,
  CourseOptionsRequestDto,
} from './dto/course.dto';

@ApiTags('courses')
@Controller()
export class CoursesController {
  constructor(private readonly courses: CoursesService) {}

  @Post('courses/options')
  @HttpCode(200)
  @Roles('SCHEDULER')
  @ApiOperation({
    summary: 'The earliest feasible course plans for a protocol and patient, ranked (same chair and time preferred)',
  })
  @ApiOkResponse({ type: CourseOptionsAnswerDto })
  @ApiUnprocessableEntityResponse({
    description:
      'PROTOCOL_NOT_BOOKABLE: a home protocol has nothing to book, or a newer version of the protocol supersedes this one; ' +
      "BOOSTER_NOT_ALLOWED: boosterOfCourseId is not the patient's last completed course",
  })
  options(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Body() body: CourseOptionsRequestDto,
  ): Promise<CourseOptionsAnswerDto> {
    return this.courses.options(actor, meta, body);
  }

  @Post('courses')
  @Roles('SCHEDULER')
  @ApiOperation({ summary: 'Book every session of a plan in one transaction (all or nothing)' })
  @ApiCreatedResponse({ type: CourseDto })
  @ApiBadRequestResponse({ description: 'Invalid fields, named in errors[]' })
  @ApiConflictResponse({ description: 'PLAN_INFEASIBLE (reasons[] per session) or SLOT_TAKEN' })
  @ApiUnprocessableEntityResponse({
    description:
      'NOT_ELIGIBLE on a treatment day, PROTOCOL_NOT_BOOKABLE (home protocol, or a superseded version), or ' +
      "BOOSTER_NOT_ALLOWED: the booster's checks do not allow it (reasons[] standing, accepted[] by the cited approval)",
  })
  book(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Body() body: BookCourseDto,
  ): Promise<CourseDto> {
    return this.courses.book(actor, meta, body);
  }

  @Get('courses/:id')
  @Roles('SCHEDULER', 'NURSE', 'CLINICIAN')
  @ApiOperation({ summary: 'A course with its appointments (the read is audited)' })
  @ApiOkResponse({ type: CourseDto })
  @ApiNotFoundResponse()
  get(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<CourseDto> {
    return this.courses.get(actor, meta, id);
  }

  @Post('courses/:id/cancel')
  @HttpCode(200)
  @Roles('SCHEDULER')
  @ApiOperation({
    summary:
      'Cancel a course and its sessions that have not started, with a reason (refused while a session is under way)',
  })
  @ApiOkResponse({ type: CourseDto })
  @ApiConflictResponse({
    description: 'Stale version, the course is not booked, or a session is under way (finish or mark it first)',
  })
  @ApiNotFoundResponse()
  cancel(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Body() body: VersionedReasonDto,
  ): Promise<CourseDto> {
    return this.courses.cancel(actor, meta, id, body);
  }

  @Get('patients/:id/courses')
  @Roles('SCHEDULER', 'NURSE', 'CLINICIAN')
  @ApiOperation({ summary: "A patient's courses, newest first" })
  @ApiOkResponse({ type: CourseListDto })
  @ApiNotFoundResponse()
  forPatient(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<CourseListDto> {
    return this.courses.forPatient(actor, meta, id);
  }
}
