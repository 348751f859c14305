-- CreateTable
CREATE TABLE "PatientSearchGram" (
    "clinicId" UUID NOT NULL,
    "gram" TEXT NOT NULL,
    "familyName" TEXT NOT NULL,
    "givenName" TEXT NOT NULL,
    "patientId" UUID NOT NULL,

    CONSTRAINT "PatientSearchGram_pkey" PRIMARY KEY ("clinicId","gram","familyName","givenName","patientId")
);

-- BEGIN constraints outside the Prisma schema
-- Every three- and four-character run without a space in a patient's "searchText", once each. A
-- one-word search of three or four characters matches a patient exactly when it is one of them
-- (lower() keeps a text's length), so such a search, the commonest and broadest a desk types,
-- reads its page and its capped count off the primary key in name order instead of visiting every
-- matching patient to sort them.
CREATE FUNCTION patient_search_grams(search_text text) RETURNS SETOF text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT DISTINCT substr(w, i, n)
  FROM string_to_table(search_text, ' ') w, (VALUES (3), (4)) l(n), generate_series(1, char_length(w) - n + 1) i
$$;

-- Keeps the grams of the patients a statement touched, in its own transaction: a row's old grams
-- that it no longer has go, its new ones come, and an update that leaves names, MRN and clinic
-- alone changes nothing. SECURITY DEFINER: the runtime role may only read "PatientSearchGram", so
-- a search can never disagree with the records.
CREATE FUNCTION patient_search_gram_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "PatientSearchGram"
    SELECT n."clinicId", x.gram, n."familyName", n."givenName", n.id
    FROM new_rows n CROSS JOIN LATERAL patient_search_grams(n."searchText") x(gram);
  ELSIF TG_OP = 'DELETE' THEN
    DELETE FROM "PatientSearchGram" g USING old_rows o CROSS JOIN LATERAL patient_search_grams(o."searchText") x(gram)
    WHERE (g."clinicId", g.gram, g."familyName", g."givenName", g."patientId")
        = (o."clinicId", x.gram, o."familyName", o."givenName", o.id);
  ELSE
    DELETE FROM "PatientSearchGram" g USING (
      SELECT o."clinicId", x.gram, o."familyName", o."givenName", o.id
      FROM old_rows o CROSS JOIN LATERAL patient_search_grams(o."searchText") x(gram)
      EXCEPT
      SELECT n."clinicId", x.gram, n."familyName", n."givenName", n.id
      FROM new_rows n CROSS JOIN LATERAL patient_search_grams(n."searchText") x(gram)
    ) d
    WHERE (g."clinicId", g.gram, g."familyName", g."givenName", g."patientId")
        = (d."clinicId", d.gram, d."familyName", d."givenName", d.id);
    INSERT INTO "PatientSearchGram"
    SELECT n."clinicId", x.gram, n."familyName", n."givenName", n.id
    FROM new_rows n CROSS JOIN LATERAL patient_search_grams(n."searchText") x(gram)
    EXCEPT
    SELECT o."clinicId", x.gram, o."familyName", o."givenName", o.id
    FROM old_rows o CROSS JOIN LATERAL patient_search_grams(o."searchText") x(gram);
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Patient_search_gram_insert" AFTER INSERT ON "Patient" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patient_search_gram_changed();
CREATE TRIGGER "Patient_search_gram_update" AFTER UPDATE ON "Patient" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patient_search_gram_changed();
CREATE TRIGGER "Patient_search_gram_delete" AFTER DELETE ON "Patient" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION patient_search_gram_changed();

INSERT INTO "PatientSearchGram"
SELECT p."clinicId", x.gram, p."familyName", p."givenName", p.id
FROM "Patient" p CROSS JOIN LATERAL patient_search_grams(p."searchText") x(gram);
-- END constraints outside the Prisma schema
