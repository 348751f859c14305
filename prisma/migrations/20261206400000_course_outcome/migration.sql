-- CreateTable
CREATE TABLE "CourseOutcome" (
    "courseId" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "protocolId" UUID NOT NULL,
    "lastSessionOn" DATE NOT NULL,
    "baselinePainNrs" SMALLINT,
    "boosterOfCourseId" UUID,
    "painMechanism" "PainMechanism",
    "icd10Code" VARCHAR(8),
    "sex" "Sex" NOT NULL,
    "ageYears" SMALLINT NOT NULL,
    "laterStartsAt" TIMESTAMPTZ(3),
    "records" INTEGER NOT NULL,
    "peakDays" INTEGER[],
    "peakAverages" INTEGER[],
    "lastDay" INTEGER,
    "lastRecordedAt" TIMESTAMPTZ(3),
    "emptyClosesAt" TIMESTAMPTZ(3),
    "firstOffsets" INTEGER[],
    "firstAverages" INTEGER[],
    "firstPromisT" DOUBLE PRECISION[],
    "firstPhq9" INTEGER[],
    "promisBaseline" DOUBLE PRECISION,
    "phq9Baseline" DOUBLE PRECISION,
    "windowOffsets" INTEGER[],
    "windowClosesAt" TIMESTAMPTZ(3)[],
    "windowRecorded" BOOLEAN[],
    "sessions" INTEGER NOT NULL,
    "eventTerms" TEXT[],
    "eventGrades" INTEGER[],
    "eventCounts" INTEGER[],
    "eventSessions" INTEGER[],
    "patientBoosters" INTEGER NOT NULL,
    "firstBoosterAt" TIMESTAMPTZ(3),

    CONSTRAINT "CourseOutcome_pkey" PRIMARY KEY ("courseId")
);

-- CreateIndex
CREATE INDEX "CourseOutcome_clinicId_lastSessionOn_idx" ON "CourseOutcome"("clinicId", "lastSessionOn");

-- CreateIndex
CREATE INDEX "CourseOutcome_patientId_idx" ON "CourseOutcome"("patientId");

