-- CreateIndex
CREATE INDEX "Course_clinicId_status_idx" ON "Course"("clinicId", "status");

-- CreateIndex
CREATE INDEX "InfusionSession_courseId_idx" ON "InfusionSession"("courseId");

