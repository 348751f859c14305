-- BEGIN constraints outside the Prisma schema (the drift check strips this block: Prisma's WASM
-- schema engine cannot introspect CHECK constraints or triggers, and its schema cannot name them).

-- The append-only trigger read a reading's void columns in one expression for every table, so on
-- orders, dose events and addenda PostgreSQL failed on the missing column ("record old has no
-- field voidedAt", SQLSTATE 42703) before the refusal was raised. It refused all the same, but not
-- as the integrity violation it is, nor with its sentence. Voiding is now looked at only on
-- readings.
CREATE OR REPLACE FUNCTION infusion_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  voiding CONSTANT text[] := ARRAY['voidedById', 'voidedAt', 'voidReason'];
BEGIN
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'VitalsReading' THEN
    IF OLD."voidedAt" IS NULL AND NEW."voidedAt" IS NOT NULL AND NEW."voidedById" IS NOT NULL
       AND NEW."voidReason" IS NOT NULL AND (to_jsonb(NEW) - voiding) = (to_jsonb(OLD) - voiding) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION '% rows are append-only (% refused)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

-- END constraints outside the Prisma schema
