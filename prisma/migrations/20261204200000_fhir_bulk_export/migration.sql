-- CreateTable
CREATE TABLE "FhirExport" (
    "id" UUID NOT NULL,
    "clinicId" UUID NOT NULL,
    "requestedById" UUID NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "types" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "since" TIMESTAMPTZ(3),
    "requestId" TEXT,
    "ip" TEXT,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "transactionTime" TIMESTAMPTZ(3),
    "leaseUntil" TIMESTAMPTZ(3),
    "patientsDone" INTEGER NOT NULL DEFAULT 0,
    "patientsTotal" INTEGER,
    "completedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),

    CONSTRAINT "FhirExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FhirExportFile" (
    "id" UUID NOT NULL,
    "exportId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "lineCount" INTEGER NOT NULL,
    "content" TEXT NOT NULL,

    CONSTRAINT "FhirExportFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FhirExport_status_requestedAt_idx" ON "FhirExport"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "FhirExport_expiresAt_idx" ON "FhirExport"("expiresAt");

-- CreateIndex
CREATE INDEX "FhirExportFile_exportId_idx" ON "FhirExportFile"("exportId");

-- AddForeignKey
ALTER TABLE "FhirExportFile" ADD CONSTRAINT "FhirExportFile_exportId_fkey" FOREIGN KEY ("exportId") REFERENCES "FhirExport"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- BEGIN constraints outside the Prisma schema
-- One export per clinic at a time: a second request finds the running one instead of starting another.
CREATE UNIQUE INDEX "FhirExport_one_live_per_clinic" ON "FhirExport"("clinicId") WHERE status IN ('QUEUED', 'RUNNING');
-- END constraints outside the Prisma schema
