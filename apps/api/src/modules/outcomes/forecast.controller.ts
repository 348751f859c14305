import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, CurrentRequest, type RequestMeta } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { UuidPipe } from '../../common/validation/uuid.pipe';
import { ReliefForecastDto } from './dto/forecast.dto';
import { ForecastService } from './forecast.service';

@ApiTags('outcomes')
@Controller()
export class ForecastController {
  constructor(private readonly forecasts: ForecastService) {}

  @Get('patients/:id/relief-forecast')
  @Roles('ADMIN', 'CLINICIAN')
  @ApiOperation({
    summary:
      "When the relief of the patient's last course is expected to end, from the clinic's curve for patients like them",
    description:
      'Conditional on relief having lasted to the last contact that found it (day t): the median of S(t + u) / S(t) on ' +
      "the curve of the clinic's courses under the same protocol for the same pain mechanism, its interval from the " +
      'conditional curve’s log bands, and the patients behind it; too few patients gives no date. Audited as a read of the patient.',
  })
  @ApiOkResponse({ type: ReliefForecastDto })
  @ApiNotFoundResponse()
  forecast(
    @CurrentActor() actor: Actor,
    @CurrentRequest() meta: RequestMeta,
    @Param('id', UuidPipe) id: string,
  ): Promise<ReliefForecastDto> {
    return this.forecasts.forPatient(actor, meta, id);
  }
}
