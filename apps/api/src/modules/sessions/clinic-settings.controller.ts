import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { ClinicSettingsService } from './clinic-settings.service';
import { ClinicInfusionSettingsDto, UpdateInfusionSettingsDto } from './dto/clinic-settings.dto';

@ApiTags('clinic')
@Controller('clinic/infusion-settings')
export class ClinicSettingsController {
  constructor(private readonly settings: ClinicSettingsService) {}

  @Get()
  @Roles('NURSE', 'CLINICIAN', 'ADMIN')
  @ApiOperation({
    summary:
      "The clinic's effective infusion and dosing settings: vitals limits, intervals, discharge, weight range, rounding and window caps",
  })
  @ApiOkResponse({ type: ClinicInfusionSettingsDto })
  get(@CurrentActor() actor: Actor): Promise<ClinicInfusionSettingsDto> {
    return this.settings.get(actor.clinicId);
  }

  @Put()
  @Roles('ADMIN')
  @ApiOperation({
    summary:
      "Replace the clinic's infusion and dosing settings (what is left out is the cited default), at the clinic's version",
  })
  @ApiOkResponse({ type: ClinicInfusionSettingsDto })
  @ApiBadRequestResponse({
    description: 'A value out of its range, or limits that contradict each other, named in errors[]',
  })
  @ApiConflictResponse({ description: 'Stale clinic version' })
  update(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Body() body: UpdateInfusionSettingsDto,
  ): Promise<ClinicInfusionSettingsDto> {
    return this.settings.update(actor, meta, body);
  }
}
