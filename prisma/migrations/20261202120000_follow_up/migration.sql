-- CreateEnum
CREATE TYPE "FollowUpStatus" AS ENUM ('UPCOMING', 'DUE', 'OVERDUE', 'COMPLETED', 'MISSED');

-- CreateEnum
CREATE TYPE "FollowUpChannel" AS ENUM ('PHONE', 'IN_PERSON', 'PATIENT_LINK');

-- CreateEnum
CREATE TYPE "MessageKind" AS ENUM ('FOLLOW_UP_LINK', 'APPOINTMENT_REMINDER');

-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('QUEUED', 'SENT', 'FAILED', 'MANUAL', 'SENT_BY_HAND', 'CANCELLED');

-- CreateEnum
CREATE TYPE "BoosterTaskStatus" AS ENUM ('OPEN', 'BOOKED', 'DISMISSED');

-- AlterTable
ALTER TABLE "Course" ADD COLUMN     "boosterOfCourseId" UUID,
ADD COLUMN     "completedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "HomeDose" ADD COLUMN     "followUpRecordId" UUID;

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "courseId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "offsetDays" SMALLINT NOT NULL,
    "dueOn" DATE NOT NULL,
    "opensOn" DATE NOT NULL,
    "closesOn" DATE NOT NULL,
    "opensAt" TIMESTAMPTZ(3) NOT NULL,
    "closesAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "FollowUpStatus" NOT NULL DEFAULT 'UPCOMING',
    "statusAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUpRecord" (
    "id" UUID NOT NULL,
    "followUpId" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "channel" "FollowUpChannel" NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedById" UUID,
    "painNrsNow" SMALLINT NOT NULL,
    "painNrs7DayAverage" SMALLINT NOT NULL,
    "painInterference" JSONB NOT NULL,
    "painInterferenceRaw" SMALLINT NOT NULL,
    "painInterferenceT" DECIMAL(4,1) NOT NULL,
    "phq9" JSONB NOT NULL,
    "phq9Total" SMALLINT NOT NULL,
    "bladder" JSONB NOT NULL,
    "bladderPositive" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "bladderReviewedById" UUID,
    "bladderReviewedAt" TIMESTAMPTZ(3),
    "bladderReviewNote" TEXT,
    "supportingCare" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUpRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUpLink" (
    "id" UUID NOT NULL,
    "followUpId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUpLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "appointmentId" UUID,
    "followUpId" UUID,
    "toAddress" TEXT,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "MessageStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" SMALLINT NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "sentById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BoosterTask" (
    "id" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "courseId" UUID NOT NULL,
    "dueBy" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "BoosterTaskStatus" NOT NULL DEFAULT 'OPEN',
    "bookedCourseId" UUID,
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "dismissReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BoosterTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "job" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "summary" JSONB,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("job","day")
);

-- CreateIndex
CREATE INDEX "FollowUp_clinicId_status_dueOn_idx" ON "FollowUp"("clinicId", "status", "dueOn");

-- CreateIndex
CREATE INDEX "FollowUp_patientId_dueOn_idx" ON "FollowUp"("patientId", "dueOn");

-- CreateIndex
CREATE INDEX "FollowUp_closesAt_idx" ON "FollowUp"("closesAt");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_courseId_offsetDays_key" ON "FollowUp"("courseId", "offsetDays");

-- CreateIndex
CREATE INDEX "FollowUpRecord_followUpId_idx" ON "FollowUpRecord"("followUpId");

-- CreateIndex
CREATE INDEX "FollowUpRecord_patientId_recordedAt_idx" ON "FollowUpRecord"("patientId", "recordedAt");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUpLink_tokenHash_key" ON "FollowUpLink"("tokenHash");

-- CreateIndex
CREATE INDEX "FollowUpLink_followUpId_idx" ON "FollowUpLink"("followUpId");

-- CreateIndex
CREATE UNIQUE INDEX "Message_dedupeKey_key" ON "Message"("dedupeKey");

-- CreateIndex
CREATE INDEX "Message_status_nextAttemptAt_idx" ON "Message"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Message_clinicId_status_createdAt_idx" ON "Message"("clinicId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "BoosterTask_clinicId_status_dueBy_idx" ON "BoosterTask"("clinicId", "status", "dueBy");

-- CreateIndex
CREATE UNIQUE INDEX "BoosterTask_courseId_key" ON "BoosterTask"("courseId");

-- CreateIndex
CREATE INDEX "Course_boosterOfCourseId_idx" ON "Course"("boosterOfCourseId");

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "Course"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_patientId_fkey" FOREIGN KEY ("patientId") REFERENCES "Patient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpRecord" ADD CONSTRAINT "FollowUpRecord_followUpId_fkey" FOREIGN KEY ("followUpId") REFERENCES "FollowUp"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUpLink" ADD CONSTRAINT "FollowUpLink_followUpId_fkey" FOREIGN KEY ("followUpId") REFERENCES "FollowUp"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoosterTask" ADD CONSTRAINT "BoosterTask_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- BEGIN constraints outside the Prisma schema (the drift check strips this block: Prisma's WASM
-- schema engine cannot introspect CHECK constraints or triggers, and its schema cannot name them).

ALTER TABLE "FollowUp"
  ADD CONSTRAINT "FollowUp_offset_positive" CHECK ("offsetDays" > 0),
  ADD CONSTRAINT "FollowUp_window_ordered" CHECK ("opensOn" <= "dueOn" AND "dueOn" <= "closesOn" AND "opensAt" < "closesAt");

ALTER TABLE "FollowUpRecord"
  ADD CONSTRAINT "FollowUpRecord_nrs_range" CHECK ("painNrsNow" BETWEEN 0 AND 10 AND "painNrs7DayAverage" BETWEEN 0 AND 10),
  ADD CONSTRAINT "FollowUpRecord_promis_raw_range" CHECK ("painInterferenceRaw" BETWEEN 6 AND 30),
  ADD CONSTRAINT "FollowUpRecord_phq9_range" CHECK ("phq9Total" BETWEEN 0 AND 27),
  ADD CONSTRAINT "FollowUpRecord_recorder" CHECK (("channel" = 'PATIENT_LINK') = ("recordedById" IS NULL)),
  ADD CONSTRAINT "FollowUpRecord_review_whole" CHECK (("bladderReviewedById" IS NULL) = ("bladderReviewedAt" IS NULL));

-- A follow-up record is what the patient said: never changed or deleted. The one later write is a
-- clinician's review of positive bladder answers, made once and touching only the review columns.
CREATE FUNCTION follow_up_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  review CONSTANT text[] := ARRAY['bladderReviewedById', 'bladderReviewedAt', 'bladderReviewNote'];
BEGIN
  -- Nested, so a TRUNCATE (no OLD row) never reads OLD's columns.
  IF TG_OP = 'UPDATE' THEN
    IF OLD."bladderReviewedAt" IS NULL AND NEW."bladderReviewedAt" IS NOT NULL
       AND cardinality(OLD."bladderPositive") > 0
       AND (to_jsonb(NEW) - review) = (to_jsonb(OLD) - review) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'FollowUpRecord rows are append-only (% refused)', TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER "FollowUpRecord_append_only"
  BEFORE UPDATE OR DELETE ON "FollowUpRecord"
  FOR EACH ROW EXECUTE FUNCTION follow_up_record_is_append_only();

CREATE TRIGGER "FollowUpRecord_no_truncate"
  BEFORE TRUNCATE ON "FollowUpRecord"
  FOR EACH STATEMENT EXECUTE FUNCTION follow_up_record_is_append_only();

-- A link is used once: usedAt is set once and nothing else about it changes.
CREATE FUNCTION follow_up_link_used_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD."usedAt" IS NULL AND NEW."usedAt" IS NOT NULL
     AND (to_jsonb(NEW) - 'usedAt') = (to_jsonb(OLD) - 'usedAt') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'A follow-up link is used once and never changed'
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER "FollowUpLink_used_once"
  BEFORE UPDATE ON "FollowUpLink"
  FOR EACH ROW EXECUTE FUNCTION follow_up_link_used_once();

-- END constraints outside the Prisma schema
