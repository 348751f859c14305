// The adverse-event and alert write routes refuse bad input with 400 application/problem+json
// naming the field and the rule, and write nothing.
import { randomUUID } from 'node:crypto';
import { Case, expectRefused as refuse, fieldCases, LONG } from '../support/bad-input';
import { startTestApp, TestContext, TestUser } from '../support/context';

const BAD_INSTANTS = ['2027-02-30T09:00:00Z', '2027-03-01T25:00:00Z', '2027-03-01T09:00:00', '2027-03-01', 'now'];

describe('bad input on the adverse-event and alert write routes', () => {
  let ctx: TestContext;
  let nurse: TestUser;
  let sessionId: string;
  let draftId: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ NURSE: nurse } = await ctx.users());
    ({ sessionId } = await ctx.newCheckedInSession());
    const reading = await ctx
      .http()
      .post(`/api/sessions/${sessionId}/vitals`)
      .set('Cookie', nurse.cookie)
      .send({ id: randomUUID(), takenAt: new Date().toISOString(), systolic: 190, diastolic: 95 })
      .expect(201);
    [draftId] = reading.body.draftAdverseEventIds;
  });
  afterAll(() => ctx.close());

  const expectRefused = (method: 'post' | 'patch', path: string, c: Case) => refuse(ctx, method, path, nurse, c);
  const valid = () => ({
    id: randomUUID(),
    term: 'nausea',
    grade: 1,
    onsetAt: new Date().toISOString(),
    actions: ['NONE'],
    outcome: 'RESOLVED',
    serious: false,
  });
  /** Field cases every body with the event's fields shares. */
  const eventFields = (base: () => Record<string, unknown>): Case[] => [
    { name: 'an unknown term', body: { ...base(), term: 'sneezing' }, field: 'term', rule: 'isIn' },
    { name: 'grade 0', body: { ...base(), grade: 0 }, field: 'grade', rule: 'min' },
    { name: 'grade 6', body: { ...base(), grade: 6 }, field: 'grade', rule: 'max' },
    { name: 'grade 2.5', body: { ...base(), grade: 2.5 }, field: 'grade', rule: 'isInt' },
    { name: 'an unknown action', body: { ...base(), actions: ['PRAYED'] }, field: 'actions', rule: 'isIn' },
    { name: 'actions as text', body: { ...base(), actions: 'NONE' }, field: 'actions', rule: 'isArray' },
    { name: 'an unknown outcome', body: { ...base(), outcome: 'FINE' }, field: 'outcome', rule: 'isIn' },
    { name: 'serious as text', body: { ...base(), serious: 'yes' }, field: 'serious', rule: 'isBoolean' },
    { name: 'a blank description', body: { ...base(), description: ' ' }, field: 'description', rule: 'matches' },
    {
      name: 'a 10,000-character description',
      body: { ...base(), description: LONG },
      field: 'description',
      rule: 'maxLength',
    },
    ...BAD_INSTANTS.map((bad) => ({
      name: `${bad} as onsetAt`,
      body: { ...base(), onsetAt: bad },
      field: 'onsetAt',
      rule: 'isInstant',
    })),
  ];

  describe('POST /api/sessions/{id}/adverse-events', () => {
    const path = () => `/api/sessions/${sessionId}/adverse-events`;
    const cases = (): Case[] => [
      ...fieldCases(valid(), ['id', 'term', 'onsetAt', 'outcome']),
      ...eventFields(valid),
      {
        name: 'a UUID that is not v4',
        body: { ...valid(), id: '00000000-0000-1000-8000-000000000000' },
        field: 'id',
        rule: 'isUuid',
      },
      {
        name: 'a grade the term does not define',
        body: { ...valid(), term: 'hypoxia', grade: 1 },
        field: 'grade',
        rule: 'ctcaeGrade',
      },
      {
        name: 'NONE with another action',
        body: { ...valid(), actions: ['NONE', 'PAUSED'] },
        field: 'actions',
        rule: 'noneAlone',
      },
      { name: 'no action at all', body: { ...valid(), actions: [] }, field: 'actions', rule: 'actionsTaken' },
      {
        name: 'other without a description',
        body: { ...valid(), term: 'other' },
        field: 'description',
        rule: 'describeOther',
      },
      {
        name: 'grade 5 not fatal',
        body: { ...valid(), term: 'vomiting', grade: 5 },
        field: 'outcome',
        rule: 'deathIsFatal',
      },
      {
        name: 'an onset an hour from now',
        body: { ...valid(), onsetAt: new Date(Date.now() + 3_600_000).toISOString() },
        field: 'onsetAt',
        rule: 'notInFuture',
      },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused('post', path(), c);
    });
  });

  describe('PATCH /api/adverse-events/{id}', () => {
    const path = () => `/api/adverse-events/${draftId}`;
    const base = () => ({ version: 1, grade: 2 });
    const cases = (): Case[] => [
      ...fieldCases(base(), [], { optional: ['grade'] }),
      ...eventFields(base),
      { name: 'version 0', body: { version: 0, grade: 2 }, field: 'version', rule: 'min' },
      { name: 'version as text', body: { version: '1', grade: 2 }, field: 'version', rule: 'isInt' },
      { name: 'no change', body: { version: 1 }, field: 'body', rule: 'atLeastOneChange' },
      { name: 'an id that is not a UUID', path: '/api/adverse-events/nope', body: base(), field: 'id', rule: 'isUuid' },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused('patch', c.path ?? path(), c);
    });
  });

  describe('POST /api/adverse-events/{id}/confirm', () => {
    const path = () => `/api/adverse-events/${draftId}/confirm`;
    const base = () => ({ version: 1, actions: ['PAUSED'], outcome: 'RESOLVING' });
    const cases = (): Case[] => [
      ...fieldCases(base(), [], { optional: ['actions', 'outcome'] }),
      ...eventFields(base),
      {
        name: 'a confirmation that leaves the draft incomplete',
        body: { version: 1 },
        field: 'actions',
        rule: 'actionsTaken',
      },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused('post', path(), c);
    });
  });

  describe('POST /api/adverse-events/{id}/dismiss', () => {
    const path = () => `/api/adverse-events/${draftId}/dismiss`;
    const cases = (): Case[] => [
      ...fieldCases({ version: 1, reason: 'Cuff error, rechecked normal' }, ['reason']),
      { name: 'a blank reason', body: { version: 1, reason: '  ' }, field: 'reason', rule: 'matches' },
      {
        name: 'a reason of 501 characters',
        body: { version: 1, reason: LONG.slice(0, 501) },
        field: 'reason',
        rule: 'maxLength',
      },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused('post', path(), c);
    });
  });

  describe('POST /api/alerts/{id}/read', () => {
    it('refuses an id that is not a UUID', async () => {
      await expectRefused('post', '/api/alerts/nope/read', {
        name: 'not a UUID',
        body: {},
        field: 'id',
        rule: 'isUuid',
      });
    });
  });
});
