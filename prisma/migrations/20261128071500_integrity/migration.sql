-- CreateIndex
CREATE UNIQUE INDEX "Appointment_courseId_sessionNumber_key" ON "Appointment"("courseId", "sessionNumber");

-- AddForeignKey
ALTER TABLE "Screening" ADD CONSTRAINT "Screening_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Course" ADD CONSTRAINT "Course_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A published template or protocol version is frozen whole: screenings and courses read its
-- setting, route and kind as well as its definition. Only `active` may change (retiring it).
CREATE OR REPLACE FUNCTION published_version_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (to_jsonb(NEW) - 'active') IS DISTINCT FROM (to_jsonb(OLD) - 'active') THEN
    RAISE EXCEPTION '% version % of % is published and cannot change; publish a new version', TG_TABLE_NAME, OLD.version, OLD.key
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;

-- Signed screenings cannot be removed wholesale either.
CREATE FUNCTION screening_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Screening records are never truncated' USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER "Screening_no_truncate"
  BEFORE TRUNCATE ON "Screening"
  FOR EACH STATEMENT EXECUTE FUNCTION screening_no_truncate();
