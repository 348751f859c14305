import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { clinicDateAt, clinicMidnight, FOLLOW_UP_STATUSES } from '@cadence/domain';
import type { FollowUpStatus } from '@cadence/domain';
import { DateTime } from 'luxon';
import { Periodic } from '../../common/background/periodic';
import { APP_CONFIG, type AppConfig } from '../../common/config/app.config';
import { summarizeError } from '../../common/errors/error-log';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { followUpSettingsOf } from '../boosters/follow-up-settings';
import { MessagesService } from '../messages/messages.service';
import { appointmentReminderKey } from '../messages/messages.repository';
import { infusionSettingsOf, protocolOverridesOf } from '../sessions/infusion-settings';
import { appointmentReminder } from './appointment-reminder';
import { dueDays } from './due-days';
import { JobsRepository, type ClinicForJob, type JobSource } from './jobs.repository';

/** The job's name in JobRun. */
export const DAILY_JOB = 'daily';

/** One run may take a while on a large clinic (see bench/follow-up-job.bench.ts); it holds no request. */
const RUN_TRANSACTION = { maxWait: 20_000, timeout: 15 * 60_000 } as const;

/** What one clinic day's run changed; stored in JobRun.summary. */
export interface DailySummary {
  /** The instant the run judged statuses and reminders at. */
  at: string;
  /** Follow-ups whose status changed, by their new status. */
  followUps: Record<FollowUpStatus, number>;
  boosterTasks: number;
  reminders: number;
  durationMs: number;
}

export type DayOutcome =
  | { clinicId: string; day: string; outcome: 'RAN'; summary: DailySummary }
  /** Run and committed already, by this instance or another. */
  | { clinicId: string; day: string; outcome: 'DONE' }
  /** Another instance holds the clinic's job now. */
  | { clinicId: string; day: string; outcome: 'BUSY' }
  | { clinicId: string; day: string; outcome: 'FAILED' };

/**
 * The daily job of each clinic day, in the clinic's time zone: follow-up statuses (DUE, OVERDUE,
 * MISSED, COMPLETED) brought to the domain's followUpStatus, booster tasks raised where a
 * protocol's policy makes a booster due, and reminders queued for the next day's appointments.
 *
 * Once across instances, by a plain claim on JobRun rather than pg-boss: a run is one transaction
 * that takes the clinic's advisory lock without waiting, inserts its (job, clinic, day) row with ON
 * CONFLICT DO NOTHING, does the work and stores its summary, so it commits whole or not at all (an
 * instance that dies mid-run leaves no claim, and the next check reruns the day). pg-boss would add
 * a schema of its own, which the runtime role may not create (the owner would have to create and
 * migrate it at start, beside Prisma's migrations, and grant it), a cron with one time zone per
 * schedule where each clinic has its own days, and a queue for work that is a few set-based
 * statements. Every instance checks at start and every JOB_CHECK_MINUTES; days missed while no
 * instance ran are caught up, oldest first (MAX_CATCH_UP_DAYS at most). Between runs each check also
 * queues reminders for appointments booked or moved onto the next day since the day's run.
 */
