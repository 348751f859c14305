-- AlterTable
ALTER TABLE "CourseOutcome" DROP COLUMN "peakAverages",
DROP COLUMN "peakDays",
ADD COLUMN     "lossDays" INTEGER[];

-- BEGIN constraints outside the Prisma schema
-- Each course's loss day for every 7-day average (lossDays), so a figure reads a course's loss
-- under the clinic's line by subscript instead of searching its peaks. Columns named: the new
-- column sits at the end of the table.
CREATE OR REPLACE FUNCTION course_outcome_refresh(patient_ids uuid[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public SET jit = off AS $$
BEGIN
  DELETE FROM "CourseOutcome" WHERE "patientId" = ANY (patient_ids);
  INSERT INTO "CourseOutcome" (
    "courseId", "clinicId", "patientId", "protocolId", "lastSessionOn", "baselinePainNrs", "boosterOfCourseId",
    "painMechanism", "icd10Code", sex, "ageYears", "laterStartsAt",
    records, "lossDays", "lastDay", "lastRecordedAt", "emptyClosesAt",
    "firstOffsets", "firstAverages", "firstPromisT", "firstPhq9", "promisBaseline", "phq9Baseline",
    "windowOffsets", "windowClosesAt", "windowRecorded",
    sessions, "eventTerms", "eventGrades", "eventCounts", "eventSessions", "patientBoosters", "firstBoosterAt"
  )
  SELECT b.id, b."clinicId", b."patientId", b."protocolId", b.last_on, b."baselinePainNrs", b."boosterOfCourseId",
         dx."painMechanism", dx."icd10Code", b.sex, extract(year FROM age(b.last_on, b."dateOfBirth"))::int,
         later.starts_at,
         coalesce(rel.n, 0), coalesce(loss.days, '{}'), rel.last_day, rel.last_at,
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
           (array_agg(c.day ORDER BY c.at DESC, c.id DESC))[1] AS last_day,
           max(c.at) AS last_at,
           (array_agg(c.promis_t ORDER BY c.at, c.id))[1] AS promis0
    FROM course_outcome_records(b.id, b.last_on, b.tz, later.starts_at) c
  ) rel ON true
  -- A record with more pain than every earlier one is the first to reach each average above the
  -- earlier highest, up to its own.
  LEFT JOIN LATERAL (
    SELECT array_agg(peaks.day ORDER BY t) AS days
    FROM (
      SELECT c.day, c.avg, max(c.avg) OVER (ORDER BY c.at, c.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
      FROM course_outcome_records(b.id, b.last_on, b.tz, later.starts_at) c
    ) peaks
    CROSS JOIN LATERAL generate_series(coalesce(peaks.before + 1, 0), peaks.avg) t
  ) loss ON true
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

SELECT course_outcome_refresh(array(SELECT id FROM "Patient"));
-- END constraints outside the Prisma schema
