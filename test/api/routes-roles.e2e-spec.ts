// Walks every route of the OpenAPI document as every role and as nobody: the allowed roles
// succeed, the others get 403, and nobody gets 401 unless the route is public. A route missing
// from the table below fails the suite, so a new route cannot ship without a role decision.
import type { Role } from '@prisma/client';
import { PROTOCOL_CATALOGUE } from '@cadence/domain';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { PASSWORD, startTestApp, TestContext } from '../support/context';

type Caller = Role | 'ANONYMOUS';
const CALLERS: Caller[] = ['SCHEDULER', 'NURSE', 'CLINICIAN', 'ADMIN', 'ANONYMOUS'];
const ALL_ROLES: Role[] = ['SCHEDULER', 'NURSE', 'CLINICIAN', 'ADMIN'];
const CLINICAL: Role[] = ['SCHEDULER', 'NURSE', 'CLINICIAN'];

interface Call {
  path: string;
  body?: object;
  /** Extra cookies the call needs (a refresh session). */
  cookie?: string;
  /** Extra headers the call needs (Prefer: respond-async). */
  headers?: Record<string, string>;
}

interface RouteRule {
  allowed: Role[] | 'PUBLIC';
  success: number;
  /** `caller` is the role about to call (undefined: nobody signed in), for a record of its own. */
  call(ctx: TestContext, caller?: Role): Promise<Call>;
}

let n = 0;
const unique = () => `${process.pid}-${++n}`;

