import { ApiProperty } from '@nestjs/swagger';

export class FollowUpChangesDto {
  @ApiProperty() UPCOMING!: number;
  @ApiProperty() DUE!: number;
  @ApiProperty() OVERDUE!: number;
  @ApiProperty() COMPLETED!: number;
  @ApiProperty() MISSED!: number;
}

export class DailySummaryDto {
  @ApiProperty({ format: 'date-time', description: 'The instant the run judged statuses and reminders at' })
  at!: string;
  @ApiProperty({ type: FollowUpChangesDto, description: 'Follow-ups whose status changed, by their new status' })
  followUps!: FollowUpChangesDto;
  @ApiProperty({ description: 'Booster tasks raised' }) boosterTasks!: number;
  @ApiProperty({ description: 'Appointment reminders queued' }) reminders!: number;
  @ApiProperty() durationMs!: number;
}

export class DailyRunDto {
  @ApiProperty({ format: 'date', description: 'The clinic day the run was for' }) day!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) finishedAt!: string | null;
  @ApiProperty({ type: DailySummaryDto, nullable: true }) summary!: DailySummaryDto | null;
}

export class DailyRunsDto {
  @ApiProperty({ type: [DailyRunDto], description: 'The latest runs first' }) items!: DailyRunDto[];
  @ApiProperty({ description: 'The clinic-local time (HH:MM) from which each day runs (DAILY_JOB_AT)' })
  dailyAt!: string;
}
