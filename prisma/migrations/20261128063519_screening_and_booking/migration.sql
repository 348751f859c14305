-- CreateEnum
CREATE TYPE "ScreeningKind" AS ENUM ('CARDIOVASCULAR', 'PSYCHIATRIC', 'GENERAL');

-- CreateEnum
CREATE TYPE "ScreeningStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'SIGNED', 'DECLINED');

-- CreateEnum
CREATE TYPE "EligibilityStatus" AS ENUM ('ELIGIBLE', 'NEEDS_REVIEW', 'CONTRAINDICATED');

-- CreateEnum
CREATE TYPE "ProtocolRoute" AS ENUM ('IV', 'ORAL', 'INTRANASAL', 'IM', 'TOPICAL');

-- CreateEnum
CREATE TYPE "ProtocolSetting" AS ENUM ('CHAIR', 'BED', 'HOME');

-- CreateEnum
CREATE TYPE "CourseStatus" AS ENUM ('BOOKED', 'CANCELLED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "AppointmentStatus" AS ENUM ('BOOKED', 'CANCELLED', 'NO_SHOW', 'COMPLETED');

-- CreateEnum
CREATE TYPE "AppointmentKind" AS ENUM ('INITIAL', 'BOOSTER');

-- AlterTable
ALTER TABLE "Clinic" ADD COLUMN     "bpBlockDiastolic" SMALLINT NOT NULL DEFAULT 110,
ADD COLUMN     "bpBlockSystolic" SMALLINT NOT NULL DEFAULT 180,
ADD COLUMN     "bpReviewDiastolic" SMALLINT NOT NULL DEFAULT 90,
ADD COLUMN     "bpReviewSystolic" SMALLINT NOT NULL DEFAULT 140,
ADD COLUMN     "maxInfusionsPerNurse" SMALLINT NOT NULL DEFAULT 4,
ADD COLUMN     "screeningValidityDays" SMALLINT NOT NULL DEFAULT 30;

-- CreateTable
CREATE TABLE "Closure" (
    "id" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "Closure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NurseShift" (
    "id" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "weekday" SMALLINT,
    "date" DATE,
    "startsAt" VARCHAR(5) NOT NULL,
    "endsAt" VARCHAR(5) NOT NULL,
    "nurses" SMALLINT NOT NULL,

    CONSTRAINT "NurseShift_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScreeningTemplate" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "kind" "ScreeningKind" NOT NULL,
    "version" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" UUID,

    CONSTRAINT "ScreeningTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Screening" (
    "id" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "templateId" UUID NOT NULL,
    "kind" "ScreeningKind" NOT NULL,
    "status" "ScreeningStatus" NOT NULL DEFAULT 'DRAFT',
    "answers" JSONB NOT NULL DEFAULT '{}',
    "scores" JSONB,
    "result" "EligibilityStatus",
    "reasons" JSONB,
    "suicidalityFlag" BOOLEAN NOT NULL DEFAULT false,
    "noSerialInfusions" BOOLEAN NOT NULL DEFAULT false,
    "dayOnlyItems" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "amendsId" UUID,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "submittedById" UUID,
    "submittedAt" TIMESTAMPTZ(3),
    "signedById" UUID,
    "signedAt" TIMESTAMPTZ(3),
    "signedOn" DATE,
    "validUntil" DATE,
    "overrideReason" TEXT,
    "declineReason" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Screening_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Protocol" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "route" "ProtocolRoute" NOT NULL,
    "setting" "ProtocolSetting" NOT NULL,
    "definition" JSONB NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" UUID,

    CONSTRAINT "Protocol_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Course" (
    "id" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "protocolId" UUID NOT NULL,
    "prescriberId" UUID,
    "bookedById" UUID NOT NULL,
    "status" "CourseStatus" NOT NULL DEFAULT 'BOOKED',
    "sessionCount" SMALLINT NOT NULL,
    "eligibilityScreeningIds" UUID[],
    "baselinePainNrs" SMALLINT,
    "baselinePainInterference" SMALLINT,
    "cancelReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Course_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Appointment" (
    "id" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "courseId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "chairId" UUID,
    "sessionNumber" SMALLINT NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "AppointmentStatus" NOT NULL DEFAULT 'BOOKED',
    "kind" "AppointmentKind" NOT NULL DEFAULT 'INITIAL',
    "cancelReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Appointment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Closure_clinicId_startsOn_idx" ON "Closure"("clinicId", "startsOn");

-- CreateIndex
CREATE INDEX "NurseShift_clinicId_idx" ON "NurseShift"("clinicId");

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningTemplate_key_version_key" ON "ScreeningTemplate"("key", "version");

-- CreateIndex
CREATE INDEX "Screening_patientId_kind_status_idx" ON "Screening"("patientId", "kind", "status");

-- CreateIndex
CREATE INDEX "Screening_clinicId_status_idx" ON "Screening"("clinicId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Protocol_key_version_key" ON "Protocol"("key", "version");

-- CreateIndex
CREATE INDEX "Course_patientId_idx" ON "Course"("patientId");

-- CreateIndex
CREATE INDEX "Appointment_clinicId_startsAt_idx" ON "Appointment"("clinicId", "startsAt");

-- CreateIndex
CREATE INDEX "Appointment_patientId_startsAt_idx" ON "Appointment"("patientId", "startsAt");

-- AddForeignKey
ALTER TABLE "Closure" ADD CONSTRAINT "Closure_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NurseShift" ADD CONSTRAINT "NurseShift_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Screening" ADD CONSTRAINT "Screening_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ScreeningTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Screening" ADD CONSTRAINT "Screening_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Screening" ADD CONSTRAINT "Screening_amendsId_fkey" FOREIGN KEY ("amendsId") REFERENCES "Screening"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Course" ADD CONSTRAINT "Course_protocolId_fkey" FOREIGN KEY ("protocolId") REFERENCES "Protocol"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Course" ADD CONSTRAINT "Course_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_chairId_fkey" FOREIGN KEY ("chairId") REFERENCES "Chair"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A signed or declined screening is a clinical record: the database refuses to change or remove
-- it. Corrections are new screenings that name the one they amend.
CREATE FUNCTION screening_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('SIGNED', 'DECLINED') THEN
    RAISE EXCEPTION 'Screening % is %: signed records are never edited; add an addendum', OLD.id, OLD.status
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

CREATE TRIGGER "Screening_final_once_signed"
  BEFORE UPDATE OR DELETE ON "Screening"
  FOR EACH ROW EXECUTE FUNCTION screening_is_final();

-- A published template or protocol version is never changed: screenings and courses point at it.
CREATE FUNCTION published_version_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.definition IS DISTINCT FROM OLD.definition OR NEW.version <> OLD.version OR NEW.key <> OLD.key THEN
    RAISE EXCEPTION '% version % of % is published and cannot change; publish a new version', TG_TABLE_NAME, OLD.version, OLD.key
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "ScreeningTemplate_published_is_final"
  BEFORE UPDATE OR DELETE ON "ScreeningTemplate"
  FOR EACH ROW EXECUTE FUNCTION published_version_is_final();

CREATE TRIGGER "Protocol_published_is_final"
  BEFORE UPDATE OR DELETE ON "Protocol"
  FOR EACH ROW EXECUTE FUNCTION published_version_is_final();

-- BEGIN constraints outside the Prisma schema (the drift check strips this block: Prisma's WASM
-- schema engine cannot introspect CHECK or EXCLUDE constraints, and its schema cannot name them).
-- No double booking, even when requests race: two live appointments may not overlap on one
-- chair or bed, nor for one patient. Cancelled and no-show appointments free the slot.
ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_ends_after_start" CHECK ("endsAt" > "startsAt");

ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_no_chair_overlap"
  EXCLUDE USING gist ("chairId" WITH =, tstzrange("startsAt", "endsAt", '[)') WITH &&)
  WHERE (status IN ('BOOKED', 'COMPLETED') AND "chairId" IS NOT NULL);

ALTER TABLE "Appointment" ADD CONSTRAINT "Appointment_no_patient_overlap"
  EXCLUDE USING gist ("patientId" WITH =, tstzrange("startsAt", "endsAt", '[)') WITH &&)
  WHERE (status IN ('BOOKED', 'COMPLETED'));

ALTER TABLE "Closure" ADD CONSTRAINT "Closure_ends_on_or_after_start" CHECK ("endsOn" >= "startsOn");
ALTER TABLE "NurseShift" ADD CONSTRAINT "NurseShift_weekly_or_dated"
  CHECK ((weekday IS NULL) <> (date IS NULL) AND (weekday IS NULL OR weekday BETWEEN 1 AND 7) AND nurses > 0);
-- END constraints outside the Prisma schema
