-- AlterTable
ALTER TABLE "Clinic" ADD COLUMN     "address" TEXT,
ADD COLUMN     "boosterDueWithinDays" SMALLINT NOT NULL DEFAULT 14,
ADD COLUMN     "boosterNoticeDays" SMALLINT NOT NULL DEFAULT 14;

-- AlterTable
ALTER TABLE "JobRun" DROP CONSTRAINT "JobRun_pkey",
ADD COLUMN     "clinicId" UUID NOT NULL,
ADD CONSTRAINT "JobRun_pkey" PRIMARY KEY ("job", "clinicId", "day");

-- AddForeignKey
ALTER TABLE "JobRun" ADD CONSTRAINT "JobRun_clinicId_fkey" FOREIGN KEY ("clinicId") REFERENCES "Clinic"("id") ON DELETE RESTRICT ON UPDATE CASCADE;



-- BEGIN constraints outside the Prisma schema (the drift check strips this block: Prisma's WASM
-- schema engine cannot introspect CHECK constraints or triggers, and its schema cannot name them).

ALTER TABLE "Clinic"
  ADD CONSTRAINT "Clinic_booster_days_range" CHECK ("boosterDueWithinDays" BETWEEN 0 AND 365 AND "boosterNoticeDays" BETWEEN 0 AND 365);

-- END constraints outside the Prisma schema
