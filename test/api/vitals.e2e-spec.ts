import { randomUUID } from 'node:crypto';
import { startTestApp, TestContext, TestUser } from '../support/context';

const MIN = 60_000;
const calm = { systolic: 130, diastolic: 80, heartRate: 80, spo2: 97, respiratoryRate: 14, rass: 0, dissociation: 0 };
const ago = (minutes: number) => new Date(Date.now() - minutes * MIN).toISOString();

describe('vitals flowsheet', () => {
  let ctx: TestContext;
  let nurse: TestUser;
  let clinician: TestUser;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ NURSE: nurse, CLINICIAN: clinician } = await ctx.users());
  });
  afterAll(() => ctx.close());

  const record = (sessionId: string, body: object, user = nurse) =>
    ctx.http().post(`/api/sessions/${sessionId}/vitals`).set('Cookie', user.cookie).send(body);
  const flowsheet = (sessionId: string, user = nurse) =>
    ctx.http().get(`/api/sessions/${sessionId}/flowsheet`).set('Cookie', user.cookie);
  const reading = (change: object = {}, minutesAgo = 1) => ({
    id: randomUUID(),
    takenAt: ago(minutesAgo),
    ...calm,
    ...change,
  });
  const startInfusion = (sessionId: string, minutesAgo: number) =>
    ctx.prisma.infusionSession.update({
      where: { id: sessionId },
      data: { state: 'INFUSING', startedAt: new Date(Date.now() - minutesAgo * MIN) },
    });

  it('stores a calm reading with no alert and no draft', async () => {
    const { sessionId } = await ctx.newCheckedInSession();
    const body = reading();
    const res = await record(sessionId, body).expect(201);
    expect(res.body).toMatchObject({
      id: body.id,
      sessionId,
      ...calm,
      alerts: [],
      draftAdverseEventIds: [],
      voided: null,
    });
    expect(res.body.takenAt).toBe(body.takenAt);
    expect(await ctx.prisma.adverseEvent.count({ where: { sessionId } })).toBe(0);
  });

  it('a reading above threshold raises an alert and drafts an adverse event for the nurse to confirm or dismiss', async () => {
    const { sessionId } = await ctx.newCheckedInSession();
    const res = await record(sessionId, reading({ systolic: 185, diastolic: 95 })).expect(201);
    expect(res.body.alerts).toEqual([
      expect.objectContaining({
        code: 'BP_HIGH',
        ruleId: 'vitals.bp-high',
        actions: ['RECHECK'],
        recheckInMinutes: 5,
        draftsAdverseEvent: true,
        suggestedTerm: 'hypertension',
        suggestedGrade: 3,
      }),
    ]);
    expect(res.body.draftAdverseEventIds).toHaveLength(1);
    const draft = await ctx.prisma.adverseEvent.findUniqueOrThrow({ where: { id: res.body.draftAdverseEventIds[0] } });
    expect(draft).toMatchObject({
      sessionId,
      status: 'DRAFT',
      term: 'hypertension',
      grade: 3,
      readingId: res.body.id,
      onsetAt: new Date(res.body.takenAt),
    });

    // The recheck confirms it: pause and call, without a second draft for the same episode.
    const again = await record(sessionId, reading({ systolic: 184, diastolic: 96 }, 0)).expect(201);
    expect(again.body.alerts).toEqual([
      expect.objectContaining({ code: 'BP_HIGH', actions: ['PAUSE', 'CALL_CLINICIAN'], draftsAdverseEvent: false }),
    ]);
    expect(again.body.draftAdverseEventIds).toEqual([]);
    expect(await ctx.prisma.adverseEvent.count({ where: { sessionId } })).toBe(1);
  });

  it('drafts one event per suggested term: slow breathing and deep sedation are one depressed-consciousness event', async () => {
    const { sessionId } = await ctx.newCheckedInSession();
    const res = await record(sessionId, reading({ respiratoryRate: 8, rass: -4 })).expect(201);
    expect(res.body.alerts.map((a: { code: string }) => a.code)).toEqual(['RESPIRATORY_RATE_LOW', 'SEDATION_DEEP']);
    const drafts = await ctx.prisma.adverseEvent.findMany({ where: { sessionId } });
    expect(drafts.map((d) => d.term)).toEqual(['depressed_consciousness']);
  });

  it("alerts on the clinic's own thresholds", async () => {
    await ctx.prisma.clinic.update({
      where: { id: ctx.clinicId },
      data: { infusionSettings: { thresholds: { systolicAbove: 160 } } },
    });
    try {
      const { sessionId } = await ctx.newCheckedInSession();
      expect((await record(sessionId, reading({ systolic: 160 })).expect(201)).body.alerts).toEqual([]);
      expect((await record(sessionId, reading({ systolic: 161 }, 0)).expect(201)).body.alerts[0].code).toBe('BP_HIGH');
      expect((await flowsheet(sessionId).expect(200)).body.thresholds).toMatchObject({
        systolicAbove: 160,
        diastolicAbove: 110,
      });
    } finally {
      await ctx.prisma.clinic.update({ where: { id: ctx.clinicId }, data: { infusionSettings: {} } });
    }
  });

  it('refuses a value outside its entry range with 400 naming the field and the range, never clamped', async () => {
    const { sessionId } = await ctx.newCheckedInSession();
    const res = await record(sessionId, reading({ systolic: 301, spo2: 101 })).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([
      { field: 'systolic', rule: 'entryRange', message: 'systolic must be a whole number from 50 to 300' },
      { field: 'spo2', rule: 'entryRange', message: 'spo2 must be a whole number from 0 to 100' },
    ]);
    expect(await ctx.prisma.vitalsReading.count({ where: { sessionId } })).toBe(0);
  });

  it('a retried entry with the same id is stored once; the same id with a different reading is 409', async () => {
    const { sessionId } = await ctx.newCheckedInSession();
    const body = reading({ systolic: 190, diastolic: 100 });
    const first = await record(sessionId, body).expect(201);
    const retry = await record(sessionId, body).expect(200);
    expect(retry.body).toEqual(first.body);
    expect(await ctx.prisma.vitalsReading.count({ where: { sessionId } })).toBe(1);
    expect(await ctx.prisma.adverseEvent.count({ where: { sessionId } })).toBe(1);

    const changed = await record(sessionId, { ...body, systolic: 150 }).expect(409);
    expect(changed.body).toMatchObject({ code: 'ENTRY_ID_TAKEN', errors: [expect.objectContaining({ field: 'id' })] });
    const other = await ctx.newCheckedInSession();
    await record(other.sessionId, body).expect(409);
    expect(await ctx.prisma.vitalsReading.count({ where: { id: body.id } })).toBe(1);
  });

  it('a retry racing its first attempt is stored once', async () => {
    const { sessionId } = await ctx.newCheckedInSession();
    const body = reading({ heartRate: 130 });
    const answers = await Promise.all(Array.from({ length: 6 }, () => record(sessionId, body)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await ctx.prisma.vitalsReading.count({ where: { sessionId } })).toBe(1);
    expect(await ctx.prisma.adverseEvent.count({ where: { sessionId } })).toBe(1);
  });

  it('concurrent readings from two tablets for one session are both kept', async () => {
    const { sessionId } = await ctx.newCheckedInSession();
    const tablets = [nurse, clinician];
    const sent = tablets.flatMap((user, t) =>
      Array.from({ length: 10 }, (_, i) => ({ user, body: reading({ heartRate: 60 + t * 10 + i }, 20 - i) })),
    );
    const answers = await Promise.all(sent.map(({ user, body }) => record(sessionId, body, user)));
    expect(answers.map((r) => r.status)).toEqual(sent.map(() => 201));
    const stored = await ctx.prisma.vitalsReading.findMany({ where: { sessionId }, select: { id: true } });
    expect(stored.map((r) => r.id).sort()).toEqual(sent.map((s) => s.body.id).sort());
  });

  it('the flowsheet lists every reading by time taken, voided ones marked, and alerts of the standing ones', async () => {
    const { sessionId } = await ctx.newCheckedInSession();
    await startInfusion(sessionId, 30);
    const high = await record(sessionId, reading({ heartRate: 125 }, 20)).expect(201);
    const calmOne = await record(sessionId, reading({}, 25)).expect(201);
    const voided = await ctx
      .http()
      .post(`/api/sessions/${sessionId}/vitals/${high.body.id}/void`)
      .set('Cookie', nurse.cookie)
      .send({ reason: 'Probe on the wrong patient' })
      .expect(200);
    expect(voided.body.voided).toEqual({
      at: expect.any(String),
      byId: nurse.id,
      reason: 'Probe on the wrong patient',
    });
    await ctx
      .http()
      .post(`/api/sessions/${sessionId}/vitals/${high.body.id}/void`)
      .set('Cookie', nurse.cookie)
      .send({ reason: 'Again' })
      .expect(409);
    const spo2 = await record(sessionId, reading({ spo2: 90 }, 10)).expect(201);

    const sheet = (await flowsheet(sessionId, clinician).expect(200)).body;
    expect(sheet.readings.map((r: { id: string }) => r.id)).toEqual([calmOne.body.id, high.body.id, spo2.body.id]);
    expect(sheet.readings[1].voided).toMatchObject({ reason: 'Probe on the wrong patient' });
    expect(sheet.alerts).toEqual([expect.objectContaining({ code: 'SPO2_LOW', readingId: spo2.body.id })]);
    expect(sheet).toMatchObject({ state: 'INFUSING', intervalMinutes: 15, recheckMinutes: 5, graceMinutes: 0 });
    // The SpO2 alert asks for no recheck: due 15 min after it, 5 min from now.
    expect(Date.parse(sheet.due.dueAt)).toBe(Date.parse(spo2.body.takenAt) + 15 * MIN);
    expect(sheet.due).toMatchObject({ overdue: false, minutesOverdue: 0 });
  });

  it('shows vitals overdue once the interval has passed without a reading', async () => {
    const { sessionId } = await ctx.newCheckedInSession();
    await startInfusion(sessionId, 40);
    await record(sessionId, reading({}, 20)).expect(201);
    const { due } = (await flowsheet(sessionId).expect(200)).body;
    expect(due).toMatchObject({ overdue: true, minutesOverdue: 5 });
    // Before the start nothing is due yet.
    const waiting = await ctx.newCheckedInSession();
    expect((await flowsheet(waiting.sessionId).expect(200)).body.due).toBeNull();
  });

  it('takes no reading once discharged, nor once signed (the database refuses it too)', async () => {
    const { sessionId } = await ctx.newCheckedInSession();
    const first = reading();
    const before = await record(sessionId, first).expect(201);
    await ctx.prisma.infusionSession.update({
      where: { id: sessionId },
      data: { state: 'DISCHARGED', startedAt: new Date(Date.now() - 90 * MIN), dischargedAt: new Date() },
    });
    const refused = await record(sessionId, reading({}, 0)).expect(409);
    expect(refused.body.reasons).toEqual([expect.objectContaining({ code: 'STATE', ruleId: 'session.record_vitals' })]);
    // A retry of a reading stored before still answers with it.
    await record(sessionId, first).expect(200);

    await ctx.prisma.infusionSession.update({
      where: { id: sessionId },
      data: { nurseSignedAt: new Date(), nurseSignedById: nurse.id },
    });
    await ctx
      .http()
      .post(`/api/sessions/${sessionId}/vitals/${before.body.id}/void`)
      .set('Cookie', nurse.cookie)
      .send({ reason: 'Too late' })
      .expect(409);
    await expect(
      ctx.prisma.vitalsReading.create({
        data: { id: randomUUID(), sessionId, takenAt: new Date(), spo2: 97, recordedById: nurse.id },
      }),
    ).rejects.toThrow(/signed/);
  });

  it("answers 404 for another clinic's session, and writes nothing", async () => {
    const { sessionId } = await ctx.newCheckedInSession();
    const otherClinic = await ctx.newClinic();
    const outsider = await ctx.newUser(['NURSE'], otherClinic);
    await record(sessionId, reading(), outsider).expect(404);
    await flowsheet(sessionId, outsider).expect(404);
    expect(await ctx.prisma.vitalsReading.count({ where: { sessionId } })).toBe(0);
  });

  it('refuses the reading and the flowsheet, whose statements check the session, at once after logout', async () => {
    const { sessionId } = await ctx.newCheckedInSession();
    const leaving = await ctx.newUser(['NURSE']);
    await record(sessionId, reading(), leaving).expect(201);
    await ctx.prisma.session.updateMany({ where: { userId: leaving.id }, data: { revokedAt: new Date() } });
    const audited = await ctx.prisma.auditEvent.count({ where: { actorId: leaving.id } });
    await record(sessionId, reading({}, 0), leaving).expect(401);
    await flowsheet(sessionId, leaving).expect(401);
    expect(await ctx.prisma.vitalsReading.count({ where: { sessionId } })).toBe(1);
    expect(await ctx.prisma.auditEvent.count({ where: { actorId: leaving.id } })).toBe(audited);
  });

  it('audits the reading, its drafts and the flowsheet read, naming fields, never values', async () => {
    const { sessionId, patientId } = await ctx.newCheckedInSession();
    const res = await record(sessionId, { id: randomUUID(), takenAt: ago(1), systolic: 190, diastolic: 90 }).expect(
      201,
    );
    await flowsheet(sessionId).expect(200);
    const rows = await ctx.prisma.auditEvent.findMany({ where: { patientId }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.action, r.entity, r.entityId, r.fields])).toEqual([
      ['CREATE', 'VitalsReading', res.body.id, ['takenAt', 'systolic', 'diastolic']],
      ['CREATE', 'AdverseEvent', res.body.draftAdverseEventIds[0], ['status', 'term', 'grade', 'onsetAt', 'readingId']],
      ['READ', 'InfusionSession', sessionId, ['readings']],
    ]);
    expect(rows.every((r) => r.actorId === nurse.id)).toBe(true);
    expect(JSON.stringify(rows.map((r) => [r.entityId, r.fields]))).not.toContain('190');
  });
});
