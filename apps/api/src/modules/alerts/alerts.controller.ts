import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { AnyRole } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import { AlertInboxDto, StaffAlertDto } from './dto/alert.dto';
import { AlertsService } from './alerts.service';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @AnyRole()
  @ApiOperation({
    summary: 'Your alerts inbox (e.g. a serious or grade 3+ adverse event), newest first, with the unread count',
  })
  @ApiOkResponse({ type: AlertInboxDto })
  inbox(@CurrentActor() actor: Actor, @CurrentRequest() meta: RequestMeta): Promise<AlertInboxDto> {
    return this.alerts.inbox(actor, meta);
  }

  @Post(':id/read')
  @HttpCode(200)
  @AnyRole()
  @ApiOperation({ summary: 'Mark one of your alerts read' })
  @ApiOkResponse({ type: StaffAlertDto })
  @ApiNotFoundResponse({ description: 'No such alert in your inbox' })
  markRead(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<StaffAlertDto> {
    return this.alerts.markRead(actor, meta, id);
  }
}
