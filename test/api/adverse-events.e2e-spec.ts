import { randomUUID } from 'node:crypto';
import { startTestApp, TestContext, TestUser } from '../support/context';

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('adverse events and the alerts inbox', () => {
  let ctx: TestContext;
  let nurse: TestUser;
  let clinician: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ NURSE: nurse, CLINICIAN: clinician, ADMIN: admin } = await ctx.users());
  });
  afterAll(() => ctx.close());

  const as = (user: TestUser) => ({
    post: (path: string, body: object) => ctx.http().post(path).set('Cookie', user.cookie).send(body),
    patch: (path: string, body: object) => ctx.http().patch(path).set('Cookie', user.cookie).send(body),
    get: (path: string) => ctx.http().get(path).set('Cookie', user.cookie),
  });
  const event = (change: object = {}) => ({
    id: randomUUID(),
    term: 'nausea',
    grade: 1,
    onsetAt: ago(5),
    actions: ['NONE'],
    outcome: 'RESOLVED',
    serious: false,
    ...change,
  });
  /** The clinic's active admins now: every one of them is alerted. */
  const activeAdmins = async () =>
    (
      await ctx.prisma.user.findMany({
        where: { clinicId: ctx.clinicId, active: true, roles: { has: 'ADMIN' } },
        select: { id: true },
      })
    ).map((u) => u.id);
  const supervised = () => ctx.newCheckedInSession({ supervisingClinicianId: clinician.id });
  const draftFrom = async (sessionId: string, signs: object) => {
    const res = await as(nurse)
      .post(`/api/sessions/${sessionId}/vitals`, { id: randomUUID(), takenAt: ago(1), ...signs })
      .expect(201);
    const [draftId] = res.body.draftAdverseEventIds;
    return (await as(nurse).get(`/api/sessions/${sessionId}/adverse-events`).expect(200)).body.items.find(
      (e: { id: string }) => e.id === draftId,
    );
  };

  it('lists the CTCAE v5 terms with only the grades each defines, for the picker', async () => {
    const { body } = await as(nurse).get('/api/adverse-event-terms').expect(200);
    const hypoxia = body.terms.find((t: { id: string }) => t.id === 'hypoxia');
    expect(hypoxia.grades.map((g: { grade: number }) => g.grade)).toEqual([2, 3, 4, 5]);
    expect(body.actions).toEqual(['NONE', 'RATE_REDUCED', 'PAUSED', 'STOPPED', 'MEDICATION_GIVEN']);
    expect(body.outcomes).toContain('RESOLVED');
  });

  it('records a grade 1 event confirmed as entered, alerting no one; a retry is stored once, a reused id is 409', async () => {
    const { sessionId } = await supervised();
    const body = event();
    const first = await as(nurse).post(`/api/sessions/${sessionId}/adverse-events`, body).expect(201);
    expect(first.body).toMatchObject({
      id: body.id,
      status: 'CONFIRMED',
      term: 'nausea',
      termText: 'Nausea',
      grade: 1,
      gradeDefinition: 'Loss of appetite without alteration in eating habits',
      alertReasons: [],
      alertedRecipientIds: [],
      decidedById: nurse.id,
    });
    const retry = await as(nurse).post(`/api/sessions/${sessionId}/adverse-events`, body).expect(200);
    expect(retry.body).toEqual(first.body);
    await as(nurse)
      .post(`/api/sessions/${sessionId}/adverse-events`, { ...body, grade: 2 })
      .expect(409)
      .expect((res) => expect(res.body.code).toBe('ENTRY_ID_TAKEN'));
    expect(await ctx.prisma.adverseEvent.count({ where: { sessionId } })).toBe(1);
    expect(await ctx.prisma.staffAlert.count({ where: { sessionId } })).toBe(0);
  });

  it('refuses a grade the CTCAE term does not define, naming the field and the rule', async () => {
    const { sessionId } = await supervised();
    const res = await as(nurse)
      .post(`/api/sessions/${sessionId}/adverse-events`, event({ term: 'hypoxia', grade: 1 }))
      .expect(400);
    expect(res.body.errors).toEqual([
      { field: 'grade', rule: 'ctcaeGrade', message: 'grade Hypoxia is graded 2, 3, 4, 5 in CTCAE v5.0' },
    ]);
  });

  it('a serious or grade ≥ 3 event alerts the supervising clinician and every active admin at once, audited', async () => {
    const { sessionId, patientId } = await supervised();
    const inactive = await ctx.newUser(['ADMIN']);
    await ctx.prisma.user.update({ where: { id: inactive.id }, data: { active: false } });
    const elsewhere = await ctx.newUser(['ADMIN'], await ctx.newClinic());
    const unreadBefore = (await as(admin).get('/api/alerts').expect(200)).body.unreadCount;

    const res = await as(nurse)
      .post(
        `/api/sessions/${sessionId}/adverse-events`,
        event({ term: 'hallucinations', grade: 3, actions: ['STOPPED'], outcome: 'RESOLVING' }),
      )
      .expect(201);
    const expected = [clinician.id, ...(await activeAdmins())].sort();
    expect(res.body.alertReasons).toEqual([
      expect.objectContaining({ code: 'GRADE_3_OR_MORE', ruleId: 'adverse-event.alert-clinician' }),
    ]);
    expect([...res.body.alertedRecipientIds].sort()).toEqual(expected);
    expect(expected).not.toContain(inactive.id);
    expect(expected).not.toContain(elsewhere.id);
    expect(expected).not.toContain(nurse.id);

    const inbox = (await as(clinician).get('/api/alerts').expect(200)).body;
    const alert = inbox.items.find((a: { adverseEventId: string }) => a.adverseEventId === res.body.id);
    expect(alert).toMatchObject({
      kind: 'ADVERSE_EVENT_SERIOUS',
      sessionId,
      readAt: null,
      patient: expect.objectContaining({ id: patientId }),
    });
    expect(alert.message).toBe('Hallucinations, grade 3: review the session now');
    expect((await as(admin).get('/api/alerts').expect(200)).body.unreadCount).toBe(unreadBefore + 1);
    expect((await as(elsewhere).get('/api/alerts').expect(200)).body).toEqual({ items: [], unreadCount: 0 });

    const audit = await ctx.prisma.auditEvent.findMany({
      where: { patientId, entity: 'StaffAlert', action: 'CREATE' },
    });
    expect(audit).toHaveLength(expected.length);
    expect(audit.every((a) => a.actorId === nurse.id)).toBe(true);

    // Read: the count drops, a second read keeps the first time, nobody else may read it.
    const unread = inbox.unreadCount;
    const read = await as(clinician).post(`/api/alerts/${alert.id}/read`, {}).expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await as(clinician).get('/api/alerts').expect(200)).body.unreadCount).toBe(unread - 1);
    expect((await as(clinician).post(`/api/alerts/${alert.id}/read`, {}).expect(200)).body.readAt).toBe(
      read.body.readAt,
    );
    await as(admin).post(`/api/alerts/${alert.id}/read`, {}).expect(404);
  });

  it('a serious event alerts whatever its grade; with no supervising clinician named the admins still are', async () => {
    const { sessionId } = await ctx.newCheckedInSession();
    const res = await as(nurse)
      .post(`/api/sessions/${sessionId}/adverse-events`, event({ grade: 2, serious: true, outcome: 'NOT_RESOLVED' }))
      .expect(201);
    expect(res.body.alertReasons.map((r: { code: string }) => r.code)).toEqual(['SERIOUS']);
    expect([...res.body.alertedRecipientIds].sort()).toEqual((await activeAdmins()).sort());
  });

  it('a draft from a high reading is confirmed, completed by the nurse, and then alerts (grade 3 by the numbers)', async () => {
    const { sessionId } = await supervised();
    const draft = await draftFrom(sessionId, { systolic: 190, diastolic: 100 });
    expect(draft).toMatchObject({ status: 'DRAFT', term: 'hypertension', grade: 3, actions: [], outcome: null });
    expect(draft.alertReasons).toEqual([]);
    expect(await ctx.prisma.staffAlert.count({ where: { adverseEventId: draft.id } })).toBe(0);

    // Incomplete: the nurse must say what was done and how it ended.
    const incomplete = await as(nurse)
      .post(`/api/adverse-events/${draft.id}/confirm`, { version: draft.version })
      .expect(400);
    expect(incomplete.body.errors.map((e: { field: string; rule: string }) => [e.field, e.rule])).toEqual([
      ['actions', 'actionsTaken'],
      ['outcome', 'outcome'],
    ]);

    const confirmed = await as(nurse)
      .post(`/api/adverse-events/${draft.id}/confirm`, {
        version: draft.version,
        actions: ['PAUSED'],
        outcome: 'RESOLVING',
      })
      .expect(200);
    expect(confirmed.body).toMatchObject({
      status: 'CONFIRMED',
      actions: ['PAUSED'],
      decidedById: nurse.id,
      version: draft.version + 1,
    });
    expect(confirmed.body.alertedRecipientIds).toContain(clinician.id);
    await as(nurse)
      .post(`/api/adverse-events/${draft.id}/dismiss`, { version: confirmed.body.version, reason: 'Cuff error' })
      .expect(409);
  });

  it('an ungraded draft needs its grade to be confirmed; a draft is dismissed with a reason, once', async () => {
    const { sessionId } = await supervised();
    const draft = await draftFrom(sessionId, { heartRate: 130 });
    expect(draft).toMatchObject({ term: 'sinus_tachycardia', grade: null });
    const ungraded = await as(nurse)
      .post(`/api/adverse-events/${draft.id}/confirm`, {
        version: draft.version,
        actions: ['NONE'],
        outcome: 'RESOLVED',
      })
      .expect(400);
    expect(ungraded.body.errors).toEqual([expect.objectContaining({ field: 'grade', rule: 'ctcaeGrade' })]);

    const dismissed = await as(nurse)
      .post(`/api/adverse-events/${draft.id}/dismiss`, {
        version: draft.version,
        reason: 'Patient moving; rechecked 88',
      })
      .expect(200);
    expect(dismissed.body).toMatchObject({ status: 'DISMISSED', dismissReason: 'Patient moving; rechecked 88' });
    await as(nurse)
      .post(`/api/adverse-events/${draft.id}/confirm`, { version: dismissed.body.version, actions: ['NONE'] })
      .expect(409);
    await as(nurse).patch(`/api/adverse-events/${draft.id}`, { version: dismissed.body.version, grade: 1 }).expect(409);
  });

  it('edits carry the version read: a stale one is 409; raising a confirmed event to grade 3 alerts then', async () => {
    const { sessionId } = await supervised();
    const created = (await as(nurse).post(`/api/sessions/${sessionId}/adverse-events`, event()).expect(201)).body;
    const edited = await as(clinician)
      .patch(`/api/adverse-events/${created.id}`, { version: created.version, grade: 3, outcome: 'NOT_RESOLVED' })
      .expect(200);
    expect(edited.body).toMatchObject({ grade: 3, outcome: 'NOT_RESOLVED', version: created.version + 1 });
    expect(edited.body.alertedRecipientIds).toContain(clinician.id);
    await as(nurse)
      .patch(`/api/adverse-events/${created.id}`, { version: created.version, grade: 2 })
      .expect(409)
      .expect((res) => expect(res.body).toMatchObject({ code: 'STALE_VERSION', currentVersion: edited.body.version }));
    await as(nurse).patch(`/api/adverse-events/${created.id}`, { version: edited.body.version, grade: 3 }).expect(400);
    await as(nurse)
      .patch(`/api/adverse-events/${created.id}`, { version: edited.body.version, grade: 4 })
      .expect(400)
      .expect((res) => expect(res.body.errors[0]).toMatchObject({ field: 'grade', rule: 'ctcaeGrade' }));
    // Alerted once per recipient, however often it is edited.
    await as(nurse)
      .patch(`/api/adverse-events/${created.id}`, { version: edited.body.version, serious: true })
      .expect(200);
    const alerts = await ctx.prisma.staffAlert.findMany({ where: { adverseEventId: created.id } });
    expect(new Set(alerts.map((a) => a.recipientId)).size).toBe(alerts.length);
  });

  it('takes no event once the record is signed (the database refuses it too)', async () => {
    const { sessionId } = await supervised();
    const draft = await draftFrom(sessionId, { spo2: 85 });
    await ctx.prisma.infusionSession.update({
      where: { id: sessionId },
      data: {
        state: 'DISCHARGED',
        startedAt: new Date(Date.now() - 90 * 60_000),
        dischargedAt: new Date(),
        nurseSignedAt: new Date(),
        nurseSignedById: nurse.id,
      },
    });
    const refused = await as(nurse).post(`/api/sessions/${sessionId}/adverse-events`, event()).expect(409);
    expect(refused.body.reasons).toEqual([expect.objectContaining({ code: 'SIGNED' })]);
    await as(nurse)
      .post(`/api/adverse-events/${draft.id}/dismiss`, { version: draft.version, reason: 'Late' })
      .expect(409);
    await expect(
      ctx.prisma.adverseEvent.update({ where: { id: draft.id }, data: { status: 'DISMISSED' } }),
    ).rejects.toThrow(/signed/);
  });

  it("answers 404 for another clinic's session and event", async () => {
    const { sessionId } = await supervised();
    const created = (await as(nurse).post(`/api/sessions/${sessionId}/adverse-events`, event()).expect(201)).body;
    const outsider = await ctx.newUser(['NURSE'], await ctx.newClinic());
    await as(outsider).post(`/api/sessions/${sessionId}/adverse-events`, event()).expect(404);
    await as(outsider).get(`/api/sessions/${sessionId}/adverse-events`).expect(404);
    await as(outsider).patch(`/api/adverse-events/${created.id}`, { version: 1, grade: 2 }).expect(404);
    await as(outsider).post(`/api/adverse-events/${created.id}/dismiss`, { version: 1, reason: 'x' }).expect(404);
  });

  it('audits the record, edits and reads by field names, never values', async () => {
    const { sessionId, patientId } = await supervised();
    const created = (
      await as(nurse).post(
        `/api/sessions/${sessionId}/adverse-events`,
        event({ term: 'other', description: 'Rash on the arm' }),
      )
    ).body;
    await as(nurse).patch(`/api/adverse-events/${created.id}`, { version: 1, grade: 2 }).expect(200);
    await as(nurse).get(`/api/sessions/${sessionId}/adverse-events`).expect(200);
    const rows = await ctx.prisma.auditEvent.findMany({ where: { patientId }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.action, r.entity, r.fields])).toEqual([
      ['CREATE', 'AdverseEvent', ['term', 'grade', 'onsetAt', 'actions', 'outcome', 'serious', 'description']],
      ['UPDATE', 'AdverseEvent', ['grade']],
      ['READ', 'InfusionSession', ['adverseEvents']],
    ]);
    expect(JSON.stringify(rows.map((r) => r.fields))).not.toContain('Rash');
  });
});
