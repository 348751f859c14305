import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import { EligibilityDto, EligibilityQueryDto } from './dto/eligibility.dto';
import { EligibilityService } from './eligibility.service';

@ApiTags('screening')
@Controller('patients')
export class EligibilityController {
  constructor(private readonly eligibility: EligibilityService) {}

  @Get(':id/eligibility')
  @Roles('SCHEDULER', 'NURSE', 'CLINICIAN')
  @ApiOperation({
    summary: 'Eligibility for treatment on a day',
    description:
      "Combines the latest signed, unexpired screening of each kind. `on` defaults to today in the clinic's time zone. " +
      'A missing or expired kind answers NOT_ELIGIBLE with a reason of type missing or expired. A newer screening awaiting ' +
      'a clinician holds treatment on what it found (type pending: CONTRAINDICATED or NEEDS_REVIEW); a newer declined one ' +
      'answers NOT_ELIGIBLE (type declined). Schedulers see statuses ' +
      'and reasons, never the answers (evidence) behind them. The read is audited.',
  })
  @ApiOkResponse({ type: EligibilityDto })
  @ApiBadRequestResponse({ description: '`on` is not a calendar date' })
  @ApiNotFoundResponse()
  get(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
    @Query() query: EligibilityQueryDto,
  ): Promise<EligibilityDto> {
    return this.eligibility.forPatient(actor, meta, id, query.on);
  }
}
