import { parse } from 'csv-parse/sync';
import { startTestApp, TestContext } from '../support/context';

describe('audit trail', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(() => ctx.close());

  it('is append-only at the database: UPDATE, DELETE and TRUNCATE fail', async () => {
    await ctx.prisma.auditEvent.create({ data: { action: 'READ', entity: 'Patient' } });
    const before = await ctx.prisma.auditEvent.count();
    await expect(ctx.prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET action = 'X'`)).rejects.toThrow(/append-only/);
    await expect(ctx.prisma.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(ctx.prisma.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(ctx.prisma.auditEvent.deleteMany({})).rejects.toThrow();
    expect(await ctx.prisma.auditEvent.count()).toBe(before);
    expect(await ctx.prisma.auditEvent.count({ where: { action: 'X' } })).toBe(0);
  });

  it('lets an admin find events by patient, actor and time, within their clinic only', async () => {
    const { ADMIN: admin, NURSE: nurse, SCHEDULER: scheduler } = await ctx.users();
    const patient = await ctx.newPatient();
    const start = new Date().toISOString();
    await ctx.http().get(`/api/patients/${patient.id}`).set('Cookie', nurse.cookie).expect(200);
    await ctx.http().get(`/api/patients/${patient.id}`).set('Cookie', scheduler.cookie).expect(200);
    await ctx
      .http()
      .patch(`/api/patients/${patient.id}`)
      .set('Cookie', nurse.cookie)
      .send({ version: 1, weightKg: 80 })
      .expect(200);

    const byPatient = await ctx
      .http()
      .get(`/api/audit?patientId=${patient.id}`)
      .set('Cookie', admin.cookie)
      .expect(200);
    expect(byPatient.body.items.map((e: { action: string }) => e.action)).toEqual(['READ', 'UPDATE', 'READ', 'READ']);
    expect(byPatient.body.items[1]).toMatchObject({
      actorId: nurse.id,
      actorEmail: nurse.email,
      entity: 'Patient',
      fields: ['weightKg'],
    });

    const patientRecord = await ctx.prisma.patient.findUniqueOrThrow({
      where: { id: patient.id },
      select: { mrn: true },
    });
    const byMrn = await ctx.http().get(`/api/audit?mrn=${patientRecord.mrn}`).set('Cookie', admin.cookie).expect(200);
    expect(byMrn.body.total).toBe(4);
    expect(byMrn.body.items.every((e: { patientMrn: string }) => e.patientMrn === patientRecord.mrn)).toBe(true);
    const unknownMrn = await ctx.http().get('/api/audit?mrn=NO-SUCH-MRN').set('Cookie', admin.cookie).expect(200);
    expect(unknownMrn.body.total).toBe(0);

    const byActor = await ctx
      .http()
      .get(`/api/audit?patientId=${patient.id}&actorId=${scheduler.id}`)
      .set('Cookie', admin.cookie)
      .expect(200);
    expect(byActor.body).toMatchObject({ total: 1, items: [{ actorId: scheduler.id, action: 'READ' }] });

    const later = new Date(Date.now() + 60_000).toISOString();
    const none = await ctx
      .http()
      .get(`/api/audit?patientId=${patient.id}&from=${encodeURIComponent(later)}`)
      .set('Cookie', admin.cookie)
      .expect(200);
    expect(none.body.total).toBe(0);
    const window = await ctx
      .http()
      .get(`/api/audit?patientId=${patient.id}&from=${encodeURIComponent(start)}&to=${encodeURIComponent(later)}`)
      .set('Cookie', admin.cookie)
      .expect(200);
    expect(window.body.total).toBe(4);

    const otherAdmin = await ctx.newUser(['ADMIN'], await ctx.newClinic());
    const foreign = await ctx
      .http()
      .get(`/api/audit?patientId=${patient.id}`)
      .set('Cookie', otherAdmin.cookie)
      .expect(200);
    expect(foreign.body.total).toBe(0);
    const foreignMrn = await ctx
      .http()
      .get(`/api/audit?mrn=${patientRecord.mrn}`)
      .set('Cookie', otherAdmin.cookie)
      .expect(200);
    expect(foreignMrn.body.total).toBe(0);
    const foreignActor = await ctx
      .http()
      .get(`/api/audit?actorId=${nurse.id}`)
      .set('Cookie', otherAdmin.cookie)
      .expect(200);
    expect(foreignActor.body.total).toBe(0);
  });

  it('refuses an empty time range', async () => {
    const { ADMIN: admin } = await ctx.users();
    const res = await ctx
      .http()
      .get('/api/audit?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z')
      .set('Cookie', admin.cookie)
      .expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'to', rule: 'after' })]);
  });

  it('shows staff names and roles, the action and fields in words, and the patient by name and MRN', async () => {
    const { ADMIN: admin, NURSE: nurse } = await ctx.users();
    const patient = await ctx.newPatient({ givenName: 'Audra', familyName: `Quillfeather${process.pid}` });
    await ctx.http().get(`/api/patients/${patient.id}`).set('Cookie', nurse.cookie).expect(200);
    await ctx
      .http()
      .patch(`/api/patients/${patient.id}`)
      .set('Cookie', nurse.cookie)
      .send({ version: 1, weightKg: 81 })
      .expect(200);
    const res = await ctx.http().get(`/api/audit?patientId=${patient.id}`).set('Cookie', admin.cookie).expect(200);
    // The update answers the record it wrote, so that read follows it.
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual(['READ', 'UPDATE', 'READ']);
    expect(res.body.items.slice(1)).toEqual([
      expect.objectContaining({
        actorName: 'Test NURSE',
        actorRoles: ['NURSE'],
        action: 'UPDATE',
        summary: 'Changed the patient record',
        fields: ['weightKg'],
        fieldLabels: ['Weight (kg)'],
        patientName: `Quillfeather${process.pid}, Audra`,
        patientMrn: patient.mrn,
      }),
      expect.objectContaining({ action: 'READ', summary: 'Read the patient record', fieldLabels: [] }),
    ]);
  });

  it('filters by action and by words of the patient name or MRN, within the clinic', async () => {
    const { ADMIN: admin, NURSE: nurse, SCHEDULER: scheduler } = await ctx.users();
    const family = `Zephyrine${process.pid}`;
    const first = await ctx.newPatient({ givenName: 'Ottilie', familyName: family });
    const second = await ctx.newPatient({ givenName: 'Bartholomew', familyName: family });
    const other = await ctx.newPatient();
    for (const p of [first, second, other])
      await ctx.http().get(`/api/patients/${p.id}`).set('Cookie', nurse.cookie).expect(200);
    await ctx
      .http()
      .patch(`/api/patients/${first.id}`)
      .set('Cookie', scheduler.cookie)
      .send({ version: 1, phone: '+15550100' })
      .expect(200);
    const get = async (query: string) =>
      (await ctx.http().get(`/api/audit?${query}`).set('Cookie', admin.cookie).expect(200)).body;

    // Two reads, and the scheduler's update with the read of its answer.
    const byFamily = await get(`patient=${family.toLowerCase()}`);
    expect(byFamily.total).toBe(4);
    expect(new Set(byFamily.items.map((e: { patientId: string }) => e.patientId))).toEqual(
      new Set([first.id, second.id]),
    );
    const byBothWords = await get(`patient=${encodeURIComponent(`ottil ${family}`)}`);
    expect(byBothWords.items.map((e: { patientId: string }) => e.patientId)).toEqual([first.id, first.id, first.id]);
    const byMrnWords = await get(`patient=${encodeURIComponent(second.mrn)}`);
    expect(byMrnWords).toMatchObject({ total: 1, items: [{ patientId: second.id, action: 'READ' }] });

    const updates = await get(`patient=${family}&action=UPDATE`);
    expect(updates).toMatchObject({
      total: 1,
      items: [{ patientId: first.id, actorId: scheduler.id, fields: ['phone'] }],
    });
    const reads = await get(`patient=${family}&action=READ&actorId=${nurse.id}`);
    expect(reads.total).toBe(2);
    expect((await get(`patient=NoSuchName${process.pid}`)).total).toBe(0);

    const otherAdmin = await ctx.newUser(['ADMIN'], await ctx.newClinic());
    const foreign = await ctx.http().get(`/api/audit?patient=${family}`).set('Cookie', otherAdmin.cookie).expect(200);
    expect(foreign.body.total).toBe(0);

    const bad = await ctx.http().get('/api/audit?action=PEEK').set('Cookie', admin.cookie).expect(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'action' })]);
  });

  it('groups reads of the same thing by the same person while each comes within 10 minutes of the last', async () => {
    const { ADMIN: admin, NURSE: nurse, CLINICIAN: clinician } = await ctx.users();
    const patient = await ctx.newPatient();
    const t0 = Date.parse('2026-11-02T14:02:00.000Z');
    const at = (ms: number) => new Date(t0 + ms);
    const minute = 60_000;
    const read = (actorId: string, ms: number) => ({
      actorId,
      action: 'READ',
      entity: 'Patient',
      entityId: patient.id,
      patientId: patient.id,
      at: at(ms),
    });
    await ctx.prisma.auditEvent.createMany({
      data: [
        read(nurse.id, 0),
        read(nurse.id, 4 * minute),
        // Exactly ten minutes after the read before: the same group.
        read(nurse.id, 14 * minute),
        // Ten minutes and one millisecond after: a new group.
        read(nurse.id, 24 * minute + 1),
        // Someone else's read in between is their own line.
        read(clinician.id, 5 * minute),
        // A change is a line of its own, and does not break the reads around it.
        { ...read(nurse.id, 6 * minute), action: 'UPDATE', fields: ['phone'] },
        { ...read(nurse.id, 7 * minute), action: 'UPDATE', fields: ['phone'] },
      ],
    });
    const res = await ctx
      .http()
      .get(`/api/audit/patients/${patient.id}/access`)
      .set('Cookie', admin.cookie)
      .expect(200);
    expect(res.body).toMatchObject({ patient: { id: patient.id, mrn: patient.mrn }, windowMinutes: 10, total: 5 });
    const lines = res.body.items.map((g: Record<string, unknown>) => [
      g.actorId,
      g.summary,
      g.count,
      g.firstAt,
      g.lastAt,
    ]);
    expect(lines).toEqual([
      [nurse.id, 'Read the patient record', 1, at(24 * minute + 1).toISOString(), at(24 * minute + 1).toISOString()],
      [nurse.id, 'Read the patient record', 3, at(0).toISOString(), at(14 * minute).toISOString()],
      [nurse.id, 'Changed the patient record', 1, at(7 * minute).toISOString(), at(7 * minute).toISOString()],
      [nurse.id, 'Changed the patient record', 1, at(6 * minute).toISOString(), at(6 * minute).toISOString()],
      [clinician.id, 'Read the patient record', 1, at(5 * minute).toISOString(), at(5 * minute).toISOString()],
    ]);
    expect(res.body.items[0]).toMatchObject({ actorName: 'Test NURSE', actorRoles: ['NURSE'] });

    const page2 = await ctx
      .http()
      .get(`/api/audit/patients/${patient.id}/access?pageSize=2&page=3`)
      .set('Cookie', admin.cookie)
      .expect(200);
    expect(page2.body).toMatchObject({ total: 5, items: [{ actorId: clinician.id }] });
    const ranged = await ctx
      .http()
      .get(`/api/audit/patients/${patient.id}/access?from=${at(10 * minute).toISOString()}`)
      .set('Cookie', admin.cookie)
      .expect(200);
    expect(ranged.body.items.map((g: { count: number }) => g.count)).toEqual([1, 1]);

    const otherAdmin = await ctx.newUser(['ADMIN'], await ctx.newClinic());
    await ctx.http().get(`/api/audit/patients/${patient.id}/access`).set('Cookie', otherAdmin.cookie).expect(404);
  });

  it('exports what is filtered as CSV equal to the JSON, and audits the export naming the filter', async () => {
    const { ADMIN: admin, NURSE: nurse } = await ctx.users();
    const patient = await ctx.newPatient({ givenName: 'Ines', familyName: `O'Csv-Export${process.pid}` });
    for (let i = 0; i < 3; i++)
      await ctx.http().get(`/api/patients/${patient.id}`).set('Cookie', nurse.cookie).expect(200);
    await ctx
      .http()
      .patch(`/api/patients/${patient.id}`)
      .set('Cookie', nurse.cookie)
      .send({ version: 1, weightKg: 70, phone: '+15550101' })
      .expect(200);
    const query = `patient=${encodeURIComponent(patient.mrn)}&action=READ`;
    const json = await ctx.http().get(`/api/audit?${query}`).set('Cookie', admin.cookie).expect(200);
    // Three reads and the update's read of what it wrote.
    expect(json.body.total).toBe(4);

    const before = new Date();
    const res = await ctx.http().get(`/api/audit/csv?${query}`).set('Cookie', admin.cookie).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="audit-log.csv"');
    const rows = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(rows).toEqual(
      json.body.items.map((e: Record<string, string & string[]>) => ({
        Time: e.at,
        'Staff member': 'Test NURSE',
        Roles: 'Nurse',
        Action: 'Read the patient record',
        Patient: `O'Csv-Export${process.pid}, Ines`,
        MRN: patient.mrn,
        Fields: '',
        'Record id': e.entityId,
        Event: e.id,
      })),
    );

    const exported = await ctx.prisma.auditEvent.findMany({
      where: { action: 'EXPORT', actorId: admin.id, at: { gte: before } },
    });
    expect(exported).toEqual([
      // The whole MRN named one patient, so the export row names them too.
      expect.objectContaining({ entity: 'AuditEvent', patientId: patient.id, fields: ['patient', 'action'] }),
    ]);
    const byId = await ctx.http().get(`/api/audit/csv?patientId=${patient.id}`).set('Cookie', admin.cookie).expect(200);
    // This export (recorded before the rows are read), the one before, and the five events, newest first.
    const all = parse(byId.text, { columns: true }) as Record<string, string>[];
    expect(all.map((r) => r.Action)).toEqual([
      'Exported the audit log',
      'Exported the audit log',
      'Read the patient record',
      'Changed the patient record',
      'Read the patient record',
      'Read the patient record',
      'Read the patient record',
    ]);
    expect(all[3].Fields).toBe('Phone; Weight (kg)');
  });

  it("exports a patient's access report as CSV equal to its JSON, audited as an export", async () => {
    const { ADMIN: admin, NURSE: nurse } = await ctx.users();
    const patient = await ctx.newPatient();
    for (let i = 0; i < 4; i++)
      await ctx.http().get(`/api/patients/${patient.id}`).set('Cookie', nurse.cookie).expect(200);
    const json = await ctx
      .http()
      .get(`/api/audit/patients/${patient.id}/access`)
      .set('Cookie', admin.cookie)
      .expect(200);
    expect(json.body.items).toEqual([expect.objectContaining({ count: 4, summary: 'Read the patient record' })]);
    const res = await ctx
      .http()
      .get(`/api/audit/patients/${patient.id}/access/csv`)
      .set('Cookie', admin.cookie)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [own, ...rows] = parse(res.text, { columns: true }) as Record<string, string>[];
    expect(own).toMatchObject({ Action: "Exported the patient's access report", Times: '1', Fields: 'Patient' });
    expect(rows).toEqual(
      json.body.items.map((g: Record<string, string & number>) => ({
        'Staff member': g.actorName,
        Roles: 'Nurse',
        Action: g.summary,
        Times: String(g.count),
        First: g.firstAt,
        Last: g.lastAt,
        Fields: '',
        'Record id': g.entityId,
      })),
    );
    const exported = await ctx.prisma.auditEvent.findMany({
      where: { action: 'EXPORT', entity: 'AccessReport', patientId: patient.id },
    });
    expect(exported).toEqual([expect.objectContaining({ actorId: admin.id, fields: ['patientId'] })]);
  });
});
