// Every screening write refuses bad input with 400 application/problem+json naming the field (or
// the answer, as answers.<itemId>) and the rule, and writes nothing: row counts are unchanged.
import { Case, expectRefused as refuse, LONG } from '../support/bad-input';
import { rowCounts, startTestApp, TestContext, TestUser } from '../support/context';

describe('bad input on screening routes', () => {
  let ctx: TestContext;
  let nurse: TestUser;
  let clinician: TestUser;
  let admin: TestUser;
  let scheduler: TestUser;
  let patientId: string;
  let generalV1: { id: string; definition: { items: Record<string, unknown>[] } };
  let cardiovascularId: string;
  let psychiatricId: string;
  let draftId: string;
  let submittedId: string;
  let v1DraftId: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ NURSE: nurse, CLINICIAN: clinician, ADMIN: admin, SCHEDULER: scheduler } = await ctx.users());
    patientId = (await ctx.newPatient()).id;
    const templates = (await ctx.http().get('/api/screening-templates').set('Cookie', nurse.cookie).expect(200)).body
      .items as { id: string; key: string }[];
    const byKey = (key: string) => templates.find((t) => t.key === key)!;
    generalV1 = byKey('general') as unknown as typeof generalV1;
    cardiovascularId = byKey('cardiovascular').id;
    psychiatricId = byKey('psychiatric').id;

    draftId = (
      await ctx
        .http()
        .post(`/api/patients/${patientId}/screenings`)
        .set('Cookie', nurse.cookie)
        .send({ templateId: cardiovascularId })
        .expect(201)
    ).body.id;
    const full = {
      pregnancy: 'no',
      liver_disease: 'none',
      raised_intracranial_pressure: false,
      raised_intraocular_pressure: false,
      urinary_symptoms: false,
      allergies: 'none known',
      takes_benzodiazepine: false,
      takes_lamotrigine: false,
      takes_maoi: false,
      weight_kg: 70,
    };
    const s = (
      await ctx
        .http()
        .post(`/api/patients/${patientId}/screenings`)
        .set('Cookie', nurse.cookie)
        .send({ templateId: generalV1.id, answers: full })
        .expect(201)
    ).body;
    submittedId = (
      await ctx
        .http()
        .post(`/api/screenings/${s.id}/submit`)
        .set('Cookie', nurse.cookie)
        .send({ version: 1 })
        .expect(200)
    ).body.id;

    // A draft on general v1, then v2 is published with an extra item: v2's answers do not fit the v1 draft.
    v1DraftId = (
      await ctx
        .http()
        .post(`/api/patients/${patientId}/screenings`)
        .set('Cookie', nurse.cookie)
        .send({ templateId: generalV1.id })
        .expect(201)
    ).body.id;
    await ctx
      .http()
      .post('/api/screening-templates')
      .set('Cookie', admin.cookie)
      .send({
        key: 'general',
        kind: 'GENERAL',
        title: 'General screening',
        definition: { items: [...generalV1.definition.items, { id: 'fasted', type: 'yesno', label: 'Fasted' }] },
      })
      .expect(201);
  });
  afterAll(() => ctx.close());

  const expectRefused = (
    method: 'post' | 'patch' | 'put' | 'delete',
    path: string,
    user: TestUser | undefined,
    c: Case,
  ) => refuse(ctx, method, path, user, c);

  // Answers that do not fit the cardiovascular checklist, for create and for save.
  const badAnswers: Case[] = [
    {
      name: 'an unknown item id',
      body: { bp1_systolic: 120, favourite_colour: 'blue' },
      field: 'answers.favourite_colour',
      rule: 'unknown_item',
    },
    {
      name: 'a systolic of 301 (range 50–300)',
      body: { bp1_systolic: 301 },
      field: 'answers.bp1_systolic',
      rule: 'range',
    },
    { name: 'a systolic of 49', body: { bp1_systolic: 49 }, field: 'answers.bp1_systolic', rule: 'range' },
    {
      name: 'a diastolic above its systolic (115/190)',
      body: { bp1_systolic: 115, bp1_diastolic: 190 },
      field: 'answers.bp1_diastolic',
      rule: 'pair',
    },
    {
      name: 'a diastolic equal to its systolic',
      body: { bp2_systolic: 120, bp2_diastolic: 120 },
      field: 'answers.bp2_diastolic',
      rule: 'pair',
    },
    { name: 'a fractional heart rate', body: { heart_rate: 72.5 }, field: 'answers.heart_rate', rule: 'integer' },
    { name: 'a number as text', body: { heart_rate: '72' }, field: 'answers.heart_rate', rule: 'type' },
    { name: 'yes/no as text', body: { hypertension: 'yes' }, field: 'answers.hypertension', rule: 'type' },
    { name: 'yes/no as a number', body: { hypertension: 1 }, field: 'answers.hypertension', rule: 'type' },
    { name: 'an impossible date', body: { mi_last_date: '2023-02-30' }, field: 'answers.mi_last_date', rule: 'date' },
    { name: 'an object as an answer', body: { heart_rate: { $gt: 0 } }, field: 'answers.heart_rate', rule: 'type' },
  ];
  const badPsychiatric: Case[] = [
    { name: 'a PHQ-9 answer of 4 (0–3)', body: { phq9: { q1: 4 } }, field: 'answers.phq9.q1', rule: 'option' },
    { name: 'an unknown PHQ-9 item', body: { phq9: { q10: 1 } }, field: 'answers.phq9.q10', rule: 'unknown_item' },
    { name: 'an instrument as a number', body: { gad7: 5 }, field: 'answers.gad7', rule: 'type' },
    { name: 'a C-SSRS answer as text', body: { cssrs: { q1: 'no' } }, field: 'answers.cssrs.q1', rule: 'option' },
  ];

  describe('POST /api/patients/{patientId}/screenings', () => {
    const path = () => `/api/patients/${patientId}/screenings`;
    it.each([
      { name: 'a missing templateId', body: {}, field: 'templateId', rule: 'isUuid' },
      { name: 'a templateId that is not a UUID', body: { templateId: 'general' }, field: 'templateId', rule: 'isUuid' },
      {
        name: 'a templateId naming nothing',
        body: { templateId: '00000000-0000-4000-8000-000000000000' },
        field: 'templateId',
        rule: 'exists',
      },
      {
        name: 'an unknown field',
        body: { templateId: '00000000-0000-4000-8000-000000000000', status: 'SIGNED' },
        field: 'status',
        rule: 'unknownField',
      },
      {
        name: 'answers as an array',
        body: { templateId: '00000000-0000-4000-8000-000000000000', answers: [1] },
        field: 'answers',
        rule: 'isObject',
      },
      {
        name: 'answers as text',
        body: { templateId: '00000000-0000-4000-8000-000000000000', answers: 'all fine' },
        field: 'answers',
        rule: 'isObject',
      },
      { name: 'a JSON array', body: [{}] },
      {
        name: 'an invalid patient id',
        path: '/api/patients/nope/screenings',
        body: {},
        field: 'patientId',
        rule: 'isUuid',
      },
    ])('refuses $name', (c) => expectRefused('post', path(), nurse, c));

    it.each(badAnswers)('refuses $name', (c) =>
      expectRefused('post', path(), nurse, { ...c, body: { templateId: cardiovascularId, answers: c.body } }),
    );
    it.each(badPsychiatric)('refuses $name', (c) =>
      expectRefused('post', path(), nurse, { ...c, body: { templateId: psychiatricId, answers: c.body } }),
    );

    it('refuses a new screening on an older version of the checklist', () =>
      expectRefused('post', path(), nurse, {
        name: '',
        body: { templateId: generalV1.id, answers: {} },
        field: 'templateId',
        rule: 'latestVersion',
      }));

    it('refuses 10,000 characters in a text item of the latest checklist', async () => {
      const latest = (
        await ctx.http().get('/api/screening-templates').set('Cookie', nurse.cookie).expect(200)
      ).body.items.find((t: { key: string }) => t.key === 'general');
      await expectRefused('post', path(), nurse, {
        name: '',
        body: { templateId: latest.id, answers: { allergies: LONG } },
        field: 'answers.allergies',
        rule: 'max_length',
      });
    });

    it('lists at most 50 problems for a flood of unknown items', async () => {
      const flood = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`item_${i}`, true]));
      const res = await ctx
        .http()
        .post(path())
        .set('Cookie', nurse.cookie)
        .send({ templateId: cardiovascularId, answers: flood })
        .expect(400);
      expect(res.body.errors).toHaveLength(51);
      expect(res.body.errors[50]).toMatchObject({ field: 'answers', rule: 'tooManyProblems' });
    });
  });

  describe('PATCH /api/screenings/{id}', () => {
    const path = () => `/api/screenings/${draftId}`;
    it.each([
      { name: 'a missing version', body: { answers: {} }, field: 'version' },
      { name: 'a version as text', body: { version: '1', answers: {} }, field: 'version', rule: 'isInt' },
      { name: 'a version of 0', body: { version: 0, answers: {} }, field: 'version', rule: 'min' },
      { name: 'missing answers', body: { version: 1 }, field: 'answers', rule: 'isObject' },
      {
        name: 'an attempt to set the status',
        body: { version: 1, answers: {}, status: 'SIGNED' },
        field: 'status',
        rule: 'unknownField',
      },
      {
        name: 'an attempt to set the result',
        body: { version: 1, answers: {}, result: 'ELIGIBLE' },
        field: 'result',
        rule: 'unknownField',
      },
      {
        name: 'an invalid id in the path',
        path: '/api/screenings/not-a-uuid',
        body: { version: 1, answers: {} },
        field: 'id',
        rule: 'isUuid',
      },
    ])('refuses $name', (c) => expectRefused('patch', path(), nurse, c));

    it.each(badAnswers)('refuses $name', (c) =>
      expectRefused('patch', path(), nurse, { ...c, body: { version: 1, answers: c.body } }),
    );

    it('refuses answers to another version of the checklist', () =>
      expectRefused('patch', `/api/screenings/${v1DraftId}`, nurse, {
        name: '',
        body: { version: 1, answers: { fasted: true } },
        field: 'answers.fasted',
        rule: 'unknown_item',
      }));
  });

  describe('POST /api/screenings/{id}/submit', () => {
    it('refuses an incomplete screening, naming every missing item', async () => {
      const before = await rowCounts(ctx.prisma);
      const res = await ctx
        .http()
        .post(`/api/screenings/${draftId}/submit`)
        .set('Cookie', nurse.cookie)
        .send({ version: 1 })
        .expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining([
          'answers.bp1_systolic',
          'answers.bp2_diastolic',
          'answers.heart_rate',
          'answers.hypertension',
          'answers.aneurysm_unrepaired',
        ]),
      );
      expect(res.body.errors.every((e: { rule: string }) => e.rule === 'required')).toBe(true);
      expect(await rowCounts(ctx.prisma)).toEqual(before);
      expect((await ctx.prisma.screening.findUniqueOrThrow({ where: { id: draftId } })).status).toBe('DRAFT');
    });

    it.each([
      { name: 'a missing version', body: {}, field: 'version' },
      { name: 'a negative version', body: { version: -1 }, field: 'version', rule: 'min' },
      { name: 'an unknown field', body: { version: 1, result: 'ELIGIBLE' }, field: 'result', rule: 'unknownField' },
    ])('refuses $name', (c) => expectRefused('post', `/api/screenings/${draftId}/submit`, nurse, c));
  });

  describe('clinician decisions', () => {
    it.each([
      { name: 'a missing reason', body: { version: 2 }, field: 'reason' },
      { name: 'a 9-character reason', body: { version: 2, reason: '123456789' }, field: 'reason', rule: 'minLength' },
      { name: 'a blank reason', body: { version: 2, reason: '             ' }, field: 'reason', rule: 'matches' },
      { name: 'a 10,000-character reason', body: { version: 2, reason: LONG }, field: 'reason', rule: 'maxLength' },
      { name: 'a reason as a number', body: { version: 2, reason: 1234567890 }, field: 'reason' },
    ])('override refuses $name', (c) => expectRefused('post', `/api/screenings/${submittedId}/override`, clinician, c));

    it.each([
      { name: 'a missing reason', body: { version: 2 }, field: 'reason' },
      { name: 'an empty reason', body: { version: 2, reason: '' }, field: 'reason', rule: 'matches' },
      { name: 'a 10,000-character reason', body: { version: 2, reason: LONG }, field: 'reason', rule: 'maxLength' },
    ])('decline refuses $name', (c) => expectRefused('post', `/api/screenings/${submittedId}/decline`, clinician, c));

    it.each([
      { name: 'a missing version', body: {}, field: 'version' },
      {
        name: 'an invalid id in the path',
        path: '/api/screenings/1%27%20OR%201=1/sign',
        body: { version: 2 },
        field: 'id',
        rule: 'isUuid',
      },
    ])('sign refuses $name', (c) => expectRefused('post', `/api/screenings/${submittedId}/sign`, clinician, c));

    it('addenda refuses an invalid id', () =>
      expectRefused('post', '/api/screenings/x/addenda', nurse, { name: '', body: {}, field: 'id', rule: 'isUuid' }));
  });

  describe('POST /api/screening-templates', () => {
    const items = () => generalV1.definition.items;
    const valid = () => ({
      key: 'general',
      kind: 'GENERAL',
      title: 'General screening',
      definition: { items: items() },
    });
    it.each([
      { name: 'a missing key', body: () => ({ ...valid(), key: undefined }), field: 'key' },
      { name: 'a key with spaces', body: () => ({ ...valid(), key: 'my checklist' }), field: 'key', rule: 'matches' },
      { name: 'an unknown kind', body: () => ({ ...valid(), kind: 'DENTAL' }), field: 'kind', rule: 'isIn' },
      {
        name: 'a 10,000-character title',
        body: () => ({ ...valid(), title: LONG }),
        field: 'title',
        rule: 'maxLength',
      },
      {
        name: 'a missing definition',
        body: () => ({ ...valid(), definition: undefined }),
        field: 'definition',
        rule: 'isObject',
      },
      {
        name: 'a definition as an array',
        body: () => ({ ...valid(), definition: items() }),
        field: 'definition',
        rule: 'isObject',
      },
      {
        name: 'no items',
        body: () => ({ ...valid(), definition: { items: [] } }),
        field: 'definition.items',
        rule: 'templateDefinition',
      },
      {
        name: 'a duplicate item id',
        body: () => ({
          ...valid(),
          definition: { items: [...items(), { id: 'pregnancy', type: 'yesno', label: 'Again' }] },
        }),
        field: 'definition.items[13].id',
      },
      {
        name: 'an unknown item type',
        body: () => ({ ...valid(), definition: { items: [...items(), { id: 'x', type: 'slider', label: 'X' }] } }),
        field: 'definition.items[13].type',
      },
      {
        name: 'a number item without range',
        body: () => ({
          ...valid(),
          definition: { items: [...items(), { id: 'x', type: 'number', label: 'X', unit: 'kg' }] },
        }),
        field: 'definition.items[13].min',
      },
      {
        name: 'a condition on an unknown item',
        body: () => ({
          ...valid(),
          definition: {
            items: [...items(), { id: 'x', type: 'yesno', label: 'X', requiredWhen: { itemId: 'nope', equals: true } }],
          },
        }),
        field: 'definition.items[13].requiredWhen.itemId',
      },
      {
        name: 'an item the rules read dropped',
        body: () => ({ ...valid(), definition: { items: items().filter((i) => i.id !== 'pregnancy') } }),
        field: 'definition.items',
      },
      {
        name: 'a kind that differs from the key',
        body: () => ({ ...valid(), kind: 'CARDIOVASCULAR', definition: { items: items() } }),
        field: 'definition.items',
      },
    ])('refuses $name', (c) => expectRefused('post', '/api/screening-templates', admin, { ...c, body: c.body() }));

    it('refuses changing the kind of an existing key', async () => {
      const cv = (
        await ctx.http().get('/api/screening-templates').set('Cookie', admin.cookie).expect(200)
      ).body.items.find((t: { key: string }) => t.key === 'cardiovascular');
      await expectRefused('post', '/api/screening-templates', admin, {
        name: '',
        body: { key: 'general', kind: 'CARDIOVASCULAR', title: 'x', definition: { items: cv.definition.items } },
        field: 'kind',
        rule: 'sameKind',
      });
    });
  });

  describe('query strings', () => {
    it.each([
      [() => `/api/patients/${patientId}/eligibility?on=2023-02-30`, 'on', 'isCalendarDay'],
      [() => `/api/patients/${patientId}/eligibility?on=tomorrow`, 'on', 'isCalendarDay'],
      [() => `/api/patients/${patientId}/eligibility?on=2026-03-01T00:00:00Z`, 'on', 'isCalendarDay'],
      [() => `/api/patients/${patientId}/eligibility?on=1999-12-31`, 'on', 'isCalendarDay'],
      [() => `/api/patients/${patientId}/eligibility?at=2026-03-01`, 'at', 'unknownField'],
      [() => '/api/patients/nope/eligibility', 'id', 'isUuid'],
      [() => '/api/screening-templates?all=yes', 'all', 'isIn'],
    ])('GET %p is refused naming %s', async (path, field, rule) => {
      const before = await rowCounts(ctx.prisma);
      const user = path().includes('eligibility') ? scheduler : nurse;
      const res = await ctx.http().get(path()).set('Cookie', user.cookie).expect(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
      expect(await rowCounts(ctx.prisma)).toEqual(before);
    });
  });
});
