-- AlterTable
ALTER TABLE "Screening" ADD COLUMN     "rechecks" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- BEGIN constraints outside the Prisma schema
-- A recheck is asked for only by a clinician's override, and names a day-of check the check-in measures.
ALTER TABLE "Screening" ADD CONSTRAINT "Screening_rechecks_need_override"
  CHECK (cardinality("rechecks") = 0 OR "overrideReason" IS NOT NULL);
ALTER TABLE "Screening" ADD CONSTRAINT "Screening_rechecks_known"
  CHECK ("rechecks" <@ ARRAY['BLOOD_PRESSURE', 'HEART_RATE', 'SPO2', 'WEIGHT']::TEXT[]);
-- END constraints outside the Prisma schema