// Screening records for the role walk, made over HTTP by a nurse so each call starts from a fresh one.
const GENERAL_ANSWERS = {
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

async function generalTemplate(ctx: TestContext): Promise<{ id: string; definition: { items: unknown[] } }> {
  const res = await ctx
    .http()
    .get('/api/screening-templates')
    .set('Cookie', (await ctx.users()).NURSE.cookie);
  return res.body.items.find((t: { key: string }) => t.key === 'general');
}

async function screeningDraft(ctx: TestContext, answers: object = {}): Promise<{ id: string; version: number }> {
  const patient = await ctx.newPatient();
  const res = await ctx
    .http()
    .post(`/api/patients/${patient.id}/screenings`)
    .set('Cookie', (await ctx.users()).NURSE.cookie)
    .send({ templateId: (await generalTemplate(ctx)).id, answers });
  return res.body;
}

async function screeningSubmitted(
  ctx: TestContext,
  answers: object = GENERAL_ANSWERS,
): Promise<{ id: string; version: number }> {
  const draft = await screeningDraft(ctx, answers);
  const res = await ctx
    .http()
    .post(`/api/screenings/${draft.id}/submit`)
    .set('Cookie', (await ctx.users()).NURSE.cookie)
    .send({ version: draft.version });
  return res.body;
}

// Booking routes: a clinic open every day, and each call its own chair, eligible patient and slot.
let opened: Promise<void> | undefined;
let slots = 0;
async function freshSlot(ctx: TestContext, minutes = 40, daysAhead?: number) {
  await (opened ??= ctx.openClinic());
  const k = slots++;
  const day = DateTime.now()
    .setZone('Europe/London')
    .startOf('day')
    .plus({ days: daysAhead ?? 2 + (k % 20) });
  const start = day.set({ hour: 8 + (Math.floor(k / 20) % 8) });
  const chair = await ctx.newChair();
  return { chairId: chair.id, startsAt: start.toUTC().toISO()!, endsAt: start.plus({ minutes }).toUTC().toISO()! };
}

async function bookedCourse(ctx: TestContext, daysAhead?: number) {
  const patient = await ctx.newEligiblePatient();
  const slot = await freshSlot(ctx, 40, daysAhead);
  const course = await ctx.newBookedCourse(patient.id, [slot], 'IV_SINGLE_INFUSION');
  return { patient, slot, course };
}

/** A single infusion completed a month ago, inserted directly, with no baseline pain and no follow-up. */
async function completedCourse(ctx: TestContext) {
  const patient = await ctx.newEligiblePatient();
  const protocolId = await ctx.protocolId('IV_SINGLE_INFUSION');
  const course = await ctx.prisma.course.create({
    data: {
      clinicId: ctx.clinicId,
      patientId: patient.id,
      protocolId,
      bookedById: (await ctx.users()).SCHEDULER.id,
      sessionCount: 1,
      eligibilityScreeningIds: [],
      status: 'COMPLETED',
      completedAt: new Date(Date.now() - 30 * 86_400_000),
    },
    select: { id: true },
  });
  return { patientId: patient.id, courseId: course.id, protocolId };
}

/** A checked-in session with a clinician's order standing, ready for its first step. */
async function orderedSession(ctx: TestContext): Promise<string> {
  const { sessionId } = await ctx.newCheckedInSession();
  await ctx
    .http()
    .post(`/api/sessions/${sessionId}/orders`)
    .set('Cookie', (await ctx.users()).CLINICIAN.cookie)
    .send({ perKg: 0.5, plannedMinutes: 40 })
    .expect(201);
  return sessionId;
}

// Infusion sessions: each call its own appointment booked for now (started 5 minutes ago) in a new chair.
async function todayAppointment(ctx: TestContext): Promise<string> {
  const patient = await ctx.newEligiblePatient();
  const chair = await ctx.newChair();
  const startsAt = new Date(Date.now() - 5 * 60_000);
  const endsAt = new Date(startsAt.getTime() + 3 * 60 * 60_000);
  const course = await ctx.newBookedCourse(
    patient.id,
    [{ chairId: chair.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() }],
    'IV_SINGLE_INFUSION',
  );
  return course.appointmentIds[0];
}

async function checkInFacts(ctx: TestContext) {
  return {
    supervisingClinicianId: (await ctx.users()).CLINICIAN.id,
    identityConfirmed: true,
    bloodPressure: { systolic: 120, diastolic: 80, heartRate: 70 },
    spo2: 98,
    weightKg: 70,
    pregnancy: 'no',
    escortArranged: true,
    willDrive: false,
  };
}

/** A session checked in over HTTP whose one standing reason (no escort) a clinician may accept. */
async function sessionWithoutEscort(ctx: TestContext): Promise<string> {
  const res = await ctx
    .http()
    .post(`/api/appointments/${await todayAppointment(ctx)}/check-in`)
    .set('Cookie', (await ctx.users()).NURSE.cookie)
    .send({ ...(await checkInFacts(ctx)), escortArranged: false });
  return res.body.id;
}

/** A checked-in session moved on by direct writes: in recovery (stopped 70 minutes ago, a reading now), discharged, or signed. */
async function sessionAt(ctx: TestContext, stage: 'IN_RECOVERY' | 'DISCHARGED' | 'SIGNED'): Promise<string> {
  const { sessionId, nurse } = await ctx.newCheckedInSession();
  const stoppedAt = new Date(Date.now() - 70 * 60_000);
  await ctx.prisma.vitalsReading.create({
    data: {
      id: randomUUID(),
      sessionId,
      takenAt: new Date(),
      systolic: 120,
      diastolic: 80,
      heartRate: 70,
      spo2: 98,
      recordedById: nurse.id,
    },
  });
  const recovery = { state: 'IN_RECOVERY' as const, startedAt: new Date(stoppedAt.getTime() - 30 * 60_000), stoppedAt };
  const discharged = {
    state: 'DISCHARGED' as const,
    discharge: {},
    dischargedById: nurse.id,
    dischargedAt: new Date(),
  };
  const signed = { nurseSignedById: nurse.id, nurseSignedAt: new Date() };
  await ctx.prisma.infusionSession.update({
    where: { id: sessionId },
    data: { ...recovery, ...(stage === 'IN_RECOVERY' ? {} : discharged), ...(stage === 'SIGNED' ? signed : {}) },
  });
  return sessionId;
}

const PROTOCOL_DEFINITION = (() => {
  const {
    key: _k,
    version: _v,
    name: _n,
    route: _r,
    setting: _s,
    ...definition
  } = PROTOCOL_CATALOGUE.find((p) => p.key === 'IV_SINGLE_INFUSION')!;
  return definition;
})();

// The infusion day: one checked-in session shared by the calls that only add to it.
let checkedIn: Promise<{ sessionId: string; nurse: { id: string } }> | undefined;
const session = (ctx: TestContext) => (checkedIn ??= ctx.newCheckedInSession());
async function storedReading(ctx: TestContext) {
  const { sessionId, nurse } = await session(ctx);
  const reading = await ctx.prisma.vitalsReading.create({
    data: { id: randomUUID(), sessionId, takenAt: new Date(), spo2: 97, recordedById: nurse.id },
    select: { id: true },
  });
  return { sessionId, readingId: reading.id };
}

/** A draft adverse event of its own, opened by a high reading, for each call that decides one. */
async function draftEvent(ctx: TestContext) {
  const { sessionId, nurse } = await session(ctx);
  const event = await ctx.prisma.adverseEvent.create({
    data: {
      id: randomUUID(),
      sessionId,
      status: 'DRAFT',
      term: 'hypertension',
      grade: 3,
      onsetAt: new Date(),
      recordedById: nurse.id,
    },
    select: { id: true, version: true },
  });
  return event;
}

/** An alert in the caller's own inbox: each role reads its own. */
async function ownAlert(ctx: TestContext, caller: Role | undefined) {
  const { sessionId, nurse } = await session(ctx);
  const event = await draftEvent(ctx);
  const recipient = caller ? (await ctx.users())[caller].id : nurse.id;
  const alert = await ctx.prisma.staffAlert.create({
    data: {
      clinicId: ctx.clinicId,
      recipientId: recipient,
      kind: 'ADVERSE_EVENT_SERIOUS',
      sessionId,
      adverseEventId: event.id,
      message: 'Test',
    },
    select: { id: true },
  });
  return alert.id;
}

/** A message listed for staff (MANUAL) to a patient with an email, its own for each call. */
async function manualMessage(ctx: TestContext): Promise<string> {
  const patient = await ctx.newPatient();
  await ctx.prisma.patient.update({ where: { id: patient.id }, data: { email: `p-${unique()}@example.test` } });
  const message = await ctx.prisma.message.create({
    data: {
      clinicId: ctx.clinicId,
      patientId: patient.id,
      kind: 'FOLLOW_UP_LINK',
      dedupeKey: `role-walk:${unique()}`,
      toAddress: null,
      subject: 'Your follow-up',
      body: 'How are you?',
      status: 'MANUAL',
    },
    select: { id: true },
  });
  return message.id;
}

// Follow-up: a course completed a week ago, whose day-7 follow-up is due today, one per call.
const followUpDue = async (ctx: TestContext) => {
  const course = await ctx.newCompletedCourse({ lastSessionDaysAgo: 7 });
  return course.followUps.find((f) => f.offsetDays === 7)!.id;
};
const FOLLOW_UP_ANSWERS = {
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
};
/** A record with a yes to a bladder question, awaiting a clinician's review. */
async function bladderRecord(ctx: TestContext): Promise<string> {
  const id = randomUUID();
  await ctx
    .http()
    .post(`/api/follow-ups/${await followUpDue(ctx)}/records`)
    .set('Cookie', (await ctx.users()).NURSE.cookie)
    .send({ id, channel: 'PHONE', recordedAtMs: Date.now(), ...FOLLOW_UP_ANSWERS })
    .expect(201);
  return id;
}
/** A fresh patient link's token. */
async function linkToken(ctx: TestContext): Promise<string> {
  const res = await ctx
    .http()
    .post(`/api/follow-ups/${await followUpDue(ctx)}/link`)
    .set('Cookie', (await ctx.users()).NURSE.cookie)
    .expect(201);
  return (res.body.url as string).split('/follow-up/')[1];
}

/** A completed bulk export of the default clinic with one NDJSON file, written directly. */
async function completedExport(ctx: TestContext): Promise<{ exportId: string; fileId: string }> {
  const admin = (await ctx.users()).ADMIN;
  const row = await ctx.prisma.fhirExport.create({
    data: {
      clinicId: ctx.clinicId,
      requestedById: admin.id,
      status: 'COMPLETED',
      transactionTime: new Date(),
      completedAt: new Date(),
      expiresAt: new Date(Date.now() + 3_600_000),
      files: { create: [{ type: 'Patient', lineCount: 1, content: '{"resourceType":"Patient","id":"x"}\n' }] },
    },
    include: { files: true },
  });
  return { exportId: row.id, fileId: row.files[0].id };
}

const ROUTES: Record<string, RouteRule> = {
  'GET /api/health': { allowed: 'PUBLIC', success: 200, call: async () => ({ path: '/api/health' }) },
  'GET /fhir/R4/metadata': { allowed: 'PUBLIC', success: 200, call: async () => ({ path: '/fhir/R4/metadata' }) },
  'POST /fhir/R4': {
    allowed: ['SCHEDULER'],
    success: 200,
    call: async () => ({
      path: '/fhir/R4',
      body: {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          {
            fullUrl: `urn:uuid:${randomUUID()}`,
            request: { method: 'POST', url: 'Patient' },
            resource: {
              resourceType: 'Patient',
              identifier: [{ value: `IMP-${unique()}` }],
              name: [{ family: 'Walk', given: ['Role'] }],
              gender: 'unknown',
              birthDate: '1970-01-01',
            },
          },
        ],
      },
    }),
  },
  // A second kick-off while one is queued answers the same 202 with the queued export's status URL.
  'GET /fhir/R4/$export': {
    allowed: ['ADMIN'],
    success: 202,
    call: async () => ({ path: '/fhir/R4/$export?_type=Patient', headers: { Prefer: 'respond-async' } }),
  },
  'GET /fhir/R4/$export-status/{id}': {
    allowed: ['ADMIN'],
    success: 200,
    call: async (ctx) => ({ path: `/fhir/R4/$export-status/${(await completedExport(ctx)).exportId}` }),
  },
  'GET /fhir/R4/$export-file/{id}': {
    allowed: ['ADMIN'],
    success: 200,
    call: async (ctx) => ({ path: `/fhir/R4/$export-file/${(await completedExport(ctx)).fileId}` }),
  },
  'GET /fhir/R4/Patient/{id}/$everything': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => ({ path: `/fhir/R4/Patient/${(await ctx.newPatient()).id}/$everything` }),
  },
  // A scheduler reads Patient and Appointment resources only (see the FHIR e2e tests for the rest).
  'GET /fhir/R4/{type}/{id}': {
    allowed: CLINICAL,
    success: 200,
    call: async (ctx) => ({ path: `/fhir/R4/Patient/${(await ctx.newPatient()).id}` }),
  },
  'GET /fhir/R4/{type}': {
    allowed: CLINICAL,
    success: 200,
    call: async (ctx) => ({ path: `/fhir/R4/Patient?_id=${(await ctx.newPatient()).id}` }),
  },
  'POST /api/auth/login': {
    allowed: 'PUBLIC',
    success: 200,
    call: async (ctx) => ({
      path: '/api/auth/login',
      body: { email: (await ctx.newUser(['NURSE'])).email, password: PASSWORD },
    }),
  },
  'POST /api/auth/refresh': {
    allowed: 'PUBLIC',
    success: 200,
    call: async (ctx) => {
      const login = await ctx
        .http()
        .post('/api/auth/login')
        .send({ email: (await ctx.newUser(['NURSE'])).email, password: PASSWORD });
      const refresh = (login.headers['set-cookie'] as unknown as string[]).find((c) =>
        c.startsWith('cadence_refresh='),
      )!;
      return { path: '/api/auth/refresh', cookie: refresh.split(';')[0] };
    },
  },
  // A session of its own to end: logging out with only the role's access cookie would end the role's session.
  'POST /api/auth/logout': {
    allowed: 'PUBLIC',
    success: 204,
    call: async (ctx) => {
      const login = await ctx
        .http()
        .post('/api/auth/login')
        .send({ email: (await ctx.newUser(['NURSE'])).email, password: PASSWORD });
      const refresh = (login.headers['set-cookie'] as unknown as string[]).find((c) =>
        c.startsWith('cadence_refresh='),
      )!;
      return { path: '/api/auth/logout', cookie: refresh.split(';')[0] };
    },
  },
  'GET /api/auth/me': { allowed: ALL_ROLES, success: 200, call: async () => ({ path: '/api/auth/me' }) },
  'GET /api/users': { allowed: ['ADMIN'], success: 200, call: async () => ({ path: '/api/users' }) },
  'GET /api/users/clinicians': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async () => ({ path: '/api/users/clinicians' }),
  },
  'POST /api/users': {
    allowed: ['ADMIN'],
    success: 201,
    call: async () => ({
      path: '/api/users',
      body: {
        email: `staff-${unique()}@test.cadence`,
        displayName: 'New Nurse',
        password: 'a-long-enough-password',
        roles: ['NURSE'],
      },
    }),
  },
  'POST /api/users/{id}/deactivate': {
    allowed: ['ADMIN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/users/${(await ctx.newUser(['NURSE'])).id}/deactivate` }),
  },
  'PATCH /api/users/{id}': {
    allowed: ['ADMIN'],
    success: 200,
    call: async (ctx) => ({
      path: `/api/users/${(await ctx.newUser(['NURSE'])).id}`,
      body: { roles: ['NURSE', 'CLINICIAN'] },
    }),
  },
  'POST /api/users/{id}/reset-password': {
    allowed: ['ADMIN'],
    success: 200,
    call: async (ctx) => ({
      path: `/api/users/${(await ctx.newUser(['NURSE'])).id}/reset-password`,
      body: { password: 'a-fresh-password-42' },
    }),
  },
  'POST /api/users/{id}/reactivate': {
    allowed: ['ADMIN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/users/${(await ctx.newUser(['NURSE'])).id}/reactivate` }),
  },
  'GET /api/audit': { allowed: ['ADMIN'], success: 200, call: async () => ({ path: '/api/audit' }) },
  'GET /api/audit/csv': {
    allowed: ['ADMIN'],
    success: 200,
    call: async () => ({ path: '/api/audit/csv?action=LOGIN' }),
  },
  'GET /api/audit/patients/{patientId}/access': {
    allowed: ['ADMIN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/audit/patients/${(await ctx.newPatient()).id}/access` }),
  },
  'GET /api/audit/patients/{patientId}/access/csv': {
    allowed: ['ADMIN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/audit/patients/${(await ctx.newPatient()).id}/access/csv` }),
  },
  'GET /api/patients': { allowed: CLINICAL, success: 200, call: async () => ({ path: '/api/patients?q=a' }) },
  'POST /api/patients': {
    allowed: ['SCHEDULER'],
    success: 201,
    call: async () => ({
      path: '/api/patients',
      body: { mrn: `R-${unique()}`, givenName: 'Role', familyName: 'Walk', dateOfBirth: '1975-05-05', sex: 'MALE' },
    }),
  },
  'GET /api/patients/{id}': {
    allowed: CLINICAL,
    success: 200,
    call: async (ctx) => ({ path: `/api/patients/${(await ctx.newPatient()).id}` }),
  },
  'PATCH /api/patients/{id}': {
    allowed: CLINICAL,
    success: 200,
    call: async (ctx) => ({
      path: `/api/patients/${(await ctx.newPatient()).id}`,
      body: { version: 1, phone: '01632 960 555' },
    }),
  },
  'GET /api/screening-templates': {
    allowed: ['NURSE', 'CLINICIAN', 'ADMIN'],
    success: 200,
    call: async () => ({ path: '/api/screening-templates' }),
  },
  'GET /api/screening-templates/{id}': {
    allowed: ['NURSE', 'CLINICIAN', 'ADMIN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/screening-templates/${(await generalTemplate(ctx)).id}` }),
  },
  'POST /api/screening-templates': {
    allowed: ['ADMIN'],
    success: 201,
    call: async (ctx) => ({
      path: '/api/screening-templates',
      body: {
        key: `roles-${unique()}`,
        kind: 'GENERAL',
        title: 'Role walk checklist',
        definition: { items: (await generalTemplate(ctx)).definition.items },
      },
    }),
  },
  'POST /api/patients/{patientId}/screenings': {
    allowed: ['NURSE'],
    success: 201,
    call: async (ctx) => ({
      path: `/api/patients/${(await ctx.newPatient()).id}/screenings`,
      body: { templateId: (await generalTemplate(ctx)).id },
    }),
  },
  'GET /api/patients/{patientId}/screenings': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/patients/${(await ctx.newPatient()).id}/screenings` }),
  },
  'GET /api/patients/{id}/eligibility': {
    allowed: CLINICAL,
    success: 200,
    call: async (ctx) => ({ path: `/api/patients/${(await ctx.newPatient()).id}/eligibility` }),
  },
  'GET /api/screening-queue': {
    allowed: ['CLINICIAN'],
    success: 200,
    call: async () => ({ path: '/api/screening-queue' }),
  },
  'GET /api/screening-queue/count': {
    allowed: ['CLINICIAN'],
    success: 200,
    call: async () => ({ path: '/api/screening-queue/count' }),
  },
  'GET /api/screenings/{id}': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/screenings/${(await screeningDraft(ctx)).id}` }),
  },
  'PATCH /api/screenings/{id}': {
    allowed: ['NURSE'],
    success: 200,
    call: async (ctx) => ({
      path: `/api/screenings/${(await screeningDraft(ctx)).id}`,
      body: { version: 1, answers: { weight_kg: 71 } },
    }),
  },
  'POST /api/screenings/{id}/submit': {
    allowed: ['NURSE'],
    success: 200,
    call: async (ctx) => ({
      path: `/api/screenings/${(await screeningDraft(ctx, GENERAL_ANSWERS)).id}/submit`,
      body: { version: 1 },
    }),
  },
  'POST /api/screenings/{id}/sign': {
    allowed: ['CLINICIAN'],
    success: 200,
    call: async (ctx) => {
      const s = await screeningSubmitted(ctx);
      return { path: `/api/screenings/${s.id}/sign`, body: { version: s.version } };
    },
  },
  'POST /api/screenings/{id}/override': {
    allowed: ['CLINICIAN'],
    success: 200,
    call: async (ctx) => {
      const s = await screeningSubmitted(ctx, { ...GENERAL_ANSWERS, raised_intraocular_pressure: true });
      return {
        path: `/api/screenings/${s.id}/override`,
        body: { version: s.version, reason: 'Glaucoma treated and stable; ophthalmology agrees' },
      };
    },
  },
  'POST /api/screenings/{id}/decline': {
    allowed: ['CLINICIAN'],
    success: 200,
    call: async (ctx) => {
      const s = await screeningSubmitted(ctx);
      return {
        path: `/api/screenings/${s.id}/decline`,
        body: { version: s.version, reason: 'Answers recorded for the wrong patient' },
      };
    },
  },
  'POST /api/screenings/{id}/addenda': {
    allowed: ['NURSE'],
    success: 201,
    call: async (ctx) => ({
      path: `/api/screenings/${(await ctx.newSignedScreening((await ctx.newPatient()).id, 'GENERAL')).id}/addenda`,
    }),
  },
  'GET /api/protocols': { allowed: ALL_ROLES, success: 200, call: async () => ({ path: '/api/protocols' }) },
  'GET /api/protocols/{id}': {
    allowed: ALL_ROLES,
    success: 200,
    call: async (ctx) => ({ path: `/api/protocols/${await ctx.protocolId('IV_SINGLE_INFUSION')}` }),
  },
  'POST /api/protocols': {
    allowed: ['ADMIN'],
    success: 201,
    call: async () => ({
      path: '/api/protocols',
      body: {
        key: `ROLE_WALK_${unique().replace('-', '_')}`,
        name: 'Role walk infusion',
        route: 'IV',
        setting: 'CHAIR',
        definition: PROTOCOL_DEFINITION,
      },
    }),
  },
  'GET /api/clinic': { allowed: ALL_ROLES, success: 200, call: async () => ({ path: '/api/clinic' }) },
  'PATCH /api/clinic': {
    allowed: ['ADMIN'],
    success: 200,
    call: async () => ({ path: '/api/clinic', body: { name: `Clinic ${unique()}` } }),
  },
  'GET /api/clinic/bookings-to-move': {
    allowed: ['SCHEDULER'],
    success: 200,
    call: async () => ({ path: '/api/clinic/bookings-to-move' }),
  },
  'PUT /api/clinic/opening-hours': {
    allowed: ['ADMIN'],
    success: 200,
    call: async () => ({
      path: '/api/clinic/opening-hours',
      body: { windows: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '08:00', closesAt: '18:00' })) },
    }),
  },
  'POST /api/clinic/closures': {
    allowed: ['ADMIN'],
    success: 201,
    call: async () => ({
      path: '/api/clinic/closures',
      body: { startsOn: '2099-12-25', endsOn: '2099-12-26', reason: 'Christmas' },
    }),
  },
  'POST /api/clinic/closures/preview': {
    allowed: ['ADMIN'],
    success: 200,
    call: async () => ({
      path: '/api/clinic/closures/preview',
      body: { startsOn: '2099-12-25', endsOn: '2099-12-26', reason: 'Christmas' },
    }),
  },
  'DELETE /api/clinic/closures/{id}': {
    allowed: ['ADMIN'],
    success: 204,
    call: async (ctx) => {
      const closure = await ctx.prisma.closure.create({
        data: { clinicId: ctx.clinicId, startsOn: new Date('2099-01-01'), endsOn: new Date('2099-01-01'), reason: 'x' },
      });
      return { path: `/api/clinic/closures/${closure.id}` };
    },
  },
  'POST /api/clinic/nurse-shifts': {
    allowed: ['ADMIN'],
    success: 201,
    call: async () => ({
      path: '/api/clinic/nurse-shifts',
      body: { date: '2099-01-02', startsAt: '08:00', endsAt: '16:00', nurses: 2 },
    }),
  },
  'DELETE /api/clinic/nurse-shifts/{id}': {
    allowed: ['ADMIN'],
    success: 200,
    call: async (ctx) => {
      const shift = await ctx.prisma.nurseShift.create({
        data: { clinicId: ctx.clinicId, date: new Date('2099-01-03'), startsAt: '08:00', endsAt: '12:00', nurses: 1 },
      });
      return { path: `/api/clinic/nurse-shifts/${shift.id}` };
    },
  },
  'POST /api/clinic/chairs': {
    allowed: ['ADMIN'],
    success: 201,
    call: async () => ({ path: '/api/clinic/chairs', body: { name: `Chair ${unique()}`, kind: 'CHAIR' } }),
  },
  'PATCH /api/clinic/chairs/{id}': {
    allowed: ['ADMIN'],
    success: 200,
    call: async (ctx) => ({
      path: `/api/clinic/chairs/${(await ctx.newChair()).id}`,
      body: { name: `Renamed ${unique()}` },
    }),
  },
  'POST /api/courses/options': {
    allowed: ['SCHEDULER'],
    success: 200,
    call: async (ctx) => {
      await (opened ??= ctx.openClinic());
      return {
        path: '/api/courses/options',
        body: {
          patientId: (await ctx.newPatient()).id,
          protocolId: await ctx.protocolId('IV_FIVE_DAY_LOW_DOSE'),
          earliest: DateTime.now().plus({ days: 2 }).toISODate(),
          k: 2,
        },
      };
    },
  },
  'POST /api/courses': {
    allowed: ['SCHEDULER'],
    success: 201,
    call: async (ctx) => ({
      path: '/api/courses',
      body: {
        patientId: (await ctx.newEligiblePatient()).id,
        protocolId: await ctx.protocolId('IV_SINGLE_INFUSION'),
        sessions: [await freshSlot(ctx)],
      },
    }),
  },
  'GET /api/courses/{id}': {
    allowed: CLINICAL,
    success: 200,
    call: async (ctx) => ({ path: `/api/courses/${(await bookedCourse(ctx)).course.id}` }),
  },
  'POST /api/courses/{id}/cancel': {
    allowed: ['SCHEDULER'],
    success: 200,
    call: async (ctx) => ({
      path: `/api/courses/${(await bookedCourse(ctx)).course.id}/cancel`,
      body: { version: 1, reason: 'Patient asked' },
    }),
  },
  'POST /api/courses/{id}/replan-options': {
    allowed: ['SCHEDULER'],
    success: 200,
    call: async (ctx) => ({
      path: `/api/courses/${(await bookedCourse(ctx)).course.id}/replan-options`,
      body: { fromSession: 1 },
    }),
  },
  'POST /api/courses/{id}/replan': {
    allowed: ['SCHEDULER'],
    success: 200,
    call: async (ctx) => {
      const { course, slot } = await bookedCourse(ctx);
      // A single infusion may move to any day: the next one, same chair and time.
      const nextDay = (at: string) => new Date(Date.parse(at) + 86_400_000).toISOString();
      return {
        path: `/api/courses/${course.id}/replan`,
        body: {
          fromSession: 1,
          sessions: [
            {
              appointmentId: course.appointmentIds[0],
              version: 1,
              chairId: slot.chairId,
              startsAt: nextDay(slot.startsAt),
              endsAt: nextDay(slot.endsAt),
            },
          ],
        },
      };
    },
  },
  'GET /api/patients/{id}/courses': {
    allowed: CLINICAL,
    success: 200,
    call: async (ctx) => ({ path: `/api/patients/${(await bookedCourse(ctx)).patient.id}/courses` }),
  },
  'GET /api/appointments': {
    allowed: CLINICAL,
    success: 200,
    call: async () => ({
      path: `/api/appointments?from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 7 * 86_400_000).toISOString())}`,
    }),
  },
  'GET /api/appointments/occupancy': {
    allowed: CLINICAL,
    success: 200,
    call: async () => ({ path: '/api/appointments/occupancy?month=2026-12' }),
  },
  'POST /api/appointments/{id}/reschedule-options': {
    allowed: ['SCHEDULER'],
    success: 200,
    call: async (ctx) => ({
      path: `/api/appointments/${(await bookedCourse(ctx)).course.appointmentIds[0]}/reschedule-options`,
      body: {},
    }),
  },
  'POST /api/appointments/{id}/reschedule': {
    allowed: ['SCHEDULER'],
    success: 200,
    call: async (ctx) => {
      const { course, slot } = await bookedCourse(ctx);
      const later = {
        startsAt: new Date(Date.parse(slot.startsAt) + 3_600_000).toISOString(),
        endsAt: new Date(Date.parse(slot.endsAt) + 3_600_000).toISOString(),
      };
      return {
        path: `/api/appointments/${course.appointmentIds[0]}/reschedule`,
        body: { version: 1, chairId: slot.chairId, ...later },
      };
    },
  },
  'POST /api/appointments/{id}/cancel': {
    allowed: ['SCHEDULER'],
    success: 200,
    call: async (ctx) => ({
      path: `/api/appointments/${(await bookedCourse(ctx)).course.appointmentIds[0]}/cancel`,
      body: { version: 1, reason: 'Unwell' },
    }),
  },
  'POST /api/appointments/{id}/no-show': {
    allowed: ['SCHEDULER', 'NURSE'],
    success: 200,
    call: async (ctx) => ({
      path: `/api/appointments/${(await bookedCourse(ctx, -1)).course.appointmentIds[0]}/no-show`,
      body: { version: 1 },
    }),
  },
  'GET /api/patients/{id}/appointments.ics': {
    allowed: ['SCHEDULER'],
    success: 200,
    call: async (ctx) => ({ path: `/api/patients/${(await bookedCourse(ctx)).patient.id}/appointments.ics` }),
  },
  'POST /api/sessions/{id}/vitals': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 201,
    call: async (ctx) => ({
      path: `/api/sessions/${(await session(ctx)).sessionId}/vitals`,
      body: { id: randomUUID(), takenAt: new Date().toISOString(), heartRate: 72 },
    }),
  },
  'POST /api/sessions/{id}/vitals/{readingId}/void': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => {
      const { sessionId, readingId } = await storedReading(ctx);
      return { path: `/api/sessions/${sessionId}/vitals/${readingId}/void`, body: { reason: 'Wrong patient' } };
    },
  },
  'POST /api/sessions/{id}/adverse-events': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 201,
    call: async (ctx) => ({
      path: `/api/sessions/${(await session(ctx)).sessionId}/adverse-events`,
      body: {
        id: randomUUID(),
        term: 'nausea',
        grade: 1,
        onsetAt: new Date().toISOString(),
        actions: ['NONE'],
        outcome: 'RESOLVED',
        serious: false,
      },
    }),
  },
  'GET /api/sessions/{id}/adverse-events': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/sessions/${(await session(ctx)).sessionId}/adverse-events` }),
  },
  'PATCH /api/adverse-events/{id}': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => {
      const event = await draftEvent(ctx);
      return { path: `/api/adverse-events/${event.id}`, body: { version: event.version, grade: 2 } };
    },
  },
  'POST /api/adverse-events/{id}/confirm': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => {
      const event = await draftEvent(ctx);
      return {
        path: `/api/adverse-events/${event.id}/confirm`,
        body: { version: event.version, grade: 2, actions: ['NONE'], outcome: 'RESOLVED' },
      };
    },
  },
  'POST /api/adverse-events/{id}/dismiss': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => {
      const event = await draftEvent(ctx);
      return {
        path: `/api/adverse-events/${event.id}/dismiss`,
        body: { version: event.version, reason: 'Cuff error' },
      };
    },
  },
  'GET /api/adverse-event-terms': {
    allowed: ['NURSE', 'CLINICIAN', 'ADMIN'],
    success: 200,
    call: async () => ({ path: '/api/adverse-event-terms' }),
  },
  'GET /api/alerts': { allowed: ALL_ROLES, success: 200, call: async () => ({ path: '/api/alerts' }) },
  'POST /api/alerts/{id}/read': {
    allowed: ALL_ROLES,
    success: 200,
    call: async (ctx, caller) => ({ path: `/api/alerts/${await ownAlert(ctx, caller)}/read`, body: {} }),
  },
  'GET /api/sessions/{id}/flowsheet': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/sessions/${(await session(ctx)).sessionId}/flowsheet` }),
  },
  'POST /api/sessions/{id}/orders': {
    allowed: ['CLINICIAN'],
    success: 201,
    call: async (ctx) => ({
      path: `/api/sessions/${(await ctx.newCheckedInSession()).sessionId}/orders`,
      body: { perKg: 0.5, plannedMinutes: 40 },
    }),
  },
  'POST /api/sessions/{id}/dose-events': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 201,
    call: async (ctx) => ({
      path: `/api/sessions/${await orderedSession(ctx)}/dose-events`,
      body: { id: randomUUID(), kind: 'START', at: new Date().toISOString() },
    }),
  },
  'GET /api/sessions/{id}/dosing': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/sessions/${await orderedSession(ctx)}/dosing` }),
  },
  'GET /api/patients/{id}/dose-ledger': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/patients/${(await ctx.newPatient()).id}/dose-ledger` }),
  },
  'POST /api/patients/{id}/home-doses': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 201,
    call: async (ctx) => ({
      path: `/api/patients/${(await ctx.newPatient()).id}/home-doses`,
      body: { id: randomUUID(), route: 'ORAL', mg: 20, takenAt: new Date(Date.now() - 3_600_000).toISOString() },
    }),
  },
  'GET /api/patients/{id}/home-doses': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/patients/${(await ctx.newPatient()).id}/home-doses` }),
  },
  'GET /api/sessions/today': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async () => ({ path: '/api/sessions/today' }),
  },
  'POST /api/appointments/{appointmentId}/check-in': {
    allowed: ['NURSE'],
    success: 201,
    call: async (ctx) => ({
      path: `/api/appointments/${await todayAppointment(ctx)}/check-in`,
      body: await checkInFacts(ctx),
    }),
  },
  'PUT /api/sessions/{id}/check-in': {
    allowed: ['NURSE'],
    success: 200,
    call: async (ctx) => ({
      path: `/api/sessions/${(await ctx.newCheckedInSession()).sessionId}/check-in`,
      body: { version: 1, spo2: 97 },
    }),
  },
  'POST /api/sessions/{id}/check-in-override': {
    allowed: ['CLINICIAN'],
    success: 200,
    call: async (ctx) => ({
      path: `/api/sessions/${await sessionWithoutEscort(ctx)}/check-in-override`,
      body: { version: 1, reason: 'The escort arrives before the end of the session', accepts: ['NO_ESCORT'] },
    }),
  },
  'GET /api/sessions/{id}': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/sessions/${(await ctx.newCheckedInSession()).sessionId}` }),
  },
  'POST /api/sessions/{id}/discharge': {
    allowed: ['NURSE'],
    success: 200,
    call: async (ctx) => ({
      path: `/api/sessions/${await sessionAt(ctx, 'IN_RECOVERY')}/discharge`,
      body: {
        version: 1,
        aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2 },
        onRoomAir: true,
        escortPresent: true,
        painAfter: 2,
      },
    }),
  },
  'POST /api/sessions/{id}/sign': {
    allowed: ['NURSE'],
    success: 200,
    call: async (ctx) => ({ path: `/api/sessions/${await sessionAt(ctx, 'DISCHARGED')}/sign`, body: { version: 1 } }),
  },
  'POST /api/sessions/{id}/co-sign': {
    allowed: ['CLINICIAN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/sessions/${await sessionAt(ctx, 'SIGNED')}/co-sign`, body: { version: 1 } }),
  },
  'POST /api/sessions/{id}/addenda': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 201,
    call: async (ctx) => ({
      path: `/api/sessions/${await sessionAt(ctx, 'SIGNED')}/addenda`,
      body: { text: 'Patient phoned: home safely.' },
    }),
  },
  'GET /api/messages': {
    allowed: CLINICAL,
    success: 200,
    call: async () => ({ path: '/api/messages?status=MANUAL' }),
  },
  'POST /api/messages/{id}/sent-by-hand': {
    allowed: ['SCHEDULER', 'NURSE'],
    success: 200,
    call: async (ctx) => ({ path: `/api/messages/${await manualMessage(ctx)}/sent-by-hand` }),
  },
  'POST /api/messages/{id}/retry': {
    allowed: ['SCHEDULER', 'NURSE'],
    success: 200,
    call: async (ctx) => ({ path: `/api/messages/${await manualMessage(ctx)}/retry` }),
  },
  'GET /api/jobs/daily-runs': {
    allowed: ['ADMIN'],
    success: 200,
    call: async () => ({ path: '/api/jobs/daily-runs' }),
  },
  'GET /api/follow-up-records/bladder-reviews': {
    allowed: ['CLINICIAN'],
    success: 200,
    call: async () => ({ path: '/api/follow-up-records/bladder-reviews' }),
  },
  'GET /api/follow-ups/worklist': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async () => ({ path: '/api/follow-ups/worklist' }),
  },
  'GET /api/follow-ups/{id}': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/follow-ups/${await followUpDue(ctx)}` }),
  },
  'POST /api/follow-ups/{id}/records': {
    allowed: ['NURSE'],
    success: 201,
    call: async (ctx) => ({
      path: `/api/follow-ups/${await followUpDue(ctx)}/records`,
      body: { id: randomUUID(), channel: 'PHONE', recordedAtMs: Date.now(), ...FOLLOW_UP_ANSWERS },
    }),
  },
  'POST /api/follow-ups/{id}/link': {
    allowed: ['NURSE'],
    success: 201,
    call: async (ctx) => ({ path: `/api/follow-ups/${await followUpDue(ctx)}/link` }),
  },
  'POST /api/follow-up-records/{id}/bladder-review': {
    allowed: ['CLINICIAN'],
    success: 200,
    call: async (ctx) => ({
      path: `/api/follow-up-records/${await bladderRecord(ctx)}/bladder-review`,
      body: { note: 'Frequency only, urine dip clear' },
    }),
  },
  'GET /api/patients/{id}/follow-ups': {
    allowed: ['NURSE', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/patients/${(await ctx.newPatient()).id}/follow-ups` }),
  },
  'GET /api/patient-link/{token}': {
    allowed: 'PUBLIC',
    success: 200,
    call: async (ctx) => ({ path: `/api/patient-link/${await linkToken(ctx)}` }),
  },
  'POST /api/patient-link/{token}': {
    allowed: 'PUBLIC',
    success: 201,
    call: async (ctx) => ({ path: `/api/patient-link/${await linkToken(ctx)}`, body: FOLLOW_UP_ANSWERS }),
  },
  'GET /api/clinic/infusion-settings': {
    allowed: ['NURSE', 'CLINICIAN', 'ADMIN'],
    success: 200,
    call: async () => ({ path: '/api/clinic/infusion-settings' }),
  },
  'PUT /api/clinic/infusion-settings': {
    allowed: ['ADMIN'],
    success: 200,
    call: async (ctx) => ({
      path: '/api/clinic/infusion-settings',
      body: {
        version: (await ctx.prisma.clinic.findUniqueOrThrow({ where: { id: ctx.clinicId } })).version,
        infusion: { vitalsIntervalMinutes: 15 },
      },
    }),
  },
  'GET /api/patients/{id}/booster-checks': {
    allowed: CLINICAL,
    success: 200,
    call: async (ctx) => ({
      path: `/api/patients/${(await ctx.newPatient()).id}/booster-checks?protocolId=${await ctx.protocolId('IV_SINGLE_INFUSION')}`,
    }),
  },
  'GET /api/outcomes/relief-curves': {
    allowed: ['ADMIN', 'CLINICIAN'],
    success: 200,
    call: async () => ({ path: '/api/outcomes/relief-curves' }),
  },
  'GET /api/outcomes/medians': {
    allowed: ['ADMIN', 'CLINICIAN'],
    success: 200,
    call: async () => ({ path: '/api/outcomes/medians' }),
  },
  'GET /api/outcomes/responders': {
    allowed: ['ADMIN', 'CLINICIAN'],
    success: 200,
    call: async () => ({ path: '/api/outcomes/responders' }),
  },
  'GET /api/outcomes/scores': {
    allowed: ['ADMIN', 'CLINICIAN'],
    success: 200,
    call: async () => ({ path: '/api/outcomes/scores' }),
  },
  'GET /api/outcomes/adverse-events': {
    allowed: ['ADMIN', 'CLINICIAN'],
    success: 200,
    call: async () => ({ path: '/api/outcomes/adverse-events' }),
  },
  'GET /api/outcomes/follow-up-completion': {
    allowed: ['ADMIN', 'CLINICIAN'],
    success: 200,
    call: async () => ({ path: '/api/outcomes/follow-up-completion' }),
  },
  'GET /api/outcomes/boosters': {
    allowed: ['ADMIN', 'CLINICIAN'],
    success: 200,
    call: async () => ({ path: '/api/outcomes/boosters' }),
  },
  'GET /api/patients/{id}/relief-forecast': {
    allowed: ['ADMIN', 'CLINICIAN'],
    success: 200,
    call: async (ctx) => ({ path: `/api/patients/${(await ctx.newPatient()).id}/relief-forecast` }),
  },
  'GET /api/outcomes/comparison': {
    allowed: ['ADMIN', 'CLINICIAN'],
    success: 200,
    call: async () => ({ path: '/api/outcomes/comparison?groupBy=painMechanism' }),
  },
  'GET /api/boosters/queue': {
    allowed: ['CLINICIAN'],
    success: 200,
    call: async () => ({ path: '/api/boosters/queue' }),
  },
  'POST /api/boosters/tasks/{id}/dismiss': {
    allowed: ['CLINICIAN'],
    success: 200,
    call: async (ctx) => {
      const { patientId, courseId } = await completedCourse(ctx);
      const task = await ctx.prisma.boosterTask.create({
        data: { clinicId: ctx.clinicId, patientId, courseId, dueBy: new Date('2099-01-01'), reason: 'Relief lost' },
      });
      return { path: `/api/boosters/tasks/${task.id}/dismiss`, body: { reason: 'Patient declined' } };
    },
  },
  'POST /api/boosters/approvals': {
    allowed: ['CLINICIAN'],
    success: 201,
    call: async (ctx) => {
      // No baseline pain: no measured response, a relative reason a clinician may accept.
      const { patientId, courseId, protocolId } = await completedCourse(ctx);
      return {
        path: '/api/boosters/approvals',
        body: {
          patientId,
          courseId,
          protocolId,
          reason: 'Clear benefit reported by phone',
          accepts: ['NO_RESPONSE_DATA'],
        },
      };
    },
  },
  'GET /api/clinic/follow-up-settings': {
    allowed: ['NURSE', 'CLINICIAN', 'ADMIN'],
    success: 200,
    call: async () => ({ path: '/api/clinic/follow-up-settings' }),
  },
  'PUT /api/clinic/follow-up-settings': {
    allowed: ['ADMIN'],
    success: 200,
    call: async (ctx) => ({
      path: '/api/clinic/follow-up-settings',
      body: {
        version: (await ctx.prisma.clinic.findUniqueOrThrow({ where: { id: ctx.clinicId } })).version,
        followUp: { bladderScreenMaxAgeDays: 28 },
      },
    }),
  },
};

