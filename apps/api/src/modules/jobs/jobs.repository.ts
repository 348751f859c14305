import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

export interface ClinicForJob {
  id: string;
  name: string;
  timezone: string;
  address: string | null;
  infusionSettings: unknown;
  boosterDueWithinDays: number;
  boosterNoticeDays: number;
  /** The clinic's follow-up, relief and booster settings as stored (partial). */
  followUpSettings: unknown;
  /** The latest clinic day this job has run for (YYYY-MM-DD), or null. */
  lastDay: string | null;
}

/** Who the job's audit rows name: no person, the job and its day. */
export interface JobSource {
  requestId: string;
}

export interface BoosterRule {
  /** The clinic's moderately important reduction (IMMPACT ≥ 30 % by default), as the booster checks use it. */
  moderatePercent: number;
}

// The domain's reductionFromBaseline counts a reduction within this of a threshold as reaching it.
const BOUNDARY = 1e-9;

/**
 * The domain's followUpStatus (libs/domain follow-up/status.ts) in SQL, for the row `f` at `now`,
 * `today` being the clinic date at `now`: COMPLETED once a record taken by `now` lies inside the
 * window [opensAt, closesAt); otherwise UPCOMING before opensAt, MISSED from closesAt, OVERDUE
 * after the due date, else DUE.
 */
function followUpStatusSql(now: Date, today: string): Prisma.Sql {
  return Prisma.sql`CASE
    WHEN EXISTS (
      SELECT 1 FROM "FollowUpRecord" r
      WHERE r."followUpId" = f.id AND r."recordedAt" <= ${instant(now)}
        AND r."recordedAt" >= f."opensAt" AND r."recordedAt" < f."closesAt") THEN 'COMPLETED'
    WHEN ${instant(now)} < f."opensAt" THEN 'UPCOMING'
    WHEN ${instant(now)} >= f."closesAt" THEN 'MISSED'
    WHEN ${today}::date > f."dueOn" THEN 'OVERDUE'
    ELSE 'DUE'
  END::"FollowUpStatus"`;
}

/** reductionFromBaseline's level BELOW_MODERATE, for a baseline above 0 and a later score (both 0–10). */
export function reliefLostSql(baseline: Prisma.Sql, score: Prisma.Sql, percent: number): Prisma.Sql {
  return Prisma.sql`((${baseline} - ${score}) * 100 < ${percent}::numeric * ${baseline} - ${BOUNDARY}::numeric)`;
}

