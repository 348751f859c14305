-- AlterTable
ALTER TABLE "Clinic" ADD COLUMN     "followUpSettings" JSONB NOT NULL DEFAULT '{}';

-- AlterTable
ALTER TABLE "Course" ADD COLUMN     "boosterApprovalId" UUID;

-- CreateTable
CREATE TABLE "BoosterApproval" (
    "id" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "patientId" UUID NOT NULL,
    "courseId" UUID NOT NULL,
    "protocolId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "accepts" TEXT[],
    "approvedById" UUID NOT NULL,
    "approvedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BoosterApproval_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BoosterApproval_courseId_idx" ON "BoosterApproval"("courseId");

-- CreateIndex
CREATE UNIQUE INDEX "BoosterApproval_id_courseId_protocolId_key" ON "BoosterApproval"("id", "courseId", "protocolId");

-- CreateIndex
CREATE UNIQUE INDEX "Course_boosterApprovalId_key" ON "Course"("boosterApprovalId");

-- CreateIndex
CREATE UNIQUE INDEX "Course_id_patientId_key" ON "Course"("id", "patientId");

-- AddForeignKey
ALTER TABLE "Course" ADD CONSTRAINT "Course_boosterOfCourseId_patientId_fkey" FOREIGN KEY ("boosterOfCourseId", "patientId") REFERENCES "Course"("id", "patientId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Course" ADD CONSTRAINT "Course_boosterApprovalId_boosterOfCourseId_protocolId_fkey" FOREIGN KEY ("boosterApprovalId", "boosterOfCourseId", "protocolId") REFERENCES "BoosterApproval"("id", "courseId", "protocolId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoosterApproval" ADD CONSTRAINT "BoosterApproval_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BoosterApproval" ADD CONSTRAINT "BoosterApproval_courseId_patientId_fkey" FOREIGN KEY ("courseId", "patientId") REFERENCES "Course"("id", "patientId") ON DELETE RESTRICT ON UPDATE CASCADE;


-- BEGIN constraints outside the Prisma schema (the drift check strips this block: Prisma's WASM
-- schema engine cannot introspect CHECK constraints or triggers, and its schema cannot name them).

-- An approval is the clinic's own protocol's, names at least one reason, and says why in writing
-- (the same minimum as every written override).
ALTER TABLE "BoosterApproval"
  ADD CONSTRAINT "BoosterApproval_protocol_fkey" FOREIGN KEY ("clinicId", "protocolId") REFERENCES "Protocol"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE,
  ADD CONSTRAINT "BoosterApproval_accepts_named" CHECK ("accepts" IS NOT NULL AND cardinality("accepts") > 0),
  ADD CONSTRAINT "BoosterApproval_reason_written" CHECK (char_length(btrim("reason")) >= 10),
  ADD CONSTRAINT "BoosterApproval_expires_after" CHECK ("expiresAt" > "approvedAt");

-- A clinician's approval is what they wrote: never changed or deleted.
CREATE FUNCTION booster_approval_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'BoosterApproval rows are append-only (% refused)', TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER "BoosterApproval_append_only"
  BEFORE UPDATE OR DELETE ON "BoosterApproval"
  FOR EACH ROW EXECUTE FUNCTION booster_approval_is_append_only();

-- Only a booster cites an approval, and no course boosts itself.
ALTER TABLE "Course"
  ADD CONSTRAINT "Course_approval_only_for_booster" CHECK ("boosterApprovalId" IS NULL OR "boosterOfCourseId" IS NOT NULL),
  ADD CONSTRAINT "Course_booster_of_another" CHECK ("boosterOfCourseId" IS NULL OR "boosterOfCourseId" <> "id");

-- A booster task is decided once: booked with the course that books it, or dismissed by someone
-- with a reason; a decided task never changes again.
ALTER TABLE "BoosterTask"
  ADD CONSTRAINT "BoosterTask_booked_course_fkey" FOREIGN KEY ("bookedCourseId") REFERENCES "Course"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  ADD CONSTRAINT "BoosterTask_decision_whole" CHECK (
    ("status" = 'OPEN' AND "bookedCourseId" IS NULL AND "decidedAt" IS NULL AND "dismissReason" IS NULL)
    OR ("status" = 'BOOKED' AND "bookedCourseId" IS NOT NULL AND "decidedAt" IS NOT NULL AND "dismissReason" IS NULL)
    OR ("status" = 'DISMISSED' AND "bookedCourseId" IS NULL AND "decidedById" IS NOT NULL AND "decidedAt" IS NOT NULL
        AND char_length(btrim("dismissReason")) > 0)
  );

CREATE FUNCTION booster_task_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."status" = 'OPEN' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'A booster task is decided once and then kept (% refused)', TG_OP
    USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER "BoosterTask_decided_once"
  BEFORE UPDATE OR DELETE ON "BoosterTask"
  FOR EACH ROW EXECUTE FUNCTION booster_task_decided_once();

-- END constraints outside the Prisma schema
