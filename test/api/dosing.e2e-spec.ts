// Dosing end to end: the clinician's order on today's weight, each step at the chair and the state
// it moves the session to, the caps across every route (home doses and earlier sessions counted),
// retries stored once, and the patient's cumulative-dose ledger.
import { randomUUID } from 'node:crypto';
import { startTestApp, TestContext, TestUser, todayIn } from '../support/context';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const REASON = 'Tolerated this rate last course without side effects';

describe('dosing', () => {
  let ctx: TestContext;
  let nurse: TestUser;
  let clinician: TestUser;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ NURSE: nurse, CLINICIAN: clinician } = await ctx.users());
  });
  afterAll(() => ctx.close());

  const iso = (ms: number) => new Date(ms).toISOString();
  const order = (sessionId: string, body: object, user = clinician) =>
    ctx.http().post(`/api/sessions/${sessionId}/orders`).set('Cookie', user.cookie).send(body);
  const step = (sessionId: string, body: object, user = nurse) =>
    ctx
      .http()
      .post(`/api/sessions/${sessionId}/dose-events`)
      .set('Cookie', user.cookie)
      .send({ id: randomUUID(), at: iso(Date.now()), ...body });
  const homeDose = (patientId: string, body: object) =>
    ctx
      .http()
      .post(`/api/patients/${patientId}/home-doses`)
      .set('Cookie', nurse.cookie)
      .send({ id: randomUUID(), ...body });
  /** Steps are timed from the check-in on; tests that time them in the past check in earlier. */
  const checkedInAgo = (sessionId: string, minutes: number) =>
    ctx.prisma.infusionSession.update({
      where: { id: sessionId },
      data: { checkedInAt: new Date(Date.now() - minutes * MIN) },
    });
  const setWindowCaps = (windowCapsMg: object) =>
    ctx.prisma.clinic.update({ where: { id: ctx.clinicId }, data: { dosingSettings: { windowCapsMg } } });

  /** An earlier IV session of the patient, given and stopped, inserted directly. */
  async function earlierInfusion(patientId: string, startMs: number, rateMgPerHour: number, minutes: number) {
    const chair = await ctx.newChair();
    const course = await ctx.newBookedCourse(
      patientId,
      [{ chairId: chair.id, startsAt: iso(startMs - 10 * MIN), endsAt: iso(startMs + (minutes + 60) * MIN) }],
      'IV_SINGLE_INFUSION',
    );
    const session = await ctx.prisma.infusionSession.create({
      data: {
        clinicId: ctx.clinicId,
        appointmentId: course.appointmentIds[0],
        patientId,
        courseId: course.id,
        state: 'IN_RECOVERY',
        checkedInById: nurse.id,
        checkedInAt: new Date(startMs - 10 * MIN),
        checkedInOn: new Date(`${iso(startMs).slice(0, 10)}T00:00:00Z`),
        checkInFacts: {},
        checkInChecks: [],
        checkInCleared: true,
        weightKg: 70,
        eligibilityScreeningIds: [],
        startedAt: new Date(startMs),
        stoppedAt: new Date(startMs + minutes * MIN),
      },
      select: { id: true },
    });
    const orderId = randomUUID();
    await ctx.prisma.doseOrder.create({
      data: {
        id: orderId,
        sessionId: session.id,
        form: 'INFUSION',
        route: 'IV',
        perKg: Math.round((rateMgPerHour / 70) * 1000) / 1000,
        weightKg: 70,
        rateMgPerHour,
        plannedMinutes: minutes,
        expectedMg: (rateMgPerHour * minutes) / 60,
        check: {},
        orderedById: clinician.id,
        orderedAt: new Date(startMs - 5 * MIN),
      },
    });
    await ctx.prisma.doseEvent.createMany({
      data: [
        {
          id: randomUUID(),
          sessionId: session.id,
          orderId,
          kind: 'START',
          at: new Date(startMs),
          rateMgPerHour,
          byId: nurse.id,
        },
        {
          id: randomUUID(),
          sessionId: session.id,
          orderId,
          kind: 'STOP',
          at: new Date(startMs + minutes * MIN),
          byId: nurse.id,
        },
      ],
    });
  }

  describe('orders', () => {
    it("plans the rate on today's weight, rounded to 0.1 mg/h, with the expected total and each cap", async () => {
      const { sessionId } = await ctx.newCheckedInSession({ weightKg: 70.3 });
      const res = await order(sessionId, { perKg: 0.5, plannedMinutes: 40 }).expect(201);
      expect(res.body).toMatchObject({
        form: 'INFUSION',
        route: 'IV',
        perKg: 0.5,
        weightKg: 70.3,
        exact: 35.15,
        rateMgPerHour: 35.2,
        rounding: 'NEAREST',
        plannedMinutes: 40,
        expectedMg: 23.467,
        accepted: [],
        overrideReason: null,
        orderedById: clinician.id,
      });
      expect(res.body.caps).toEqual(
        expect.arrayContaining([
          { cap: 'SESSION', totalMg: 23.467, capMg: 60 },
          { cap: 'WINDOW_30', totalMg: 23.467, capMg: null },
        ]),
      );
      const audit = await ctx.prisma.auditEvent.findFirst({ where: { entity: 'DoseOrder', entityId: res.body.id } });
      expect(audit).toMatchObject({ action: 'CREATE', actorId: clinician.id });
    });

    it('refuses a rate above the range without an override, naming the rule, and takes a clinician’s written override', async () => {
      const { sessionId } = await ctx.newCheckedInSession();
      // 0.1–0.75 mg/kg/h at 70 kg is 7–52.5 mg/h.
      const refused = await order(sessionId, { perKg: 0.8, plannedMinutes: 40 }).expect(422);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body).toMatchObject({
        code: 'DOSE_REFUSED',
        reasons: [{ code: 'ABOVE_RANGE', ruleId: 'dosing.within-protocol-range', severity: 'RELATIVE' }],
      });
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ field: 'override', rule: 'dosing.within-protocol-range' }),
      ]);
      expect(await ctx.prisma.doseOrder.count({ where: { sessionId } })).toBe(0);

      const accepted = await order(sessionId, {
        perKg: 0.8,
        plannedMinutes: 40,
        override: { reason: REASON, accepts: ['ABOVE_RANGE'] },
      }).expect(201);
      expect(accepted.body).toMatchObject({
        rateMgPerHour: 56,
        overrideReason: REASON,
        accepted: [expect.objectContaining({ code: 'ABOVE_RANGE' })],
      });
    });

    it('never lets an override lift a missing weight, and a nurse does not order', async () => {
      const { sessionId } = await ctx.newCheckedInSession();
      await ctx.prisma.infusionSession.update({ where: { id: sessionId }, data: { weightKg: null } });
      const res = await order(sessionId, {
        perKg: 0.5,
        plannedMinutes: 40,
        override: { reason: REASON, accepts: ['ABOVE_RANGE'] },
      }).expect(422);
      expect(res.body.reasons).toEqual([expect.objectContaining({ code: 'WEIGHT_MISSING', severity: 'ABSOLUTE' })]);
      await order(sessionId, { perKg: 0.5, plannedMinutes: 40 }, nurse).expect(403);
    });

    it('answers 404 for a session of another clinic', async () => {
      const otherClinic = await ctx.newClinic();
      const other = await ctx.newUser(['CLINICIAN'], otherClinic);
      const { sessionId } = await ctx.newCheckedInSession();
      await order(sessionId, { perKg: 0.5, plannedMinutes: 40 }, other).expect(404);
      await ctx.http().get(`/api/sessions/${sessionId}/dosing`).set('Cookie', other.cookie).expect(404);
    });
  });

  describe('the 30-day cap across every route', () => {
    afterEach(() => setWindowCaps({}));

    it('refuses an order that crosses it, counting home doses and an earlier session in the window', async () => {
      const { sessionId, patientId } = await ctx.newCheckedInSession();
      await setWindowCaps({ 30: 100 });
      const now = Date.now();
      await earlierInfusion(patientId, now - 10 * DAY, 30, 60); // 30 mg
      await homeDose(patientId, { route: 'ORAL', mg: 20, takenAt: iso(now - 5 * DAY) }).expect(201);
      await homeDose(patientId, { route: 'INTRANASAL', mg: 15, takenAt: iso(now - 2 * DAY) }).expect(201);
      // Outside the window: counted all time only.
      await homeDose(patientId, { route: 'ORAL', mg: 500, takenAt: iso(now - 31 * DAY) }).expect(201);

      // 0.75 mg/kg/h × 70 kg = 52.5 mg/h; 41 min is 35.875 mg: 65 + 35.875 > 100.
      const refused = await order(sessionId, { perKg: 0.75, plannedMinutes: 41 }).expect(422);
      expect(refused.body).toMatchObject({
        code: 'DOSE_REFUSED',
        reasons: [{ code: 'WINDOW_30_CAP', ruleId: 'dosing.cap.window-30-cap', severity: 'RELATIVE' }],
        totalsMg: { windows: { 30: 100.875 } },
      });
      // 40 min is 35 mg: exactly at the cap, within it.
      const atCap = await order(sessionId, { perKg: 0.75, plannedMinutes: 40 }).expect(201);
      expect(atCap.body.caps).toEqual(expect.arrayContaining([{ cap: 'WINDOW_30', totalMg: 100, capMg: 100 }]));
    });

    it('counts a home dose taken just inside the window, and not one taken just before it', async () => {
      await setWindowCaps({ 30: 100 });
      const inside = await ctx.newCheckedInSession();
      const outside = await ctx.newCheckedInSession();
      const edge = Date.now() - 30 * DAY;
      await homeDose(inside.patientId, { route: 'ORAL', mg: 90, takenAt: iso(edge + 2 * MIN) }).expect(201);
      await homeDose(outside.patientId, { route: 'ORAL', mg: 90, takenAt: iso(edge - 2 * MIN) }).expect(201);
      // 0.5 mg/kg/h for 40 min at 70 kg is 23.333 mg.
      const refused = await order(inside.sessionId, { perKg: 0.5, plannedMinutes: 40 }).expect(422);
      expect(refused.body.reasons).toEqual([expect.objectContaining({ code: 'WINDOW_30_CAP' })]);
      await order(outside.sessionId, { perKg: 0.5, plannedMinutes: 40 }).expect(201);
    });
  });

  describe('steps at the chair', () => {
    it('START moves the session to INFUSING, STOP to IN_RECOVERY, each with its time (not before the check-in) and a new version', async () => {
      const { sessionId } = await ctx.newCheckedInSession();
      await checkedInAgo(sessionId, 10);
      await order(sessionId, { perKg: 0.5, plannedMinutes: 40 }).expect(201);
      const early = await step(sessionId, { kind: 'START', at: iso(Date.now() - 11 * MIN) }).expect(400);
      expect(early.body.errors).toEqual([expect.objectContaining({ field: 'at', rule: 'notBeforeCheckIn' })]);
      const startAt = iso(Date.now() - 2 * MIN);
      const started = await step(sessionId, { kind: 'START', at: startAt }).expect(201);
      expect(started.body).toMatchObject({
        kind: 'START',
        at: startAt,
        rateMgPerHour: 35,
        byId: nurse.id,
        sessionState: 'INFUSING',
        sessionVersion: 2,
      });
      const rateAt = iso(Date.now() - MIN);
      await step(sessionId, { kind: 'RATE', at: rateAt, rateMgPerHour: 30 }).expect(201);
      const stopAt = iso(Date.now());
      const stopped = await step(sessionId, { kind: 'STOP', at: stopAt }).expect(201);
      expect(stopped.body).toMatchObject({ sessionState: 'IN_RECOVERY', sessionVersion: 3 });
      const session = await ctx.prisma.infusionSession.findUniqueOrThrow({ where: { id: sessionId } });
      expect(session).toMatchObject({
        state: 'IN_RECOVERY',
        startedAt: new Date(startAt),
        stoppedAt: new Date(stopAt),
        version: 3,
      });

      const dosing = await ctx.http().get(`/api/sessions/${sessionId}/dosing`).set('Cookie', nurse.cookie).expect(200);
      const given =
        (35 * (Date.parse(rateAt) - Date.parse(startAt)) + 30 * (Date.parse(stopAt) - Date.parse(rateAt))) / 3_600_000;
      expect(dosing.body).toMatchObject({
        state: 'IN_RECOVERY',
        form: 'INFUSION',
        weightKg: 70,
        // 0.1–0.75 mg/kg/h at 70 kg, as orders and rate changes are checked.
        allowed: { min: 7, max: 52.5 },
        segments: [
          { from: startAt, to: rateAt, rateMgPerHour: 35 },
          { from: rateAt, to: stopAt, rateMgPerHour: 30 },
        ],
        currentRateMgPerHour: 0,
        expectedMg: 23.333,
      });
      expect(dosing.body.mgGiven).toBeCloseTo(given, 3);
      expect(dosing.body.events.map((e: { kind: string }) => e.kind)).toEqual(['START', 'RATE', 'STOP']);
      expect(dosing.body.caps).toEqual(
        expect.arrayContaining([expect.objectContaining({ cap: 'SESSION', capMg: 60 })]),
      );
      // Nothing more after the stop.
      const after = await step(sessionId, { kind: 'RATE', rateMgPerHour: 10 }).expect(409);
      expect(after.body.code).toBe('INVALID_TRANSITION');
    });

    it('no start before the check-in is cleared', async () => {
      const { sessionId } = await ctx.newCheckedInSession();
      await order(sessionId, { perKg: 0.5, plannedMinutes: 40 }).expect(201);
      await ctx.prisma.infusionSession.update({ where: { id: sessionId }, data: { checkInCleared: false } });
      const res = await step(sessionId, { kind: 'START' }).expect(422);
      expect(res.body).toMatchObject({ code: 'START_REFUSED' });
      expect(await ctx.prisma.doseEvent.count({ where: { sessionId } })).toBe(0);
      expect(await ctx.prisma.infusionSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({
        state: 'CHECKED_IN',
        startedAt: null,
        version: 1,
      });
    });

    it('no start for a patient the eligibility gate refuses today, and the gate’s consultation is audited', async () => {
      const { sessionId, patientId } = await ctx.newCheckedInSession();
      await order(sessionId, { perKg: 0.5, plannedMinutes: 40 }).expect(201);
      // A newer screening that found a contraindication, awaiting a clinician (the factory signs at noon).
      await ctx.newSubmittedScreening(patientId, 'CARDIOVASCULAR', {
        result: 'CONTRAINDICATED',
        submittedAt: `${todayIn('Europe/London')}T12:30:00Z`,
      });
      const res = await step(sessionId, { kind: 'START' }).expect(422);
      expect(res.body.code).toBe('NOT_ELIGIBLE');
      expect(await ctx.prisma.doseEvent.count({ where: { sessionId } })).toBe(0);
      expect(await ctx.prisma.infusionSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({
        state: 'CHECKED_IN',
      });
      expect(
        await ctx.prisma.auditEvent.count({ where: { entity: 'Eligibility', patientId, actorId: nurse.id } }),
      ).toBe(1);
    });

    it('no step before a clinician orders, and a rate above the range needs a clinician’s written override (not a nurse’s)', async () => {
      const { sessionId } = await ctx.newCheckedInSession();
      const unordered = await step(sessionId, { kind: 'START' }).expect(409);
      expect(unordered.body.reasons).toEqual([expect.objectContaining({ code: 'NO_ORDER' })]);
      await order(sessionId, { perKg: 0.5, plannedMinutes: 40 }).expect(201);
      await checkedInAgo(sessionId, 10);
      await step(sessionId, { kind: 'START', at: iso(Date.now() - MIN) }).expect(201);

      const refused = await step(sessionId, { kind: 'RATE', rateMgPerHour: 53 }).expect(422);
      expect(refused.body).toMatchObject({
        code: 'DOSE_REFUSED',
        reasons: [{ code: 'ABOVE_RANGE', ruleId: 'dosing.within-protocol-range' }],
      });
      const override = { reason: REASON, accepts: ['ABOVE_RANGE'] };
      const byNurse = await step(sessionId, { kind: 'RATE', rateMgPerHour: 53, override }).expect(403);
      expect(byNurse.body.errors).toEqual([expect.objectContaining({ field: 'override', rule: 'clinicianOnly' })]);
      const byClinician = await step(sessionId, { kind: 'RATE', rateMgPerHour: 53, override }, clinician).expect(201);
      expect(byClinician.body).toMatchObject({
        rateMgPerHour: 53,
        byId: clinician.id,
        override: { byId: clinician.id, reason: REASON, accepts: ['ABOVE_RANGE'] },
      });
      expect(await ctx.prisma.doseEvent.count({ where: { sessionId } })).toBe(2);
    });

    it('a retried step with the same id is stored once; the same id with other content is refused', async () => {
      const { sessionId } = await ctx.newCheckedInSession();
      await order(sessionId, { perKg: 0.5, plannedMinutes: 40 }).expect(201);
      const body = { id: randomUUID(), kind: 'START', at: iso(Date.now()) };
      const first = await step(sessionId, body).expect(201);
      const retry = await step(sessionId, body).expect(200);
      expect(retry.body).toEqual(first.body);
      expect(await ctx.prisma.doseEvent.count({ where: { sessionId } })).toBe(1);
      const other = await step(sessionId, { ...body, at: iso(Date.now() - 5 * MIN) }).expect(409);
      expect(other.body).toMatchObject({ code: 'ENTRY_ID_TAKEN', errors: [expect.objectContaining({ field: 'id' })] });
      expect(await ctx.prisma.doseEvent.count({ where: { sessionId } })).toBe(1);
    });

    it('the database keeps what was ordered and given: a dose step or order is never changed or removed', async () => {
      const { sessionId } = await ctx.newCheckedInSession();
      const ordered = await order(sessionId, { perKg: 0.5, plannedMinutes: 40 }).expect(201);
      const started = await step(sessionId, { kind: 'START' }).expect(201);
      await expect(
        ctx.prisma.doseEvent.update({ where: { id: started.body.id }, data: { rateMgPerHour: 10 } }),
      ).rejects.toThrow(/append-only/);
      await expect(ctx.prisma.doseEvent.delete({ where: { id: started.body.id } })).rejects.toThrow(/append-only/);
      await expect(
        ctx.prisma.doseOrder.update({ where: { id: ordered.body.id }, data: { rateMgPerHour: 10 } }),
      ).rejects.toThrow(/append-only/);
    });

    it('a bolus protocol: the BOLUS gives the ordered dose and starts the session; STOP ends it', async () => {
      const { sessionId } = await ctx.newCheckedInSession({ protocolKey: 'INTRANASAL_BREAKTHROUGH' });
      // 0.3 mg/kg at 70 kg is 21 mg; a bolus has no planned minutes.
      await order(sessionId, { perKg: 0.3, plannedMinutes: 10 }).expect(400);
      const ordered = await order(sessionId, { perKg: 0.3 }).expect(201);
      expect(ordered.body).toMatchObject({ form: 'BOLUS', route: 'INTRANASAL', doseMg: 21, expectedMg: 21 });
      await step(sessionId, { kind: 'START' }).expect(409);
      await checkedInAgo(sessionId, 10);
      const given = await step(sessionId, { kind: 'BOLUS', at: iso(Date.now() - MIN) }).expect(201);
      expect(given.body).toMatchObject({ kind: 'BOLUS', mg: 21, sessionState: 'INFUSING' });
      await step(sessionId, { kind: 'STOP' }).expect(201);
      const dosing = await ctx
        .http()
        .get(`/api/sessions/${sessionId}/dosing`)
        .set('Cookie', clinician.cookie)
        .expect(200);
      expect(dosing.body).toMatchObject({ state: 'IN_RECOVERY', form: 'BOLUS', mgGiven: 21 });
    });
  });

  describe('the ledger and home doses', () => {
    it('shows mg by route and rolling window, in total beside the clinic caps', async () => {
      await setWindowCaps({ 90: 400 });
      try {
        const { patientId } = await ctx.newCheckedInSession();
        const now = Date.now();
        await earlierInfusion(patientId, now - 20 * DAY, 30, 60); // IV 30 mg, 20 days ago
        await homeDose(patientId, { route: 'INTRANASAL', mg: 40, takenAt: iso(now - 60 * DAY) }).expect(201);
        await homeDose(patientId, {
          route: 'ORAL',
          mg: 25.5,
          takenAt: iso(now - 200 * DAY),
          note: 'Maintenance',
        }).expect(201);
        await homeDose(patientId, { route: 'ORAL', mg: 100, takenAt: iso(now - 400 * DAY) }).expect(201);
        const res = await ctx
          .http()
          .get(`/api/patients/${patientId}/dose-ledger`)
          .set('Cookie', nurse.cookie)
          .expect(200);
        const windows = (w30: number, w90: number, w365: number) => [
          { days: 30, mg: w30 },
          { days: 90, mg: w90 },
          { days: 365, mg: w365 },
        ];
        expect(res.body.byRoute).toEqual([
          { route: 'IV', windows: windows(30, 30, 30), allTimeMg: 30 },
          { route: 'ORAL', windows: windows(0, 0, 25.5), allTimeMg: 125.5 },
          { route: 'INTRANASAL', windows: windows(0, 40, 40), allTimeMg: 40 },
        ]);
        expect(res.body.total).toEqual({
          windows: [
            { days: 30, mg: 30, capMg: null },
            { days: 90, mg: 70, capMg: 400 },
            { days: 365, mg: 95.5, capMg: null },
          ],
          allTimeMg: 195.5,
        });
        const list = await ctx
          .http()
          .get(`/api/patients/${patientId}/home-doses`)
          .set('Cookie', clinician.cookie)
          .expect(200);
        expect(list.body.items.map((d: { mg: number }) => d.mg)).toEqual([40, 25.5, 100]);
        expect(await ctx.prisma.auditEvent.count({ where: { entity: 'DoseLedger', patientId } })).toBe(1);
      } finally {
        await setWindowCaps({});
      }
    });

    it('a retried home dose is stored once; the same id with other content is refused', async () => {
      const patient = await ctx.newPatient();
      const body = { id: randomUUID(), route: 'ORAL', mg: 20, takenAt: iso(Date.now() - DAY) };
      const first = await homeDose(patient.id, body).expect(201);
      const retry = await homeDose(patient.id, body).expect(200);
      expect(retry.body).toEqual(first.body);
      await homeDose(patient.id, { ...body, mg: 25 }).expect(409);
      expect(await ctx.prisma.homeDose.count({ where: { patientId: patient.id } })).toBe(1);
    });
  });
});
