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
  let admin: TestUser;
  let appointmentId: string;
  let sessionId: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ NURSE: nurse, CLINICIAN: clinician, ADMIN: admin } = await ctx.users());
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
        name: 'a diastolic above the systolic',
        body: { ...valid(), bloodPressure: { ...reading, systolic: 90, diastolic: 120 } },
        field: 'bloodPressure.diastolic',
        rule: 'diastolicBelowSystolic',
      },
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

  describe('POST /api/sessions/:id/discharge', () => {
    const aldrete = { activity: 2, respiration: 2, circulation: 2, consciousness: 2 };
    const valid = () => ({ version: 1, aldrete, onRoomAir: true, escortPresent: true, painAfter: 2 });
    const cases = (): Case[] => [
      ...fieldCases(valid(), []),
      {
        name: 'an Aldrete item of 3',
        body: { ...valid(), aldrete: { ...aldrete, activity: 3 } },
        field: 'aldrete.activity',
        rule: 'max',
      },
      {
        name: 'an Aldrete item of -1',
        body: { ...valid(), aldrete: { ...aldrete, respiration: -1 } },
        field: 'aldrete.respiration',
        rule: 'min',
      },
      {
        name: 'an Aldrete item of 1.5',
        body: { ...valid(), aldrete: { ...aldrete, circulation: 1.5 } },
        field: 'aldrete.circulation',
        rule: 'isInt',
      },
      {
        name: 'an Aldrete item missing',
        body: { ...valid(), aldrete: { activity: 2, respiration: 2, circulation: 2 } },
        field: 'aldrete.consciousness',
      },
      {
        name: 'the O2 item scored by hand',
        body: { ...valid(), aldrete: { ...aldrete, oxygenSaturation: 2 } },
        field: 'aldrete.oxygenSaturation',
        rule: 'unknownField',
      },
      { name: 'Aldrete as a number', body: { ...valid(), aldrete: 10 }, field: 'aldrete' },
      {
        name: 'escort present "yes"',
        body: { ...valid(), escortPresent: 'yes' },
        field: 'escortPresent',
        rule: 'isBoolean',
      },
      { name: 'pain after 11', body: { ...valid(), painAfter: 11 }, field: 'painAfter', rule: 'max' },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused('post', `/api/sessions/${sessionId}/discharge`, nurse, c);
    });
  });

  describe('POST /api/sessions/:id/sign and /co-sign', () => {
    const cases = (): Case[] => [
      ...fieldCases({ version: 1 }, []),
      { name: 'version 0', body: { version: 0 }, field: 'version', rule: 'min' },
      { name: 'version 1.5', body: { version: 1.5 }, field: 'version', rule: 'isInt' },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused('post', `/api/sessions/${sessionId}/sign`, nurse, c);
      for (const c of cases()) await expectRefused('post', `/api/sessions/${sessionId}/co-sign`, clinician, c);
    });
  });

  describe('POST /api/sessions/:id/addenda', () => {
    const cases = (): Case[] => [
      ...fieldCases({ text: 'Patient phoned: home safely.' }, ['text']),
      { name: 'a blank text', body: { text: '   ' }, field: 'text', rule: 'matches' },
      { name: 'an empty text', body: { text: '' }, field: 'text', rule: 'matches' },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused('post', `/api/sessions/${sessionId}/addenda`, nurse, c);
    });
  });

  describe('PUT /api/clinic/infusion-settings', () => {
    const valid = () => ({ version: 1, infusion: { vitalsIntervalMinutes: 15 }, dosing: { rateStepMgPerHour: 0.1 } });
    const cases = (): Case[] => [
      ...fieldCases(valid(), [], { optional: ['infusion', 'dosing'] }),
      {
        name: 'an interval of 0 minutes',
        body: { ...valid(), infusion: { vitalsIntervalMinutes: 0 } },
        field: 'infusion.vitalsIntervalMinutes',
        rule: 'min',
      },
      {
        name: 'an interval of 121 minutes',
        body: { ...valid(), infusion: { vitalsIntervalMinutes: 121 } },
        field: 'infusion.vitalsIntervalMinutes',
        rule: 'max',
      },
      {
        name: 'SpO2 limit 101',
        body: { ...valid(), infusion: { thresholds: { spo2Below: 101 } } },
        field: 'infusion.thresholds.spo2Below',
        rule: 'max',
      },
      {
        name: 'an unknown threshold',
        body: { ...valid(), infusion: { thresholds: { tempAbove: 38 } } },
        field: 'infusion.thresholds.tempAbove',
        rule: 'unknownField',
      },
      {
        name: 'Aldrete minimum 11',
        body: { ...valid(), infusion: { discharge: { aldreteMinimum: 11 } } },
        field: 'infusion.discharge.aldreteMinimum',
        rule: 'max',
      },
      {
        name: 'fasting of 25 h',
        body: { ...valid(), infusion: { fastingHours: { food: 25 } } },
        field: 'infusion.fastingHours.food',
        rule: 'max',
      },
      {
        name: 'a low systolic limit above the high one',
        body: { ...valid(), infusion: { thresholds: { systolicBelow: 185 } } },
        field: 'infusion.thresholds.systolicBelow',
        rule: 'ordered',
      },
      {
        name: 'a rate step of 0',
        body: { ...valid(), dosing: { rateStepMgPerHour: 0 } },
        field: 'dosing.rateStepMgPerHour',
        rule: 'min',
      },
      {
        name: 'a 30-day cap of -5 mg',
        body: { ...valid(), dosing: { windowCapsMg: { '30': -5 } } },
        field: 'dosing.windowCapsMg[30]',
        rule: 'min',
      },
      {
        name: 'a 90-day cap below the 30-day cap',
        body: { ...valid(), dosing: { windowCapsMg: { '30': 500, '90': 400 } } },
        field: 'dosing.windowCapsMg[90]',
        rule: 'ordered',
      },
      {
        name: 'a weight range upside down',
        body: { ...valid(), dosing: { weightKg: { min: 200, max: 20 } } },
        field: 'dosing.weightKg.min',
        rule: 'ordered',
      },
      {
        name: 'a weight range without its max',
        body: { ...valid(), dosing: { weightKg: { min: 20 } } },
        field: 'dosing.weightKg.max',
      },
      { name: 'infusion as a list', body: { ...valid(), infusion: [] }, field: 'infusion' },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused('put', '/api/clinic/infusion-settings', admin, c);
    });
  });
});
