-- CreateEnum
CREATE TYPE "InfusionState" AS ENUM ('CHECKED_IN', 'INFUSING', 'IN_RECOVERY', 'DISCHARGED');

-- CreateEnum
CREATE TYPE "DoseForm" AS ENUM ('INFUSION', 'BOLUS');

-- CreateEnum
CREATE TYPE "DoseEventKind" AS ENUM ('START', 'RATE', 'STOP', 'BOLUS');

-- CreateEnum
CREATE TYPE "AdverseEventStatus" AS ENUM ('DRAFT', 'CONFIRMED', 'DISMISSED');

-- AlterTable
ALTER TABLE "Clinic" ADD COLUMN     "dosingSettings" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "infusionSettings" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "InfusionSession" (
    "id" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "appointmentId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "courseId" UUID NOT NULL,
    "state" "InfusionState" NOT NULL DEFAULT 'CHECKED_IN',
    "supervisingClinicianId" UUID,
    "checkedInById" UUID NOT NULL,
    "checkedInAt" TIMESTAMPTZ(3) NOT NULL,
    "checkedInOn" DATE NOT NULL,
    "checkInFacts" JSONB NOT NULL,
    "checkInChecks" JSONB NOT NULL,
    "checkInCleared" BOOLEAN NOT NULL DEFAULT false,
    "weightKg" DECIMAL(5,1),
    "checkInOverrideById" UUID,
    "checkInOverrideReason" TEXT,
    "checkInOverrideAccepts" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "eligibilityScreeningIds" UUID[],
    "painBefore" SMALLINT,
    "painAfter" SMALLINT,
    "startedAt" TIMESTAMPTZ(3),
    "stoppedAt" TIMESTAMPTZ(3),
    "discharge" JSONB,
    "dischargedById" UUID,
    "dischargedAt" TIMESTAMPTZ(3),
    "nurseSignedById" UUID,
    "nurseSignedAt" TIMESTAMPTZ(3),
    "clinicianSignedById" UUID,
    "clinicianSignedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "InfusionSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VitalsReading" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,
    "systolic" SMALLINT,
    "diastolic" SMALLINT,
    "heartRate" SMALLINT,
    "spo2" SMALLINT,
    "respiratoryRate" SMALLINT,
    "rass" SMALLINT,
    "dissociation" SMALLINT,
    "alerts" JSONB NOT NULL DEFAULT '[]',
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voidedById" UUID,
    "voidedAt" TIMESTAMPTZ(3),
    "voidReason" TEXT,

    CONSTRAINT "VitalsReading_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DoseOrder" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "form" "DoseForm" NOT NULL,
    "route" "ProtocolRoute" NOT NULL,
    "perKg" DECIMAL(7,3) NOT NULL,
    "weightKg" DECIMAL(5,1) NOT NULL,
    "rateMgPerHour" DECIMAL(8,1),
    "doseMg" DECIMAL(8,1),
    "plannedMinutes" INTEGER,
    "expectedMg" DECIMAL(10,3) NOT NULL,
    "check" JSONB NOT NULL,
    "overrideReason" TEXT,
    "overrideAccepts" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "orderedById" UUID NOT NULL,
    "orderedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DoseOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DoseEvent" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "kind" "DoseEventKind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "rateMgPerHour" DECIMAL(8,1),
    "mg" DECIMAL(8,1),
    "overrideById" UUID,
    "overrideReason" TEXT,
    "overrideAccepts" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "byId" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DoseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HomeDose" (
    "id" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "courseId" UUID,
    "route" "ProtocolRoute" NOT NULL,
    "mg" DECIMAL(8,1) NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL,
    "note" TEXT,
    "recordedById" UUID,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HomeDose_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AdverseEvent" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "status" "AdverseEventStatus" NOT NULL,
    "term" TEXT NOT NULL,
    "grade" SMALLINT,
    "onsetAt" TIMESTAMPTZ(3) NOT NULL,
    "actions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "outcome" TEXT,
    "serious" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "readingId" UUID,
    "dismissReason" TEXT,
    "recordedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "AdverseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionAddendum" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "authorId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionAddendum_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffAlert" (
    "id" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "recipientId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "sessionId" UUID,
    "patientId" UUID,
    "adverseEventId" UUID,
    "message" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),

    CONSTRAINT "StaffAlert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InfusionSession_appointmentId_key" ON "InfusionSession"("appointmentId");

-- CreateIndex
CREATE INDEX "InfusionSession_clinicId_checkedInOn_idx" ON "InfusionSession"("clinicId", "checkedInOn");

