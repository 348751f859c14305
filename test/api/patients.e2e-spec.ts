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
