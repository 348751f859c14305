import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { highestHeldAverages, type ReliefSettings } from '@cadence/domain';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import type { GroupBy, OutcomesFilterDto } from './dto/outcomes-query.dto';

/** One of the clinic's protocols, as the figures group and filter by it. */
export interface ProtocolLabel {
  id: string;
  key: string;
  version: number;
  route: string;
}

export interface OutcomeCriteria {
  clinicId: string;
  /** Every protocol of the clinic (OutcomesRepository.clinic). */
  protocols: readonly ProtocolLabel[];
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

/**
 * A course's group. Protocol groups are looked up from the course's own protocolId rather than
 * joined from "Protocol": the planner then counts the group among the course row's columns and
 * estimates a tenth of the courses as groups, not that times the protocols, so it has parallel
 * workers count their share first (a by-protocol curve in half the time).
 */
function groupSql(groupBy: GroupBy, protocols: readonly ProtocolLabel[]): Prisma.Sql {
  const byProtocol = (label: (p: ProtocolLabel) => string) =>
    protocols.length === 0
      ? Prisma.sql`NULL::text`
      : Prisma.sql`CASE o."protocolId" ${Prisma.join(
          protocols.map((p) => Prisma.sql`WHEN ${p.id}::uuid THEN ${label(p)}`),
          ' ',
        )} END`;
  switch (groupBy) {
    case 'protocol':
      return byProtocol((p) => p.key);
    case 'protocolVersion':
      return byProtocol((p) => `${p.key} v${p.version}`);
    case 'route':
      return byProtocol((p) => p.route);
    case 'painMechanism':
      return Prisma.sql`coalesce(o."painMechanism"::text, 'UNKNOWN')`;
    case 'diagnosis':
      return Prisma.sql`coalesce(o."icd10Code", 'UNKNOWN')`;
    case 'ageBand':
      return Prisma.sql`CASE WHEN o."ageYears" < 40 THEN 'AGE_UNDER_40' WHEN o."ageYears" < 65 THEN 'AGE_40_TO_64' ELSE 'AGE_65_AND_OVER' END`;
    case 'sex':
      return Prisma.sql`o.sex::text`;
    case 'booster':
      return Prisma.sql`CASE WHEN o."boosterOfCourseId" IS NULL THEN 'INITIAL' ELSE 'BOOSTER' END`;
  }
}

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
      select: {
        timezone: true,
        followUpSettings: true,
        boosterNoticeDays: true,
        protocols: { select: { id: true, key: true, version: true, route: true } },
      },
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

  /**
   * For the rest of the transaction, rows cheap to pass from parallel workers to the leader: for
   * the booster statements, which group per patient or per day in numbers the planner cannot tell
   * from the courses, so it would scan every course alone; this way workers read the courses and
   * work out each one's day, and the leader counts (twice as fast on two cores).
   */
  private async scanInWorkers(): Promise<void> {
    await this.db.$queryRaw`SELECT set_config('parallel_tuple_cost', '0.01', true)`;
  }