describe('every route × every role', () => {
  let ctx: TestContext;
  let served: string[];

  beforeAll(async () => {
    // A mail server is configured (never reached: no delivery runs here), so a retry can queue.
    ctx = await startTestApp({ SMTP_URL: 'smtp://127.0.0.1:9', MAIL_FROM: 'clinic@example.test' });
    const doc = (await ctx.http().get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    served = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
  });
  afterAll(() => ctx.close());

  it('has a rule for every route the API serves, and no rule for a route it does not', () => {
    expect([...served].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  const cases = Object.keys(ROUTES).flatMap((route) => CALLERS.map((caller) => [route, caller] as const));
  it.each(cases)('%s as %s', async (route, caller) => {
    const rule = ROUTES[route];
    const [method] = route.split(' ');
    const call = await rule.call(ctx, caller === 'ANONYMOUS' ? undefined : caller);
    const cookies = [call.cookie, caller === 'ANONYMOUS' ? undefined : (await ctx.users())[caller].cookie]
      .filter(Boolean)
      .join('; ');
    let req = ctx.http()[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](call.path);
    if (cookies) req = req.set('Cookie', cookies);
    for (const [name, value] of Object.entries(call.headers ?? {})) req = req.set(name, value);
    const res = call.body ? await req.send(call.body) : await req;

    const allowed = rule.allowed === 'PUBLIC' || (caller !== 'ANONYMOUS' && rule.allowed.includes(caller));
    const expected = allowed ? rule.success : caller === 'ANONYMOUS' ? 401 : 403;
    expect({ status: res.status, body: res.body }).toMatchObject({ status: expected });
    // FHIR's routes refuse with an OperationOutcome, the rest of the API with a problem.
    const refusal = route.includes(' /fhir/') ? 'application/fhir+json' : 'application/problem+json';
    if (!allowed) expect(res.headers['content-type']).toContain(refusal);
  });
});
