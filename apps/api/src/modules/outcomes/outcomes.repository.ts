import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import type { ReliefSettings } from '@cadence/domain';
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
  painMechanism: Prisma.sql`coalesce(dx."painMechanism"::text, 'UNKNOWN')`,
  diagnosis: Prisma.sql`coalesce(dx."icd10Code", 'UNKNOWN')`,
  route: Prisma.sql`p.route::text`,
  ageBand: Prisma.sql`CASE WHEN ag.years < 40 THEN 'AGE_UNDER_40' WHEN ag.years < 65 THEN 'AGE_40_TO_64' ELSE 'AGE_65_AND_OVER' END`,
  sex: Prisma.sql`pa.sex::text`,
  booster: Prisma.sql`CASE WHEN co."boosterOfCourseId" IS NULL THEN 'INITIAL' ELSE 'BOOSTER' END`,
};

const AGE_SQL: Record<string, Prisma.Sql> = {
  AGE_UNDER_40: Prisma.sql`ag.years < 40`,
  AGE_40_TO_64: Prisma.sql`(ag.years >= 40 AND ag.years < 65)`,
  AGE_65_AND_OVER: Prisma.sql`ag.years >= 65`,
};

/**
 * The outcome figures' aggregation, in PostgreSQL. Every query starts from `base`: the clinic's
 * COMPLETED courses with the figures' filter columns (protocol, route, the patient's primary
 * diagnosis and its pain mechanism, sex, age at the last session) and the group key. The last
 * session's clinic date is the follow-ups' own (due date less offset, as the schedule made them).
 * Answers are counts per group, or per group and day: never a row per patient or per record.
 */