  /** `inline`: for a statement that reads base twice, each read its own scan of the columns it needs, not a copy of every row. */
  private base(c: OutcomeCriteria, inline = false, group?: Prisma.Sql): Prisma.Sql {
    const f = c.filters;
    const where: Prisma.Sql[] = [Prisma.sql`o."clinicId" = ${c.clinicId}::uuid`];
    if (f.from) where.push(Prisma.sql`o."lastSessionOn" >= ${f.from}::date`);
    if (f.to) where.push(Prisma.sql`o."lastSessionOn" <= ${f.to}::date`);
    if (f.protocolKey?.length || f.protocolVersion !== undefined || f.route?.length) {
      const ids = c.protocols
        .filter(
          (p) =>
            (!f.protocolKey?.length || f.protocolKey.includes(p.key)) &&
            (f.protocolVersion === undefined || p.version === f.protocolVersion) &&
            (!f.route?.length || (f.route as readonly string[]).includes(p.route)),
        )
        .map((p) => p.id);
      where.push(ids.length ? Prisma.sql`o."protocolId" = ANY (${ids}::uuid[])` : Prisma.sql`false`);
    }
    // Enum against enum, not as text, so the planner reads how many courses match from the column's statistics.
    if (f.painMechanism?.length)
      where.push(Prisma.sql`o."painMechanism" = ANY (${f.painMechanism}::"PainMechanism"[])`);
    if (f.diagnosis?.length)
      where.push(Prisma.sql`EXISTS (SELECT 1 FROM "Diagnosis" d2 WHERE d2."patientId" = o."patientId"
        AND upper(d2."icd10Code") LIKE ANY (${f.diagnosis.map((d) => `${d.toUpperCase().replace(/[%_\\]/g, '')}%`)}::text[]))`);
    if (f.sex?.length) where.push(Prisma.sql`o.sex = ANY (${f.sex}::"Sex"[])`);
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
    const grp = group ?? (c.groupBy ? groupSql(c.groupBy, c.protocols) : Prisma.sql`'ALL'`);
    return Prisma.sql`base AS ${inline ? Prisma.sql`NOT MATERIALIZED ` : Prisma.empty}(
      SELECT o.*, o."courseId" AS id, o."patientId" AS patient_id, o."baselinePainNrs" AS baseline,
             o."boosterOfCourseId" AS booster_of, o."lastSessionOn" AS last_on, ${grp} AS grp,
             p.key AS protocol_key, p.name AS protocol_name, o."painMechanism"::text AS pain_mechanism,
             p.definition -> 'boosterPolicy' ->> 'kind' AS policy_kind
      FROM "CourseOutcome" o
      -- For the forecast's columns only: every course has its protocol (the course's foreign
      -- key), and a left join lets the planner leave it out of a statement that reads none of them.
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
    return this.reliefRowsBy(c);
  }

  /**
   * The relief rows of every pain mechanism under each protocol at once (grp: the protocol's key,
   * "|" and the mechanism, empty when unknown), for the forecasts' curves: one read of the courses
   * instead of one per curve.
   */
  async reliefRowsByProtocolAndMechanism(c: OutcomeCriteria): Promise<ReliefRow[]> {
    return this.reliefRowsBy(
      c,
      Prisma.sql`${groupSql('protocol', c.protocols)} || '|' || coalesce(o."painMechanism"::text, '')`,
    );
  }

  private async reliefRowsBy(c: OutcomeCriteria, group?: Prisma.Sql): Promise<ReliefRow[]> {
    const rows = await this.db.$queryRaw<{ grp: string; code: string; day: number | null; courses: bigint }[]>`
      WITH ${this.base(c, false, group)}, ${this.relief(c)}
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
      WITH ${this.base(c, forBoosters)}, ${this.relief(c)},
      latest AS (${
        forBoosters
          ? // The candidates first, then whether each is its patient's latest: an index probe for a
            // few thousand courses instead of sorting every course of the clinic by patient.
            Prisma.sql`
        SELECT * FROM outcome o1
        WHERE policy_kind = 'RESPONSE_TRIGGERED' AND code = 'STILL_RESPONDING'
          AND NOT EXISTS (SELECT 1 FROM "BoosterTask" t WHERE t."courseId" = o1.id)
          AND NOT EXISTS (
            SELECT 1 FROM base later WHERE later.patient_id = o1.patient_id
              AND (later.last_on, later.id) > (o1.last_on, o1.id))`
          : Prisma.sql`
        SELECT DISTINCT ON (patient_id) * FROM outcome ORDER BY patient_id, last_on DESC, id DESC`
      }
      )
      SELECT id, patient_id, code, last_on, last_day, protocol_key, protocol_name, pain_mechanism, policy_kind
      FROM latest
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

  /** The selection's patients per group, their boosters (not cancelled), and how many had one. */
  async boosterRows(c: OutcomeCriteria): Promise<BoosterRow[]> {
    await this.scanInWorkers();
    const rows = await this.db.$queryRaw<{ grp: string; patients: bigint; boosters: bigint; with_booster: bigint }[]>`
      WITH ${this.base(c)},
      counts AS (SELECT grp, patient_id, max("patientBoosters") AS boosters FROM base GROUP BY 1, 2)
      SELECT grp, count(*) AS patients, sum(boosters) AS boosters, count(*) FILTER (WHERE boosters > 0) AS with_booster
      FROM counts GROUP BY 1 ORDER BY 1`;
    return rows.map((r) => ({
      grp: r.grp,
      patients: Number(r.patients),
      boosters: Number(r.boosters),
      withBooster: Number(r.with_booster),
    }));
  }

  /**
   * Days from an initial course's last session to the first live appointment of a booster of it
   * that has started by now (an event), or to today (censored), per group and day.
   */
  async firstBoosterRows(c: OutcomeCriteria): Promise<FirstBoosterRow[]> {
    await this.scanInWorkers();
    const rows = await this.db.$queryRaw<{ grp: string; day: number; event: boolean; courses: bigint }[]>`
      WITH ${this.base(c)},
      firsts AS (
        SELECT grp, last_on, CASE WHEN "firstBoosterAt" <= ${c.now} THEN "firstBoosterAt" END AS first_at
        FROM base WHERE booster_of IS NULL
      )
      SELECT grp,
             CASE WHEN first_at IS NULL THEN (${c.now}::timestamptz AT TIME ZONE ${c.timeZone})::date - last_on
                  ELSE (first_at AT TIME ZONE ${c.timeZone})::date - last_on END AS day,
             first_at IS NOT NULL AS event, count(*) AS courses
      FROM firsts GROUP BY 1, 2, 3 ORDER BY 1, 2`;
    return rows.map((r) => ({ grp: r.grp, day: r.day, event: r.event, courses: Number(r.courses) }));
  }
}
