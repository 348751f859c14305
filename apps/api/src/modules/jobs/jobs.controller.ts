import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '../../common/auth/current-user';
import { Roles } from '../../common/auth/roles.decorator';
import { DailyRunsDto } from './dto/job-run.dto';
import { JobRunsService } from './job-runs.service';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly runs: JobRunsService) {}

  @Get('daily-runs')
  @Roles('ADMIN')
  @ApiOperation({ summary: "The clinic's latest daily job runs and what each changed (counts only)" })
  @ApiOkResponse({ type: DailyRunsDto })
  dailyRuns(@CurrentActor() actor: Actor): Promise<DailyRunsDto> {
    return this.runs.dailyRuns(actor);
  }
}
