-- AlterTable
ALTER TABLE "Clinic" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- BEGIN constraints outside the Prisma schema (the drift check strips this block: Prisma's WASM
-- schema engine cannot introspect CHECK or EXCLUDE constraints, and its schema cannot name them).
-- A dated shift replaces the weekly rota for its day, so a dated shift of 0 nurses is how a clinic
-- says "no chair-side nursing that day"; a weekly rota row still names at least one nurse.
ALTER TABLE "NurseShift" DROP CONSTRAINT "NurseShift_weekly_or_dated";
ALTER TABLE "NurseShift" ADD CONSTRAINT "NurseShift_weekly_or_dated"
  CHECK ((weekday IS NULL) <> (date IS NULL) AND (weekday IS NULL OR weekday BETWEEN 1 AND 7)
    AND (nurses > 0 OR (date IS NOT NULL AND nurses = 0)));
-- END constraints outside the Prisma schema
