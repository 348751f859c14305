// FHIR Bulk Data export ($export) on generated data: 202 and a status URL, progress while it runs,
// a manifest whose NDJSON line counts match the database per type, _type and _since, one export at
// a time, audit rows per patient and for the export, files removed after their time.
import { randomUUID } from 'node:crypto';
import { FhirExportService } from '../../apps/api/src/modules/fhir/fhir-export.service';
import { startTestApp, TestContext, TestUser } from '../support/context';

describe('FHIR R4 bulk export', () => {
  let ctx: TestContext;
  let users: Record<'SCHEDULER' | 'NURSE' | 'CLINICIAN' | 'ADMIN', TestUser>;
  let runner: FhirExportService;

  beforeAll(async () => {
    ctx = await startTestApp();
    users = await ctx.users();
    runner = ctx.app.get(FhirExportService);
    // Generated data: three patients with completed courses (one of three sessions), readings on each.
    for (const sessions of [1, 3, 1])
      await ctx.newCompletedCourse({
        sessions,
        lastSessionDaysAgo: 2,
        beforeSigning: async ({ sessionId, startedAt }) => {
          await ctx.prisma.vitalsReading.create({
            data: {
              id: randomUUID(),
              sessionId,
              takenAt: startedAt,
              systolic: 120,
              diastolic: 80,
              heartRate: 70,
              spo2: 98,
              respiratoryRate: 14,
              recordedById: users.NURSE.id,
            },
          });
        },
      });
    await ctx.newPatient();
  });
  afterAll(() => ctx.close());

  const kickOff = (query = '', user = users.ADMIN) =>
    ctx.http().get(`/fhir/R4/$export${query}`).set('Cookie', user.cookie).set('Prefer', 'respond-async');
  const path = (url: string) => new URL(url).pathname;
  const get = (url: string) => ctx.http().get(path(url)).set('Cookie', users.ADMIN.cookie);

  const runToManifest = async (query = '') => {
    const started = await kickOff(query).expect(202);
    const status = started.headers['content-location'];
    const waiting = await get(status).expect(202);
    expect(waiting.headers['x-progress']).toMatch(/queued|running/);
    expect(await runner.runDue()).toBe(1);
    const done = await get(status).expect(200);
    return { status, manifest: done.body as { output: { type: string; url: string; count: number }[] } };
  };
  const lineCounts = async (manifest: { output: { type: string; url: string; count: number }[] }) => {
    const counts: Record<string, number> = {};
    for (const file of manifest.output) {
      const res = await get(file.url).expect(200);
      expect(res.headers['content-type']).toContain('application/fhir+ndjson');
      const lines = res.text.trim().split('\n');
      for (const line of lines) expect(JSON.parse(line).resourceType).toBe(file.type);
      expect(lines.length).toBe(file.count);
      counts[file.type] = lines.length;
    }
    return counts;
  };

  it('exports every type with NDJSON line counts equal to the database counts, audited per patient and once for the export', async () => {
    const auditBefore = await ctx.prisma.auditEvent.count({ where: { action: 'EXPORT' } });
    const { manifest } = await runToManifest();
    const counts = await lineCounts(manifest);
    const clinicId = ctx.clinicId;
    const readings = await ctx.prisma.vitalsReading.count({ where: { session: { clinicId } } });
    const sessions = await ctx.prisma.infusionSession.count({ where: { clinicId } });
    expect(counts.Patient).toBe(await ctx.prisma.patient.count({ where: { clinicId } }));
    expect(counts.Appointment).toBe(await ctx.prisma.appointment.count({ where: { clinicId } }));
    expect(counts.Encounter).toBe(sessions);
    expect(counts.Procedure).toBe(sessions);
    expect(counts.MedicationRequest).toBe(await ctx.prisma.doseOrder.count({ where: { session: { clinicId } } }));
    // One START→STOP segment per session.
    expect(counts.MedicationAdministration).toBe(sessions);
    // Per reading BP, HR, RR, SpO2; per session weight and pain before and after.
    expect(counts.Observation).toBe(readings * 4 + sessions * 3);
    const patients = await ctx.prisma.patient.count({ where: { clinicId } });
    const rows = await ctx.prisma.auditEvent.findMany({ where: { action: 'EXPORT' }, skip: auditBefore });
    expect(rows.filter((r) => r.entity === 'Patient').length).toBe(patients);
    expect(rows.filter((r) => r.entity === 'FhirExport')).toEqual([
      expect.objectContaining({ actorId: users.ADMIN.id, fields: ['*'] }),
    ]);
  });

  it('exports only the types asked for, and leaves out what changed before _since', async () => {
    const { manifest } = await runToManifest('?_type=Patient,Encounter');
    expect(manifest.output.map((o) => o.type).sort()).toEqual(['Encounter', 'Patient']);
    const later = new Date(Date.now() + 60_000).toISOString();
    const none = await runToManifest(`?_since=${later}`);
    expect(none.manifest.output).toEqual([]);
    // A patient registered after an instant is the only Patient exported _since that instant.
    const since = new Date();
    await new Promise((r) => setTimeout(r, 20));
    const fresh = await ctx.newPatient();
    const recent = await runToManifest(`?_type=Patient&_since=${since.toISOString()}`);
    const file = await get(recent.manifest.output[0].url).expect(200);
    expect(
      file.text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual([fresh.id]);
  });

  it('starts no second export while one runs: the second request gets the running one’s status URL', async () => {
    const first = await kickOff().expect(202);
    const second = await kickOff('?_type=Patient').expect(202);
    expect(second.headers['content-location']).toBe(first.headers['content-location']);
    expect(await ctx.prisma.fhirExport.count({ where: { status: { in: ['QUEUED', 'RUNNING'] } } })).toBe(1);
    expect(await runner.runDue()).toBe(1);
  });

  it('removes files after their time: the status URL and files then answer 404', async () => {
    const { status, manifest } = await runToManifest('?_type=Patient');
    const id = path(status).split('/').pop()!;
    await ctx.prisma.fhirExport.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await runner.runDue();
    expect(await ctx.prisma.fhirExportFile.count({ where: { exportId: id } })).toBe(0);
    const gone = await get(status).expect(404);
    expect(gone.body.resourceType).toBe('OperationOutcome');
    await get(manifest.output[0].url).expect(404);
  });

  it('refuses a scheduler, a nurse and a clinician (403), a request without Prefer: respond-async and an unknown _type (400)', async () => {
    for (const user of [users.SCHEDULER, users.NURSE, users.CLINICIAN]) {
      const res = await kickOff('', user).expect(403);
      expect(res.body.issue[0].code).toBe('forbidden');
    }
    const noPrefer = await ctx.http().get('/fhir/R4/$export').set('Cookie', users.ADMIN.cookie).expect(400);
    expect(noPrefer.body.issue[0].expression).toEqual(['Prefer']);
    const badType = await kickOff('?_type=Medication').expect(400);
    expect(badType.body.issue[0].expression).toEqual(['_type']);
  });
});