@Injectable()
export class DailyJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DailyJob');
  private readonly periodic = new Periodic('daily-job', () => this.runDue(), this.logger);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsRepository,
    private readonly messages: MessagesService,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.jobs.enabled) this.periodic.start(this.config.jobs.checkMinutes * 60_000);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.periodic.stop();
  }

  /**
   * Runs every clinic day due at `now` (default the clock) and not yet run, oldest first. Once a
   * clinic's latest due day has run, each check also queues reminders for appointments booked or
   * moved onto the next day since (their dedupe keys make this once, whichever instance does it).
   */
  async runDue(now: Date = new Date()): Promise<DayOutcome[]> {
    const outcomes: DayOutcome[] = [];
    for (const clinic of await this.jobs.clinics(DAILY_JOB)) {
      const [latest] = dueDays(clinic.timezone, null, now.getTime(), this.config.jobs.dailyAt);
      let done = clinic.lastDay;
      for (const day of dueDays(clinic.timezone, clinic.lastDay, now.getTime(), this.config.jobs.dailyAt)) {
        const outcome = await this.runDayOrLog(clinic, day, now);
        outcomes.push(outcome);
        // Busy: the instance holding the clinic catches up its later days; failed: the next check retries.
        if (outcome.outcome === 'BUSY' || outcome.outcome === 'FAILED') break;
        done = day;
      }
      if (done === latest && !outcomes.some((o) => o.clinicId === clinic.id && o.outcome === 'RAN'))
        await this.topUpReminders(clinic, latest, now);
    }
    return outcomes;
  }

  /** One clinic day's run at `now`, whole in one transaction, unless it is done or another instance is on it. */
  async runDay(clinic: ClinicForJob, day: string, now: Date): Promise<DayOutcome> {
    const started = Date.now();
    return this.transactions.withTransaction(RUN_TRANSACTION, async () => {
      if (!(await this.jobs.tryLock(DAILY_JOB, clinic.id))) return { clinicId: clinic.id, day, outcome: 'BUSY' };
      if (!(await this.jobs.claim(DAILY_JOB, clinic.id, day, now)))
        return { clinicId: clinic.id, day, outcome: 'DONE' };
      await this.jobs.withoutJit();
      const source: JobSource = { requestId: `job:${DAILY_JOB}:${day}` };
      const today = clinicDateAt(now.getTime(), clinic.timezone);
      const changed = await this.jobs.updateFollowUpStatuses(clinic.id, now, today, source);
      const boosterTasks = await this.jobs.raiseBoosterTasks(
        clinic,
        now,
        today,
        { moderatePercent: followUpSettingsOf(clinic.followUpSettings).relief.responder.moderatePercent },
        source,
      );
      const reminders = await this.queueReminders(clinic, day, now, source);
      const followUps = Object.fromEntries(FOLLOW_UP_STATUSES.map((s) => [s, 0])) as Record<FollowUpStatus, number>;
      for (const { status, count } of changed) followUps[status as FollowUpStatus] = count;
      const summary: DailySummary = {
        at: now.toISOString(),
        followUps,
        boosterTasks,
        reminders,
        durationMs: Date.now() - started,
      };
      await this.jobs.finish(DAILY_JOB, clinic.id, day, new Date(), summary);
      this.logger.log({ clinicId: clinic.id, day, summary }, 'Daily job ran');
      return { clinicId: clinic.id, day, outcome: 'RAN', summary };
    });
  }

  private async runDayOrLog(clinic: ClinicForJob, day: string, now: Date): Promise<DayOutcome> {
    try {
      return await this.runDay(clinic, day, now);
    } catch (error) {
      // One clinic's failure leaves the others to run; its day stays unclaimed for the next check.
      this.logger.error({ clinicId: clinic.id, day, error: summarizeError(error) }, 'Daily job failed');
      return { clinicId: clinic.id, day, outcome: 'FAILED' };
    }
  }

  private async topUpReminders(clinic: ClinicForJob, day: string, now: Date): Promise<void> {
    try {
      const queued = await this.transactions.withTransaction(() =>
        this.queueReminders(clinic, day, now, { requestId: `job:${DAILY_JOB}:${day}:reminders` }),
      );
      if (queued > 0)
        this.logger.log({ clinicId: clinic.id, day, reminders: queued }, 'Reminders queued since the run');
    } catch (error) {
      this.logger.error({ clinicId: clinic.id, day, error: summarizeError(error) }, 'Reminder top-up failed');
    }
  }

  /** Queues a reminder for each booked appointment on the day after `day` (clinic days) that is still to come. */
  private async queueReminders(clinic: ClinicForJob, day: string, now: Date, source: JobSource): Promise<number> {
    const tomorrow = DateTime.fromISO(day, { zone: 'utc' }).plus({ days: 1 });
    const from = clinicMidnight(tomorrow.toISODate()!, clinic.timezone);
    const to = clinicMidnight(tomorrow.plus({ days: 1 }).toISODate()!, clinic.timezone);
    const appointments = await this.jobs.appointmentsToRemind(clinic.id, new Date(from), new Date(to), now);
    const messages = appointments.map((a) => {
      const settings = infusionSettingsOf(clinic.infusionSettings, protocolOverridesOf(a.course.protocol.definition));
      const { subject, body } = appointmentReminder({
        givenName: a.patient.givenName,
        clinicName: clinic.name,
        clinicAddress: clinic.address,
        startsAt: a.startsAt,
        timeZone: clinic.timezone,
        fastingHours: settings.fastingHours,
      });
      return {
        clinicId: clinic.id,
        patientId: a.patient.id,
        kind: 'APPOINTMENT_REMINDER' as const,
        dedupeKey: appointmentReminderKey(a.id, a.startsAt),
        appointmentId: a.id,
        toAddress: a.patient.email || null,
        subject,
        body,
      };
    });
    return this.messages.queue(messages, { actorId: null, requestId: source.requestId, ip: null });
  }
}
