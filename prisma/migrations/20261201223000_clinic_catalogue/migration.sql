-- Each clinic owns its catalogue: screening templates and protocol versions belong to a clinic,
-- and a screening's template and a course's protocol belong to the screening's or course's clinic
-- (composite foreign keys on (clinicId, id), so the database refuses a cross-clinic reference).

-- DropForeignKey
ALTER TABLE "Course" DROP CONSTRAINT "Course_protocolId_fkey";

-- DropForeignKey
ALTER TABLE "Screening" DROP CONSTRAINT "Screening_templateId_fkey";

-- DropIndex
DROP INDEX "Protocol_key_version_key";

-- DropIndex
DROP INDEX "ScreeningTemplate_key_version_key";

-- AlterTable
ALTER TABLE "Protocol" ADD COLUMN "clinicId" UUID;

-- AlterTable
ALTER TABLE "ScreeningTemplate" ADD COLUMN "clinicId" UUID;

-- Existing versions were shared by every clinic. Each clinic gets its own copy of every version
-- (same key, version, content and publication), each screening and course is re-pointed to its own
-- clinic's copy, and the shared rows go, so no version is left without a clinic. A copy's id is
-- derived from (shared id, clinic id), shaped as a version-4 UUID, so the re-pointing needs no
-- lookup table. The triggers that keep published versions and signed screenings final are paused
-- for this rewrite only: the whole script runs in one transaction, so nothing sees them off.
ALTER TABLE "ScreeningTemplate" DISABLE TRIGGER "ScreeningTemplate_published_is_final";
ALTER TABLE "Protocol" DISABLE TRIGGER "Protocol_published_is_final";
ALTER TABLE "Screening" DISABLE TRIGGER "Screening_final_once_signed";

CREATE FUNCTION pg_temp.clinic_copy_id(shared UUID, clinic UUID) RETURNS UUID LANGUAGE sql IMMUTABLE AS $$
  SELECT overlay(overlay(md5(shared::text || clinic::text) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid
$$;

INSERT INTO "ScreeningTemplate" ("id", "clinicId", "key", "kind", "version", "title", "definition", "publishedAt", "publishedById")
SELECT pg_temp.clinic_copy_id(t."id", c."id"), c."id", t."key", t."kind", t."version", t."title", t."definition", t."publishedAt", t."publishedById"
FROM "ScreeningTemplate" t CROSS JOIN "Clinic" c
WHERE t."clinicId" IS NULL;

UPDATE "Screening" SET "templateId" = pg_temp.clinic_copy_id("templateId", "clinicId");

DELETE FROM "ScreeningTemplate" WHERE "clinicId" IS NULL;

INSERT INTO "Protocol" ("id", "clinicId", "key", "version", "name", "route", "setting", "definition", "active", "publishedAt", "publishedById")
SELECT pg_temp.clinic_copy_id(p."id", c."id"), c."id", p."key", p."version", p."name", p."route", p."setting", p."definition", p."active", p."publishedAt", p."publishedById"
FROM "Protocol" p CROSS JOIN "Clinic" c
WHERE p."clinicId" IS NULL;

UPDATE "Course" SET "protocolId" = pg_temp.clinic_copy_id("protocolId", "clinicId");

DELETE FROM "Protocol" WHERE "clinicId" IS NULL;

DROP FUNCTION pg_temp.clinic_copy_id(UUID, UUID);

ALTER TABLE "ScreeningTemplate" ENABLE TRIGGER "ScreeningTemplate_published_is_final";
ALTER TABLE "Protocol" ENABLE TRIGGER "Protocol_published_is_final";
ALTER TABLE "Screening" ENABLE TRIGGER "Screening_final_once_signed";

-- AlterTable
ALTER TABLE "Protocol" ALTER COLUMN "clinicId" SET NOT NULL;

-- AlterTable
ALTER TABLE "ScreeningTemplate" ALTER COLUMN "clinicId" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Protocol_clinicId_key_version_key" ON "Protocol"("clinicId", "key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Protocol_clinicId_id_key" ON "Protocol"("clinicId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningTemplate_clinicId_key_version_key" ON "ScreeningTemplate"("clinicId", "key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningTemplate_clinicId_id_key" ON "ScreeningTemplate"("clinicId", "id");

-- AddForeignKey
ALTER TABLE "ScreeningTemplate" ADD CONSTRAINT "ScreeningTemplate_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Screening" ADD CONSTRAINT "Screening_clinicId_templateId_fkey" FOREIGN KEY ("clinicId", "templateId") REFERENCES "ScreeningTemplate"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Protocol" ADD CONSTRAINT "Protocol_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Course" ADD CONSTRAINT "Course_clinicId_protocolId_fkey" FOREIGN KEY ("clinicId", "protocolId") REFERENCES "Protocol"("clinicId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;
