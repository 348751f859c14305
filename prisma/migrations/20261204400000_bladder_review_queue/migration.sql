-- BEGIN constraints outside the Prisma schema
-- The clinic's bladder answers awaiting a clinician: few rows among millions of records, so a
-- partial index (the Prisma schema cannot express one) keeps the review queue an index scan.
CREATE INDEX "FollowUpRecord_awaiting_bladder_review_idx" ON "FollowUpRecord" ("clinicId", "recordedAt", id)
  WHERE "bladderReviewedAt" IS NULL AND cardinality("bladderPositive") > 0;
-- END constraints outside the Prisma schema
