import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module';
import { DailyJob } from './daily-job.service';
import { JobRunsService } from './job-runs.service';
import { JobsController } from './jobs.controller';
import { JobsRepository } from './jobs.repository';

/**
 * The clinic's daily job (follow-up statuses, booster-due tasks, appointment reminders), run once
 * per clinic day across every instance, and the admins' view of its runs.
 */
@Module({
  imports: [MessagesModule],
  controllers: [JobsController],
  providers: [JobsRepository, DailyJob, JobRunsService],
  exports: [DailyJob],
})
export class JobsModule {}
