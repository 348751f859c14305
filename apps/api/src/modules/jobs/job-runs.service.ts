import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../../common/auth/current-user';
import { APP_CONFIG, type AppConfig } from '../../common/config/app.config';
import { DAILY_JOB } from './daily-job.service';
import type { DailyRunsDto, DailySummaryDto } from './dto/job-run.dto';
import { JobsRepository } from './jobs.repository';

const SHOWN_RUNS = 30;

/** What the daily job did, for the clinic's admins: days and counts, no patient data. */
@Injectable()
export class JobRunsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsRepository,
  ) {}

  async dailyRuns(actor: Actor): Promise<DailyRunsDto> {
    const rows = await this.jobs.runs(DAILY_JOB, actor.clinicId, SHOWN_RUNS);
    return {
      items: rows.map((row) => ({
        day: row.day.toISOString().slice(0, 10),
        startedAt: row.startedAt.toISOString(),
        finishedAt: row.finishedAt?.toISOString() ?? null,
        summary: (row.summary as DailySummaryDto | null) ?? null,
      })),
      dailyAt: this.config.jobs.dailyAt,
    };
  }
}
