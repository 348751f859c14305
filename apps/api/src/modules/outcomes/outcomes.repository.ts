import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { highestHeldAverages, type ReliefSettings } from '@cadence/domain';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import type { GroupBy, OutcomesFilterDto } from './dto/outcomes-query.dto';

export interface OutcomeCriteria {
  clinicId: string;
  timeZone: string;
  now: Date;
  filters: OutcomesFilterDto;
  groupBy?: GroupBy;
  relief: ReliefSettings;
  /** Only this patient's courses (the forecast's own course), never from a request's filters. */
  patientId?: string;
}

/** A course's relief outcome with what the forecast needs to find its curve. */
export interface CourseOutcomeRow {
  courseId: string;
  patientId: string;
  code: string;
  lastSessionOn: string;
  lastDay: number | null;
  protocolKey: string;
  protocolName: string;
  painMechanism: string | null;
  policyKind: string | null;
}

/** Per group: how many courses ended (or were censored) at each day with each relief outcome. */
export interface ReliefRow {
  grp: string;
  code: string;
  day: number | null;
  event: boolean;
  courses: number;
}

export interface MilestoneRow {
  grp: string;
  offsetDays: number;
  assessed: number;
  moderate: number;
  substantial: number;
  points: number;
}

export interface ScoreRow {
  grp: string;
  offsetDays: number;
  records: number;
  promisMean: number | null;
  promisPaired: number;
  promisChangeMean: number | null;
  phq9Mean: number | null;
  phq9Paired: number;
  phq9ChangeMean: number | null;
}

export interface AdverseEventRow {
  grp: string;
  term: string | null;
  grade: number | null;
  events: number;
  sessionsWith: number;
  sessions: number;
}

export interface CompletionRow {
  grp: string;
  offsetDays: number;
  closed: number;
  completed: number;
}

export interface BoosterRow {
  grp: string;
  patients: number;
  boosters: number;
  withBooster: number;
}

export interface FirstBoosterRow {
  grp: string;
  day: number;
  event: boolean;
  courses: number;
}

const GROUP_SQL: Record<GroupBy, Prisma.Sql> = {
  protocol: Prisma.sql`p.key`,
  protocolVersion: Prisma.sql`p.key || ' v' || p.version`,
  painMechanism: Prisma.sql`coalesce(o."painMechanism"::text, 'UNKNOWN')`,
  diagnosis: Prisma.sql`coalesce(o."icd10Code", 'UNKNOWN')`,
  route: Prisma.sql`p.route::text`,
  ageBand: Prisma.sql`CASE WHEN o."ageYears" < 40 THEN 'AGE_UNDER_40' WHEN o."ageYears" < 65 THEN 'AGE_40_TO_64' ELSE 'AGE_65_AND_OVER' END`,
  sex: Prisma.sql`o.sex::text`,
  booster: Prisma.sql`CASE WHEN o."boosterOfCourseId" IS NULL THEN 'INITIAL' ELSE 'BOOSTER' END`,
};

const AGE_SQL: Record<string, Prisma.Sql> = {
  AGE_UNDER_40: Prisma.sql`o."ageYears" < 40`,
  AGE_40_TO_64: Prisma.sql`(o."ageYears" >= 40 AND o."ageYears" < 65)`,
  AGE_65_AND_OVER: Prisma.sql`o."ageYears" >= 65`,
};

/**
 * How the outcome statements are planned (for their transaction only). No JIT compilation: the
 * aggregates' unnested arrays give plans a cost far above what they take to run, so PostgreSQL
 * would spend longer compiling each than running it. Room to group in memory: the planner cannot
 * tell how few groups a CASE of the relief outcome makes, and under the default work_mem it sorts
 * every course to disk where a hash of a few hundred groups does.
 */
export const AGGREGATE_SETTINGS = { jit: 'off', work_mem: '64MB' } as const;

/**
 * The outcome figures' aggregation, in PostgreSQL. Every query starts from `base`: the clinic's
 * completed courses as "CourseOutcome" holds them (one row per course, kept by triggers in the
 * transaction of every change it depends on; migration 20261206400000) with the filter columns
 * (protocol, route, the patient's primary diagnosis and its pain mechanism, sex, age at the last
 * session) and the group key. The relief line, the responder thresholds and "now" are applied
 * here, since the rows hold none of them.
 * Answers are counts per group, or per group and day: never a row per patient or per record.
 * A course's arrays are unnested in the select list, which expands them in step as unnest(a, b)
 * in FROM does, at about half the cost of a lateral function scan per course.
 */
