import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
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
  @Header('Content-Disposition', 'attachment; filename="appointments.ics"')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: "A patient's upcoming appointments as an iCalendar file, in the clinic's time zone" })
  @ApiOkResponse({ description: 'text/calendar', schema: { type: 'string' } })
  @ApiNotFoundResponse()
  feed(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<string> {
    return this.calendar.patientFeed(actor, meta, id);
  }
}
