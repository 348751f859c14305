// The flowsheet's write routes refuse bad input with 400 application/problem+json naming the field
// and the rule (a vital sign with its allowed range), and write nothing: never clamped.
import { randomUUID } from 'node:crypto';
import { Case, expectRefused as refuse, fieldCases, LONG } from '../support/bad-input';
import { startTestApp, TestContext, TestUser } from '../support/context';

const BAD_INSTANTS = ['2027-02-30T09:00:00Z', '2027-03-01T25:00:00Z', '2027-03-01T09:00:00', '2027-03-01', 'now'];

describe('bad input on the vitals write routes', () => {
  let ctx: TestContext;
  let nurse: TestUser;
  let sessionId: string;
  let readingId: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ NURSE: nurse } = await ctx.users());
    ({ sessionId } = await ctx.newCheckedInSession());
    readingId = randomUUID();
    await ctx
      .http()
      .post(`/api/sessions/${sessionId}/vitals`)
      .set('Cookie', nurse.cookie)
      .send({ id: readingId, takenAt: new Date().toISOString(), spo2: 97 })
      .expect(201);
  });
  afterAll(() => ctx.close());

  const expectRefused = (path: string, c: Case) => refuse(ctx, 'post', path, nurse, c);

  describe('POST /api/sessions/{id}/vitals', () => {
    const valid = () => ({ id: randomUUID(), takenAt: new Date().toISOString(), systolic: 130, diastolic: 80 });
    const path = () => `/api/sessions/${sessionId}/vitals`;
    const range = (field: string, value: unknown, extra: object = {}): Case => ({
      name: `${JSON.stringify(value)} as ${field}`,
      body: { ...valid(), ...extra, [field]: value },
      field,
      rule: 'entryRange',
    });
    const cases = (): Case[] => [
      ...fieldCases(valid(), ['id', 'takenAt'], { optional: ['systolic', 'diastolic'] }),
      {
        name: 'a UUID that is not v4',
        body: { ...valid(), id: '00000000-0000-1000-8000-000000000000' },
        field: 'id',
        rule: 'isUuid',
      },
      ...BAD_INSTANTS.map((bad) => ({
        name: `${bad} as takenAt`,
        body: { ...valid(), takenAt: bad },
        field: 'takenAt',
        rule: 'isInstant',
      })),
      {
        name: 'a reading taken an hour from now',
        body: { ...valid(), takenAt: new Date(Date.now() + 3_600_000).toISOString() },
        field: 'takenAt',
        rule: 'notInFuture',
      },
      range('systolic', 49),
      range('systolic', 301),
      range('diastolic', 19),
      range('diastolic', 201),
      range('heartRate', 19),
      range('heartRate', 251),
      range('spo2', -1),
      range('spo2', 101),
      range('respiratoryRate', 100),
      range('rass', -6),
      range('rass', 5),
      range('dissociation', 4),
      { name: 'a fractional heart rate', body: { ...valid(), heartRate: 80.5 }, field: 'heartRate', rule: 'isInt' },
      { name: 'SpO2 as text', body: { ...valid(), spo2: '97' }, field: 'spo2', rule: 'isInt' },
      { name: 'an object as rass', body: { ...valid(), rass: { $gt: 0 } }, field: 'rass', rule: 'isInt' },
      {
        name: 'systolic without diastolic',
        body: { id: randomUUID(), takenAt: new Date().toISOString(), systolic: 130 },
        field: 'diastolic',
        rule: 'bloodPressurePair',
      },
      {
        name: 'a diastolic above the systolic (80/130)',
        body: { ...valid(), systolic: 80, diastolic: 130 },
        field: 'diastolic',
        rule: 'diastolicBelowSystolic',
      },
      {
        name: 'no vital sign at all',
        body: { id: randomUUID(), takenAt: new Date().toISOString(), heartRate: null },
        field: 'takenAt',
        rule: 'atLeastOneSign',
      },
      {
        name: 'a session id that is not a UUID',
        path: '/api/sessions/nope/vitals',
        body: valid(),
        field: 'id',
        rule: 'isUuid',
      },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused(c.path ?? path(), c);
    });
  });

  describe('POST /api/sessions/{id}/vitals/{readingId}/void', () => {
    const path = () => `/api/sessions/${sessionId}/vitals/${readingId}/void`;
    const cases = (): Case[] => [
      ...fieldCases({ reason: 'Entered on the wrong chair' }, ['reason']),
      { name: 'a blank reason', body: { reason: '   ' }, field: 'reason', rule: 'matches' },
      { name: 'a reason of 501 characters', body: { reason: LONG.slice(0, 501) }, field: 'reason', rule: 'maxLength' },
      {
        name: 'a reading id that is not a UUID',
        path: `/api/sessions/${sessionId}/vitals/nope/void`,
        body: { reason: 'Wrong chair' },
        field: 'readingId',
        rule: 'isUuid',
      },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused(c.path ?? path(), c);
    });
  });
});
