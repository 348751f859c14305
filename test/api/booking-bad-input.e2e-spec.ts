// Every booking, clinic and protocol write route refuses bad input with 400 application/problem+json
// naming the field and the rule, and writes nothing: the row counts are the same before and after.
import { PROTOCOL_CATALOGUE } from '@cadence/domain';
import { Case, expectRefused as refuse, fieldCases, LONG } from '../support/bad-input';
import { startTestApp, TestContext, TestUser } from '../support/context';

const NIL_UUID = '00000000-0000-4000-8000-000000000000';

const BAD_INSTANTS = [
  '2027-02-30T09:00:00Z',
  '2027-13-01T09:00:00Z',
  '2027-03-01T25:00:00Z',
  '2027-03-01T09:00:00',
  '2027-03-01',
  'tomorrow',
  '1800-01-01T09:00:00Z',
];
const BAD_DAYS = ['2027-02-30', '2027-13-01', '2027-02-29', '02/04/2027', '1800-01-01'];

describe('bad input on every booking write route', () => {
  let ctx: TestContext;
  let scheduler: TestUser;
  let admin: TestUser;
  let patientId: string;
  let protocolId: string;
  let chairId: string;
  let appointmentId: string;
  let courseId: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ SCHEDULER: scheduler, ADMIN: admin } = await ctx.users());
    await ctx.openClinic();
    patientId = (await ctx.newEligiblePatient()).id;
    protocolId = await ctx.protocolId('IV_SINGLE_INFUSION');
    chairId = (await ctx.newChair()).id;
    const start = new Date(Date.now() + 3 * 86_400_000);
    start.setUTCHours(10, 0, 0, 0);
    const course = await ctx.newBookedCourse(
      patientId,
      [{ chairId, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 40 * 60_000).toISOString() }],
      'IV_SINGLE_INFUSION',
    );
    courseId = course.id;
    appointmentId = course.appointmentIds[0];
  });
  afterAll(() => ctx.close());

  const expectRefused = (
    method: 'post' | 'patch' | 'put' | 'delete',
    path: string,
    user: TestUser | undefined,
    c: Case,
  ) => refuse(ctx, method, path, user, c);

  const session = () => ({ chairId, startsAt: '2027-03-01T09:00:00Z', endsAt: '2027-03-01T09:40:00Z' });

  describe('POST /api/courses/options', () => {
    const valid = () => ({ patientId, protocolId, earliest: '2027-03-01', k: 3 });
    const cases = (): Case[] => [
      ...fieldCases(valid(), ['patientId', 'protocolId', 'earliest'], { optional: ['k'] }),
      ...BAD_DAYS.map((bad) => ({
        name: `${bad} as earliest`,
        body: { ...valid(), earliest: bad },
        field: 'earliest',
        rule: 'isDayOrInstant',
      })),
      { name: 'k of 0', body: { ...valid(), k: 0 }, field: 'k', rule: 'min' },
      { name: 'k of 11', body: { ...valid(), k: 11 }, field: 'k', rule: 'max' },
      { name: 'k as text', body: { ...valid(), k: '3' }, field: 'k', rule: 'isInt' },
      { name: 'sessions of 2.5', body: { ...valid(), sessions: 2.5 }, field: 'sessions', rule: 'isInt' },
      { name: 'an invalid patient UUID', body: { ...valid(), patientId: 'nope' }, field: 'patientId', rule: 'isUuid' },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused('post', '/api/courses/options', scheduler, c);
    });
  });

  describe('POST /api/courses', () => {
    const valid = () => ({
      patientId,
      protocolId,
      sessions: [session()],
      baselinePainNrs: 5,
      baselinePainInterference: 4,
    });
    const cases = (): Case[] => [
      ...fieldCases(valid(), ['patientId', 'protocolId'], {
        optional: ['baselinePainNrs', 'baselinePainInterference'],
      }),
      { name: 'no sessions', body: { ...valid(), sessions: [] }, field: 'sessions', rule: 'arrayMinSize' },
      {
        name: '31 sessions',
        body: { ...valid(), sessions: Array.from({ length: 31 }, session) },
        field: 'sessions',
        rule: 'arrayMaxSize',
      },
      { name: 'sessions as an object', body: { ...valid(), sessions: session() }, field: 'sessions' },
      {
        name: 'a session without a chair',
        body: { ...valid(), sessions: [{ startsAt: session().startsAt, endsAt: session().endsAt }] },
        field: 'sessions[0].chairId',
      },
      {
        name: 'an unknown field in a session',
        body: { ...valid(), sessions: [{ ...session(), nurse: 'x' }] },
        field: 'sessions[0].nurse',
        rule: 'unknownField',
      },
      {
        name: 'an invalid chair UUID',
        body: { ...valid(), sessions: [{ ...session(), chairId: "1' OR '1'='1" }] },
        field: 'sessions[0].chairId',
        rule: 'isUuid',
      },
      ...BAD_INSTANTS.map((bad) => ({
        name: `${bad} as a start`,
        body: { ...valid(), sessions: [{ ...session(), startsAt: bad }] },
        field: 'sessions[0].startsAt',
        rule: 'isInstant',
      })),
      {
        name: 'a 10,000-character start',
        body: { ...valid(), sessions: [{ ...session(), startsAt: LONG }] },
        field: 'sessions[0].startsAt',
      },
      { name: 'a pain score of 11', body: { ...valid(), baselinePainNrs: 11 }, field: 'baselinePainNrs', rule: 'max' },
      {
        name: 'a pain score of -1',
        body: { ...valid(), baselinePainInterference: -1 },
        field: 'baselinePainInterference',
        rule: 'min',
      },
      {
        name: 'a pain score as text',
        body: { ...valid(), baselinePainNrs: '5' },
        field: 'baselinePainNrs',
        rule: 'isInt',
      },
    ];
    it('refuses every case', async () => {
      for (const c of cases()) await expectRefused('post', '/api/courses', scheduler, c);
    });
  });

  describe('POST /api/courses/{id}/cancel and POST /api/appointments/{id}/cancel', () => {
    const valid = { version: 1, reason: 'Patient asked' };
    const cases: Case[] = [
      ...fieldCases(valid, ['reason']),
      { name: 'a blank reason', body: { ...valid, reason: '  ' }, field: 'reason', rule: 'matches' },
      { name: 'a version of 0', body: { ...valid, version: 0 }, field: 'version', rule: 'min' },
      { name: 'a version as text', body: { ...valid, version: '1' }, field: 'version', rule: 'isInt' },
    ];
    it('refuses every case', async () => {
      for (const c of cases) {
        await expectRefused('post', `/api/courses/${courseId}/cancel`, scheduler, c);
        await expectRefused('post', `/api/appointments/${appointmentId}/cancel`, scheduler, c);
      }
      await expectRefused('post', '', scheduler, {
        name: 'a bad course id',
        path: '/api/courses/123/cancel',
        body: valid,
        field: 'id',
        rule: 'isUuid',
      });
      await expectRefused('post', '', scheduler, {
        name: 'a bad appointment id',
        path: '/api/appointments/x/cancel',
        body: valid,
        field: 'id',
        rule: 'isUuid',
      });
    });
  });

  describe('POST /api/appointments/{id}/reschedule, reschedule-options and no-show', () => {
    const valid = () => ({ version: 1, ...session() });
    const cases = (): Case[] => [
      ...fieldCases(valid(), ['chairId', 'startsAt', 'endsAt']),
      ...BAD_INSTANTS.map((bad) => ({
        name: `${bad} as the end`,
        body: { ...valid(), endsAt: bad },
        field: 'endsAt',
        rule: 'isInstant',
      })),
      {
        name: 'an invalid UUID in the path',
        path: '/api/appointments/not-a-uuid/reschedule',
        body: valid(),
        field: 'id',
        rule: 'isUuid',
      },
    ];
    it('refuses every case', async () => {
      for (const c of cases())
        await expectRefused('post', `/api/appointments/${appointmentId}/reschedule`, scheduler, c);
      for (const bad of [...BAD_DAYS, LONG, 42]) {
        await expectRefused('post', `/api/appointments/${appointmentId}/reschedule-options`, scheduler, {
          name: 'bad earliest',
          body: { earliest: bad },
          field: 'earliest',
        });
      }
      await expectRefused('post', `/api/appointments/${appointmentId}/reschedule-options`, scheduler, {
        name: 'unknown',
        body: { k: 3 },
        field: 'k',
        rule: 'unknownField',
      });
      for (const body of [{}, { version: 'one' }, { version: 1, status: 'NO_SHOW' }]) {
        await expectRefused('post', `/api/appointments/${appointmentId}/no-show`, scheduler, {
          name: 'bad no-show',
          body,
        });
      }
    });
  });

  describe('POST /api/protocols', () => {
    const {
      key: _k,
      version: _v,
      name: _n,
      route: _r,
      setting: _s,
      ...definition
    } = PROTOCOL_CATALOGUE.find((p) => p.key === 'IV_FIVE_DAY_LOW_DOSE')!;
    const valid = { key: 'BAD_INPUT', name: 'Bad input course', route: 'IV', setting: 'CHAIR', definition };
    const cases: Case[] = [
      ...fieldCases(valid, ['key', 'name']),
      { name: 'a lower-case key', body: { ...valid, key: 'bad key' }, field: 'key', rule: 'matches' },
      { name: 'an unknown route', body: { ...valid, route: 'RECTAL' }, field: 'route', rule: 'isIn' },
      { name: 'an unknown setting', body: { ...valid, setting: 'WARD' }, field: 'setting', rule: 'isIn' },
      { name: 'a definition as text', body: { ...valid, definition: 'x' }, field: 'definition' },
      {
        name: 'a chair course set in a bed',
        body: { ...valid, setting: 'BED' },
        field: 'definition.pattern.kind',
        rule: 'protocol',
      },
      {
        name: 'zero sessions',
        body: { ...valid, definition: { ...definition, pattern: { kind: 'CONSECUTIVE_DAYS', sessions: 0 } } },
        field: 'definition.pattern.sessions',
        rule: 'protocol',
      },
      {
        name: 'a session cap above the course cap',
        body: { ...valid, definition: { ...definition, caps: { ...definition.caps, perSessionMg: 99999 } } },
        field: 'definition.caps.perSessionMg',
        rule: 'protocol',
      },
      {
        name: 'an unknown definition member',
        body: { ...valid, definition: { ...definition, colour: 'red' } },
        field: 'definition.colour',
        rule: 'protocol',
      },
      {
        name: 'a definition naming another key',
        body: { ...valid, definition: { ...definition, key: 'OTHER' } },
        field: 'definition.key',
        rule: 'matchesProtocol',
      },
      {
        name: 'a 10,000-character follow-up list',
        body: { ...valid, definition: { ...definition, followUpOffsetsDays: LONG } },
        field: 'definition.followUpOffsetsDays',
      },
    ];
    it.each(cases)('refuses $name', (c) => expectRefused('post', '/api/protocols', admin, c));
  });

  describe('clinic settings', () => {
    it.each<Case>([
      { name: 'an unknown time zone', body: { timezone: 'Mars/Olympus' }, field: 'timezone', rule: 'isTimeZone' },
      { name: 'a 10,000-character time zone', body: { timezone: LONG }, field: 'timezone' },
      { name: 'a nurse ratio of 0', body: { maxInfusionsPerNurse: 0 }, field: 'maxInfusionsPerNurse', rule: 'min' },
      {
        name: 'a nurse ratio as text',
        body: { maxInfusionsPerNurse: '4' },
        field: 'maxInfusionsPerNurse',
        rule: 'isInt',
      },
      {
        name: 'a review limit above the block limit',
        body: { bpReviewSystolic: 200 },
        field: 'bpReviewSystolic',
        rule: 'belowBlock',
      },
      { name: 'a 10,000-character name', body: { name: LONG }, field: 'name', rule: 'maxLength' },
      { name: 'a cleared name', body: { name: null }, field: 'name' },
      { name: 'an unknown field', body: { id: NIL_UUID }, field: 'id', rule: 'unknownField' },
      { name: 'nothing to change', body: {}, field: 'body', rule: 'atLeastOneChange' },
    ])('PATCH /api/clinic refuses $name', (c) => expectRefused('patch', '/api/clinic', admin, c));

    it.each<Case>([
      { name: 'a missing list', body: {}, field: 'windows' },
      {
        name: 'a weekday of 8',
        body: { windows: [{ weekday: 8, opensAt: '09:00', closesAt: '17:00' }] },
        field: 'windows[0].weekday',
        rule: 'max',
      },
      {
        name: 'a time of 25:00',
        body: { windows: [{ weekday: 1, opensAt: '25:00', closesAt: '26:00' }] },
        field: 'windows[0].opensAt',
        rule: 'isWallClock',
      },
      {
        name: 'a time of 9am',
        body: { windows: [{ weekday: 1, opensAt: '9am', closesAt: '17:00' }] },
        field: 'windows[0].opensAt',
        rule: 'isWallClock',
      },
      {
        name: 'closing before opening',
        body: { windows: [{ weekday: 1, opensAt: '17:00', closesAt: '09:00' }] },
        field: 'windows[0].closesAt',
        rule: 'afterOpening',
      },
      {
        name: 'overlapping windows',
        body: {
          windows: [
            { weekday: 2, opensAt: '09:00', closesAt: '13:00' },
            { weekday: 2, opensAt: '12:00', closesAt: '17:00' },
          ],
        },
        field: 'windows[1]',
        rule: 'noOverlap',
      },
      {
        name: 'a 10,000-character time',
        body: { windows: [{ weekday: 1, opensAt: LONG, closesAt: '17:00' }] },
        field: 'windows[0].opensAt',
      },
    ])('PUT /api/clinic/opening-hours refuses $name', (c) =>
      expectRefused('put', '/api/clinic/opening-hours', admin, c),
    );

    const closure = { startsOn: '2027-12-25', endsOn: '2027-12-26', reason: 'Christmas' };
    it.each<Case>([
      ...fieldCases(closure, ['startsOn', 'endsOn', 'reason']),
      ...BAD_DAYS.map((bad) => ({
        name: `${bad} as startsOn`,
        body: { ...closure, startsOn: bad },
        field: 'startsOn',
        rule: 'isCalendarDay',
      })),
      {
        name: 'an end before the start',
        body: { ...closure, endsOn: '2027-12-24' },
        field: 'endsOn',
        rule: 'onOrAfterStart',
      },
      { name: 'two years', body: { ...closure, endsOn: '2029-12-25' }, field: 'endsOn', rule: 'maxSpan' },
    ])('POST /api/clinic/closures refuses $name', (c) => expectRefused('post', '/api/clinic/closures', admin, c));

    const shift = { weekday: 1, startsAt: '08:00', endsAt: '16:00', nurses: 2 };
    it.each<Case>([
      {
        name: 'neither weekday nor date',
        body: { startsAt: '08:00', endsAt: '16:00', nurses: 2 },
        field: 'weekday',
        rule: 'weekdayOrDate',
      },
      {
        name: 'both weekday and date',
        body: { ...shift, date: '2027-01-04' },
        field: 'weekday',
        rule: 'weekdayOrDate',
      },
      {
        name: 'an impossible date',
        body: { date: '2027-02-30', startsAt: '08:00', endsAt: '16:00', nurses: 2 },
        field: 'date',
        rule: 'isCalendarDay',
      },
      { name: 'an end before the start', body: { ...shift, endsAt: '07:00' }, field: 'endsAt', rule: 'afterStart' },
      { name: 'no nurses on a weekly row', body: { ...shift, nurses: 0 }, field: 'nurses', rule: 'nurseCount' },
      { name: 'nurses as text', body: { ...shift, nurses: 'two' }, field: 'nurses', rule: 'isInt' },
      { name: 'a 10,000-character time', body: { ...shift, startsAt: LONG }, field: 'startsAt' },
      { name: 'an unknown field', body: { ...shift, ward: 'A' }, field: 'ward', rule: 'unknownField' },
    ])('POST /api/clinic/nurse-shifts refuses $name', (c) =>
      expectRefused('post', '/api/clinic/nurse-shifts', admin, c),
    );

    it.each<Case>([
      ...fieldCases({ name: 'Chair 99', kind: 'CHAIR' }, ['name']),
      { name: 'an unknown kind', body: { name: 'Sofa', kind: 'SOFA' }, field: 'kind', rule: 'isIn' },
    ])('POST /api/clinic/chairs refuses $name', (c) => expectRefused('post', '/api/clinic/chairs', admin, c));

    it('PATCH /api/clinic/chairs/{id} refuses bad fields and ids', async () => {
      for (const c of [
        { name: 'nothing', body: {}, field: 'body', rule: 'atLeastOneChange' },
        { name: 'active as text', body: { active: 'yes' }, field: 'active', rule: 'isBoolean' },
        { name: 'a long name', body: { name: LONG }, field: 'name', rule: 'maxLength' },
        { name: 'a kind change', body: { kind: 'BED' }, field: 'kind', rule: 'unknownField' },
      ]) {
        await expectRefused('patch', `/api/clinic/chairs/${chairId}`, admin, c);
      }
      await expectRefused('patch', '', admin, {
        name: 'bad id',
        path: '/api/clinic/chairs/nope',
        body: { name: 'x' },
        field: 'id',
        rule: 'isUuid',
      });
      await expectRefused('delete', '', admin, {
        name: 'bad closure id',
        path: '/api/clinic/closures/nope',
        field: 'id',
        rule: 'isUuid',
      });
      await expectRefused('delete', '', admin, {
        name: 'bad shift id',
        path: '/api/clinic/nurse-shifts/1',
        field: 'id',
        rule: 'isUuid',
      });
    });
  });

  describe('query strings', () => {
    it.each([
      ['/api/appointments?from=2027-03-01T00:00:00Z', 'to'],
      ['/api/appointments?from=yesterday&to=2027-03-02T00:00:00Z', 'from'],
      ['/api/appointments?from=2027-03-01T00:00:00Z&to=2027-02-30T00:00:00Z', 'to'],
      ['/api/appointments?from=2027-03-01T00:00:00Z&to=2027-05-01T00:00:00Z', 'to'],
      ['/api/appointments?from=2027-03-02T00:00:00Z&to=2027-03-01T00:00:00Z', 'to'],
      ['/api/appointments?from=2027-03-01T00:00:00Z&to=2027-03-02T00:00:00Z&chairId=nope', 'chairId'],
      ['/api/appointments?from=2027-03-01T00:00:00Z&to=2027-03-02T00:00:00Z&status=BOOKED', 'status'],
    ])('GET %s is refused naming %s', async (path, field) => {
      const res = await ctx.http().get(path).set('Cookie', scheduler.cookie).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });
  });
});