-- CreateIndex
CREATE INDEX "InfusionSession_patientId_idx" ON "InfusionSession"("patientId");

-- CreateIndex
CREATE INDEX "VitalsReading_sessionId_takenAt_idx" ON "VitalsReading"("sessionId", "takenAt");

-- CreateIndex
CREATE INDEX "DoseOrder_sessionId_idx" ON "DoseOrder"("sessionId");

-- CreateIndex
CREATE INDEX "DoseEvent_sessionId_at_idx" ON "DoseEvent"("sessionId", "at");

-- CreateIndex
CREATE INDEX "HomeDose_patientId_takenAt_idx" ON "HomeDose"("patientId", "takenAt");

-- CreateIndex
CREATE INDEX "AdverseEvent_sessionId_idx" ON "AdverseEvent"("sessionId");

-- CreateIndex
CREATE INDEX "SessionAddendum_sessionId_idx" ON "SessionAddendum"("sessionId");

-- CreateIndex
CREATE INDEX "StaffAlert_recipientId_readAt_createdAt_idx" ON "StaffAlert"("recipientId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "StaffAlert_adverseEventId_recipientId_kind_key" ON "StaffAlert"("adverseEventId", "recipientId", "kind");

-- AddForeignKey
ALTER TABLE "InfusionSession" ADD CONSTRAINT "InfusionSession_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InfusionSession" ADD CONSTRAINT "InfusionSession_appointmentId_fkey" FOREIGN KEY ("appointmentId") REFERENCES "Appointment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VitalsReading" ADD CONSTRAINT "VitalsReading_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "InfusionSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DoseOrder" ADD CONSTRAINT "DoseOrder_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "InfusionSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DoseEvent" ADD CONSTRAINT "DoseEvent_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "InfusionSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DoseEvent" ADD CONSTRAINT "DoseEvent_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "DoseOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HomeDose" ADD CONSTRAINT "HomeDose_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HomeDose" ADD CONSTRAINT "HomeDose_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AdverseEvent" ADD CONSTRAINT "AdverseEvent_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "InfusionSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionAddendum" ADD CONSTRAINT "SessionAddendum_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "InfusionSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffAlert" ADD CONSTRAINT "StaffAlert_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- BEGIN constraints outside the Prisma schema (the drift check strips this block: Prisma's WASM
-- schema engine cannot introspect CHECK constraints or triggers, and its schema cannot name them).

ALTER TABLE "InfusionSession"
  ADD CONSTRAINT "InfusionSession_pain_0_to_10" CHECK ("painBefore" BETWEEN 0 AND 10 AND "painAfter" BETWEEN 0 AND 10);
ALTER TABLE "AdverseEvent"
  ADD CONSTRAINT "AdverseEvent_grade_1_to_5" CHECK ("grade" BETWEEN 1 AND 5),
  ADD CONSTRAINT "AdverseEvent_confirmed_has_grade" CHECK ("status" <> 'CONFIRMED' OR "grade" IS NOT NULL);
ALTER TABLE "DoseEvent"
  ADD CONSTRAINT "DoseEvent_amounts" CHECK (
    ("kind" IN ('START', 'RATE') AND "rateMgPerHour" >= 0 AND "mg" IS NULL)
    OR ("kind" = 'STOP' AND "rateMgPerHour" IS NULL AND "mg" IS NULL)
    OR ("kind" = 'BOLUS' AND "mg" > 0 AND "rateMgPerHour" IS NULL));

