-- BEGIN constraints outside the Prisma schema
-- Two transactions changing rows of one patient at once would both delete and re-insert the
-- patient's "CourseOutcome" rows: the second, having waited on the first's deleted rows, would
-- insert beside the first's committed ones and fail on the key. Each refresh therefore first
-- takes the patients' outcome locks (in one order, so two never deadlock), and its statements,
-- which run after the lock is granted, see the first transaction's commit. A whole-clinic refresh
-- (a new zone) takes the exclusive lock that every patient's refresh shares.
-- A statement touching more patients than the lock table should hold one lock each for takes the
-- exclusive lock instead.
CREATE OR REPLACE FUNCTION course_outcome_lock(patient_ids uuid[]) RETURNS void
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
  IF cardinality(patient_ids) > 500 THEN
    PERFORM pg_advisory_xact_lock(hashtext('course-outcome:all'));
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock_shared(hashtext('course-outcome:all'));
  PERFORM count(pg_advisory_xact_lock(k))
  FROM (SELECT DISTINCT hashtext('course-outcome:' || id::text) AS k FROM unnest(patient_ids) id ORDER BY 1) keys;
END;
$$;

CREATE OR REPLACE FUNCTION course_outcome_changed() RETURNS trigger
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
    PERFORM course_outcome_lock(ids);
    PERFORM course_outcome_refresh(ids);
  END IF;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION course_outcome_clinic_zone() RETURNS trigger
LANGUAGE plpgsql SET search_path = public AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('course-outcome:all'));
  PERFORM course_outcome_refresh(array(SELECT p.id FROM "Patient" p WHERE p."clinicId" = NEW.id));
  RETURN NULL;
END;
$$;
-- END constraints outside the Prisma schema
