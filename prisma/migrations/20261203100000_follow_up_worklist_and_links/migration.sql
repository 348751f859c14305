-- AlterTable
ALTER TABLE "FollowUpRecord" ADD COLUMN     "linkId" UUID;

-- AlterTable
ALTER TABLE "StaffAlert" ADD COLUMN     "followUpRecordId" UUID;

-- CreateTable
CREATE TABLE "PatientLinkRequest" (
    "id" BIGSERIAL NOT NULL,
    "ip" TEXT NOT NULL,
    "refused" BOOLEAN NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PatientLinkRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PatientLinkRequest_ip_at_idx" ON "PatientLinkRequest"("ip", "at");

-- CreateIndex
CREATE INDEX "FollowUp_clinicId_status_closesAt_idx" ON "FollowUp"("clinicId", "status", "closesAt");

-- CreateIndex
CREATE INDEX "FollowUp_clinicId_status_opensAt_idx" ON "FollowUp"("clinicId", "status", "opensAt");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUpLink_id_followUpId_key" ON "FollowUpLink"("id", "followUpId");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUpRecord_linkId_key" ON "FollowUpRecord"("linkId");

-- CreateIndex
CREATE UNIQUE INDEX "StaffAlert_followUpRecordId_recipientId_kind_key" ON "StaffAlert"("followUpRecordId", "recipientId", "kind");


-- BEGIN constraints outside the Prisma schema (the drift check strips this block: Prisma's WASM
-- schema engine cannot introspect CHECK constraints, and its schema cannot express a foreign key
-- on a nullable column paired with a required one).

-- A record through a patient's link names that link, and the link must be of the record's own
-- follow-up: a token for one follow-up can never write another. linkId is unique (above), so a
-- link stores one record even if two submissions raced past every other check.
ALTER TABLE "FollowUpRecord"
  ADD CONSTRAINT "FollowUpRecord_link_fkey" FOREIGN KEY ("linkId", "followUpId")
    REFERENCES "FollowUpLink"("id", "followUpId") ON DELETE RESTRICT ON UPDATE RESTRICT,
  ADD CONSTRAINT "FollowUpRecord_link_channel" CHECK (("channel" = 'PATIENT_LINK') = ("linkId" IS NOT NULL));

-- END constraints outside the Prisma schema
