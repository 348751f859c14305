// Property-based fuzzing of every write route, driven by the committed OpenAPI document: for each
// route a body is generated from its request schema (valid-ish: formats, enums, patterns, bounds),
// then mutated (wrong types, missing and unknown fields, arrays and objects where scalars belong,
// huge, deep and empty values, NUL, lone surrogates, impossible dates and offsets, boundary
// numbers), as is the path. The API must never answer 5xx, every 4xx must be problem+json, and a
// refused request must leave every table's row count as it was (except the failure record a
// refused login leaves for the throttle).
// Reproduce a run with FUZZ_SEED=<seed> (printed at the start); FUZZ_RUNS sets requests per route.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { startTestApp, TestContext, TestUser } from '../support/context';

type Role = 'SCHEDULER' | 'NURSE' | 'CLINICIAN' | 'ADMIN';
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: string[];
  pattern?: string;
  example?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
  items?: Schema;
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
}
interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

const DOCUMENT = JSON.parse(readFileSync(join(__dirname, '../../openapi/cadence.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;
type Method = (typeof WRITE_METHODS)[number];

/** A role each write route allows (the route × role walk holds the full table); undefined = public. */
const CALLER: Record<string, Role | undefined> = {
  'POST /api/auth/login': undefined,
  'POST /api/auth/refresh': undefined,
  'POST /api/auth/logout': undefined,
  'POST /api/users': 'ADMIN',
  'POST /api/users/{id}/deactivate': 'ADMIN',
  'PATCH /api/users/{id}': 'ADMIN',
  'POST /api/users/{id}/reset-password': 'ADMIN',
  'POST /api/users/{id}/reactivate': 'ADMIN',
  'POST /api/patients': 'SCHEDULER',
  'PATCH /api/patients/{id}': 'SCHEDULER',
  'POST /api/screening-templates': 'ADMIN',
  'POST /api/patients/{patientId}/screenings': 'NURSE',
  'PATCH /api/screenings/{id}': 'NURSE',
  'POST /api/screenings/{id}/submit': 'NURSE',
  'POST /api/screenings/{id}/sign': 'CLINICIAN',
  'POST /api/screenings/{id}/override': 'CLINICIAN',
  'POST /api/screenings/{id}/decline': 'CLINICIAN',
  'POST /api/screenings/{id}/addenda': 'NURSE',
  'POST /api/protocols': 'ADMIN',
  'PATCH /api/clinic': 'ADMIN',
  'PUT /api/clinic/opening-hours': 'ADMIN',
  'POST /api/clinic/closures': 'ADMIN',
  'POST /api/clinic/closures/preview': 'ADMIN',
  'DELETE /api/clinic/closures/{id}': 'ADMIN',
  'POST /api/clinic/nurse-shifts': 'ADMIN',
  'DELETE /api/clinic/nurse-shifts/{id}': 'ADMIN',
  'POST /api/clinic/chairs': 'ADMIN',
  'PATCH /api/clinic/chairs/{id}': 'ADMIN',
  'POST /api/courses/options': 'SCHEDULER',
  'POST /api/courses': 'SCHEDULER',
  'POST /api/courses/{id}/cancel': 'SCHEDULER',
  'POST /api/courses/{id}/replan-options': 'SCHEDULER',
  'POST /api/courses/{id}/replan': 'SCHEDULER',
  'POST /api/appointments/{id}/reschedule-options': 'SCHEDULER',
  'POST /api/appointments/{id}/reschedule': 'SCHEDULER',
  'POST /api/appointments/{id}/cancel': 'SCHEDULER',
  'POST /api/appointments/{id}/no-show': 'SCHEDULER',
  'POST /api/sessions/{id}/vitals': 'NURSE',
  'POST /api/sessions/{id}/vitals/{readingId}/void': 'NURSE',
  'POST /api/sessions/{id}/orders': 'CLINICIAN',
  'POST /api/sessions/{id}/dose-events': 'NURSE',
  'POST /api/patients/{id}/home-doses': 'NURSE',
  'POST /api/sessions/{id}/adverse-events': 'NURSE',
  'PATCH /api/adverse-events/{id}': 'NURSE',
  'POST /api/adverse-events/{id}/confirm': 'NURSE',
  'POST /api/adverse-events/{id}/dismiss': 'NURSE',
  'POST /api/alerts/{id}/read': 'NURSE',
  'POST /api/appointments/{appointmentId}/check-in': 'NURSE',
  'PUT /api/sessions/{id}/check-in': 'NURSE',
  'POST /api/sessions/{id}/check-in-override': 'CLINICIAN',
  'POST /api/sessions/{id}/discharge': 'NURSE',
  'POST /api/sessions/{id}/sign': 'NURSE',
  'POST /api/sessions/{id}/co-sign': 'CLINICIAN',
  'POST /api/sessions/{id}/addenda': 'NURSE',
  'PUT /api/clinic/infusion-settings': 'ADMIN',
  'PUT /api/clinic/follow-up-settings': 'ADMIN',
  'POST /api/messages/{id}/sent-by-hand': 'NURSE',
  'POST /api/messages/{id}/retry': 'NURSE',
  'POST /api/boosters/tasks/{id}/dismiss': 'CLINICIAN',
  'POST /api/boosters/approvals': 'CLINICIAN',
  'POST /api/follow-ups/{id}/records': 'NURSE',
  'POST /api/follow-ups/{id}/link': 'NURSE',
  'POST /api/follow-up-records/{id}/bladder-review': 'CLINICIAN',
  'POST /api/patient-link/{token}': undefined,
  'POST /fhir/R4': 'SCHEDULER',
};

interface Route {
  key: string;
  method: Method;
  path: string;
  params: string[];
  body: Schema | undefined;
}

const ROUTES: Route[] = Object.entries(DOCUMENT.paths).flatMap(([path, operations]) =>
  WRITE_METHODS.filter((method) => operations[method]).map((method) => {
    const operation = operations[method];
    return {
      key: `${method.toUpperCase()} ${path}`,
      method,
      path,
      params: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
      body: operation.requestBody?.content['application/json']?.schema,
    };
  }),
);

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Date.now() % 2 ** 31;
/** Requests per route: 31 write routes × 70 ≈ 2,200 a run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 70);

function resolve(schema: Schema): Schema {
  let s = schema;
  while (s.$ref) s = DOCUMENT.components.schemas[s.$ref.replace('#/components/schemas/', '')];
  if (s.allOf?.length === 1) {
    const { allOf, ...rest } = s;
    return { ...rest, ...resolve(allOf[0]) };
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Valid-ish values from a schema

const day = (offset: number) => DateTime.utc().startOf('day').plus({ days: offset }).toISODate()!;
const instant = (offsetHours: number) =>
  DateTime.utc().startOf('hour').plus({ hours: offsetHours }).toISO({ suppressMilliseconds: true })!;

function valueOf(raw: Schema, ids: string[], depth = 0): fc.Arbitrary<Json> {
  const schema = resolve(raw);
  const inner = (): fc.Arbitrary<Json> => {
    if (schema.enum) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'string':
        return stringOf(schema, ids);
      case 'number':
      case 'integer': {
        const min = schema.minimum ?? 0;
        const max = schema.maximum ?? Math.max(min + 10, 10);
        const whole = fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
        if (schema.type === 'integer' || (Number.isInteger(min) && Number.isInteger(max))) return whole;
        // A fractional bound (a dose in mg/kg): whole numbers, tenths, and any double in range.
        const tenths = fc.integer({ min: Math.ceil(min * 10), max: Math.floor(max * 10) }).map((n) => n / 10);
        return fc.oneof(whole, tenths, fc.double({ min, max, noNaN: true }));
      }
      case 'boolean':
        return fc.boolean();
      case 'array': {
        if (!schema.items || depth > 4) return fc.constant([]);
        return fc.array(valueOf(schema.items, ids, depth + 1), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 3, 3),
        });
      }
      case 'object':
      default: {
        if (!schema.properties) return freeForm(depth);
        const required = new Set(schema.required ?? []);
        const entries = Object.entries(schema.properties);
        return fc.record(
          Object.fromEntries(entries.map(([name, property]) => [name, valueOf(property, ids, depth + 1)])),
          { requiredKeys: entries.map(([name]) => name).filter((name) => required.has(name)) },
        ) as fc.Arbitrary<Json>;
      }
    }
  };
  return schema.nullable
    ? fc.oneof({ weight: 5, arbitrary: inner() }, { weight: 1, arbitrary: fc.constant(null) })
    : inner();
}

function stringOf(schema: Schema, ids: string[]): fc.Arbitrary<Json> {
  switch (schema.format) {
    case 'uuid':
      return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() });
    case 'date':
      return fc.integer({ min: -30, max: 60 }).map(day);
    case 'date-time':
      return fc.integer({ min: -48, max: 24 * 60 }).map(instant);
  }
  const example = typeof schema.example === 'string' ? schema.example : undefined;
  if (example && /^\d\d:\d\d$/.test(example))
    return fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom('00', '30'))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${m}`);
  if (example && /^\d{4}-\d\d-\d\d$/.test(example))
    return fc.oneof(fc.integer({ min: 0, max: 60 }).map(day), fc.constant(instant(30)));
  const maxLength = Math.min(schema.maxLength ?? 40, 40);
  const minLength = schema.minLength ?? 1;
  const patterned = schema.pattern
    ? fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 1000))
    : fc.string({ minLength, maxLength: Math.max(minLength, maxLength) });
  return example ? fc.oneof(fc.constant(example), patterned) : patterned;
}

function freeForm(depth: number): fc.Arbitrary<Json> {
  const leaf = fc.oneof(
    fc.boolean(),
    fc.integer({ min: -5, max: 300 }),
    fc.string({ maxLength: 12 }),
    fc.constant(null),
  );
  return fc.dictionary(
    fc.constantFrom('items', 'pregnancy', 'allergies', 'weight_kg', 'takes_maoi', 'pattern', 'id', 'x'),
    depth > 2 ? leaf : fc.oneof(leaf, fc.array(leaf, { maxLength: 3 })),
    { maxKeys: 4 },
  );
}

// ---------------------------------------------------------------------------------------------
// Mutations

const nested = (levels: number, leaf: Json = 1): Json => {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 ? { a: value } : [value];
  return value;
};

const HOSTILE: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  -0.000001,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e308,
  -1e308,
  '',
  ' ',
  '\t\n',
  'x'.repeat(10_000),
  '\u0000',
  'Ada\u0000',
  '\ud800',
  'x\udfffy',
  '\u202e\u200b',
  '😀'.repeat(50),
  '2023-02-30',
  '2026-13-01',
  '0000-00-00',
  '2026-03-02T09:00:00+99:99',
  '2026-03-02T25:00:00Z',
  '2026-03-02T09:00:00',
  '1e3',
  '24:61',
  '-1',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  '\'; DROP TABLE "Patient"; --',
  '{{7*7}}',
  '../../etc/passwd',
  [],
  [[]],
  [{}],
  [null],
  [[[['x']]]],
  ['x'.repeat(300)],
  Array.from({ length: 200 }, (_, i) => i),
  {},
  { $gt: '' },
  { a: { b: { c: [] } } },
  nested(40),
  nested(31),
];

type Mutation =
  | { op: 'replace'; at: number; value: Json }
  | { op: 'wrap'; at: number }
  | { op: 'delete'; at: number }
  | { op: 'add'; name: string; value: Json }
  | { op: 'body'; value: Json };

const hostile = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 8, arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: hostile }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('wrap' as const), at: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      name: fc.constantFrom('isAdmin', 'clinicId', 'id', 'version', '__proto__', 'constructor', 'a\u0000', '\ud800'),
      value: hostile,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('body' as const), value: hostile }) },
);

/** Every path into a JSON value: [] is the value itself. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}

function mutate(body: Json, mutations: Mutation[]): Json {
  let result: Json = structuredClone(body);
  for (const mutation of mutations) {
    // Each insertion is a copy: two mutations may carry the same generated value, and inserting one
    // object into itself would make a cycle that JSON cannot carry.
    const m = 'value' in mutation ? { ...mutation, value: structuredClone(mutation.value) } : mutation;
    if (m.op === 'body') {
      result = m.value;
      continue;
    }
    if (m.op === 'add') {
      if (result && typeof result === 'object' && !Array.isArray(result))
        Object.defineProperty(result, m.name, { value: m.value, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const paths = pathsOf(result).filter((p) => p.length > 0);
    if (!paths.length) {
      if (m.op === 'replace') result = m.value;
      continue;
    }
    const path = paths[m.at % paths.length];
    const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string, Json>)[key], result);
    const key = path[path.length - 1];
    const container = parent as Record<string | number, Json>;
    if (m.op === 'replace') container[key] = m.value;
    else if (m.op === 'wrap') container[key] = [container[key]];
    else if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete container[key];
  }
  return result;
}

/** Text that JSON.stringify cannot make: malformed, empty, very deep, or a JSON scalar. */
const RAW_BODIES = [
  '',
  '{',
  '{"a":1,}',
  'null',
  '"text"',
  '123',
  '['.repeat(5000) + ']'.repeat(5000),
  '{"a":"\\u0000"}',
  '{"a":"\\udc00"}',
  '\ufeff{}',
  '{"a":1}{"b":2}',
];

// ---------------------------------------------------------------------------------------------

describe('fuzzing every write route from the OpenAPI document', () => {
  let ctx: TestContext;
  let users: Record<Role, TestUser>;
  let ids: Record<string, string[]> = {};
  let allIds: string[] = [];
  let count: () => Promise<Record<string, number>>;
  const stats = {
    requests: 0,
    byStatus: {} as Record<string, number>,
    serverErrors: 0,
    partialWrites: 0,
    perRoute: {} as Record<string, number>,
  };

  beforeAll(async () => {
    console.log(`fuzz: seed ${SEED} (FUZZ_SEED=${SEED} reproduces this run), ${RUNS} requests per route`);
    ctx = await startTestApp();
    users = await ctx.users();
    await ctx.openClinic();
    // Real records for path ids, so mutated requests reach the services and not only the 404s.
    const patients = await Promise.all([ctx.newEligiblePatient(), ctx.newPatient(), ctx.newPatient()]);
    const chairs = [await ctx.newChair(), await ctx.newChair({ kind: 'BED' })];
    const start = DateTime.now().setZone('Europe/London').startOf('day').plus({ days: 3, hours: 9 });
    const courses = [];
    for (let i = 0; i < 3; i++) {
      const at = start.plus({ days: i });
      courses.push(
        await ctx.newBookedCourse(
          patients[0].id,
          [{ chairId: chairs[0].id, startsAt: at.toUTC().toISO()!, endsAt: at.plus({ minutes: 40 }).toUTC().toISO()! }],
          'IV_SINGLE_INFUSION',
        ),
      );
    }
    const template = await ctx.prisma.screeningTemplate.findFirstOrThrow({
      where: { clinicId: ctx.clinicId, kind: 'GENERAL' },
      orderBy: { version: 'desc' },
      select: { id: true },
    });
    const screenings = [
      await ctx.newSubmittedScreening(patients[1].id, 'GENERAL'),
      await ctx.newSignedScreening(patients[2].id, 'PSYCHIATRIC'),
      (
        await ctx
          .http()
          .post(`/api/patients/${patients[2].id}/screenings`)
          .set('Cookie', users.NURSE.cookie)
          .send({ templateId: template.id })
          .expect(201)
      ).body as { id: string },
    ];
    const closure = await ctx.prisma.closure.create({
      data: {
        clinicId: ctx.clinicId,
        startsOn: new Date(`${day(200)}T00:00:00Z`),
        endsOn: new Date(`${day(201)}T00:00:00Z`),
        reason: 'Fuzz',
      },
    });
    const shift = await ctx.prisma.nurseShift.findFirstOrThrow({
      where: { clinicId: ctx.clinicId },
      select: { id: true },
    });
    const protocol = await ctx.protocolId('IV_SINGLE_INFUSION');
    const infusion = await ctx.newCheckedInSession();
    const reading = await ctx.prisma.vitalsReading.create({
      data: {
        id: randomUUID(),
        sessionId: infusion.sessionId,
        takenAt: new Date(),
        spo2: 97,
        recordedById: users.NURSE.id,
      },
      select: { id: true },
    });
    // Checked-in sessions, one with an order standing, so dose steps reach the dose checks.
    const sessions = [await ctx.newCheckedInSession(), await ctx.newCheckedInSession()];
    await ctx
      .http()
      .post(`/api/sessions/${sessions[0].sessionId}/orders`)
      .set('Cookie', users.CLINICIAN.cookie)
      .send({ perKg: 0.5, plannedMinutes: 40 })
      .expect(201);
    const draft = await ctx.prisma.adverseEvent.create({
      data: {
        id: randomUUID(),
        sessionId: infusion.sessionId,
        status: 'DRAFT',
        term: 'hypertension',
        grade: 3,
        onsetAt: new Date(),
        recordedById: users.NURSE.id,
      },
      select: { id: true },
    });
    // Completed courses with follow-ups due and a record with a bladder "yes" to review; patients' links.
    const completed = [
      await ctx.newCompletedCourse({ lastSessionDaysAgo: 7 }),
      await ctx.newCompletedCourse({ lastSessionDaysAgo: 7 }),
    ];
    const followUps = completed.flatMap((c) => c.followUps.map((f) => f.id));
    const bladderRecord = randomUUID();
    await ctx
      .http()
      .post(`/api/follow-ups/${completed[0].followUps.find((f) => f.offsetDays === 7)!.id}/records`)
      .set('Cookie', users.NURSE.cookie)
      .send({
        id: bladderRecord,
        channel: 'PHONE',
        recordedAtMs: Date.now(),
        painNrsNow: 3,
        painNrs7DayAverage: 4,
        painInterference: { PAININ9: 2, PAININ22: 2, PAININ31: 2, PAININ34: 2, PAININ12: 2, PAININ36: 2 },
        phq9: { q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 0 },
        bladder: {
          FREQUENCY: true,
          URGENCY: false,
          PAIN_PASSING_URINE: false,
          BLOOD_IN_URINE: false,
          NIGHT_TIME_VOIDING: false,
        },
        supportingCare: [],
        homeDoses: [],
      })
      .expect(201);
    const link = await ctx
      .http()
      .post(`/api/follow-ups/${completed[1].followUps.find((f) => f.offsetDays === 7)!.id}/link`)
      .set('Cookie', users.NURSE.cookie)
      .expect(201);
    const alert = await ctx.prisma.staffAlert.create({
      data: {
        clinicId: ctx.clinicId,
        recipientId: users.NURSE.id,
        kind: 'ADVERSE_EVENT_SERIOUS',
        sessionId: infusion.sessionId,
        adverseEventId: draft.id,
        message: 'Fuzz',
      },
      select: { id: true },
    });
    ids = {
      patients: patients.map((p) => p.id),
      chairs: chairs.map((c) => c.id),
      courses: courses.map((c) => c.id),
      appointments: courses.flatMap((c) => c.appointmentIds),
      screenings: screenings.map((s) => s.id),
      users: [(await ctx.newUser(['NURSE'])).id],
      closures: [closure.id],
      'nurse-shifts': [shift.id],
      protocols: [protocol],
      templates: [template.id],
      sessions: [infusion.sessionId, ...sessions.map((s) => s.sessionId)],
      vitals: [reading.id],
      'adverse-events': [draft.id],
      alerts: [alert.id],
      'follow-ups': followUps,
      'follow-up-records': [bladderRecord],
      'patient-link': [(link.body.url as string).split('/follow-up/')[1]],
    };
    allIds = Object.values(ids).flat();

    const tables = (
      await ctx.prisma.$queryRawUnsafe<{ tablename: string }[]>(
        `SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`,
      )
    ).map((t) => t.tablename);
    const statement = `SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(', ')}`;
    count = async () => (await ctx.prisma.$queryRawUnsafe<Record<string, number>[]>(statement))[0];
  });

  afterAll(async () => {
    const routes = Object.keys(stats.perRoute).length;
    console.log(
      `fuzz: seed ${SEED}: ${stats.requests} requests over ${routes} write routes; ` +
        `answers by status ${JSON.stringify(stats.byStatus)}; 5xx = ${stats.serverErrors}; partial writes = ${stats.partialWrites}`,
    );
    await ctx?.close();
  });

  /**
   * A refused login records the failure, and every request to a patient's link is counted for its
   * address: those rows are the throttles working, not partial writes.
   */
  const throttleRecord = (route: Route, status: number, table: string) =>
    (route.key === 'POST /api/auth/login' && (status === 401 || status === 429) && /login/i.test(table)) ||
    (route.key === 'POST /api/patient-link/{token}' && table === 'PatientLinkRequest');

  it('has a caller for every write route in the document', () => {
    expect(ROUTES.map((r) => r.key).filter((key) => !(key in CALLER))).toEqual([]);
    expect(ROUTES.length).toBeGreaterThanOrEqual(30);
  });

  /** Ids for a route's path parameter: the records its resource names, then anything else. */
  const idsFor = (route: Route, param: string): string[] => {
    if (param === 'patientId') return ids.patients;
    const resource = route.path.split('/')[route.path.split('/').indexOf(`{${param}}`) - 1];
    return ids[resource] ?? allIds;
  };

  const paramValue = fc.oneof(
    { weight: 2, arbitrary: fc.uuid() },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'not-a-uuid',
        '%00',
        '%ED%A0%80',
        '%F0%9F%98%80',
        '..',
        '%2e%2e%2f',
        "1'%20OR%20'1'='1",
        '00000000-0000-0000-0000-000000000000',
        'x'.repeat(120),
        '-1',
        '%',
      ),
    },
  );

  it.each(ROUTES.map((route) => [route.key, route] as const))(
    '%s: no 5xx, problem+json (FHIR: OperationOutcome) 4xx, no partial write',
    async (_key, route) => {
      const caller = CALLER[route.key];
      const request = fc.record({
        body: route.body ? valueOf(route.body, allIds) : fc.constant<Json>({}),
        mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
        raw: fc.option(fc.constantFrom(...RAW_BODIES), { freq: 12 }),
        params: fc.array(fc.oneof({ weight: 3, arbitrary: fc.nat() }, { weight: 1, arbitrary: paramValue }), {
          minLength: route.params.length,
          maxLength: route.params.length,
        }),
      });
      let before = await count();
      const index = ROUTES.indexOf(route);
      await fc.assert(
        fc.asyncProperty(request, async ({ body, mutations, raw, params }) => {
          let path = route.path;
          route.params.forEach((param, i) => {
            const choice = params[i];
            const pool = idsFor(route, param);
            const value = typeof choice === 'number' ? pool[choice % pool.length] : choice;
            path = path.replace(`{${param}}`, value);
          });
          const text = raw ?? JSON.stringify(mutate(body, mutations)) ?? '';
          let req = ctx.http()[route.method](path).set('Content-Type', 'application/json');
          if (caller) req = req.set('Cookie', users[caller].cookie);
          const res = await req.send(text);
          const after = await count();
          stats.requests++;
          stats.perRoute[route.key] = (stats.perRoute[route.key] ?? 0) + 1;
          const status = String(res.status);
          stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
          if (res.status >= 500) stats.serverErrors++;
          const refused = res.status >= 400;
          const changed = refused
            ? Object.keys(after).filter(
                (table) => after[table] !== before[table] && !throttleRecord(route, res.status, table),
              )
            : [];
          if (changed.length) stats.partialWrites++;
          before = after;
          const failure = { status: res.status, path, body: text.slice(0, 300), answer: res.body, changed };
          if (res.status >= 500) throw new Error(`5xx: ${JSON.stringify(failure)}`);
          // FHIR's routes refuse with an OperationOutcome, the rest of the API with a problem.
          const refusal = route.path.startsWith('/fhir/') ? 'application/fhir+json' : 'application/problem+json';
          if (refused && !String(res.headers['content-type']).includes(refusal))
            throw new Error(`4xx without ${refusal}: ${JSON.stringify(failure)}`);
          if (changed.length) throw new Error(`refused but wrote to ${changed.join(', ')}: ${JSON.stringify(failure)}`);
        }),
        { seed: SEED + index, numRuns: RUNS, endOnFailure: true },
      );
    },
  );
});