@Injectable()
export class OutcomesRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /**
   * For the rest of the transaction, statements run without JIT compilation: the aggregates' laterals
   * give plans a cost far above what they take to run, so PostgreSQL would spend seconds compiling
   * each (inlining and optimising) to save milliseconds.
   */
  async withoutJit(): Promise<void> {
    await this.db.$queryRaw`SELECT set_config('jit', 'off', true)`;
  }

  async clinic(clinicId: string) {
    return this.db.clinic.findUniqueOrThrow({
      where: { id: clinicId },
      select: { timezone: true, followUpSettings: true, boosterNoticeDays: true },
    });
  }

  private base(c: OutcomeCriteria): Prisma.Sql {
    const f = c.filters;
    const where: Prisma.Sql[] = [Prisma.sql`co."clinicId" = ${c.clinicId}::uuid`, Prisma.sql`co.status = 'COMPLETED'`];
    if (f.from) where.push(Prisma.sql`fu.last_on >= ${f.from}::date`);
    if (f.to) where.push(Prisma.sql`fu.last_on <= ${f.to}::date`);
    if (f.protocolKey?.length) where.push(Prisma.sql`p.key IN (${Prisma.join(f.protocolKey)})`);
    if (f.protocolVersion !== undefined) where.push(Prisma.sql`p.version = ${f.protocolVersion}`);
    if (f.painMechanism?.length) where.push(Prisma.sql`dx."painMechanism"::text IN (${Prisma.join(f.painMechanism)})`);
    if (f.diagnosis?.length)
      where.push(Prisma.sql`EXISTS (SELECT 1 FROM "Diagnosis" d2 WHERE d2."patientId" = co."patientId"
        AND upper(d2."icd10Code") LIKE ANY (${f.diagnosis.map((d) => `${d.toUpperCase().replace(/[%_\\]/g, '')}%`)}::text[]))`);
    if (f.route?.length) where.push(Prisma.sql`p.route::text IN (${Prisma.join(f.route)})`);
    if (f.sex?.length) where.push(Prisma.sql`pa.sex::text IN (${Prisma.join(f.sex)})`);
    if (f.ageBand?.length)
      where.push(
        Prisma.sql`(${Prisma.join(
          f.ageBand.map((b) => AGE_SQL[b]),
          ' OR ',
        )})`,
      );
    if (f.booster !== undefined)
      where.push(
        f.booster ? Prisma.sql`co."boosterOfCourseId" IS NOT NULL` : Prisma.sql`co."boosterOfCourseId" IS NULL`,
      );
    if (c.patientId) where.push(Prisma.sql`co."patientId" = ${c.patientId}::uuid`);
    const grp = c.groupBy ? GROUP_SQL[c.groupBy] : Prisma.sql`'ALL'`;
    return Prisma.sql`base AS (
      SELECT co.id, co."patientId" AS patient_id, co."baselinePainNrs" AS baseline,
             co."boosterOfCourseId" AS booster_of,
             fu.last_on, ${grp} AS grp, p.key AS protocol_key, p.name AS protocol_name,
             dx."painMechanism"::text AS pain_mechanism, p.definition -> 'boosterPolicy' ->> 'kind' AS policy_kind
      FROM "Course" co
      JOIN "Protocol" p ON p.id = co."protocolId"
      JOIN "Patient" pa ON pa.id = co."patientId"
      CROSS JOIN LATERAL (
        SELECT min(f."dueOn" - f."offsetDays"::int) AS last_on FROM "FollowUp" f WHERE f."courseId" = co.id
      ) fu
      LEFT JOIN LATERAL (
        SELECT d."painMechanism", d."icd10Code" FROM "Diagnosis" d WHERE d."patientId" = co."patientId"
        ORDER BY d."isPrimary" DESC, d."recordedAt" DESC, d.id LIMIT 1
      ) dx ON true
      CROSS JOIN LATERAL (SELECT extract(year FROM age(fu.last_on, pa."dateOfBirth"))::int AS years) ag
      WHERE fu.last_on IS NOT NULL AND ${Prisma.join(where, ' AND ')}
    )`;
  }

  /**
   * The domain's courseRelief written on the columns (libs/domain follow-up/relief.ts), so a curve
   * of any size is counted where the rows are: a later course (not cancelled) whose first live
   * appointment started by now and on or after the last session day censors at its start; records
   * from the last session day until now count while before that start and with scores 0–10; relief
   * is lost at the first counted record below the line; otherwise censored at the last counted
   * record (lost to follow-up when a window closed empty after it), or at the later course's start.
   */
  private relief(c: OutcomeCriteria): Prisma.Sql {
    const { responder, line } = c.relief;
    const reduction = Prisma.sql`(b.baseline - r."painNrs7DayAverage")`;
    const reaches = (percent: number) => Prisma.sql`(${reduction} * 100.0 >= ${percent}::float8 * b.baseline - 1e-9)`;
    const held =
      line === 'MODERATE'
        ? reaches(responder.moderatePercent)
        : line === 'SUBSTANTIAL'
          ? reaches(responder.substantialPercent)
          : Prisma.sql`(${reduction} >= ${responder.minimumPoints}::float8 - 1e-9)`;
    return Prisma.sql`
    later AS (
      SELECT b.id, min(first_live.starts_at) AS starts_at
      FROM base b
      JOIN "Course" o ON o."patientId" = b.patient_id AND o.id <> b.id AND o.status <> 'CANCELLED'
      CROSS JOIN LATERAL (
        SELECT a."startsAt" AS starts_at FROM "Appointment" a
        WHERE a."courseId" = o.id AND a.status IN ('BOOKED', 'COMPLETED')
        ORDER BY a."startsAt", a."sessionNumber" LIMIT 1
      ) first_live
      WHERE first_live.starts_at <= ${c.now} AND (first_live.starts_at AT TIME ZONE ${c.timeZone})::date >= b.last_on
      GROUP BY b.id
    ),
    recs AS (
      SELECT b.id AS course_id, b.grp, b.baseline, r.id, r."recordedAt" AS at, f."offsetDays" AS offset_days,
             (r."recordedAt" AT TIME ZONE ${c.timeZone})::date - b.last_on AS day,
             r."painNrs7DayAverage" AS avg, r."painInterferenceT" AS promis_t, r."phq9Total" AS phq9,
             (r."painNrs7DayAverage" BETWEEN 0 AND 10 AND r."painNrsNow" BETWEEN 0 AND 10
               AND (l.starts_at IS NULL OR r."recordedAt" < l.starts_at)) AS counted,
             (b.baseline BETWEEN 1 AND 10 AND ${held}) AS held,
             (b.baseline BETWEEN 1 AND 10 AND ${reaches(responder.moderatePercent)}) AS moderate,
             (b.baseline BETWEEN 1 AND 10 AND ${reaches(responder.substantialPercent)}) AS substantial,
             (b.baseline BETWEEN 1 AND 10 AND ${reduction} >= ${responder.minimumPoints}::float8 - 1e-9) AS points
      FROM base b
      JOIN "FollowUp" f ON f."courseId" = b.id
      JOIN "FollowUpRecord" r ON r."followUpId" = f.id
      LEFT JOIN later l ON l.id = b.id
      WHERE r."recordedAt" <= ${c.now} AND (r."recordedAt" AT TIME ZONE ${c.timeZone})::date >= b.last_on
    ),
    -- Materialised: computed once, never again for each course of the outer query when the
    -- planner misjudges how many courses there are.
    per AS MATERIALIZED (
      SELECT course_id,
             count(*) FILTER (WHERE counted) AS n,
             (array_agg(day ORDER BY at, id) FILTER (WHERE counted AND NOT held))[1] AS lost_day,
             (array_agg(day ORDER BY at DESC, id DESC) FILTER (WHERE counted))[1] AS last_day,
             max(at) FILTER (WHERE counted) AS last_at
      FROM recs GROUP BY course_id
    ),
    -- Materialised: its code is read twice by the figures, and its follow-up check must run once per course.
    outcome AS MATERIALIZED (
      SELECT b.id, b.grp, b.patient_id, b.last_on, b.protocol_key, b.protocol_name, b.pain_mechanism, b.policy_kind,
        CASE
          WHEN b.baseline IS NULL OR b.baseline NOT BETWEEN 1 AND 10 THEN 'NO_BASELINE'
          WHEN coalesce(per.n, 0) = 0 THEN 'NO_FOLLOW_UP'
          WHEN per.lost_day IS NOT NULL THEN 'RELIEF_LOST'
          WHEN EXISTS (
            SELECT 1 FROM "FollowUp" f
            WHERE f."courseId" = b.id AND f."closesAt" > per.last_at
              AND f."closesAt" <= least(${c.now}::timestamptz, coalesce(l.starts_at, ${c.now}::timestamptz))
              AND NOT EXISTS (SELECT 1 FROM "FollowUpRecord" r WHERE r."followUpId" = f.id AND r."recordedAt" <= ${c.now})
          ) THEN 'LOST_TO_FOLLOW_UP'
          WHEN l.starts_at IS NOT NULL THEN 'NEW_COURSE_STARTED'
          ELSE 'STILL_RESPONDING'
        END AS code,
        per.lost_day, per.last_day,
        (l.starts_at AT TIME ZONE ${c.timeZone})::date - b.last_on AS later_day
      FROM base b LEFT JOIN per ON per.course_id = b.id LEFT JOIN later l ON l.id = b.id
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
    const rows = await this.db.$queryRaw<
      { grp: string; offset_days: number; assessed: bigint; moderate: bigint; substantial: bigint; points: bigint }[]
    >`
      WITH ${this.base(c)}, ${this.relief(c)},
      firsts AS (
        SELECT DISTINCT ON (course_id, offset_days) grp, baseline, offset_days, moderate, substantial, points
        FROM recs WHERE counted AND offset_days IN (${Prisma.join(offsets)})
        ORDER BY course_id, offset_days, at, id
      )
      SELECT m.grp, m.offset_days, count(*) AS assessed,
             count(*) FILTER (WHERE m.moderate) AS moderate,
             count(*) FILTER (WHERE m.substantial) AS substantial,
             count(*) FILTER (WHERE m.points) AS points
      FROM firsts m
      WHERE m.baseline BETWEEN 1 AND 10
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
      WITH ${this.base(c)}, ${this.relief(c)},
      firsts AS (
        SELECT DISTINCT ON (course_id, offset_days) course_id, grp, offset_days, at, promis_t::float8 AS promis_t, phq9
        FROM recs WHERE counted ORDER BY course_id, offset_days, at, id
      ),
      -- Each course's baselines beside its rows (windows, not joins of the CTEs, whose row estimates
      -- the planner cannot know): PROMIS at the first record, PHQ-9 from the screenings, looked up once.
      ordered AS (
        SELECT m.*, first_value(m.promis_t) OVER (PARTITION BY m.course_id ORDER BY m.at) AS promis0,
               row_number() OVER (PARTITION BY m.course_id ORDER BY m.at) AS nth
        FROM firsts m
      ),
      paired AS (
        SELECT o.*, max(CASE WHEN o.nth = 1 THEN (
          SELECT (s.scores->'phq9'->>'score')::float8 FROM "Course" co, "Screening" s
          WHERE co.id = o.course_id AND s.id = ANY (co."eligibilityScreeningIds") AND s.status = 'SIGNED'
            AND s.scores->'phq9'->>'score' IS NOT NULL AND s.scores->'phq9'->>'complete' = 'true'
          ORDER BY s."signedAt" DESC NULLS LAST, s.id LIMIT 1
        ) END) OVER (PARTITION BY o.course_id) AS phq9_0
        FROM ordered o
      )
      SELECT m.grp, m.offset_days, count(*) AS records,
             avg(m.promis_t) AS promis_mean,
             count(m.promis0) AS promis_paired, avg(m.promis_t - m.promis0) AS promis_change,
             avg(m.phq9)::float8 AS phq9_mean,
             count(m.phq9_0) AS phq9_paired, avg(m.phq9 - m.phq9_0) AS phq9_change
      FROM paired m
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
      WITH ${this.base(c)},
      sess AS (
        SELECT b.grp, s.id FROM base b JOIN "InfusionSession" s ON s."courseId" = b.id WHERE s."startedAt" IS NOT NULL
      ),
      totals AS (SELECT grp, count(*) AS sessions FROM sess GROUP BY grp),
      events AS (
        SELECT sess.grp, ae.term, ae.grade, count(*) AS events, count(DISTINCT ae."sessionId") AS sessions_with
        FROM sess JOIN "AdverseEvent" ae ON ae."sessionId" = sess.id AND ae.status = 'CONFIRMED'
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
    const rows = await this.db.$queryRaw<{ grp: string; offset_days: number; closed: bigint; completed: bigint }[]>`
      WITH ${this.base(c)},
      windows AS (
        SELECT b.grp, f."offsetDays" AS offset_days,
               EXISTS (SELECT 1 FROM "FollowUpRecord" r WHERE r."followUpId" = f.id AND r."recordedAt" <= ${c.now}) AS completed,
               f."closesAt" <= ${c.now} AS closed
        FROM base b JOIN "FollowUp" f ON f."courseId" = b.id
      )
      SELECT grp, offset_days, count(*) FILTER (WHERE closed OR completed) AS closed,
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
    const rows = await this.db.$queryRaw<{ grp: string; patients: bigint; boosters: bigint; with_booster: bigint }[]>`
      WITH ${this.base(c)},
      pats AS (SELECT DISTINCT grp, patient_id FROM base),
      counts AS (
        SELECT pats.grp, pats.patient_id,
               (SELECT count(*) FROM "Course" bc WHERE bc."patientId" = pats.patient_id
                  AND bc."boosterOfCourseId" IS NOT NULL AND bc.status <> 'CANCELLED') AS boosters
        FROM pats
      )
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
    const rows = await this.db.$queryRaw<{ grp: string; day: number; event: boolean; courses: bigint }[]>`
      WITH ${this.base(c)},
      firsts AS (
        SELECT b.grp, b.last_on, (
          SELECT min(a."startsAt") FROM "Course" bc JOIN "Appointment" a ON a."courseId" = bc.id
          WHERE bc."boosterOfCourseId" = b.id AND bc.status <> 'CANCELLED'
            AND a.status IN ('BOOKED', 'COMPLETED') AND a."startsAt" <= ${c.now}
        ) AS first_at
        FROM base b WHERE b.booster_of IS NULL
      )
      SELECT grp,
             CASE WHEN first_at IS NULL THEN (${c.now}::timestamptz AT TIME ZONE ${c.timeZone})::date - last_on
                  ELSE (first_at AT TIME ZONE ${c.timeZone})::date - last_on END AS day,
             first_at IS NOT NULL AS event, count(*) AS courses
      FROM firsts GROUP BY 1, 2, 3 ORDER BY 1, 2`;
    return rows.map((r) => ({ grp: r.grp, day: r.day, event: r.event, courses: Number(r.courses) }));
  }
}
