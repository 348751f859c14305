import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@Controller('patients')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get(':id/appointments.ics')
  @Roles('SCHEDULER')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary:
      "A patient's upcoming appointments as an iCalendar file, in the clinic's time zone, with the clinic's address and how to prepare; a moved session keeps its UID with a higher SEQUENCE",
  })
  @ApiOkResponse({
    description: 'text/calendar, as an attachment named <clinic>-sessions-from-<first session date>.ics',
    schema: { type: 'string' },
  })
  @ApiNotFoundResponse()
  async feed(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const file = await this.calendar.patientFeed(actor, meta, id);
    reply.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
    return file.body;
  }
}
