// The synthetic clinic generator end to end, on a real database: it refuses a database holding a
// clinic it did not make unless told to add a named one; a generated clinic passes every constraint
// and trigger, hangs together (patients, courses, sessions, follow-ups), is the same for the same
// seed and clock (in bulk into a fresh database too, which keeps its schema), keeps a maintenance
// clinic's patients longer, and reads through the API (a patient's follow-up timeline, the booster queue,
// the follow-up worklist, the outcomes' relief medians and booster figures by protocol).
import pg from 'pg';
import { DEFAULT_OUTCOME_SETTINGS, kaplanMeier, medianSurvival } from '@cadence/domain';
import { generateClinic, GeneratorRefusal, realClinics } from '../../apps/api/src/launch/generator/generate';
import { startTestApp, TestContext } from '../support/context';
import { createTestDatabase, urlFor } from '../support/database';

jest.setTimeout(180_000);

const PATIENTS = 120;
const SEED = 5;

describe('the synthetic clinic generator', () => {
  let ctx: TestContext;
  let client: pg.Client;
  const nowMs = Date.now();

  beforeAll(async () => {
    ctx = await startTestApp();
    const database = new URL(ctx.config.databaseUrl).pathname.slice(1);
    client = new pg.Client({ connectionString: urlFor(database, 'owner') });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await ctx.close();
  });

  /** Per-table counts and a few clinical figures of one clinic. */
  const figures = async (clinicId: string, db: pg.Client = client) => {
    const { rows } = await db.query(
      `SELECT
         (SELECT count(*) FROM "Patient" WHERE "clinicId" = $1)::int AS patients,
         (SELECT count(*) FROM "Diagnosis" d JOIN "Patient" p ON p.id = d."patientId" WHERE p."clinicId" = $1)::int AS diagnoses,
         (SELECT count(*) FROM "Screening" WHERE "clinicId" = $1)::int AS screenings,
         (SELECT count(*) FROM "Course" WHERE "clinicId" = $1)::int AS courses,
         (SELECT count(*) FROM "Appointment" WHERE "clinicId" = $1)::int AS appointments,
         (SELECT count(*) FROM "InfusionSession" WHERE "clinicId" = $1)::int AS sessions,
         (SELECT count(*) FROM "VitalsReading" v JOIN "InfusionSession" s ON s.id = v."sessionId" WHERE s."clinicId" = $1)::int AS readings,
         (SELECT count(*) FROM "AdverseEvent" a JOIN "InfusionSession" s ON s.id = a."sessionId" WHERE s."clinicId" = $1)::int AS "adverseEvents",
         (SELECT count(*) FROM "FollowUp" WHERE "clinicId" = $1)::int AS "followUps",
         (SELECT count(*) FROM "FollowUpRecord" WHERE "clinicId" = $1)::int AS records,
         (SELECT coalesce(sum("painNrs7DayAverage"), 0) FROM "FollowUpRecord" WHERE "clinicId" = $1)::int AS "painSum",
         (SELECT count(*) FROM "BoosterTask" WHERE "clinicId" = $1)::int AS "boosterTasks",
         (SELECT count(*) FROM "HomeDose" WHERE "clinicId" = $1)::int AS "homeDoses",
         (SELECT count(DISTINCT p.key) FROM "Course" c JOIN "Protocol" p ON p.id = c."protocolId" WHERE c."clinicId" = $1)::int AS protocols`,
      [clinicId],
    );
    return rows[0] as Record<string, number>;
  };

  let first: Awaited<ReturnType<typeof generateClinic>>;

  it('refuses a database with a clinic it did not generate, writing nothing, and says how to go on', async () => {
    const before = await client.query('SELECT count(*)::int AS n FROM "Clinic"');
    const refused = generateClinic(client, { patients: 5, seed: 1, years: 1, nowMs });
    await expect(refused).rejects.toBeInstanceOf(GeneratorRefusal);
    await expect(generateClinic(client, { patients: 5, seed: 1, years: 1, nowMs })).rejects.toThrow(/--clinic-name/);
    expect((await client.query('SELECT count(*)::int AS n FROM "Clinic"')).rows[0].n).toBe(before.rows[0].n);
  });

  it('adds a named clinic through every constraint, the same figures for the same seed and clock', async () => {
    first = await generateClinic(client, {
      patients: PATIENTS,
      seed: SEED,
      years: 2,
      nowMs,
      clinicName: 'Synthetic A',
    });
    const second = await generateClinic(client, {
      patients: PATIENTS,
      seed: SEED,
      years: 2,
      nowMs,
      clinicName: 'Synthetic B',
    });
    expect(second.clinicId).not.toBe(first.clinicId);
    const a = await figures(first.clinicId);
    expect(await figures(second.clinicId)).toEqual(a);
    expect(second.rows).toEqual(first.rows);
    expect(a.patients).toBe(PATIENTS);
    expect(a.protocols).toBe(6);
    expect(a.records).toBeGreaterThan(0);
    expect(a.readings).toBeGreaterThan(a.sessions);
    expect(first.rows.FollowUpRecord).toBe(a.records);
    // Generated clinics are marked, so a later run against this database counts only the test's own clinic as real.
    expect((await realClinics(client)).map((c) => c.id)).toEqual([ctx.clinicId]);
    const other = await generateClinic(client, { patients: 30, seed: SEED + 1, years: 2, nowMs, clinicName: 'C' });
    expect(await figures(other.clinicId)).not.toEqual(a);
  });

  it('loads a fresh database in bulk: the same clinic, and the schema left as the migrations made it', async () => {
    const fresh = await createTestDatabase();
    const db = new pg.Client({ connectionString: fresh.ownerUrl });
    await db.connect();
    try {
      // Every index and constraint of the tables, by definition: the bulk load drops some and makes them again.
      const schema = async () =>
        (
          await db.query<{ def: string }>(
            `SELECT c.relname || ' ' || pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
               WHERE c.relnamespace = 'public'::regnamespace
             UNION ALL SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
               WHERE connamespace = 'public'::regnamespace
             ORDER BY 1`,
          )
        ).rows.map((r) => r.def);
      const before = await schema();
      expect(before.some((d) => d.includes('FOREIGN KEY'))).toBe(true);
      const bulk = await generateClinic(db, { patients: PATIENTS, seed: SEED, years: 2, nowMs });
      expect([bulk.bulk, first.bulk]).toEqual([true, false]);
      expect(await schema()).toEqual(before);
      expect(await figures(bulk.clinicId, db)).toEqual(await figures(first.clinicId));
      expect(bulk.rows).toEqual(first.rows);
      // Its foreign keys hold again: a row that breaks one is refused.
      await expect(
        db.query(`INSERT INTO "Diagnosis" (id, "patientId", "icd10Code", description, "painMechanism", "isPrimary")
                  VALUES (gen_random_uuid(), gen_random_uuid(), 'G57', 'x', 'NEUROPATHIC', false)`),
      ).rejects.toThrow(/foreign key/);
    } finally {
      await db.end();
      await fresh.drop();
    }
  });

  it('keeps a maintenance clinic’s patients on boosters longer, each course on its protocol’s schedule', async () => {
    const typical = first;
    const maintenance = await generateClinic(client, {
      patients: PATIENTS,
      seed: SEED,
      years: 2,
      nowMs,
      retention: 'maintenance',
      clinicName: 'Synthetic maintenance',
    });
    const a = await figures(typical.clinicId);
    const b = await figures(maintenance.clinicId);
    expect(b.patients).toBe(a.patients);
    expect(b.courses / b.patients).toBeGreaterThan((1.2 * a.courses) / a.patients);
    expect(b.records / b.patients).toBeGreaterThan((1.2 * a.records) / a.patients);
    // Follow-ups only at the offsets their protocol's schedule names, one per offset and course.
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM "FollowUp" f JOIN "Course" c ON c.id = f."courseId" JOIN "Protocol" p ON p.id = c."protocolId"
       WHERE f."clinicId" = $1 AND NOT (p.definition -> 'followUpOffsetsDays') @> to_jsonb(f."offsetDays")`,
      [maintenance.clinicId],
    );
    expect(rows[0].n).toBe(0);
    const marker = await client.query(
      `SELECT fields FROM "AuditEvent" WHERE action = 'GENERATE_SYNTHETIC_CLINIC' AND "entityId" = $1`,
      [maintenance.clinicId],
    );
    expect(marker.rows[0].fields).toContain('retention=maintenance');
  });

  it('hangs together: each row belongs to its patient, course and clinic, in its window, signed in order', async () => {
    const clinicId = first.clinicId;
    const broken = await client.query(
      `SELECT 'appointment of another patient' AS problem, count(*)::int AS n FROM "Appointment" a JOIN "Course" c ON c.id = a."courseId"
         WHERE a."clinicId" = $1 AND a."patientId" <> c."patientId"
       UNION ALL SELECT 'session of another appointment', count(*) FROM "InfusionSession" s JOIN "Appointment" a ON a.id = s."appointmentId"
         WHERE s."clinicId" = $1 AND (s."patientId" <> a."patientId" OR s."courseId" <> a."courseId")
       UNION ALL SELECT 'session outside its appointment', count(*) FROM "InfusionSession" s JOIN "Appointment" a ON a.id = s."appointmentId"
         WHERE s."clinicId" = $1 AND (s."checkedInAt" < a."startsAt" OR s."dischargedAt" > a."endsAt")
       UNION ALL SELECT 'signed before discharge', count(*) FROM "InfusionSession"
         WHERE "clinicId" = $1 AND "nurseSignedAt" IS NOT NULL AND ("dischargedAt" IS NULL OR "nurseSignedAt" < "dischargedAt")
       UNION ALL SELECT 'completed course without co-signed sessions', count(*) FROM "Course" c
         WHERE c."clinicId" = $1 AND c.status = 'COMPLETED' AND c."sessionCount" > 0 AND EXISTS (
           SELECT 1 FROM "InfusionSession" s WHERE s."courseId" = c.id AND s."clinicianSignedAt" IS NULL)
       UNION ALL SELECT 'record outside its window or of another patient', count(*) FROM "FollowUpRecord" r JOIN "FollowUp" f ON f.id = r."followUpId"
         WHERE r."clinicId" = $1 AND (r."recordedAt" < f."opensAt" OR r."recordedAt" >= f."closesAt" OR r."patientId" <> f."patientId")
       UNION ALL SELECT 'record in the future', count(*) FROM "FollowUpRecord" WHERE "clinicId" = $1 AND "recordedAt" > to_timestamp($2 / 1000.0)
       UNION ALL SELECT 'follow-up of an unfinished course', count(*) FROM "FollowUp" f JOIN "Course" c ON c.id = f."courseId"
         WHERE f."clinicId" = $1 AND c.status <> 'COMPLETED'
       UNION ALL SELECT 'course begun outside its screenings', count(*) FROM "Course" c
         JOIN LATERAL (SELECT min("startsAt") AS first FROM "Appointment" WHERE "courseId" = c.id) a ON true
         WHERE c."clinicId" = $1 AND a.first IS NOT NULL AND EXISTS (
           SELECT 1 FROM "Screening" s WHERE s.id = ANY(c."eligibilityScreeningIds")
             AND (s.status <> 'SIGNED' OR s."validUntil" < (a.first AT TIME ZONE 'Europe/London')::date))`,
      [clinicId, nowMs],
    );
    expect(broken.rows.filter((r) => r.n > 0)).toEqual([]);
  });

  it('reads through the API: a patient’s follow-up timeline with its relief, the booster queue and the worklist', async () => {
    const clinician = await ctx.newUser(['CLINICIAN'], first.clinicId);
    const nurse = await ctx.newUser(['NURSE'], first.clinicId);
    const { rows } = await client.query<{ patientId: string }>(
      `SELECT c."patientId" FROM "Course" c WHERE c."clinicId" = $1 AND c.status = 'COMPLETED'
         AND EXISTS (SELECT 1 FROM "FollowUpRecord" r JOIN "FollowUp" f ON f.id = r."followUpId" WHERE f."courseId" = c.id)
       ORDER BY c."patientId" LIMIT 5`,
      [first.clinicId],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { patientId } of rows) {
      const timeline = await ctx
        .http()
        .get(`/api/patients/${patientId}/follow-ups`)
        .set('Cookie', clinician.cookie)
        .expect(200);
      const completed = timeline.body.courses.filter((c: { status: string }) => c.status === 'COMPLETED');
      expect(completed.length).toBeGreaterThan(0);
      for (const course of completed) {
        // The timeline measures relief from the last session in the clinic; a course at home (oral
        // maintenance) has none, so its relief is left out there.
        if (course.sessions.length === 0) expect(course.relief).toBeNull();
        else
          expect([
            'RELIEF_LOST',
            'STILL_RESPONDING',
            'LOST_TO_FOLLOW_UP',
            'NEW_COURSE_STARTED',
            'NO_FOLLOW_UP',
          ]).toContain(course.relief.outcome.code);
      }
    }
    const open = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "BoosterTask" WHERE "clinicId" = $1 AND status = 'OPEN'`,
      [first.clinicId],
    );
    const queue = await ctx.http().get('/api/boosters/queue').set('Cookie', clinician.cookie).expect(200);
    expect(queue.body).toMatchObject({ total: open.rows[0].n, page: 1, pageSize: 25 });
    expect(queue.body.items).toHaveLength(Math.min(open.rows[0].n, 25));
    // Every open task, a page at a time (several pages of ten), soonest due first.
    expect(open.rows[0].n).toBeGreaterThan(10);
    const pages = Math.ceil(open.rows[0].n / 10);
    const ids: string[] = [];
    const dues: string[] = [];
    for (let page = 1; page <= pages + 1; page++) {
      const res = await ctx
        .http()
        .get(`/api/boosters/queue?page=${page}&pageSize=10`)
        .set('Cookie', clinician.cookie)
        .expect(200);
      for (const item of res.body.items as { id: string; dueBy: string }[]) {
        ids.push(item.id);
        dues.push(item.dueBy);
      }
    }
    expect(new Set(ids).size).toBe(open.rows[0].n);
    expect(dues).toEqual([...dues].sort());
    await ctx.http().get('/api/boosters/queue?pageSize=101').set('Cookie', clinician.cookie).expect(400);
    const worklist = await ctx.http().get('/api/follow-ups/worklist').set('Cookie', nurse.cookie).expect(200);
    expect(Array.isArray(worklist.body.items)).toBe(true);
    // The outcomes API's relief curves: the five-day course's relief outlasts a single infusion's.
    const medians = await ctx
      .http()
      .get('/api/outcomes/medians?groupBy=protocol')
      .set('Cookie', clinician.cookie)
      .expect(200);
    const medianOf = (key: string) =>
      medians.body.groups.find((g: { group: string }) => g.group === key)?.median.time as number | null | undefined;
    expect(medianOf('IV_FIVE_DAY_LOW_DOSE')).toBeGreaterThan(medianOf('IV_SINGLE_INFUSION')!);
  });

  it('counts the booster figures by protocol as the courses and appointments themselves give them', async () => {
    const clinician = await ctx.newUser(['CLINICIAN'], first.clinicId);
    const res = await ctx
      .http()
      .get('/api/outcomes/boosters?groupBy=protocol')
      .set('Cookie', clinician.cookie)
      .expect(200);
    const asOf = res.body.selection.asOf as string;
    // Straight from the courses: the clinic's completed courses with follow-ups, their patients'
    // boosters (not cancelled), and each initial course's first live booster appointment by then.
    const { rows } = await client.query<{ key: string; patient_id: string; boosters: number }>(
      `SELECT DISTINCT p.key, c."patientId" AS patient_id,
              (SELECT count(*) FROM "Course" b WHERE b."patientId" = c."patientId"
                 AND b."boosterOfCourseId" IS NOT NULL AND b.status <> 'CANCELLED')::int AS boosters
       FROM "Course" c JOIN "Protocol" p ON p.id = c."protocolId"
       WHERE c."clinicId" = $1 AND c.status = 'COMPLETED' AND EXISTS (SELECT 1 FROM "FollowUp" f WHERE f."courseId" = c.id)`,
      [first.clinicId],
    );
    const { rows: initial } = await client.query<{ key: string; day: number; event: boolean }>(
      `SELECT p.key, (coalesce(fb.at, $2::timestamptz) AT TIME ZONE cl.timezone)::date - fu.last_on AS day,
              fb.at IS NOT NULL AS event
       FROM "Course" c JOIN "Protocol" p ON p.id = c."protocolId" JOIN "Clinic" cl ON cl.id = c."clinicId"
       CROSS JOIN LATERAL (SELECT min(f."dueOn" - f."offsetDays"::int) AS last_on FROM "FollowUp" f WHERE f."courseId" = c.id) fu
       CROSS JOIN LATERAL (
         SELECT min(a."startsAt") FILTER (WHERE a."startsAt" <= $2::timestamptz) AS at
         FROM "Course" b JOIN "Appointment" a ON a."courseId" = b.id
         WHERE b."boosterOfCourseId" = c.id AND b.status <> 'CANCELLED' AND a.status IN ('BOOKED', 'COMPLETED')
       ) fb
       WHERE c."clinicId" = $1 AND c.status = 'COMPLETED' AND c."boosterOfCourseId" IS NULL AND fu.last_on IS NOT NULL`,
      [first.clinicId, asOf],
    );
    const keys = [...new Set(rows.map((r) => r.key))].sort();
    expect(res.body.groups.map((g: { group: string }) => g.group)).toEqual(keys);
    let withBoosters = 0;
    for (const key of keys) {
      const own = rows.filter((r) => r.key === key);
      const group = res.body.groups.find((g: { group: string }) => g.group === key);
      if (!group.disclosure.shown) {
        expect(group.patients).toBeNull();
        continue;
      }
      const boosters = own.reduce((sum, r) => sum + r.boosters, 0);
      const firsts = initial.filter((r) => r.key === key).map((r) => ({ time: r.day, reliefLost: r.event }));
      expect(group).toMatchObject({
        patients: own.length,
        boosters,
        boostersPerPatient: boosters / own.length,
        patientsWithBooster: { successes: own.filter((r) => r.boosters > 0).length, trials: own.length },
        initialCourses: firsts.length,
      });
      if (firsts.length >= DEFAULT_OUTCOME_SETTINGS.suppressBelow)
        expect(group.medianDaysToFirstBooster).toEqual(medianSurvival(kaplanMeier(firsts)));
      withBoosters += own.filter((r) => r.boosters > 0).length;
    }
    expect(withBoosters).toBeGreaterThan(0);
  });

  it('groups and filters by protocol, version and route as the courses’ own protocols give them', async () => {
    const clinician = await ctx.newUser(['CLINICIAN'], first.clinicId);
    const coursesBy = async (label: string, where = 'true') =>
      Object.fromEntries(
        (
          await client.query<{ grp: string; n: number }>(
            `SELECT ${label} AS grp, count(*)::int AS n FROM "CourseOutcome" o JOIN "Protocol" p ON p.id = o."protocolId"
             WHERE o."clinicId" = $1 AND ${where} GROUP BY 1`,
            [first.clinicId],
          )
        ).rows.map((r) => [r.grp, r.n]),
      );
    const curvesBy = async (query: string) => {
      const res = await ctx
        .http()
        .get(`/api/outcomes/relief-curves?${query}`)
        .set('Cookie', clinician.cookie)
        .expect(200);
      return Object.fromEntries(
        res.body.groups.map((g: { group: string; outcomes: { courses: number }[] }) => [
          g.group,
          g.outcomes.reduce((sum, o) => sum + o.courses, 0),
        ]),
      );
    };
    const byProtocol = await coursesBy('p.key');
    expect(Object.keys(byProtocol)).toHaveLength(6);
    expect(await curvesBy('groupBy=protocol')).toEqual(byProtocol);
    expect(await curvesBy('groupBy=protocolVersion')).toEqual(await coursesBy(`p.key || ' v' || p.version`));
    expect(await curvesBy('groupBy=route')).toEqual(await coursesBy('p.route::text'));
    expect(
      await curvesBy(
        'groupBy=protocolVersion&protocolKey=IV_SINGLE_INFUSION,IV_FIVE_DAY_LOW_DOSE&protocolVersion=1&route=IV',
      ),
    ).toEqual(await coursesBy(`p.key || ' v' || p.version`, `p.key IN ('IV_SINGLE_INFUSION', 'IV_FIVE_DAY_LOW_DOSE')`));
    expect(await curvesBy('groupBy=protocol&route=ORAL,INTRANASAL')).toEqual(
      await coursesBy('p.key', `p.route IN ('ORAL', 'INTRANASAL')`),
    );
    expect(await curvesBy('protocolKey=IV_SINGLE_INFUSION&route=ORAL')).toEqual({});
    expect(await curvesBy('protocolVersion=2')).toEqual({});
  });
});
