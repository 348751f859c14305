-- CreateIndex
CREATE INDEX "FollowUp_courseId_closesAt_idx" ON "FollowUp"("courseId", "closesAt");