/** "25 % lower", "the same", "12.5 % higher": a score beside the baseline, in words. */
function changeWordsSql(baseline: Prisma.Sql, score: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE
    WHEN ${baseline} > ${score} THEN trim_scale(round((${baseline} - ${score}) * 100.0 / ${baseline}, 1))::text || ' % lower'
    WHEN ${baseline} = ${score} THEN 'the same'
    ELSE trim_scale(round((${score} - ${baseline}) * 100.0 / ${baseline}, 1))::text || ' % higher' END`;
}

/** An instant as a timestamptz parameter, whatever the session's time zone. */
const instant = (at: Date) => Prisma.sql`${at.toISOString()}::timestamptz`;

/** One audit row per row of the CTE `from` (its id and patientId), naming the job as the source. */
const auditInsert = (source: JobSource, action: 'CREATE' | 'UPDATE', entity: string, fields: string[], from: string) =>
  Prisma.sql`INSERT INTO "AuditEvent" ("actorId", action, entity, "entityId", "patientId", "requestId", ip, fields)
    SELECT NULL, ${action}, ${entity}, id::text, "patientId", ${source.requestId}, NULL, ${fields}::text[]
    FROM ${Prisma.raw(from)}`;

@Injectable()
export class JobsRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** Every clinic, with the latest day `job` has run for it. */
  clinics(job: string): Promise<ClinicForJob[]> {
    return this.db.$queryRaw<ClinicForJob[]>`
      SELECT c.id, c.name, c.timezone, c.address, c."infusionSettings", c."boosterDueWithinDays",
        c."boosterNoticeDays", c."followUpSettings", to_char(max(r.day), 'YYYY-MM-DD') AS "lastDay"
      FROM "Clinic" c LEFT JOIN "JobRun" r ON r."clinicId" = c.id AND r.job = ${job}
      GROUP BY c.id ORDER BY c.id`;
  }

  /**
   * Whether this transaction holds the clinic's job lock (taken without waiting): another instance
   * running the clinic's job now makes this one pass, rather than queue behind it.
   */
  async tryLock(job: string, clinicId: string): Promise<boolean> {
    const [row] = await this.db.$queryRaw<{ locked: boolean }[]>`
      SELECT pg_try_advisory_xact_lock(hashtext(${`job:${job}`}), hashtext(${clinicId})) AS locked`;
    return row.locked;
  }

  /**
   * The run's statements are lookups by index over many rows, estimated dear: PostgreSQL would
   * spend longer compiling them (JIT) than running them. Off for this transaction only.
   */
  async withoutJit(): Promise<void> {
    await this.db.$executeRaw`SET LOCAL jit = off`;
  }

  /** Claims the clinic day for this transaction; false when a run of that day has committed already. */
  async claim(job: string, clinicId: string, day: string, startedAt: Date): Promise<boolean> {
    const inserted = await this.db.$executeRaw`
      INSERT INTO "JobRun" (job, "clinicId", day, "startedAt") VALUES (${job}, ${clinicId}::uuid, ${day}::date, ${instant(startedAt)})
      ON CONFLICT DO NOTHING`;
    return inserted === 1;
  }

  async finish(job: string, clinicId: string, day: string, finishedAt: Date, summary: object): Promise<void> {
    await this.db.$executeRaw`
      UPDATE "JobRun" SET "finishedAt" = ${instant(finishedAt)}, summary = ${JSON.stringify(summary)}::jsonb
      WHERE job = ${job} AND "clinicId" = ${clinicId}::uuid AND day = ${day}::date`;
  }

  /**
   * Sets every follow-up of the clinic whose window has opened and that is not yet COMPLETED or
   * MISSED to its status at `now`, in one statement, auditing each change; returns the changes by
   * new status. Those are the only ones time moves: an unopened window stays UPCOMING whatever is
   * recorded, and records are append-only, so COMPLETED stays COMPLETED and MISSED changes only when
   * a record is entered late into its window, which the record write itself completes (as it keeps
   * COMPLETED). A row whose status another transaction changed meanwhile (a record completing it)
   * is left to that change: the update applies only where the status is still the one it was
   * computed from. The version is not bumped: a status the clock moved is no edit that should
   * refuse a nurse's record.
   */
  async updateFollowUpStatuses(clinicId: string, now: Date, today: string, source: JobSource) {
    return this.db.$queryRaw<{ status: string; count: number }[]>`
      WITH computed AS (
        SELECT f.id, f.status AS was, ${followUpStatusSql(now, today)} AS next
        FROM "FollowUp" f
        WHERE f."clinicId" = ${clinicId}::uuid AND f.status IN ('UPCOMING', 'DUE', 'OVERDUE')
          AND f."opensAt" <= ${instant(now)}
      ), changed AS (
        UPDATE "FollowUp" f SET status = c.next, "statusAt" = ${instant(now)}
        FROM computed c
        WHERE f.id = c.id AND c.next <> c.was AND f.status = c.was
        RETURNING f.id, f."patientId", f.status
      ), audited AS (${auditInsert(source, 'UPDATE', 'FollowUp', ['status'], 'changed')})
      SELECT status::text AS status, count(*)::int AS count FROM changed GROUP BY status`;
  }

  /**
   * Raises a booster task (one per course, ON CONFLICT DO NOTHING) for each completed course of the
   * clinic that has no later course and whose protocol's policy makes a booster due:
   * FIXED_INTERVAL — due `intervalDays` after the last session, raised `boosterNoticeDays` before;
   * RESPONSE_TRIGGERED — relief lost at the latest follow-up record: its 7-day average pain below
   * the moderately important reduction from the course's baseline, as the domain's
   * reductionFromBaseline judges it (the 7-day average decides, as in the domain's courseRelief;
   * pain now is reported beside it), due `boosterDueWithinDays` after that record and no earlier
   * than the policy's `minDaysSinceLastSession`. Each is audited; returns how many were raised.
   */
  async raiseBoosterTasks(
    clinic: Pick<ClinicForJob, 'id' | 'timezone' | 'boosterDueWithinDays' | 'boosterNoticeDays'>,
    now: Date,
    today: string,
    rule: BoosterRule,
    source: JobSource,
  ): Promise<number> {
    const [{ count }] = await this.db.$queryRaw<{ count: number }[]>`
      WITH course AS MATERIALIZED (
        SELECT c.id, c."patientId", c."baselinePainNrs" AS baseline, p.name AS protocol,
          p.definition -> 'boosterPolicy' AS policy,
          -- The last completed session's end (its infusion's stop when recorded), as follow-ups count from it.
          (COALESCE(
            (SELECT COALESCE(s."stoppedAt", a."endsAt") FROM "Appointment" a
              LEFT JOIN "InfusionSession" s ON s."appointmentId" = a.id
              WHERE a."courseId" = c.id AND a.status = 'COMPLETED'
              ORDER BY a."startsAt" DESC, a."sessionNumber" DESC LIMIT 1),
            c."completedAt") AT TIME ZONE ${clinic.timezone})::date AS last_on
        FROM "Course" c JOIN "Protocol" p ON p.id = c."protocolId" AND p."clinicId" = c."clinicId"
        WHERE c."clinicId" = ${clinic.id}::uuid AND c.status = 'COMPLETED'
          AND p.definition -> 'boosterPolicy' ->> 'kind' IN ('FIXED_INTERVAL', 'RESPONSE_TRIGGERED')
          AND NOT EXISTS (SELECT 1 FROM "BoosterTask" t WHERE t."courseId" = c.id)
          AND NOT EXISTS (
            SELECT 1 FROM "Course" later
            WHERE later."patientId" = c."patientId" AND later.id <> c.id AND later.status <> 'CANCELLED'
              AND (later."createdAt" > c."createdAt" OR later."boosterOfCourseId" = c.id))
      ), fixed AS (
        SELECT id, "patientId", last_on + (policy ->> 'intervalDays')::int AS due_by, protocol, last_on,
          (policy ->> 'intervalDays')::int AS interval_days
        FROM course
        WHERE policy ->> 'kind' = 'FIXED_INTERVAL' AND last_on IS NOT NULL
          AND last_on + (policy ->> 'intervalDays')::int - ${clinic.boosterNoticeDays}::int <= ${today}::date
      ), scored AS (
        -- Each course's latest record, found through the patient's records index (one descent a
        -- course); the course's own columns ride along, so the CTE is never joined to itself.
        SELECT c.id, c."patientId", c.baseline, c.protocol, c.last_on, l.avg7, l.current,
          (l."recordedAt" AT TIME ZONE ${clinic.timezone})::date AS record_on,
          (c.policy ->> 'minDaysSinceLastSession')::int AS min_days,
          ${reliefLostSql(Prisma.sql`c.baseline`, Prisma.sql`l.avg7`, rule.moderatePercent)} AS lost
        FROM course c CROSS JOIN LATERAL (
          SELECT r."recordedAt", r."painNrs7DayAverage" AS avg7, r."painNrsNow" AS current
          FROM "FollowUpRecord" r JOIN "FollowUp" f ON f.id = r."followUpId"
          WHERE r."patientId" = c."patientId" AND f."courseId" = c.id AND r."recordedAt" <= ${instant(now)}
          ORDER BY r."recordedAt" DESC, r.id DESC
          LIMIT 1) l
        WHERE c.policy ->> 'kind' = 'RESPONSE_TRIGGERED' AND c.baseline BETWEEN 1 AND 10 AND c.last_on IS NOT NULL
      ), lost AS (
        SELECT *, GREATEST(record_on + ${clinic.boosterDueWithinDays}::int, last_on + min_days) AS due_by
        FROM scored WHERE lost
      ), due AS (
        SELECT id, "patientId", due_by, format(
          'Booster due by %s: %s gives a booster every %s days after the last session, which was on %s',
          to_char(due_by, 'YYYY-MM-DD'), protocol, interval_days, to_char(last_on, 'YYYY-MM-DD')) AS reason
        FROM fixed
        UNION ALL
        SELECT id, "patientId", due_by, concat(
          format('Relief lost at the follow-up of %s: 7-day average pain %s/10 against a baseline of %s/10 is %s, ',
            to_char(record_on, 'YYYY-MM-DD'), avg7, baseline, ${changeWordsSql(Prisma.sql`baseline`, Prisma.sql`avg7`)}),
          format('short of the %s %% reduction that counts as relief; pain now %s/10. Booster due by %s',
            ${rule.moderatePercent}::numeric, current, to_char(due_by, 'YYYY-MM-DD')),
          CASE WHEN due_by > record_on + ${clinic.boosterDueWithinDays}::int
            THEN format(' (%s gives one no sooner than %s days after the last session, which was on %s)',
              protocol, min_days, to_char(last_on, 'YYYY-MM-DD'))
            ELSE format(' (within %s days of that follow-up)', ${clinic.boosterDueWithinDays}::int) END)
        FROM lost
      ), created AS (
        INSERT INTO "BoosterTask" (id, "clinicId", "patientId", "courseId", "dueBy", reason)
        SELECT gen_random_uuid(), ${clinic.id}::uuid, "patientId", id, due_by, reason FROM due
        ON CONFLICT ("courseId") DO NOTHING
        RETURNING id, "patientId"
      ), audited AS (${auditInsert(source, 'CREATE', 'BoosterTask', ['courseId', 'dueBy', 'reason'], 'created')})
      SELECT count(*)::int AS count FROM created`;
    return count;
  }

  /** The clinic's latest runs of `job`, latest day first. */
  runs(job: string, clinicId: string, take: number) {
    return this.db.jobRun.findMany({ where: { job, clinicId }, orderBy: { day: 'desc' }, take });
  }

  /** The clinic's booked appointments starting in [from, to) and after `now`, with what a reminder says. */
  appointmentsToRemind(clinicId: string, from: Date, to: Date, now: Date) {
    return this.db.appointment.findMany({
      where: { clinicId, status: 'BOOKED', startsAt: { gte: from, lt: to, gt: now } },
      select: {
        id: true,
        startsAt: true,
        patient: { select: { id: true, givenName: true, email: true } },
        course: { select: { protocol: { select: { definition: true } } } },
      },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    });
  }
}
