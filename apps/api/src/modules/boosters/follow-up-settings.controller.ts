import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { ClinicFollowUpSettingsDto, UpdateFollowUpSettingsDto } from './dto/follow-up-settings.dto';
import { FollowUpSettingsService } from './follow-up-settings.service';

@ApiTags('clinic')
@Controller('clinic/follow-up-settings')
export class FollowUpSettingsController {
  constructor(private readonly settings: FollowUpSettingsService) {}

  @Get()
  @Roles('NURSE', 'CLINICIAN', 'ADMIN')
  @ApiOperation({
    summary:
      "The clinic's effective follow-up settings: follow-up windows, the worklist's days, the bladder answers' age a booster needs, the responder thresholds and relief line, and how long a booster approval lasts",
  })
  @ApiOkResponse({ type: ClinicFollowUpSettingsDto })
  get(@CurrentActor() actor: Actor): Promise<ClinicFollowUpSettingsDto> {
    return this.settings.get(actor.clinicId);
  }

  @Put()
  @Roles('ADMIN')
  @ApiOperation({
    summary: "Replace the clinic's follow-up settings (what is left out is the default), at the clinic's version",
  })
  @ApiOkResponse({ type: ClinicFollowUpSettingsDto })
  @ApiBadRequestResponse({
    description: 'A value out of its range, or values that contradict each other, named in errors[]',
  })
  @ApiConflictResponse({ description: 'Stale clinic version' })
  update(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Body() body: UpdateFollowUpSettingsDto,
  ): Promise<ClinicFollowUpSettingsDto> {
    return this.settings.update(actor, meta, body);
  }
}