@Injectable()
export class OutcomesRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** For the rest of the transaction, the planner settings of AGGREGATE_SETTINGS. */
  async forAggregates(): Promise<void> {
    const settings = Object.entries(AGGREGATE_SETTINGS).map(
      ([name, value]) => Prisma.sql`set_config(${name}, ${value}, true)`,
    );
    await this.db.$queryRaw`SELECT ${Prisma.join(settings)}`;
  }

  async clinic(clinicId: string) {
    return this.db.clinic.findUniqueOrThrow({
      where: { id: clinicId },
      select: { timezone: true, followUpSettings: true, boosterNoticeDays: true },
    });
  }

  /**
   * For the rest of the transaction, rows dear to pass from parallel workers to the leader: for a
   * statement over unnested follow-ups, each worker then counts its share itself and hands on a
   * row per group, instead of sending the leader every follow-up to count (the planner, guessing
   * thousands of groups, would not). The relief statements keep the default: they group per day,
   * and there the leader merging the workers' sorted counts is quicker.
   */
  private async countInWorkers(): Promise<void> {
    await this.db.$queryRaw`SELECT set_config('parallel_tuple_cost', '1', true)`;
  }

  /** `inline`: for a statement that reads base twice, each read its own scan of the columns it needs, not a copy of every row. */
  private base(c: OutcomeCriteria, inline = false): Prisma.Sql {
    const f = c.filters;
    const where: Prisma.Sql[] = [Prisma.sql`o."clinicId" = ${c.clinicId}::uuid`];
    if (f.from) where.push(Prisma.sql`o."lastSessionOn" >= ${f.from}::date`);
    if (f.to) where.push(Prisma.sql`o."lastSessionOn" <= ${f.to}::date`);
    if (f.protocolKey?.length) where.push(Prisma.sql`p.key IN (${Prisma.join(f.protocolKey)})`);
    if (f.protocolVersion !== undefined) where.push(Prisma.sql`p.version = ${f.protocolVersion}`);
    if (f.painMechanism?.length) where.push(Prisma.sql`o."painMechanism"::text IN (${Prisma.join(f.painMechanism)})`);
    if (f.diagnosis?.length)
      where.push(Prisma.sql`EXISTS (SELECT 1 FROM "Diagnosis" d2 WHERE d2."patientId" = o."patientId"
        AND upper(d2."icd10Code") LIKE ANY (${f.diagnosis.map((d) => `${d.toUpperCase().replace(/[%_\\]/g, '')}%`)}::text[]))`);
    if (f.route?.length) where.push(Prisma.sql`p.route::text IN (${Prisma.join(f.route)})`);
    if (f.sex?.length) where.push(Prisma.sql`o.sex::text IN (${Prisma.join(f.sex)})`);
    if (f.ageBand?.length)
      where.push(
        Prisma.sql`(${Prisma.join(
          f.ageBand.map((b) => AGE_SQL[b]),
          ' OR ',
        )})`,
      );
    if (f.booster !== undefined)
      where.push(f.booster ? Prisma.sql`o."boosterOfCourseId" IS NOT NULL` : Prisma.sql`o."boosterOfCourseId" IS NULL`);
    if (c.patientId) where.push(Prisma.sql`o."patientId" = ${c.patientId}::uuid`);
    const grp = c.groupBy ? GROUP_SQL[c.groupBy] : Prisma.sql`'ALL'`;
    return Prisma.sql`base AS ${inline ? Prisma.sql`NOT MATERIALIZED ` : Prisma.empty}(
      SELECT o.*, o."courseId" AS id, o."patientId" AS patient_id, o."baselinePainNrs" AS baseline,
             o."boosterOfCourseId" AS booster_of, o."lastSessionOn" AS last_on, ${grp} AS grp,
             p.key AS protocol_key, p.name AS protocol_name, o."painMechanism"::text AS pain_mechanism,
             p.definition -> 'boosterPolicy' ->> 'kind' AS policy_kind
      FROM "CourseOutcome" o
      -- Every course has its protocol (the course's foreign key); a left join lets the planner
      -- leave the protocols out of a statement that reads none of their columns.
      LEFT JOIN "Protocol" p ON p.id = o."protocolId"
      WHERE ${Prisma.join(where, ' AND ')}
    )`;
  }

  /** A 7-day average `avg` reaches `percent` % less pain than the baseline. */
  private reaches(avg: Prisma.Sql, percent: number): Prisma.Sql {
    return Prisma.sql`((b.baseline - ${avg}) * 100.0 >= ${percent}::float8 * b.baseline - 1e-9)`;
  }

  private points(avg: Prisma.Sql, c: OutcomeCriteria): Prisma.Sql {
    return Prisma.sql`((b.baseline - ${avg}) >= ${c.relief.responder.minimumPoints}::float8 - 1e-9)`;
  }

  /**
   * The highest 7-day average pain at which the clinic's line still holds relief against the
   * course's baseline (the domain's highestHeldAverages, looked up by baseline 1–10; null outside).
   */
  private highestHeld(c: OutcomeCriteria): Prisma.Sql {
    return Prisma.sql`(${highestHeldAverages(c.relief)}::int[])[b.baseline]`;
  }

  /**
   * The domain's courseRelief (libs/domain follow-up/relief.ts) on the course's row: a later course
   * (not cancelled) whose first live appointment started by now censors at its start; relief is
   * lost at the first counted record above the highest average the line holds (the row's
   * lossDays, by that average); otherwise censored at the last counted record (lost to follow-up
   * when a window closed empty after it), or at the later course's start.
   */
  private relief(c: OutcomeCriteria): Prisma.Sql {
    return Prisma.sql`
    outcome AS (
      SELECT b.id, b.grp, b.patient_id, b.last_on, b.protocol_key, b.protocol_name, b.pain_mechanism, b.policy_kind,
        CASE
          WHEN b.baseline IS NULL OR b.baseline NOT BETWEEN 1 AND 10 THEN 'NO_BASELINE'
          WHEN b.records = 0 THEN 'NO_FOLLOW_UP'
          WHEN b.lost_day IS NOT NULL THEN 'RELIEF_LOST'
          WHEN b."emptyClosesAt" <= least(${c.now}::timestamptz, coalesce(b.later_at, ${c.now}::timestamptz))
            THEN 'LOST_TO_FOLLOW_UP'
          WHEN b.later_at IS NOT NULL THEN 'NEW_COURSE_STARTED'
          ELSE 'STILL_RESPONDING'
        END AS code,
        b.lost_day, b."lastDay" AS last_day,
        (b.later_at AT TIME ZONE ${c.timeZone})::date - b.last_on AS later_day
      FROM (
        SELECT b.*, b."lossDays"[${this.highestHeld(c)} + 2] AS lost_day,
               CASE WHEN b."laterStartsAt" <= ${c.now} THEN b."laterStartsAt" END AS later_at
        FROM base b
      ) b
    )`;
  }

  async reliefRows(c: OutcomeCriteria): Promise<ReliefRow[]> {
    const rows = await this.db.$queryRaw<{ grp: string; code: string; day: number | null; courses: bigint }[]>`
      WITH ${this.base(c)}, ${this.relief(c)}
      SELECT grp, code,
             CASE code WHEN 'RELIEF_LOST' THEN lost_day WHEN 'NEW_COURSE_STARTED' THEN later_day
                       WHEN 'NO_BASELINE' THEN NULL WHEN 'NO_FOLLOW_UP' THEN NULL ELSE last_day END AS day,
             count(*) AS courses
      FROM outcome GROUP BY 1, 2, 3 ORDER BY 1, 3, 2`;
    return rows.map((r) => ({
      grp: r.grp,
      code: r.code,
      day: r.day,
      event: r.code === 'RELIEF_LOST',
      courses: Number(r.courses),
    }));
  }

  /**
   * Each patient's last completed course (latest last session) with its relief outcome; only
   * courses under a RESPONSE_TRIGGERED policy with no booster task yet when `forBoosters`.
   */
  async lastCourseOutcomes(c: OutcomeCriteria, forBoosters: boolean): Promise<CourseOutcomeRow[]> {
    const rows = await this.db.$queryRaw<
      {
        id: string;
        patient_id: string;
        code: string;
        last_on: Date;
        last_day: number | null;
        protocol_key: string;
        protocol_name: string;
        pain_mechanism: string | null;
        policy_kind: string | null;
      }[]
    >`
      WITH ${this.base(c)}, ${this.relief(c)},
      latest AS (
        SELECT DISTINCT ON (patient_id) * FROM outcome ORDER BY patient_id, last_on DESC, id DESC
      )
      SELECT id, patient_id, code, last_on, last_day, protocol_key, protocol_name, pain_mechanism, policy_kind
      FROM latest
      WHERE ${
        forBoosters
          ? Prisma.sql`policy_kind = 'RESPONSE_TRIGGERED' AND code = 'STILL_RESPONDING'
              AND NOT EXISTS (SELECT 1 FROM "BoosterTask" t WHERE t."courseId" = latest.id)`
          : Prisma.sql`true`
      }
      ORDER BY patient_id`;
    return rows.map((r) => ({
      courseId: r.id,
      patientId: r.patient_id,
      code: r.code,
      lastSessionOn: r.last_on.toISOString().slice(0, 10),
      lastDay: r.last_day,
      protocolKey: r.protocol_key,
      protocolName: r.protocol_name,
      painMechanism: r.pain_mechanism,
      policyKind: r.policy_kind,
    }));
  }

  async patientExists(clinicId: string, patientId: string): Promise<boolean> {
    return (await this.db.patient.findFirst({ where: { id: patientId, clinicId }, select: { id: true } })) !== null;
  }

  /** The first counted record of each milestone's follow-up, against the baseline, per group. */
  async milestoneRows(c: OutcomeCriteria, offsets: readonly number[]): Promise<MilestoneRow[]> {
    await this.countInWorkers();
    const rows = await this.db.$queryRaw<
      { grp: string; offset_days: number; assessed: bigint; moderate: bigint; substantial: bigint; points: bigint }[]
    >`
      WITH ${this.base(c)}
      SELECT b.grp, b.offset_days, count(*) AS assessed,
             count(*) FILTER (WHERE ${this.reaches(Prisma.sql`b.avg`, c.relief.responder.moderatePercent)}) AS moderate,
             count(*) FILTER (WHERE ${this.reaches(Prisma.sql`b.avg`, c.relief.responder.substantialPercent)}) AS substantial,
             count(*) FILTER (WHERE ${this.points(Prisma.sql`b.avg`, c)}) AS points
      FROM (
        SELECT grp, baseline, unnest("firstOffsets") AS offset_days, unnest("firstAverages") AS avg
        FROM base WHERE baseline BETWEEN 1 AND 10
      ) b
      WHERE b.offset_days IN (${Prisma.join(offsets)})
      GROUP BY 1, 2 ORDER BY 1, 2`;
    return rows.map((r) => ({
      grp: r.grp,
      offsetDays: r.offset_days,
      assessed: Number(r.assessed),
      moderate: Number(r.moderate),
      substantial: Number(r.substantial),
      points: Number(r.points),
    }));
  }

  /**
   * PROMIS Pain Interference T and PHQ-9 at each follow-up offset (the first counted record of
   * each course's follow-up). PHQ-9's baseline is the score of the screenings the booking relied
   * on (the newest signed with a complete PHQ-9); PROMIS has no pre-course score in Cadence, so its
   * change is from the course's first follow-up record.
   */
  async scoreRows(c: OutcomeCriteria): Promise<ScoreRow[]> {
    await this.countInWorkers();
    const rows = await this.db.$queryRaw<
      {
        grp: string;
        offset_days: number;
        records: bigint;
        promis_mean: number | null;
        promis_paired: bigint;
        promis_change: number | null;
        phq9_mean: number | null;
        phq9_paired: bigint;
        phq9_change: number | null;
      }[]
    >`
      WITH ${this.base(c)}
      SELECT u.grp, u.offset_days, count(*) AS records,
             avg(u.promis_t) AS promis_mean,
             count(u.promis_baseline) AS promis_paired, avg(u.promis_t - u.promis_baseline) AS promis_change,
             avg(u.phq9)::float8 AS phq9_mean,
             count(u.phq9_baseline) AS phq9_paired, avg(u.phq9 - u.phq9_baseline) AS phq9_change
      FROM (
        SELECT grp, "promisBaseline" AS promis_baseline, "phq9Baseline" AS phq9_baseline,
               unnest("firstOffsets") AS offset_days, unnest("firstPromisT") AS promis_t, unnest("firstPhq9") AS phq9
        FROM base
      ) u
      GROUP BY 1, 2 ORDER BY 1, 2`;
    return rows.map((r) => ({
      grp: r.grp,
      offsetDays: r.offset_days,
      records: Number(r.records),
      promisMean: r.promis_mean,
      promisPaired: Number(r.promis_paired),
      promisChangeMean: r.promis_change,
      phq9Mean: r.phq9_mean,
      phq9Paired: Number(r.phq9_paired),
      phq9ChangeMean: r.phq9_change,
    }));
  }

  /**
   * Confirmed adverse events of the courses' sessions that started an infusion, by term and grade,
   * with the sessions counted per group (a row with null term carries a group's sessions alone).
   */
  async adverseEventRows(c: OutcomeCriteria): Promise<AdverseEventRow[]> {
    const rows = await this.db.$queryRaw<
      {
        grp: string;
        term: string | null;
        grade: number | null;
        events: bigint;
        sessions_with: bigint;
        sessions: bigint;
      }[]
    >`
      WITH ${this.base(c, true)},
      totals AS (SELECT grp, sum(sessions) AS sessions FROM base GROUP BY grp HAVING sum(sessions) > 0),
      events AS (
        SELECT u.grp, u.term, u.grade, sum(u.events) AS events, sum(u.sessions_with) AS sessions_with
        FROM (
          SELECT grp, unnest("eventTerms") AS term, unnest("eventGrades") AS grade,
                 unnest("eventCounts") AS events, unnest("eventSessions") AS sessions_with
          FROM base WHERE cardinality("eventTerms") > 0
        ) u
        GROUP BY 1, 2, 3
      )
      SELECT t.grp, e.term, e.grade, coalesce(e.events, 0) AS events, coalesce(e.sessions_with, 0) AS sessions_with, t.sessions
      FROM totals t LEFT JOIN events e ON e.grp = t.grp
      ORDER BY 1, 2, 3`;
    return rows.map((r) => ({
      grp: r.grp,
      term: r.term,
      grade: r.grade,
      events: Number(r.events),
      sessionsWith: Number(r.sessions_with),
      sessions: Number(r.sessions),
    }));
  }

  /** Follow-up windows closed by now (or answered) per offset, and how many have a record. */
  async completionRows(c: OutcomeCriteria): Promise<CompletionRow[]> {
    await this.countInWorkers();
    const rows = await this.db.$queryRaw<{ grp: string; offset_days: number; closed: bigint; completed: bigint }[]>`
      WITH ${this.base(c)},
      windows AS (
        SELECT grp, unnest("windowOffsets") AS offset_days, unnest("windowClosesAt") AS closes_at,
               unnest("windowRecorded") AS completed
        FROM base
      )
      SELECT grp, offset_days, count(*) FILTER (WHERE closes_at <= ${c.now} OR completed) AS closed,
             count(*) FILTER (WHERE completed) AS completed
      FROM windows GROUP BY 1, 2 ORDER BY 1, 2`;
    return rows.map((r) => ({
      grp: r.grp,
      offsetDays: r.offset_days,
      closed: Number(r.closed),
      completed: Number(r.completed),
    }));
  }

  /**
   * The booster figures from one read of the courses, grouped two ways at once: per group and
   * patient (the patient's boosters, not cancelled), counted per group into the selection's
   * patients, their boosters and how many had one; and, for the initial courses, days from the
   * last session to the first live appointment of a booster of it that has started by now (an
   * event), or to today (censored), per group and day.
   */
  async boosterRows(c: OutcomeCriteria): Promise<{ patients: BoosterRow[]; firsts: FirstBoosterRow[] }> {
    const rows = await this.db.$queryRaw<
      {
        grp: string;
        day: number | null;
        event: boolean | null;
        patients: bigint | null;
        boosters: bigint | null;
        with_booster: bigint | null;
        courses: bigint | null;
      }[]
    >`
      WITH ${this.base(c)},
      parts AS (
        SELECT grp, patient_id, max(boosters) AS boosters, day, event, count(*) AS courses,
               GROUPING(patient_id) = 0 AS per_patient
        FROM (
          SELECT grp, patient_id, "patientBoosters" AS boosters, first_at IS NOT NULL AS event,
                 CASE WHEN booster_of IS NULL
                      THEN (coalesce(first_at, ${c.now}::timestamptz) AT TIME ZONE ${c.timeZone})::date - last_on END AS day
          FROM (SELECT *, CASE WHEN "firstBoosterAt" <= ${c.now} THEN "firstBoosterAt" END AS first_at FROM base) b
        ) b
        GROUP BY GROUPING SETS ((grp, patient_id), (grp, day, event))
      )
      SELECT grp, NULL::int AS day, NULL::boolean AS event, count(*) AS patients, sum(boosters) AS boosters,
             count(*) FILTER (WHERE boosters > 0) AS with_booster, NULL::bigint AS courses
      FROM parts WHERE per_patient GROUP BY grp
      UNION ALL
      SELECT grp, day, event, NULL, NULL, NULL, courses FROM parts WHERE NOT per_patient AND day IS NOT NULL
      ORDER BY 1, 2, 3`;
    return {
      patients: rows
        .filter((r) => r.patients !== null)
        .map((r) => ({
          grp: r.grp,
          patients: Number(r.patients),
          boosters: Number(r.boosters),
          withBooster: Number(r.with_booster),
        })),
      firsts: rows
        .filter((r) => r.courses !== null)
        .map((r) => ({ grp: r.grp, day: r.day!, event: r.event!, courses: Number(r.courses) })),
    };
  }
}
