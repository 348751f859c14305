// Each clinic owns its catalogue. Reproduces the attack of one clinic's admin publishing checklist
// and protocol versions that every clinic on the deployment would have had to use: another
// clinic's catalogue, screenings and booking stay as they were, only the publishing clinic's audit
// log shows the publish, and no clinic reads, books or screens on another clinic's versions.
import { PROTOCOL_CATALOGUE } from '@cadence/domain';
import { DateTime } from 'luxon';
import { rowCounts, startTestApp, TestContext, TestUser } from '../support/context';

const ZONE = 'Europe/London';

/** A clinic-local date `days` from today. */
function localDay(days: number): string {
  return DateTime.now().setZone(ZONE).startOf('day').plus({ days }).toISODate()!;
}

/** The UTC instant of a clinic-local wall-clock time `days` from today. */
function at(days: number, hhmm: string, plusMinutes = 0): string {
  const day = localDay(days);
  return DateTime.fromISO(`${day}T${hhmm}`, { zone: ZONE }).plus({ minutes: plusMinutes }).toUTC().toISO()!;
}

interface Version {
  id: string;
  key: string;
  version: number;
  definition: Record<string, unknown> & { items?: unknown[] };
}

describe('each clinic owns its catalogue', () => {
  let ctx: TestContext;
  let clinicB: string;
  let a: Record<'SCHEDULER' | 'NURSE' | 'ADMIN', TestUser>;
  let b: Record<'SCHEDULER' | 'NURSE' | 'ADMIN', TestUser>;

  beforeAll(async () => {
    ctx = await startTestApp();
    const users = await ctx.users();
    a = { SCHEDULER: users.SCHEDULER, NURSE: users.NURSE, ADMIN: users.ADMIN };
    clinicB = await ctx.newClinic();
    b = {
      SCHEDULER: await ctx.newUser(['SCHEDULER'], clinicB),
      NURSE: await ctx.newUser(['NURSE'], clinicB),
      ADMIN: await ctx.newUser(['ADMIN'], clinicB),
    };
  });
  afterAll(() => ctx.close());

  const get = (path: string, user: TestUser) => ctx.http().get(path).set('Cookie', user.cookie);
  const post = (path: string, user: TestUser, body: object) =>
    ctx.http().post(path).set('Cookie', user.cookie).send(body);
  const templates = async (user: TestUser, all = false): Promise<Version[]> =>
    (await get(`/api/screening-templates${all ? '?all=true' : ''}`, user).expect(200)).body.items;
  const protocols = async (user: TestUser): Promise<Version[]> =>
    (await get('/api/protocols', user).expect(200)).body.items;
  const byKey = (items: Version[], key: string) => items.find((item) => item.key === key)!;
  const publishes = async (admin: TestUser) =>
    (await get('/api/audit?pageSize=100', admin).expect(200)).body.items.filter(
      (e: { action: string }) => e.action === 'PUBLISH',
    );

  it('gives a new clinic its own copy of the catalogue from libs/domain', async () => {
    const [inA, inB] = [await templates(a.NURSE), await templates(b.NURSE)];
    expect(inB.map((t) => [t.key, t.version])).toEqual(inA.map((t) => [t.key, t.version]));
    expect(inB.map((t) => t.id).filter((id) => inA.some((t) => t.id === id))).toEqual([]);
    const [protocolsA, protocolsB] = [await protocols(a.SCHEDULER), await protocols(b.SCHEDULER)];
    expect(protocolsB.map((p) => p.key).sort()).toEqual(PROTOCOL_CATALOGUE.map((p) => p.key).sort());
    expect(protocolsB.map((p) => p.key)).toEqual(protocolsA.map((p) => p.key));
    expect(protocolsB.map((p) => p.id).filter((id) => protocolsA.some((p) => p.id === id))).toEqual([]);
  });

  it("a clinic's checklist version leaves the other clinic's checklists and screenings as they were", async () => {
    const beforeA = await templates(a.NURSE, true);
    const generalA = byKey(beforeA, 'general');
    const generalB = byKey(await templates(b.NURSE), 'general');

    const published = await post('/api/screening-templates', b.ADMIN, {
      key: 'general',
      kind: 'GENERAL',
      title: 'General screening (clinic B)',
      definition: {
        items: [...(generalB.definition.items ?? []), { id: 'fasted', type: 'yesno', label: 'Fasted', optional: true }],
      },
    }).expect(201);
    expect(published.body).toMatchObject({ key: 'general', version: generalB.version + 1 });

    // Clinic A: the same versions, and its nurses still screen on the version it had.
    expect(await templates(a.NURSE, true)).toEqual(beforeA);
    const patientA = await ctx.newPatient();
    await post(`/api/patients/${patientA.id}/screenings`, a.NURSE, { templateId: generalA.id }).expect(201);
    // Clinic B: new screenings use its new version.
    const patientB = await ctx.newPatient({}, clinicB);
    const stale = await post(`/api/patients/${patientB.id}/screenings`, b.NURSE, { templateId: generalB.id }).expect(
      400,
    );
    expect(stale.body.errors).toEqual([expect.objectContaining({ field: 'templateId', rule: 'latestVersion' })]);
    await post(`/api/patients/${patientB.id}/screenings`, b.NURSE, { templateId: published.body.id }).expect(201);

    // The publish is in B's audit log only.
    expect(await publishes(b.ADMIN)).toEqual([
      expect.objectContaining({ entity: 'ScreeningTemplate', entityId: published.body.id, actorId: b.ADMIN.id }),
    ]);
    expect(await publishes(a.ADMIN)).toEqual([]);
  });

  it("a clinic's protocol version leaves the other clinic's catalogue and booking as they were", async () => {
    const beforeA = await protocols(a.SCHEDULER);
    const singleA = byKey(beforeA, 'IV_SINGLE_INFUSION');
    const singleB = byKey(await protocols(b.SCHEDULER), 'IV_SINGLE_INFUSION');
    const { key, version: _v, name, route, setting, ...definition } = singleB.definition;

    const published = await post('/api/protocols', b.ADMIN, { key, name, route, setting, definition }).expect(201);
    expect(published.body).toMatchObject({ key: 'IV_SINGLE_INFUSION', version: 2 });
    expect(await protocols(a.SCHEDULER)).toEqual(beforeA);

    // Clinic A books on the version it had; clinic B's old version is superseded.
    await ctx.openClinic();
    await ctx.openClinic({ clinicId: clinicB });
    const chairA = await ctx.newChair();
    const patientA = await ctx.newEligiblePatient();
    const sessionA = { chairId: chairA.id, startsAt: at(3, '10:00'), endsAt: at(3, '10:00', 40) };
    await post('/api/courses', a.SCHEDULER, {
      patientId: patientA.id,
      protocolId: singleA.id,
      sessions: [sessionA],
    }).expect(201);
    const chairB = await ctx.newChair({ clinicId: clinicB });
    const patientB = await ctx.newEligiblePatient({}, { clinicId: clinicB });
    const sessionB = { chairId: chairB.id, startsAt: at(3, '10:00'), endsAt: at(3, '10:00', 40) };
    const superseded = await post('/api/courses', b.SCHEDULER, {
      patientId: patientB.id,
      protocolId: singleB.id,
      sessions: [sessionB],
    }).expect(422);
    expect(superseded.body).toMatchObject({ reason: 'PROTOCOL_SUPERSEDED', currentProtocolId: published.body.id });

    expect(await publishes(b.ADMIN)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entity: 'Protocol', entityId: published.body.id, actorId: b.ADMIN.id }),
      ]),
    );
    expect(await publishes(a.ADMIN)).toEqual([]);
  });

  it("no clinic reads, screens or books on another clinic's versions (404 or 400, nothing written)", async () => {
    const templateA = byKey(await templates(a.NURSE), 'cardiovascular');
    const protocolA = byKey(await protocols(a.SCHEDULER), 'IV_FIVE_DAY_LOW_DOSE');
    await get(`/api/screening-templates/${templateA.id}`, a.NURSE).expect(200);
    await get(`/api/protocols/${protocolA.id}`, a.SCHEDULER).expect(200);

    const before = await rowCounts(ctx.prisma);
    for (const user of [b.ADMIN, b.NURSE]) {
      const res = await get(`/api/screening-templates/${templateA.id}`, user).expect(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    for (const user of [b.ADMIN, b.SCHEDULER]) await get(`/api/protocols/${protocolA.id}`, user).expect(404);

    const patientB = await ctx.newEligiblePatient({}, { clinicId: clinicB });
    const afterPatient = await rowCounts(ctx.prisma);
    const screening = await post(`/api/patients/${patientB.id}/screenings`, b.NURSE, {
      templateId: templateA.id,
    }).expect(400);
    expect(screening.body.errors).toEqual([expect.objectContaining({ field: 'templateId', rule: 'exists' })]);
    const chairB = await ctx.newChair({ clinicId: clinicB });
    const afterChair = await rowCounts(ctx.prisma);
    const session = { chairId: chairB.id, startsAt: at(4, '09:00'), endsAt: at(4, '09:00', 240) };
    await post('/api/courses/options', b.SCHEDULER, {
      patientId: patientB.id,
      protocolId: protocolA.id,
      earliest: localDay(4),
    }).expect(404);
    await post('/api/courses', b.SCHEDULER, {
      patientId: patientB.id,
      protocolId: protocolA.id,
      sessions: [session],
    }).expect(404);
    expect(afterPatient.screeningTemplates).toBe(before.screeningTemplates);
    expect(await rowCounts(ctx.prisma)).toEqual(afterChair);
  });

  it("the database refuses a screening or course on another clinic's version", async () => {
    const templateA = await ctx.prisma.screeningTemplate.findFirstOrThrow({ where: { clinicId: ctx.clinicId } });
    const protocolA = await ctx.prisma.protocol.findFirstOrThrow({ where: { clinicId: ctx.clinicId } });
    const patientB = await ctx.newPatient({}, clinicB);
    await expect(
      ctx.prisma.screening.create({
        data: {
          clinicId: clinicB,
          patientId: patientB.id,
          templateId: templateA.id,
          kind: templateA.kind,
          createdById: b.NURSE.id,
        },
      }),
    ).rejects.toThrow(/Screening_clinicId_templateId_fkey|foreign key/i);
    await expect(
      ctx.prisma.course.create({
        data: {
          clinicId: clinicB,
          patientId: patientB.id,
          protocolId: protocolA.id,
          bookedById: b.SCHEDULER.id,
          sessionCount: 1,
        },
      }),
    ).rejects.toThrow(/Course_clinicId_protocolId_fkey|foreign key/i);
  });

  it("two admins of one clinic publishing at once take consecutive versions of that clinic's key", async () => {
    const current = byKey(await protocols(a.ADMIN), 'IV_FIVE_DAY_LOW_DOSE');
    const { key, version: _v, name, route, setting, ...definition } = current.definition;
    const secondAdmin = await ctx.newUser(['ADMIN']);
    const results = await Promise.all(
      [a.ADMIN, secondAdmin].map((admin) =>
        post('/api/protocols', admin, { key, name, route, setting, definition }).expect(201),
      ),
    );
    expect(results.map((r) => r.body.version).sort()).toEqual([current.version + 1, current.version + 2]);
    expect(byKey(await protocols(b.ADMIN), 'IV_FIVE_DAY_LOW_DOSE').version).toBe(1);
  });
});
