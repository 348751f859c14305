-- CreateTable
CREATE TABLE "RetiredRefreshToken" (
    "hash" TEXT NOT NULL,
    "sessionId" UUID NOT NULL,
    "retiredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RetiredRefreshToken_pkey" PRIMARY KEY ("hash")
);

-- CreateIndex
CREATE INDEX "RetiredRefreshToken_sessionId_idx" ON "RetiredRefreshToken"("sessionId");

-- AddForeignKey
ALTER TABLE "RetiredRefreshToken" ADD CONSTRAINT "RetiredRefreshToken_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

