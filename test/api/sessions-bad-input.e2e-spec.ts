// Every session write route refuses bad input with 400 application/problem+json naming the field
// and the rule, and writes nothing: the row counts (sessions and audit rows included) stay the same.
import { Case, expectRefused as refuse, fieldCases, LONG } from '../support/bad-input';
import { startTestApp, TestContext, TestUser } from '../support/context';

const NIL_UUID = '00000000-0000-4000-8000-000000000000';
const BAD_INSTANTS = ['2027-02-30T09:00:00Z', '2027-03-01T09:00:00', 'tomorrow', '1800-01-01T09:00:00Z'];

describe('bad input on every session write route', () => {
  let ctx: TestContext;
  let nurse: TestUser;
  let clinician: TestUser;
  let appointmentId: string;
  let sessionId: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ NURSE: nurse, CLINICIAN: clinician } = await ctx.users());
    const patient = await ctx.newEligiblePatient();
    const chair = await ctx.newChair();
    const startsAt = new Date(Date.now() - 5 * 60_000);
    const course = await ctx.newBookedCourse(
      patient.id,
      [
        {
          chairId: chair.id,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        },
      ],
      'IV_SINGLE_INFUSION',
    );
    appointmentId = course.appointmentIds[0];
    sessionId = (await ctx.newCheckedInSession()).sessionId;
  });
  afterAll(() => ctx.close());

  /** Names the case in the failure, since one test walks them all. */
  const expectRefused = async (method: 'post' | 'put', path: string, user: TestUser, c: Case) => {
    try {
      await refuse(ctx, method, path, user, c);
    } catch (error) {
      throw new Error(`${c.name}: ${(error as Error).message}`);
    }
  };
  const future = () => new Date(Date.now() + 3_600_000).toISOString();
  const reading = { systolic: 120, diastolic: 80, heartRate: 70 };

  describe('POST /api/appointments/:appointmentId/check-in', () => {
    const valid = () => ({
      supervisingClinicianId: clinician.id,
      identityConfirmed: true,
      bloodPressure: reading,
      spo2: 98,
      weightKg: 70,
      pregnancy: 'no',
      lastFoodAt: new Date(Date.now() - 6 * 3_600_000).toISOString(),
      escortArranged: true,
      willDrive: false,
      painBefore: 6,
    });
    const cases = (): Case[] => [
      ...fieldCases(valid(), ['supervisingClinicianId', 'pregnancy', 'lastFoodAt'], {
        optional: [
          'bloodPressure',
          'spo2',
          'weightKg',
          'pregnancy',
          'lastFoodAt',
          'escortArranged',
          'willDrive',
          'painBefore',
        ],
      }),
      {
        name: 'identity not confirmed',
        body: { ...valid(), identityConfirmed: false },
        field: 'identityConfirmed',
        rule: 'equals',
      },
      {
        name: 'a supervising clinician of no one',
        body: { ...valid(), supervisingClinicianId: NIL_UUID },
        field: 'supervisingClinicianId',
        rule: 'isClinician',
      },
      {
        name: 'a nurse as supervising clinician',
        body: { ...valid(), supervisingClinicianId: nurse.id },
        field: 'supervisingClinicianId',
        rule: 'isClinician',
      },
      {
        name: 'a supervising clinician that is not a UUID',
        body: { ...valid(), supervisingClinicianId: 'dr-who' },
        field: 'supervisingClinicianId',
        rule: 'isUuid',
      },
      {
        name: 'systolic 400',
        body: { ...valid(), bloodPressure: { ...reading, systolic: 400 } },
        field: 'bloodPressure.systolic',
        rule: 'max',
      },
      {
        name: 'heart rate 80.5',
        body: { ...valid(), bloodPressure: { ...reading, heartRate: 80.5 } },
        field: 'bloodPressure.heartRate',
        rule: 'isInt',
      },
      {
        name: 'a reading without diastolic',
        body: { ...valid(), bloodPressure: { systolic: 120, heartRate: 70 } },
        field: 'bloodPressure.diastolic',
      },
      { name: 'a reading as a string', body: { ...valid(), bloodPressure: '120/80' }, field: 'bloodPressure' },
      {
        name: 'a reading taken in the future',
        body: { ...valid(), bloodPressure: { ...reading, takenAt: future() } },
        field: 'bloodPressure.takenAt',
        rule: 'notInFuture',
      },
      {
        name: 'a reading taken yesterday',
        body: {
          ...valid(),
          bloodPressure: { ...reading, takenAt: new Date(Date.now() - 26 * 3_600_000).toISOString() },
        },
        field: 'bloodPressure.takenAt',
        rule: 'today',
      },
      { name: 'SpO2 101', body: { ...valid(), spo2: 101 }, field: 'spo2', rule: 'max' },
      { name: 'SpO2 -1', body: { ...valid(), spo2: -1 }, field: 'spo2', rule: 'min' },
      { name: 'weight 70.25', body: { ...valid(), weightKg: 70.25 }, field: 'weightKg', rule: 'isNumber' },
      { name: 'weight 0', body: { ...valid(), weightKg: 0 }, field: 'weightKg', rule: 'min' },
      { name: 'weight 501', body: { ...valid(), weightKg: 501 }, field: 'weightKg', rule: 'max' },
      { name: 'pregnancy "maybe"', body: { ...valid(), pregnancy: 'maybe' }, field: 'pregnancy', rule: 'isIn' },
      {
        name: 'last food in the future',
        body: { ...valid(), lastFoodAt: future() },
        field: 'lastFoodAt',
        rule: 'notInFuture',
      },
      ...BAD_INSTANTS.map((bad) => ({
        name: `${bad} as lastClearFluidsAt`,
        body: { ...valid(), lastClearFluidsAt: bad },
        field: 'lastClearFluidsAt',
        rule: 'isInstant',
      })),
      { name: 'escort "yes"', body: { ...valid(), escortArranged: 'yes' }, field: 'escortArranged', rule: 'isBoolean' },
      { name: 'pain 11', body: { ...valid(), painBefore: 11 }, field: 'painBefore', rule: 'max' },
      { name: 'pain 5.5', body: { ...valid(), painBefore: 5.5 }, field: 'painBefore', rule: 'isInt' },
      {
        name: 'an appointment id that is not a UUID',
        path: '/api/appointments/not-a-uuid/check-in',
        body: valid(),
        field: 'appointmentId',
        rule: 'isUuid',
      },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused('post', `/api/appointments/${appointmentId}/check-in`, nurse, c);
    });
  });

  describe('PUT /api/sessions/:id/check-in', () => {
    const valid = () => ({ version: 1, spo2: 97, recheck: reading, supervisingClinicianId: clinician.id });
    const cases = (): Case[] => [
      ...fieldCases(valid(), ['supervisingClinicianId'], { optional: ['spo2', 'recheck', 'supervisingClinicianId'] }),
      { name: 'version 0', body: { ...valid(), version: 0 }, field: 'version', rule: 'min' },
      { name: 'version "1"', body: { ...valid(), version: '1' }, field: 'version', rule: 'isInt' },
      {
        name: "today's first reading again",
        body: { ...valid(), bloodPressure: reading },
        field: 'bloodPressure',
        rule: 'firstReadingKept',
      },
      {
        name: 'a recheck before the first reading',
        body: { ...valid(), recheck: { ...reading, takenAt: new Date(Date.now() - 60 * 60_000).toISOString() } },
        field: 'recheck.takenAt',
      },
      {
        name: 'a recheck in the future',
        body: { ...valid(), recheck: { ...reading, takenAt: future() } },
        field: 'recheck.takenAt',
        rule: 'notInFuture',
      },
      {
        name: 'a recheck with systolic 10',
        body: { ...valid(), recheck: { ...reading, systolic: 10 } },
        field: 'recheck.systolic',
        rule: 'min',
      },
      {
        name: 'a nurse as supervising clinician',
        body: { ...valid(), supervisingClinicianId: nurse.id },
        field: 'supervisingClinicianId',
        rule: 'isClinician',
      },
      {
        name: 'a session id that is not a UUID',
        path: '/api/sessions/1/check-in',
        body: valid(),
        field: 'id',
        rule: 'isUuid',
      },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused('put', `/api/sessions/${sessionId}/check-in`, nurse, c);
    });
  });

  describe('POST /api/sessions/:id/check-in-override', () => {
    const valid = () => ({
      version: 1,
      reason: 'The escort arrives at the end of the session',
      accepts: ['NO_ESCORT'],
    });
    const cases = (): Case[] => [
      ...fieldCases(valid(), ['reason']),
      { name: 'a short reason', body: { ...valid(), reason: 'ok' }, field: 'reason', rule: 'minLength' },
      { name: 'a blank reason', body: { ...valid(), reason: ' '.repeat(20) }, field: 'reason', rule: 'matches' },
      { name: 'a reason of 10,000 characters', body: { ...valid(), reason: LONG }, field: 'reason', rule: 'maxLength' },
      { name: 'accepting nothing', body: { ...valid(), accepts: [] }, field: 'accepts', rule: 'arrayMinSize' },
      {
        name: 'accepting an unknown code',
        body: { ...valid(), accepts: ['EVERYTHING'] },
        field: 'accepts',
        rule: 'isIn',
      },
      {
        name: 'accepting a code twice',
        body: { ...valid(), accepts: ['NO_ESCORT', 'NO_ESCORT'] },
        field: 'accepts',
        rule: 'arrayUnique',
      },
      { name: 'accepts as a string', body: { ...valid(), accepts: 'NO_ESCORT' }, field: 'accepts', rule: 'isArray' },
    ];
    it('refuses every case', async () => {
      for (const c of cases())
        await expectRefused('post', `/api/sessions/${sessionId}/check-in-override`, clinician, c);
    });
  });
});
