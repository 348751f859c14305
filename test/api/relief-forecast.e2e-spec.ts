// The forecast of when relief ends, end to end: from the clinic's curve for the patient's protocol
// and pain mechanism, conditional on the day relief last held; "too few patients" instead of a
// date for a small group; nothing to forecast once relief is lost; and the booster queue offering
// a response-triggered booster before the expected date, while relief still holds.
import { DateTime } from 'luxon';
import { startTestApp, TestContext, TestUser } from '../support/context';
import { localDay, patientWith } from '../support/outcome-fixtures';

describe('relief forecast', () => {
  let ctx: TestContext;
  let clinician: TestUser;
  let nurse: TestUser;
  let responding: string;
  let lost: string;
  let alone: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ CLINICIAN: clinician, NURSE: nurse } = await ctx.users());
    const five = { protocolKey: 'IV_FIVE_DAY_LOW_DOSE', daysAgo: 60 };
    // The curve: 8 lost relief at day 28, 4 still had it at day 56.
    for (let i = 0; i < 8; i++)
      await patientWith(ctx, clinician, nurse, 'NEUROPATHIC', { ...five, scores: { 7: 3, 14: 3, 28: 7 } });
    for (let i = 0; i < 4; i++)
      await patientWith(ctx, clinician, nurse, 'NEUROPATHIC', { ...five, scores: { 7: 3, 14: 3, 28: 3, 56: 3 } });
    lost = await patientWith(ctx, clinician, nurse, 'NEUROPATHIC', { ...five, scores: { 7: 3, 14: 7 } });
    // Still responding at day 14, 16 days after the course; the day-28 window has not opened.
    responding = await patientWith(ctx, clinician, nurse, 'NEUROPATHIC', {
      protocolKey: 'IV_FIVE_DAY_LOW_DOSE',
      daysAgo: 16,
      scores: { 7: 3, 14: 3 },
    });
    // Nociceptive under the same protocol: a curve of one.
    alone = await patientWith(ctx, clinician, nurse, 'NOCICEPTIVE', {
      protocolKey: 'IV_FIVE_DAY_LOW_DOSE',
      daysAgo: 16,
      scores: { 7: 3, 14: 3 },
    });
  }, 120_000);
  afterAll(() => ctx.close());

  const get = (path: string, user = clinician) => ctx.http().get(path).set('Cookie', user.cookie);

  it("forecasts from the protocol's curve for the pain mechanism, conditional on relief to day 14", async () => {
    const res = await get(`/api/patients/${responding}/relief-forecast`);
    expect(res.status).toBe(200);
    // After day 14, 12 at risk; 8 lose relief at day 28: S(28)/S(14) = 1/3, the median is 14 days on;
    // the lower band at 28 is (1/3)·exp(−1.96·√(8/(12·4))) ≈ 0.15, below ½ (lower limit 14 days on);
    // the upper, ≈ 0.74, never falls to ½ (not reached).
    expect(res.body).toMatchObject({
      code: 'FORECAST',
      protocolKey: 'IV_FIVE_DAY_LOW_DOSE',
      painMechanism: 'NEUROPATHIC',
      reliefOutcome: 'STILL_RESPONDING',
      heldToDay: 14,
      patientsBehind: 12,
      medianFurtherDays: { time: 14, lower: 14, upper: null },
      lastSessionOn: localDay(-16),
      expectedLossOn: localDay(12),
      expectedLossLower: localDay(12),
      expectedLossUpper: null,
    });
    // The patient who lost relief at day 14 is on the curve too: S(14) = 13/14.
    expect(res.body.curveAtDay).toBeCloseTo(13 / 14, 12);
    expect(res.body.conditional[0]).toMatchObject({ days: 14 });
    expect(res.body.conditional[0].survival).toBeCloseTo(1 / 3, 12);
    expect(res.body.conditional[0].lower).toBeCloseTo((1 / 3) * Math.exp(-1.959963984540054 * Math.sqrt(8 / 48)), 9);
    expect(res.body.curve.subjects).toBe(14);
    expect(res.body.reasons[0].code).toBe('FORECAST');
    const audit = await ctx.prisma.auditEvent.findFirst({
      where: { entity: 'ReliefForecast', patientId: responding },
    });
    expect(audit?.fields).toEqual(['relief', 'forecast', 'protocolCurve']);
  });

  it('says too few patients for a small group, and nothing to forecast once relief is lost', async () => {
    const small = await get(`/api/patients/${alone}/relief-forecast`);
    expect(small.body).toMatchObject({ code: 'TOO_FEW_PATIENTS', patientsBehind: 0, expectedLossOn: null });
    expect(small.body.curve.disclosure.code).toBe('SUPPRESSED');
    expect(small.body.curve.steps).toEqual([]);
    const gone = await get(`/api/patients/${lost}/relief-forecast`);
    expect(gone.body).toMatchObject({ code: 'NOT_RESPONDING', reliefOutcome: 'RELIEF_LOST', expectedLossOn: null });
    const none = await get(`/api/patients/${(await ctx.newPatient()).id}/relief-forecast`);
    expect(none.body.code).toBe('NO_COURSE');
    expect((await get('/api/patients/00000000-0000-4000-8000-000000000000/relief-forecast')).status).toBe(404);
    expect((await get(`/api/patients/${responding}/relief-forecast`, nurse)).status).toBe(403);
  });

  it('offers the response-triggered booster in the queue before the expected end of relief', async () => {
    const res = await get('/api/boosters/queue');
    expect(res.status).toBe(200);
    expect(res.body.forecasts).toHaveLength(1);
    expect(res.body.forecasts[0]).toMatchObject({
      patient: { id: responding },
      protocolKey: 'IV_FIVE_DAY_LOW_DOSE',
      offerBy: localDay(12),
      heldToDay: 14,
      patientsBehind: 12,
    });
    expect(DateTime.fromISO(res.body.forecasts[0].offerBy) > DateTime.fromISO(localDay(0))).toBe(true);
  });
});
