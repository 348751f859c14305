// Every follow-up write route refuses bad input with 400 application/problem+json naming each field
// and the rule it breaks (the domain's followUpRecordProblems for the answers), and writes nothing:
// no record, no home dose, no status change, no alert, and the patient's link stays usable.
import { randomUUID } from 'node:crypto';
import { Case, expectRefused, LONG } from '../support/bad-input';
import { startTestApp, TestContext, TestUser } from '../support/context';

const DAY = 24 * 3600_000;
const PROMIS = { PAININ9: 2, PAININ22: 2, PAININ31: 2, PAININ34: 2, PAININ12: 2, PAININ36: 2 };
const PHQ9 = { q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 0 };
const BLADDER = {
  FREQUENCY: false,
  URGENCY: false,
  PAIN_PASSING_URINE: false,
  BLOOD_IN_URINE: false,
  NIGHT_TIME_VOIDING: false,
};

describe('bad input on every follow-up write route', () => {
  let ctx: TestContext;
  let nurse: TestUser;
  let clinician: TestUser;
  let followUpId: string;
  let recordId: string;
  let token: string;
  /** When the patient's previous follow-up was taken: home doses before it were reported then. */
  let lastContactAt: number;

  beforeAll(async () => {
    ctx = await startTestApp({ PATIENT_LINK_MAX_REQUESTS: '100000' });
    ({ NURSE: nurse, CLINICIAN: clinician } = await ctx.users());
    const course = await ctx.newCompletedCourse({ lastSessionDaysAgo: 7 });
    const offset = (days: number) => course.followUps.find((f) => f.offsetDays === days)!.id;
    followUpId = offset(7);
    // The day-3 call, taken two days ago (after its window: kept, not completing), with a bladder yes.
    lastContactAt = Date.now() - 2 * DAY;
    recordId = randomUUID();
    await ctx
      .http()
      .post(`/api/follow-ups/${offset(3)}/records`)
      .set('Cookie', nurse.cookie)
      .send({ ...valid(), id: recordId, recordedAtMs: lastContactAt, bladder: { ...BLADDER, URGENCY: true } })
      .expect(201);
    const link = await ctx.http().post(`/api/follow-ups/${followUpId}/link`).set('Cookie', nurse.cookie).expect(201);
    token = (link.body.url as string).split('/follow-up/')[1];
  });
  afterAll(() => ctx.close());

  const answers = () => ({
    painNrsNow: 3,
    painNrs7DayAverage: 4,
    painInterference: { ...PROMIS },
    phq9: { ...PHQ9 },
    bladder: { ...BLADDER },
    supportingCare: ['SLEEP'],
    homeDoses: [{ route: 'ORAL', mg: 20, atMs: Date.now() - 3600_000 }],
    note: 'Sleeping better',
  });
  function valid() {
    return { id: randomUUID(), channel: 'PHONE', recordedAtMs: Date.now() - 60_000, ...answers() };
  }
  const without = (body: Record<string, unknown>, field: string) => {
    const { [field]: _gone, ...rest } = body;
    return rest;
  };

  /** The answers' cases, the same for a nurse and for the patient's link. */
  const answerCases = (base: () => Record<string, unknown>): Case[] => {
    const dose = (change: Record<string, unknown>) => ({
      ...base(),
      homeDoses: [{ ...answers().homeDoses[0], ...change }],
    });
    return [
      { name: 'missing painNrsNow', body: without(base(), 'painNrsNow'), field: 'painNrsNow', rule: 'required' },
      { name: 'a null painNrsNow', body: { ...base(), painNrsNow: null }, field: 'painNrsNow', rule: 'required' },
      {
        name: 'missing painNrs7DayAverage',
        body: without(base(), 'painNrs7DayAverage'),
        field: 'painNrs7DayAverage',
        rule: 'required',
      },
      ...[-1, 11, 4.5, '4'].map((bad) => ({
        name: `${JSON.stringify(bad)} as painNrsNow`,
        body: { ...base(), painNrsNow: bad },
        field: 'painNrsNow',
        rule: 'nrsRange',
      })),
      ...['PAININ9', 'PAININ36'].map((id) => ({
        name: `PROMIS without ${id}`,
        body: { ...base(), painInterference: without(PROMIS, id) },
        field: `painInterference.${id}`,
        rule: 'required',
      })),
      ...[0, 6, 2.5, 'a lot'].map((bad) => ({
        name: `${JSON.stringify(bad)} as a PROMIS answer`,
        body: { ...base(), painInterference: { ...PROMIS, PAININ22: bad } },
        field: 'painInterference.PAININ22',
        rule: 'option',
      })),
      {
        name: 'a PROMIS item not of the form',
        body: { ...base(), painInterference: { ...PROMIS, PAININ99: 2 } },
        field: 'painInterference.PAININ99',
        rule: 'unknownItem',
      },
      {
        name: 'PROMIS answers as a list',
        body: { ...base(), painInterference: [2, 2, 2, 2, 2, 2] },
        field: 'painInterference',
        rule: 'isObject',
      },
      {
        name: 'PHQ-9 without item 9',
        body: { ...base(), phq9: without(PHQ9, 'q9') },
        field: 'phq9.q9',
        rule: 'required',
      },
      {
        name: 'a PHQ-9 answer of 4',
        body: { ...base(), phq9: { ...PHQ9, q9: 4 } },
        field: 'phq9.q9',
        rule: 'option',
      },
      { name: 'no PHQ-9', body: without(base(), 'phq9'), field: 'phq9.q1', rule: 'required' },
      ...Object.keys(BLADDER).map((symptom) => ({
        name: `no answer to ${symptom}`,
        body: { ...base(), bladder: without(BLADDER, symptom) },
        field: `bladder.${symptom}`,
        rule: 'required',
      })),
      {
        name: '"yes" as a bladder answer',
        body: { ...base(), bladder: { ...BLADDER, URGENCY: 'yes' } },
        field: 'bladder.URGENCY',
        rule: 'yesNo',
      },
      {
        name: 'a bladder question not asked',
        body: { ...base(), bladder: { ...BLADDER, THIRST: true } },
        field: 'bladder.THIRST',
        rule: 'unknownItem',
      },
      {
        name: 'no supporting care',
        body: without(base(), 'supportingCare'),
        field: 'supportingCare',
        rule: 'required',
      },
      {
        name: 'unknown supporting care',
        body: { ...base(), supportingCare: ['YOGA'] },
        field: 'supportingCare[0]',
        rule: 'unknownCare',
      },
      {
        name: 'supporting care twice',
        body: { ...base(), supportingCare: ['SLEEP', 'SLEEP'] },
        field: 'supportingCare[1]',
        rule: 'duplicate',
      },
      {
        name: 'supporting care as text',
        body: { ...base(), supportingCare: 'SLEEP' },
        field: 'supportingCare',
        rule: 'isArray',
      },
      { name: 'no home doses', body: without(base(), 'homeDoses'), field: 'homeDoses', rule: 'required' },
      { name: 'an IV dose at home', body: dose({ route: 'IV' }), field: 'homeDoses[0].route', rule: 'homeRoute' },
      { name: 'an unknown route', body: dose({ route: 'RECTAL' }), field: 'homeDoses[0].route', rule: 'isIn' },
      ...[0, -5, 10_000.5, '20'].map((mg) => ({
        name: `${JSON.stringify(mg)} mg`,
        body: dose({ mg }),
        field: 'homeDoses[0].mg',
        rule: 'amount',
      })),
      {
        name: 'mg to two decimals (the ledger keeps tenths)',
        body: dose({ mg: 12.25 }),
        field: 'homeDoses[0].mg',
        rule: 'amount',
      },
      {
        name: 'a dose without its time',
        body: dose({ atMs: undefined }),
        field: 'homeDoses[0].atMs',
        rule: 'required',
      },
      {
        name: 'a dose taken tomorrow',
        body: dose({ atMs: Date.now() + DAY }),
        field: 'homeDoses[0].atMs',
        rule: 'notInFuture',
      },
      {
        name: 'a dose taken before the last contact',
        body: dose({ atMs: lastContactAt - 3600_000 }),
        field: 'homeDoses[0].atMs',
        rule: 'takenSinceLastContact',
      },
      {
        name: 'an unknown field in a dose',
        body: dose({ by: 'mouth' }),
        field: 'homeDoses[0].by',
        rule: 'unknownField',
      },
      {
        name: 'a dose that is not an object',
        body: { ...base(), homeDoses: [20] },
        field: 'homeDoses[0]',
        rule: 'nestedValidation',
      },
      {
        name: 'a note over 2,000 characters',
        body: { ...base(), note: 'x'.repeat(2001) },
        field: 'note',
        rule: 'maxLength',
      },
      { name: 'a note as a number', body: { ...base(), note: 42 }, field: 'note', rule: 'isString' },
      { name: 'an unknown field', body: { ...base(), isAdmin: true }, field: 'isAdmin', rule: 'unknownField' },
      { name: 'a JSON array', body: [base()] },
      { name: 'a JSON string', body: '"text"' },
    ];
  };

  describe('POST /api/follow-ups/:id/records', () => {
    const path = () => `/api/follow-ups/${followUpId}/records`;
    const cases = (): Case[] => [
      ...answerCases(valid),
      { name: 'missing id', body: without(valid(), 'id'), field: 'id', rule: 'isUuid' },
      {
        name: 'an id that is not a UUID v4',
        body: { ...valid(), id: '00000000-0000-0000-0000-000000000000' },
        field: 'id',
        rule: 'isUuid',
      },
      { name: 'missing channel', body: without(valid(), 'channel'), field: 'channel', rule: 'isIn' },
      {
        name: 'the patient-link channel',
        body: { ...valid(), channel: 'PATIENT_LINK' },
        field: 'channel',
        rule: 'isIn',
      },
      { name: 'missing recordedAtMs', body: without(valid(), 'recordedAtMs'), field: 'recordedAtMs', rule: 'required' },
      {
        name: 'recordedAtMs as a date string',
        body: { ...valid(), recordedAtMs: new Date().toISOString() },
        field: 'recordedAtMs',
        rule: 'required',
      },
      {
        name: 'answers taken in ten minutes',
        body: { ...valid(), recordedAtMs: Date.now() + 10 * 60_000 },
        field: 'recordedAtMs',
        rule: 'notInFuture',
      },
      {
        name: 'a follow-up id that is not a UUID',
        path: '/api/follow-ups/nope/records',
        body: valid(),
        field: 'id',
        rule: 'isUuid',
      },
    ];

    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused(ctx, 'post', path(), nurse, c);
    });

    it('names every missing answer at once', async () => {
      const res = await ctx
        .http()
        .post(path())
        .set('Cookie', nurse.cookie)
        .send({ id: randomUUID(), channel: 'IN_PERSON' });
      expect(res.status).toBe(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'recordedAtMs',
          'painNrsNow',
          'painNrs7DayAverage',
          ...Object.keys(PROMIS).map((id) => `painInterference.${id}`),
          ...Object.keys(PHQ9).map((id) => `phq9.${id}`),
          ...Object.keys(BLADDER).map((s) => `bladder.${s}`),
          'supportingCare',
          'homeDoses',
        ]),
      );
      expect(res.body.errors.every((e: { rule: string; message: string }) => e.rule === 'required' && e.message)).toBe(
        true,
      );
    });
  });

  describe('POST /api/patient-link/:token', () => {
    it('refuses every case and leaves the link usable', async () => {
      for (const c of answerCases(answers))
        await expectRefused(ctx, 'post', `/api/patient-link/${token}`, undefined, c);
      expect((await ctx.prisma.followUpLink.findFirstOrThrow({ where: { followUpId } })).usedAt).toBeNull();
      expect((await ctx.http().get(`/api/patient-link/${token}`)).status).toBe(200);
    });
  });

  describe('POST /api/follow-up-records/:id/bladder-review', () => {
    const path = () => `/api/follow-up-records/${recordId}/bladder-review`;
    const cases = (): Case[] => [
      { name: 'no note', body: {}, field: 'note', rule: 'isString' },
      { name: 'a blank note', body: { note: '  \n ' }, field: 'note', rule: 'matches' },
      { name: '10,000 characters', body: { note: LONG }, field: 'note', rule: 'maxLength' },
      { name: 'a number as note', body: { note: 42 }, field: 'note', rule: 'isString' },
      { name: 'an unknown field', body: { note: 'Seen', reviewedBy: 'me' }, field: 'reviewedBy', rule: 'unknownField' },
      {
        name: 'a record id that is not a UUID',
        path: '/api/follow-up-records/nope/bladder-review',
        body: { note: 'Seen' },
        field: 'id',
        rule: 'isUuid',
      },
      { name: 'a JSON array', body: [{ note: 'Seen' }] },
    ];
    it('refuses every case and leaves the record unreviewed', async () => {
      for (const c of cases()) await expectRefused(ctx, 'post', path(), clinician, c);
      expect(
        (await ctx.prisma.followUpRecord.findUniqueOrThrow({ where: { id: recordId } })).bladderReviewedAt,
      ).toBeNull();
    });
  });
});
