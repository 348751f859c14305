// Every dosing write route refuses bad input with 400 application/problem+json naming the field and
// the rule, and writes nothing: a dose is never rounded, clamped or guessed from what was sent.
import { randomUUID } from 'node:crypto';
import { Case, expectRefused as refuse, fieldCases } from '../support/bad-input';
import { startTestApp, TestContext, TestUser } from '../support/context';

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const BAD_INSTANTS = [
  '2026-02-30T09:00:00Z',
  '2026-13-01T09:00:00Z',
  '2026-03-01T25:00:00Z',
  '2026-03-01T09:00:00',
  '2026-03-01',
  'now',
  '1800-01-01T09:00:00Z',
];
const REASON = 'Tolerated this rate last course without side effects';

describe('bad input on every dosing write route', () => {
  let ctx: TestContext;
  let nurse: TestUser;
  let clinician: TestUser;
  let sessionId: string;
  let patientId: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ NURSE: nurse, CLINICIAN: clinician } = await ctx.users());
    ({ sessionId, patientId } = await ctx.newCheckedInSession());
  });
  afterAll(() => ctx.close());

  const expectRefused = (path: string, user: TestUser, c: Case) => refuse(ctx, 'post', path, user, c);
  const past = () => new Date(Date.now() - 3_600_000).toISOString();
  const future = () => new Date(Date.now() + 3_600_000).toISOString();
  const overrideCases = (valid: Record<string, unknown>): Case[] => [
    { name: 'an override as text', body: { ...valid, override: 'yes' }, field: 'override', rule: 'isObject' },
    {
      name: 'an override reason under 10 characters',
      body: { ...valid, override: { reason: 'ok', accepts: ['ABOVE_RANGE'] } },
      field: 'override.reason',
      rule: 'minLength',
    },
    {
      name: 'a blank override reason',
      body: { ...valid, override: { reason: ' '.repeat(12), accepts: ['ABOVE_RANGE'] } },
      field: 'override.reason',
      rule: 'matches',
    },
    {
      name: 'an override of an absolute reason',
      body: { ...valid, override: { reason: REASON, accepts: ['WEIGHT_MISSING'] } },
      field: 'override.accepts',
      rule: 'isIn',
    },
    {
      name: 'override accepts as text',
      body: { ...valid, override: { reason: REASON, accepts: 'ABOVE_RANGE' } },
      field: 'override.accepts',
      rule: 'isArray',
    },
    {
      name: 'a reason accepted twice',
      body: { ...valid, override: { reason: REASON, accepts: ['ABOVE_RANGE', 'ABOVE_RANGE'] } },
      field: 'override.accepts',
      rule: 'arrayUnique',
    },
    {
      name: 'an unknown field in the override',
      body: { ...valid, override: { reason: REASON, accepts: [], by: 'someone' } },
      field: 'override.by',
      rule: 'unknownField',
    },
  ];

  describe('POST /api/sessions/:id/orders', () => {
    const path = () => `/api/sessions/${sessionId}/orders`;
    const valid = () => ({ perKg: 0.5, plannedMinutes: 40 });
    const cases = (): Case[] => [
      ...fieldCases(valid(), [], { optional: ['plannedMinutes'] }),
      { name: 'perKg of 0', body: { ...valid(), perKg: 0 }, field: 'perKg', rule: 'min' },
      { name: 'a negative perKg', body: { ...valid(), perKg: -0.5 }, field: 'perKg', rule: 'min' },
      { name: 'perKg over 100', body: { ...valid(), perKg: 100.5 }, field: 'perKg', rule: 'max' },
      { name: 'perKg as text', body: { ...valid(), perKg: '0.5' }, field: 'perKg', rule: 'isNumber' },
      { name: 'perKg to four decimals', body: { ...valid(), perKg: 0.1234 }, field: 'perKg', rule: 'isNumber' },
      { name: 'plannedMinutes of 0', body: { ...valid(), plannedMinutes: 0 }, field: 'plannedMinutes', rule: 'min' },
      {
        name: 'plannedMinutes over a week',
        body: { ...valid(), plannedMinutes: 10081 },
        field: 'plannedMinutes',
        rule: 'max',
      },
      {
        name: 'fractional plannedMinutes',
        body: { ...valid(), plannedMinutes: 40.5 },
        field: 'plannedMinutes',
        rule: 'isInt',
      },
      { name: 'an infusion without plannedMinutes', body: { perKg: 0.5 }, field: 'plannedMinutes', rule: 'required' },
      ...overrideCases(valid()),
      {
        name: 'a session id that is not a UUID',
        path: '/api/sessions/nope/orders',
        body: valid(),
        field: 'id',
        rule: 'isUuid',
      },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused(path(), clinician, c);
    });
  });

  describe('POST /api/sessions/:id/dose-events', () => {
    const path = () => `/api/sessions/${sessionId}/dose-events`;
    const valid = () => ({ id: randomUUID(), kind: 'RATE', at: past(), rateMgPerHour: 20 });
    const cases = (): Case[] => [
      ...fieldCases(valid(), ['id', 'kind', 'at'], { optional: ['rateMgPerHour'] }),
      { name: 'an id that is not a UUID v4', body: { ...valid(), id: NIL_UUID }, field: 'id', rule: 'isUuid' },
      { name: 'an unknown kind', body: { ...valid(), kind: 'PAUSE' }, field: 'kind', rule: 'isIn' },
      ...BAD_INSTANTS.map((bad) => ({
        name: `${bad} as at`,
        body: { ...valid(), at: bad },
        field: 'at',
        rule: 'isInstant',
      })),
      { name: 'a time in the future', body: { ...valid(), at: future() }, field: 'at', rule: 'notInFuture' },
      // The fixture checked the patient in a moment ago; an hour ago is before it.
      { name: 'a time before the check-in', body: valid(), field: 'at', rule: 'notBeforeCheckIn' },
      { name: 'a negative rate', body: { ...valid(), rateMgPerHour: -1 }, field: 'rateMgPerHour', rule: 'min' },
      {
        name: 'a rate over 10,000 mg/h',
        body: { ...valid(), rateMgPerHour: 10_001 },
        field: 'rateMgPerHour',
        rule: 'max',
      },
      {
        name: 'a rate to two decimals',
        body: { ...valid(), rateMgPerHour: 20.25 },
        field: 'rateMgPerHour',
        rule: 'isNumber',
      },
      { name: 'a rate as text', body: { ...valid(), rateMgPerHour: '20' }, field: 'rateMgPerHour', rule: 'isNumber' },
      {
        name: 'a RATE without its rate',
        body: { ...valid(), rateMgPerHour: undefined },
        field: 'rateMgPerHour',
        rule: 'required',
      },
      {
        name: 'a rate on a START',
        body: { ...valid(), kind: 'START' },
        field: 'rateMgPerHour',
        rule: 'onlyOnRate',
      },
      ...overrideCases(valid()),
      {
        name: 'a session id that is not a UUID',
        path: '/api/sessions/nope/dose-events',
        body: valid(),
        field: 'id',
        rule: 'isUuid',
      },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused(path(), nurse, c);
    });
  });

  describe('POST /api/patients/:id/home-doses', () => {
    const path = () => `/api/patients/${patientId}/home-doses`;
    const valid = () => ({ id: randomUUID(), route: 'ORAL', mg: 20, takenAt: past(), note: 'Evening dose' });
    const cases = (): Case[] => [
      ...fieldCases(valid(), ['id', 'route', 'takenAt', 'note'], { optional: ['note'] }),
      { name: 'an IV dose at home', body: { ...valid(), route: 'IV' }, field: 'route', rule: 'isIn' },
      { name: 'an unknown route', body: { ...valid(), route: 'RECTAL' }, field: 'route', rule: 'isIn' },
      { name: '0 mg', body: { ...valid(), mg: 0 }, field: 'mg', rule: 'min' },
      { name: 'a negative dose', body: { ...valid(), mg: -20 }, field: 'mg', rule: 'min' },
      { name: 'over 10,000 mg', body: { ...valid(), mg: 10_000.1 }, field: 'mg', rule: 'max' },
      { name: 'mg to two decimals', body: { ...valid(), mg: 20.25 }, field: 'mg', rule: 'isNumber' },
      { name: 'mg as text', body: { ...valid(), mg: '20' }, field: 'mg', rule: 'isNumber' },
      ...BAD_INSTANTS.map((bad) => ({
        name: `${bad} as takenAt`,
        body: { ...valid(), takenAt: bad },
        field: 'takenAt',
        rule: 'isInstant',
      })),
      { name: 'taken in the future', body: { ...valid(), takenAt: future() }, field: 'takenAt', rule: 'notInFuture' },
      {
        name: 'a patient id that is not a UUID',
        path: '/api/patients/nope/home-doses',
        body: valid(),
        field: 'id',
        rule: 'isUuid',
      },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused(path(), nurse, c);
    });
  });
});