-- A session record signed by its nurse takes only the clinician's co-signature; once co-signed it
-- never changes. It is never deleted. Corrections are addenda.
CREATE FUNCTION infusion_session_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cosign CONSTANT text[] := ARRAY['clinicianSignedById', 'clinicianSignedAt', 'version', 'updatedAt'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'Infusion session % is a clinical record and is never deleted', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD."clinicianSignedAt" IS NOT NULL THEN
    RAISE EXCEPTION 'Infusion session % is signed and co-signed: records are never edited; add an addendum', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF OLD."nurseSignedAt" IS NOT NULL AND (to_jsonb(NEW) - cosign) IS DISTINCT FROM (to_jsonb(OLD) - cosign) THEN
    RAISE EXCEPTION 'Infusion session % is signed by its nurse: only the clinician''s co-signature may be added', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "InfusionSession_final_once_signed"
  BEFORE UPDATE OR DELETE ON "InfusionSession"
  FOR EACH ROW EXECUTE FUNCTION infusion_session_is_final();

-- Readings, orders, doses and adverse events freeze with their session's signature. The session
-- row is locked FOR SHARE, so a write racing the signature waits for it and then sees it.
CREATE FUNCTION infusion_entry_is_open() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  session_id uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD."sessionId" ELSE NEW."sessionId" END;
  signed_at timestamptz;
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."sessionId" IS DISTINCT FROM OLD."sessionId" THEN
    RAISE EXCEPTION '% % cannot move to another session', TG_TABLE_NAME, OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  SELECT "nurseSignedAt" INTO signed_at FROM "InfusionSession" WHERE id = session_id FOR SHARE;
  IF signed_at IS NOT NULL THEN
    RAISE EXCEPTION '% of infusion session % cannot change: the record is signed; add an addendum', TG_TABLE_NAME, session_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

CREATE TRIGGER "VitalsReading_open_until_signed"
  BEFORE INSERT OR UPDATE OR DELETE ON "VitalsReading"
  FOR EACH ROW EXECUTE FUNCTION infusion_entry_is_open();
CREATE TRIGGER "DoseOrder_open_until_signed"
  BEFORE INSERT OR UPDATE OR DELETE ON "DoseOrder"
  FOR EACH ROW EXECUTE FUNCTION infusion_entry_is_open();
CREATE TRIGGER "DoseEvent_open_until_signed"
  BEFORE INSERT OR UPDATE OR DELETE ON "DoseEvent"
  FOR EACH ROW EXECUTE FUNCTION infusion_entry_is_open();
CREATE TRIGGER "AdverseEvent_open_until_signed"
  BEFORE INSERT OR UPDATE OR DELETE ON "AdverseEvent"
  FOR EACH ROW EXECUTE FUNCTION infusion_entry_is_open();

-- What was measured and given is never rewritten or removed, signed or not: a mistaken reading is
-- marked entered in error (once, with a reason); a wrong order is followed by a new one.
CREATE FUNCTION infusion_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  voiding CONSTANT text[] := ARRAY['voidedById', 'voidedAt', 'voidReason'];
BEGIN
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'VitalsReading' AND OLD."voidedAt" IS NULL
     AND NEW."voidedAt" IS NOT NULL AND NEW."voidedById" IS NOT NULL AND NEW."voidReason" IS NOT NULL
     AND (to_jsonb(NEW) - voiding) = (to_jsonb(OLD) - voiding) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% rows are append-only (% refused)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER "VitalsReading_append_only"
  BEFORE UPDATE OR DELETE ON "VitalsReading"
  FOR EACH ROW EXECUTE FUNCTION infusion_entry_is_append_only();
CREATE TRIGGER "DoseOrder_append_only"
  BEFORE UPDATE OR DELETE ON "DoseOrder"
  FOR EACH ROW EXECUTE FUNCTION infusion_entry_is_append_only();
CREATE TRIGGER "DoseEvent_append_only"
  BEFORE UPDATE OR DELETE ON "DoseEvent"
  FOR EACH ROW EXECUTE FUNCTION infusion_entry_is_append_only();
CREATE TRIGGER "SessionAddendum_append_only"
  BEFORE UPDATE OR DELETE ON "SessionAddendum"
  FOR EACH ROW EXECUTE FUNCTION infusion_entry_is_append_only();

CREATE FUNCTION infusion_record_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% records are never truncated', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER "InfusionSession_no_truncate" BEFORE TRUNCATE ON "InfusionSession"
  FOR EACH STATEMENT EXECUTE FUNCTION infusion_record_no_truncate();
CREATE TRIGGER "VitalsReading_no_truncate" BEFORE TRUNCATE ON "VitalsReading"
  FOR EACH STATEMENT EXECUTE FUNCTION infusion_record_no_truncate();
CREATE TRIGGER "DoseOrder_no_truncate" BEFORE TRUNCATE ON "DoseOrder"
  FOR EACH STATEMENT EXECUTE FUNCTION infusion_record_no_truncate();
CREATE TRIGGER "DoseEvent_no_truncate" BEFORE TRUNCATE ON "DoseEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION infusion_record_no_truncate();
CREATE TRIGGER "AdverseEvent_no_truncate" BEFORE TRUNCATE ON "AdverseEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION infusion_record_no_truncate();
CREATE TRIGGER "SessionAddendum_no_truncate" BEFORE TRUNCATE ON "SessionAddendum"
  FOR EACH STATEMENT EXECUTE FUNCTION infusion_record_no_truncate();

-- END constraints outside the Prisma schema