-- BEGIN constraints outside the Prisma schema
-- A course's outcome row, computed from scratch from the rows it depends on (the statement the
-- outcome figures ran per request before): one definition, used by the triggers below and the
-- backfill. SECURITY DEFINER: it writes as the owner, so the runtime role, which may only read
-- "CourseOutcome", cannot write a row that disagrees with the records. Without JIT: its plans'
-- correlated lookups cost far more on paper than the milliseconds they take.
CREATE FUNCTION course_outcome_refresh(patient_ids uuid[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public SET jit = off AS $$
BEGIN
  DELETE FROM "CourseOutcome" WHERE "patientId" = ANY (patient_ids);
  INSERT INTO "CourseOutcome"
  SELECT b.id, b."clinicId", b."patientId", b."protocolId", b.last_on, b."baselinePainNrs", b."boosterOfCourseId",
         dx."painMechanism", dx."icd10Code", b.sex, extract(year FROM age(b.last_on, b."dateOfBirth"))::int,
         later.starts_at,
         coalesce(rel.n, 0), coalesce(rel.peak_days, '{}'), coalesce(rel.peak_avgs, '{}'), rel.last_day, rel.last_at,
         (SELECT min(f."closesAt") FROM "FollowUp" f
          WHERE f."courseId" = b.id AND f."closesAt" > rel.last_at
            AND NOT EXISTS (SELECT 1 FROM "FollowUpRecord" r WHERE r."followUpId" = f.id)),
         coalesce(fir.offs, '{}'), coalesce(fir.avgs, '{}'), coalesce(fir.promis, '{}'), coalesce(fir.phq9, '{}'),
         rel.promis0,
         (SELECT (s.scores -> 'phq9' ->> 'score')::float8 FROM "Screening" s
          WHERE s.id = ANY (b."eligibilityScreeningIds") AND s.status = 'SIGNED'
            AND s.scores -> 'phq9' ->> 'score' IS NOT NULL AND s.scores -> 'phq9' ->> 'complete' = 'true'
          ORDER BY s."signedAt" DESC NULLS LAST, s.id LIMIT 1),
         win.offs, win.closes, win.recorded,
         (SELECT count(*) FROM "InfusionSession" s WHERE s."courseId" = b.id AND s."startedAt" IS NOT NULL),
         coalesce(ae.terms, '{}'), coalesce(ae.grades, '{}'), coalesce(ae.events, '{}'), coalesce(ae.sessions_with, '{}'),
         (SELECT count(*) FROM "Course" bc
          WHERE bc."patientId" = b."patientId" AND bc."boosterOfCourseId" IS NOT NULL AND bc.status <> 'CANCELLED'),
         (SELECT min(a."startsAt") FROM "Course" bc JOIN "Appointment" a ON a."courseId" = bc.id
          WHERE bc."boosterOfCourseId" = b.id AND bc.status <> 'CANCELLED' AND a.status IN ('BOOKED', 'COMPLETED'))
  FROM (
    SELECT co.*, cl.timezone AS tz, pa.sex, pa."dateOfBirth", fu.last_on
    FROM (SELECT DISTINCT unnest(patient_ids) AS id) pats
    JOIN "Course" co ON co."patientId" = pats.id AND co.status = 'COMPLETED'
    JOIN "Clinic" cl ON cl.id = co."clinicId"
    JOIN "Patient" pa ON pa.id = co."patientId"
    CROSS JOIN LATERAL (
      SELECT min(f."dueOn" - f."offsetDays"::int) AS last_on FROM "FollowUp" f WHERE f."courseId" = co.id
    ) fu
    WHERE fu.last_on IS NOT NULL
  ) b
  LEFT JOIN LATERAL (
    SELECT d."painMechanism", d."icd10Code" FROM "Diagnosis" d WHERE d."patientId" = b."patientId"
    ORDER BY d."isPrimary" DESC, d."recordedAt" DESC, d.id LIMIT 1
  ) dx ON true
  -- Not limited to "now": a later course's start still to come censors nothing, since no record
  -- is ever dated after the moment it is written; the queries use it only once it has passed.
  LEFT JOIN LATERAL (
    SELECT min(first_live.starts_at) AS starts_at
    FROM "Course" o
    CROSS JOIN LATERAL (
      SELECT a."startsAt" AS starts_at FROM "Appointment" a
      WHERE a."courseId" = o.id AND a.status IN ('BOOKED', 'COMPLETED')
      ORDER BY a."startsAt", a."sessionNumber" LIMIT 1
    ) first_live
    WHERE o."patientId" = b."patientId" AND o.id <> b.id AND o.status <> 'CANCELLED'
      AND (first_live.starts_at AT TIME ZONE b.tz)::date >= b.last_on
  ) later ON true
  LEFT JOIN LATERAL (
    SELECT count(*) AS n,
           array_agg(day ORDER BY at, id) FILTER (WHERE prev_max IS NULL OR avg > prev_max) AS peak_days,
           array_agg(avg ORDER BY at, id) FILTER (WHERE prev_max IS NULL OR avg > prev_max) AS peak_avgs,
           (array_agg(day ORDER BY at DESC, id DESC))[1] AS last_day,
           max(at) AS last_at,
           (array_agg(promis_t ORDER BY at, id))[1] AS promis0
    FROM (
      SELECT c.*, max(c.avg) OVER (ORDER BY c.at, c.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_max
      FROM course_outcome_records(b.id, b.last_on, b.tz, later.starts_at) c
    ) ordered
  ) rel ON true
  LEFT JOIN LATERAL (
    SELECT array_agg(offset_days ORDER BY offset_days) AS offs, array_agg(avg ORDER BY offset_days) AS avgs,
           array_agg(promis_t ORDER BY offset_days) AS promis, array_agg(phq9 ORDER BY offset_days) AS phq9
    FROM (
      SELECT DISTINCT ON (c.offset_days) c.offset_days, c.avg, c.promis_t, c.phq9
      FROM course_outcome_records(b.id, b.last_on, b.tz, later.starts_at) c
      ORDER BY c.offset_days, c.at, c.id
    ) firsts
  ) fir ON true
  CROSS JOIN LATERAL (
    SELECT array_agg(f."offsetDays"::int ORDER BY f."offsetDays") AS offs,
           array_agg(f."closesAt" ORDER BY f."offsetDays") AS closes,
           array_agg(EXISTS (SELECT 1 FROM "FollowUpRecord" r WHERE r."followUpId" = f.id) ORDER BY f."offsetDays") AS recorded
    FROM "FollowUp" f WHERE f."courseId" = b.id
  ) win
  LEFT JOIN LATERAL (
    SELECT array_agg(term ORDER BY term, grade) AS terms, array_agg(grade ORDER BY term, grade) AS grades,
           array_agg(events ORDER BY term, grade) AS events, array_agg(sessions_with ORDER BY term, grade) AS sessions_with
    FROM (
      SELECT ae.term, ae.grade::int, count(*)::int AS events, count(DISTINCT ae."sessionId")::int AS sessions_with
      FROM "InfusionSession" s JOIN "AdverseEvent" ae ON ae."sessionId" = s.id AND ae.status = 'CONFIRMED'
      WHERE s."courseId" = b.id AND s."startedAt" IS NOT NULL
      GROUP BY 1, 2
    ) by_term
  ) ae ON true;
END;
$$;

-- The records that count for a course's relief (libs/domain follow-up/relief.ts): from the last
-- session's clinic date, before the next course's start, with both pain scores 0–10.
CREATE FUNCTION course_outcome_records(course_id uuid, last_on date, tz text, later_starts_at timestamptz)
RETURNS TABLE (id uuid, at timestamptz, offset_days int, day int, avg int, promis_t float8, phq9 int)
LANGUAGE sql STABLE SET search_path = public AS $$
  SELECT r.id, r."recordedAt", f."offsetDays"::int, (r."recordedAt" AT TIME ZONE tz)::date - last_on,
         r."painNrs7DayAverage"::int, r."painInterferenceT"::float8, r."phq9Total"::int
  FROM "FollowUp" f JOIN "FollowUpRecord" r ON r."followUpId" = f.id
  WHERE f."courseId" = course_id AND (r."recordedAt" AT TIME ZONE tz)::date >= last_on
    AND r."painNrs7DayAverage" BETWEEN 0 AND 10 AND r."painNrsNow" BETWEEN 0 AND 10
    AND (later_starts_at IS NULL OR r."recordedAt" < later_starts_at)
$$;

-- Recomputes the outcome rows of every patient a statement touched (TG_ARGV[0] names the column
-- holding the patient, or "sessionId" for adverse events), in the statement's own transaction.
-- The synthetic clinic generator, which copies a whole clinic in one transaction as the owner,
-- defers the work to one refresh of its patients before it commits (cadence.outcome_refresh =
-- 'deferred'); the setting counts only for the tables' owner, so the runtime role cannot skip it.
CREATE FUNCTION course_outcome_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
DECLARE
  col text := TG_ARGV[0];
  keys text;
  ids uuid[];
BEGIN
  IF current_setting('cadence.outcome_refresh', true) = 'deferred'
     AND (SELECT c.relowner = (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user)
          FROM pg_class c WHERE c.oid = TG_RELID) THEN
    RETURN NULL;
  END IF;
  keys := CASE TG_OP
    WHEN 'INSERT' THEN format('SELECT %I AS k FROM new_rows', col)
    WHEN 'DELETE' THEN format('SELECT %I AS k FROM old_rows', col)
    ELSE format('SELECT %I AS k FROM new_rows UNION SELECT %I FROM old_rows', col, col)
  END;
  IF col = 'sessionId' THEN
    EXECUTE format('SELECT array_agg(DISTINCT s."patientId") FROM (%s) c JOIN "InfusionSession" s ON s.id = c.k', keys) INTO ids;
  ELSE
    EXECUTE format('SELECT array_agg(DISTINCT k) FROM (%s) c', keys) INTO ids;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM course_outcome_refresh(ids);
  END IF;
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('Patient', 'id'), ('Diagnosis', 'patientId'), ('Screening', 'patientId'), ('Course', 'patientId'),
    ('Appointment', 'patientId'), ('FollowUp', 'patientId'), ('FollowUpRecord', 'patientId'),
    ('InfusionSession', 'patientId'), ('AdverseEvent', 'sessionId')) v(tab, col)
  LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION course_outcome_changed(%L)', t.tab || '_outcome_insert', t.tab, t.col);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION course_outcome_changed(%L)', t.tab || '_outcome_update', t.tab, t.col);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION course_outcome_changed(%L)', t.tab || '_outcome_delete', t.tab, t.col);
  END LOOP;
END;
$$;

-- The days are counted in the clinic's zone: a new zone recounts its patients.
CREATE FUNCTION course_outcome_clinic_zone() RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
  PERFORM course_outcome_refresh(array(SELECT p.id FROM "Patient" p WHERE p."clinicId" = NEW.id));
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Clinic_outcome_zone"
  AFTER UPDATE OF timezone ON "Clinic"
  FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone) EXECUTE FUNCTION course_outcome_clinic_zone();

SELECT course_outcome_refresh(array(SELECT id FROM "Patient"));
-- END constraints outside the Prisma schema
