-- The name-and-MRN search is served by one trigram index over one column (below); the per-column
-- trigram index could not serve its OR with the MRN, so every search read every row.
-- DropIndex
DROP INDEX "Patient_familyName_givenName_idx";

-- The listing (no search words) walks this in its order instead of sorting the clinic.
-- CreateIndex
CREATE INDEX "Patient_clinicId_familyName_givenName_id_idx" ON "Patient"("clinicId", "familyName", "givenName", "id");

-- BEGIN constraints outside the Prisma schema (the drift check strips this block: Prisma's schema
-- cannot declare a generated column or an expression index).

-- What a search word is matched against: family name, given name and MRN, space-separated, lower
-- case, with hyphens and apostrophes read as spaces (so "jo" can match the start of Smith-Jones).
-- Stored, so matching a candidate row is a plain LIKE on this column: ILIKE over the expression
-- cost about five times as much per row, which is most of a broad search's time.
ALTER TABLE "Patient" ADD COLUMN "searchText" text
  GENERATED ALWAYS AS (lower(translate("familyName" || ' ' || "givenName" || ' ' || mrn, '-''', '  '))) STORED;

CREATE INDEX "Patient_searchText_trgm_idx" ON "Patient" USING GIN ("searchText" gin_trgm_ops);

-- A whole MRN typed in any case finds its patient without the trigram index, whose lists for the
-- MRN's common prefix ("MRN-00…") are as long as the clinic.
CREATE INDEX "Patient_clinicId_lower_mrn_idx" ON "Patient" ("clinicId", lower(mrn));

-- END constraints outside the Prisma schema
