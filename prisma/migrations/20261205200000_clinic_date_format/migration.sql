-- AlterTable
ALTER TABLE "Clinic" ADD COLUMN     "dateFormat" TEXT NOT NULL DEFAULT 'D MMM YYYY';
