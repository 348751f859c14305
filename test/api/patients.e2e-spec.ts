import { Prisma } from '@prisma/client';
import { auditEntry } from '../../apps/api/src/modules/audit/audit-entry';
import { searchStatement, type SearchCriteria } from '../../apps/api/src/modules/patients/patients.sql';
import { startTestApp, TestContext, TestUser } from '../support/context';

describe('patients', () => {
  let ctx: TestContext;
  let scheduler: TestUser;
  let nurse: TestUser;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ SCHEDULER: scheduler, NURSE: nurse } = await ctx.users());
  });
  afterAll(() => ctx.close());

  const valid = (mrn: string) => ({
    mrn,
    givenName: 'Ada',
    familyName: 'Lovelace',
    dateOfBirth: '1980-04-02',
    sex: 'FEMALE',
    weightKg: 61.5,
    phone: '+44 20 7946 0018',
    diagnoses: [
      {
        icd10Code: 'G90.50',
        description: 'Complex regional pain syndrome I',
        painMechanism: 'NEUROPATHIC',
        isPrimary: true,
      },
    ],
  });

  it('registers a patient with diagnoses and audits the write', async () => {
    const res = await ctx
      .http()
      .post('/api/patients')
      .set('Cookie', scheduler.cookie)
      .send(valid('P-0001'))
      .expect(201);
    expect(res.body).toMatchObject({
      mrn: 'P-0001',
      familyName: 'Lovelace',
      dateOfBirth: '1980-04-02',
      weightKg: 61.5,
      version: 1,
    });
    expect(res.body.diagnoses).toEqual([
      expect.objectContaining({ icd10Code: 'G90.50', painMechanism: 'NEUROPATHIC', isPrimary: true }),
    ]);
    const audit = await ctx.prisma.auditEvent.findMany({ where: { patientId: res.body.id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['CREATE', 'READ']);
    expect(audit[0]).toMatchObject({ actorId: scheduler.id, entity: 'Patient', entityId: res.body.id });
    expect(audit[0].fields).toEqual(expect.arrayContaining(['mrn', 'familyName', 'dateOfBirth', 'diagnoses']));
    // Names of fields, never their values.
    expect(JSON.stringify(audit, (_, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('Lovelace');
  });

  it('refuses a second patient with the same MRN in the clinic, but not in another clinic', async () => {
    const before = await ctx.prisma.patient.count();
    const res = await ctx
      .http()
      .post('/api/patients')
      .set('Cookie', scheduler.cookie)
      .send(valid('P-0001'))
      .expect(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'MRN_TAKEN', errors: [{ field: 'mrn', rule: 'unique' }] });
    expect(await ctx.prisma.patient.count()).toBe(before);

    const otherClinic = await ctx.newClinic();
    const otherScheduler = await ctx.newUser(['SCHEDULER'], otherClinic);
    await ctx.http().post('/api/patients').set('Cookie', otherScheduler.cookie).send(valid('P-0001')).expect(201);
  });

  it('reads a record and audits the read; another clinic cannot see it', async () => {
    const patient = await ctx.newPatient();
    const res = await ctx.http().get(`/api/patients/${patient.id}`).set('Cookie', nurse.cookie).expect(200);
    expect(res.body).toMatchObject({ id: patient.id, mrn: patient.mrn, diagnoses: [] });
    expect(
      await ctx.prisma.auditEvent.count({ where: { patientId: patient.id, action: 'READ', actorId: nurse.id } }),
    ).toBe(1);

    const stranger = await ctx.newUser(['NURSE'], await ctx.newClinic());
    await ctx.http().get(`/api/patients/${patient.id}`).set('Cookie', stranger.cookie).expect(404);
    expect(await ctx.prisma.auditEvent.count({ where: { patientId: patient.id, actorId: stranger.id } })).toBe(0);
  });

  describe('search', () => {
    let clinic: string;
    let searcher: TestUser;
    beforeAll(async () => {
      clinic = await ctx.newClinic();
      searcher = await ctx.newUser(['SCHEDULER'], clinic);
      for (let i = 0; i < 25; i++) {
        await ctx.newPatient(
          {
            mrn: `S-${String(i).padStart(3, '0')}`,
            familyName: i < 3 ? 'Hopper' : `Family${i}`,
            givenName: i === 1 ? 'Grace' : 'Other',
            dateOfBirth: i === 2 ? '1990-12-09' : '1970-01-01',
          },
          clinic,
        );
      }
    });

    it('pages through the whole clinic, ordered by name', async () => {
      const first = await ctx.http().get('/api/patients?pageSize=10').set('Cookie', searcher.cookie).expect(200);
      expect(first.body).toMatchObject({ total: 25, page: 1, pageSize: 10 });
      expect(first.body.items).toHaveLength(10);
      const third = await ctx.http().get('/api/patients?pageSize=10&page=3').set('Cookie', searcher.cookie).expect(200);
      expect(third.body.items).toHaveLength(5);
      const beyond = await ctx
        .http()
        .get('/api/patients?pageSize=10&page=9')
        .set('Cookie', searcher.cookie)
        .expect(200);
      expect(beyond.body).toMatchObject({ items: [], total: 25 });
      const names = first.body.items.map((p: { familyName: string }) => p.familyName);
      expect(names).toEqual([...names].sort());
    });

    it('finds by name words, MRN and date of birth', async () => {
      const byName = await ctx.http().get('/api/patients?q=hopper').set('Cookie', searcher.cookie).expect(200);
      expect(byName.body.total).toBe(3);
      const byFullName = await ctx
        .http()
        .get('/api/patients?q=Grace%20Hopper')
        .set('Cookie', searcher.cookie)
        .expect(200);
      expect(byFullName.body.items.map((p: { mrn: string }) => p.mrn)).toEqual(['S-001']);
      const byMrn = await ctx.http().get('/api/patients?q=S-024').set('Cookie', searcher.cookie).expect(200);
      expect(byMrn.body.items.map((p: { mrn: string }) => p.mrn)).toEqual(['S-024']);
      const byDob = await ctx
        .http()
        .get('/api/patients?q=hopper&dateOfBirth=1990-12-09')
        .set('Cookie', searcher.cookie)
        .expect(200);
      expect(byDob.body.items.map((p: { mrn: string }) => p.mrn)).toEqual(['S-002']);
      const wildcard = await ctx.http().get('/api/patients?q=%25').set('Cookie', searcher.cookie).expect(200);
      expect(wildcard.body.total).toBe(0);
    });

    it('audits each patient a search shows, without the search words', async () => {
      const res = await ctx.http().get('/api/patients?q=hopper').set('Cookie', searcher.cookie).expect(200);
      const rows = await ctx.prisma.auditEvent.findMany({ where: { requestId: res.headers['x-request-id'] } });
      expect(rows.map((r) => r.patientId).sort()).toEqual(res.body.items.map((p: { id: string }) => p.id).sort());
      expect(rows.every((r) => r.action === 'SEARCH' && r.actorId === searcher.id && r.fields.join() === 'q')).toBe(
        true,
      );
      expect(JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? String(v) : v)).toLowerCase()).not.toContain(
        'hopper',
      );
    });
  });

  describe('search at scale', () => {
    let clinic: string;
    let searcher: TestUser;
    beforeAll(async () => {
      clinic = await ctx.newClinic();
      searcher = await ctx.newUser(['SCHEDULER'], clinic);
      // 1,001 patients named Capped, one of them born on another day.
      await ctx.prisma.$executeRaw`
        INSERT INTO "Patient" (id, "clinicId", mrn, "givenName", "familyName", "dateOfBirth", sex, "updatedAt")
        SELECT gen_random_uuid(), ${clinic}::uuid, 'CAP-' || g, 'Given', 'Capped',
               CASE WHEN g = 1 THEN DATE '2000-01-01' ELSE DATE '1970-01-01' END, 'FEMALE', now()
        FROM generate_series(1, 1001) g`;
      for (const [mrn, familyName, givenName] of [
        ['LI-77', 'Rowe', 'Ann'],
        ['W-1', 'Li', 'Wei'],
        ['W-2', 'Smith-Lindqvist', 'Ann'],
        ['W-3', 'Williams', 'Olivia'],
        ['MRN-4242', 'Zed', 'Ann'],
        ['MRN-42420', 'Able', 'Ann'],
      ]) {
        await ctx.newPatient({ mrn, familyName, givenName }, clinic);
      }
    });
    const search = (query: string) =>
      ctx.http().get(`/api/patients?${query}`).set('Cookie', searcher.cookie).expect(200);

    it('counts matches up to 1,000 and then says that more match', async () => {
      const many = await search('q=capped');
      expect(many.body).toMatchObject({ total: 1000, totalIsLowerBound: true });
      expect(many.body.items).toHaveLength(20);
      const thousand = await search('q=capped&dateOfBirth=1970-01-01');
      expect(thousand.body).toMatchObject({ total: 1000, totalIsLowerBound: false });
      const pastTheEnd = await search('q=capped&dateOfBirth=1970-01-01&page=51');
      expect(pastTheEnd.body).toMatchObject({ items: [], total: 1000, totalIsLowerBound: false });
      const one = await search('q=capped&dateOfBirth=2000-01-01');
      expect(one.body).toMatchObject({ total: 1, totalIsLowerBound: false });
    });

    it('matches a word of one or two letters at the start of a name word or of the MRN only', async () => {
      const res = await search('q=li');
      expect(res.body.items.map((p: { mrn: string }) => p.mrn).sort()).toEqual(['LI-77', 'W-1', 'W-2']);
      expect(res.body.total).toBe(3);
      const hyphenated = await search('q=smith-lind');
      expect(hyphenated.body.items.map((p: { mrn: string }) => p.mrn)).toEqual(['W-2']);
    });

    it('finds only the patient whose whole MRN is typed, in any case; part of one finds every MRN holding it', async () => {
      const whole = await search('q=mrn-4242');
      expect(whole.body).toMatchObject({ total: 1, items: [{ mrn: 'MRN-4242' }] });
      const part = await search('q=MRN-424');
      expect(part.body.items.map((p: { mrn: string }) => p.mrn)).toEqual(['MRN-42420', 'MRN-4242']);
      const wrongBirthday = await search('q=MRN-4242&dateOfBirth=1999-09-09');
      expect(wrongBirthday.body).toMatchObject({ total: 0, items: [] });
    });

    it('answers a word of three or four letters from the search grams exactly as the names and MRNs do', async () => {
      for (const [mrn, familyName, givenName] of [
        ['G-1', "O'Capp", 'Zoë'],
        ['G-2', 'Kappa', 'Cap'],
        ['G-3', 'Pac', 'Ann-Capri'],
      ]) {
        await ctx.newPatient({ mrn, familyName, givenName }, clinic);
      }
      for (const term of ['cap', 'CAPP', 'ann', 'ZOË', 'apri', 'pac', 'xyz']) {
        const expected = await ctx.prisma.$queryRaw<{ id: string }[]>`
          SELECT id FROM "Patient" WHERE "clinicId" = ${clinic}::uuid
            AND "searchText" LIKE '%' || lower(translate(${term}, '-''', '  ')) || '%'
          ORDER BY "familyName", "givenName", id`;
        const first = await search(`q=${encodeURIComponent(term)}&pageSize=50`);
        const later = await search(`q=${encodeURIComponent(term)}&pageSize=50&page=3`);
        expect({ term, total: first.body.total, lowerBound: first.body.totalIsLowerBound }).toEqual({
          term,
          total: Math.min(expected.length, 1000),
          lowerBound: expected.length > 1000,
        });
        expect({ term, ids: [...first.body.items, ...later.body.items].map((p: { id: string }) => p.id) }).toEqual({
          term,
          ids: [...expected.slice(0, 50), ...expected.slice(100, 150)].map((r) => r.id),
        });
      }
    });

    it("keeps a patient's search grams with their names and MRN, and drops them with the patient", async () => {
      const patient = await ctx.newPatient({ mrn: 'QX-1', familyName: 'Quorn', givenName: 'Ida' }, clinic);
      const grams = () =>
        ctx.prisma.patientSearchGram.findMany({ where: { patientId: patient.id }, orderBy: { gram: 'asc' } });
      expect((await grams()).map((g) => g.gram)).toEqual(['ida', 'orn', 'quo', 'quor', 'uor', 'uorn']);
      await ctx.prisma.patient.update({ where: { id: patient.id }, data: { weightKg: 70 } });
      expect(await grams()).toHaveLength(6);
      await ctx.prisma.patient.update({ where: { id: patient.id }, data: { familyName: 'Quill', mrn: 'QX-22' } });
      expect((await grams()).map((g) => [g.gram, g.familyName])).toEqual(
        ['ida', 'ill', 'qui', 'quil', 'uil', 'uill'].map((gram) => [gram, 'Quill']),
      );
      expect((await search('q=quo')).body.total).toBe(0);
      expect((await search('q=quil')).body.items.map((p: { id: string }) => p.id)).toEqual([patient.id]);
      await ctx.prisma.patient.delete({ where: { id: patient.id } });
      expect(await grams()).toEqual([]);
    });

    it('finds matches through the trigram index, and lists through the name index', async () => {
      // Enough other patients that the planner, with fresh statistics, prefers an index as it does
      // in a clinic of thousands (bench/http.bench.ts shows it at 100,000).
      await ctx.prisma.$executeRaw`
        INSERT INTO "Patient" (id, "clinicId", mrn, "givenName", "familyName", "dateOfBirth", sex, "updatedAt")
        SELECT gen_random_uuid(), ${clinic}::uuid, 'F-' || g, 'Other', 'Filler' || g, DATE '1950-01-01' + g % 9000, 'MALE', now()
        FROM generate_series(1, 30000) g`;
      await ctx.prisma.$executeRaw`ANALYZE "Patient"`;
      const cases: [Omit<SearchCriteria, 'clinicId' | 'skip' | 'take'>, string][] = [
        [{ words: ['capped'] }, 'Patient_searchText_trgm_idx'],
        [{ words: ['cap'] }, 'PatientSearchGram_pkey'],
        [{ words: ['li'] }, 'Patient_searchText_trgm_idx'],
        [{ words: ['ann', 'smith-lind'] }, 'Patient_searchText_trgm_idx'],
        [{ words: ['mrn-424'] }, 'Patient_searchText_trgm_idx'],
        [{ words: ['mrn-4242'] }, 'Patient_clinicId_lower_mrn_idx'],
        // A date of birth is rarer than a Capped: its own index serves that search.
        [{ words: ['capped'], dateOfBirth: '2000-01-01' }, 'Patient_clinicId_dateOfBirth_idx'],
        [{ words: [] }, 'Patient_clinicId_familyName_givenName_id_idx'],
      ];
      for (const [criteria, index] of cases) {
        const statement = searchStatement(
          { clinicId: clinic, skip: 0, take: 20, ...criteria },
          auditEntry(null, { requestId: 'explain', ip: '127.0.0.1' }, { action: 'SEARCH', entity: 'Patient' }),
        );
        const plan = await ctx.prisma.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN ${statement}`);
        const text = plan.map((line) => line['QUERY PLAN']).join('\n');
        // A listing's count may read the table from the start: it stops at the cap.
        const seqScan = /Seq Scan on "Patient"/.test(text) && criteria.words.length > 0;
        expect({ criteria, seqScan }).toEqual({ criteria, seqScan: false });
        expect(text).toContain(index);
      }
    });
  });

  describe('update', () => {
    it('applies an edit at the current version and records the changed fields', async () => {
      const patient = await ctx.newPatient();
      const res = await ctx
        .http()
        .patch(`/api/patients/${patient.id}`)
        .set('Cookie', nurse.cookie)
        .send({ version: 1, weightKg: 72.5, phone: '01632 960 001', givenName: 'Test' })
        .expect(200);
      expect(res.body).toMatchObject({ version: 2, weightKg: 72.5, phone: '01632 960 001' });
      const audit = await ctx.prisma.auditEvent.findFirstOrThrow({
        where: { patientId: patient.id, action: 'UPDATE' },
      });
      // givenName was sent unchanged, so it is not recorded as changed.
      expect(audit.fields).toEqual(['phone', 'weightKg']);
    });

    it('answers 409 to a stale version and changes nothing', async () => {
      const patient = await ctx.newPatient();
      await ctx
        .http()
        .patch(`/api/patients/${patient.id}`)
        .set('Cookie', nurse.cookie)
        .send({ version: 1, phone: '01632 960 002' })
        .expect(200);
      const res = await ctx
        .http()
        .patch(`/api/patients/${patient.id}`)
        .set('Cookie', scheduler.cookie)
        .send({ version: 1, phone: '01632 960 003' })
        .expect(409);
      expect(res.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
      const stored = await ctx.prisma.patient.findUniqueOrThrow({ where: { id: patient.id } });
      expect(stored).toMatchObject({ version: 2, phone: '01632 960 002' });
    });

    it('lets exactly one of two concurrent edits of the same version win', async () => {
      const patient = await ctx.newPatient();
      const edits = await Promise.all(
        ['01632 960 010', '01632 960 011', '01632 960 012', '01632 960 013'].map((phone) =>
          ctx.http().patch(`/api/patients/${patient.id}`).set('Cookie', nurse.cookie).send({ version: 1, phone }),
        ),
      );
      expect(edits.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
      const stored = await ctx.prisma.patient.findUniqueOrThrow({ where: { id: patient.id } });
      expect(stored.version).toBe(2);
      expect(stored.phone).toBe(edits.find((r) => r.status === 200)!.body.phone);
      expect(await ctx.prisma.auditEvent.count({ where: { patientId: patient.id, action: 'UPDATE' } })).toBe(1);
    });

    it('refuses an edit that takes another patient’s MRN, or changes nothing', async () => {
      const a = await ctx.newPatient();
      const b = await ctx.newPatient();
      const taken = await ctx
        .http()
        .patch(`/api/patients/${b.id}`)
        .set('Cookie', scheduler.cookie)
        .send({ version: 1, mrn: a.mrn })
        .expect(409);
      expect(taken.body.code).toBe('MRN_TAKEN');
      const none = await ctx
        .http()
        .patch(`/api/patients/${b.id}`)
        .set('Cookie', scheduler.cookie)
        .send({ version: 1 })
        .expect(400);
      expect(none.body.errors).toEqual([expect.objectContaining({ rule: 'atLeastOneChange' })]);
      expect((await ctx.prisma.patient.findUniqueOrThrow({ where: { id: b.id } })).version).toBe(1);
    });

    it('answers 404 for a patient of another clinic', async () => {
      const elsewhere = await ctx.newPatient({}, await ctx.newClinic());
      await ctx
        .http()
        .patch(`/api/patients/${elsewhere.id}`)
        .set('Cookie', nurse.cookie)
        .send({ version: 1, phone: '01632 960 099' })
        .expect(404);
    });
  });
});
