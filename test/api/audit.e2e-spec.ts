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
});
