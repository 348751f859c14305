// One running API on its own database per test file, with small factories for test data.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Role } from '@prisma/client';
import { randomBytes, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../apps/api/src/app.factory';
import { seedClinicCatalogue } from '../../apps/api/src/launch/catalogue';
import { AppConfig, loadConfig } from '../../apps/api/src/common/config/app.config';
import { TokenService } from '../../apps/api/src/common/auth/tokens';
import { TransactionHost, type Transactions } from '../../apps/api/src/common/prisma/transactions';
import { hashPassword } from '../../apps/api/src/modules/auth/password';
import { CourseCompletion } from '../../apps/api/src/modules/sessions/course-completion';
import {
  checkInChecks,
  checkInDecision,
  DEFAULT_DOSING_SETTINGS,
  DEFAULT_INFUSION_SETTINGS,
  DEFAULT_SCREENING_SETTINGS,
} from '@cadence/domain';
import { createTestDatabase } from './database';

export const PASSWORD = 'correct-horse-battery-staple';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  clinicId: string;
  email: string;
  roles: Role[];
  /** Cookie header carrying a valid access token for this user. */
  cookie: string;
}

export interface TestContext {
  app: NestFastifyApplication;
  config: AppConfig;
  http: () => TestAgent;
  prisma: PrismaClient;
  clinicId: string;
  /** A clinic with its own copy of the catalogue (screening templates and protocols, version 1). */
  newClinic(): Promise<string>;
  newUser(roles: Role[], clinicId?: string): Promise<TestUser>;
  /** One user per role in the default clinic, created once. */
  users(): Promise<Record<Role, TestUser>>;
  newPatient(
    overrides?: Partial<PatientSeed>,
    clinicId?: string,
  ): Promise<{ id: string; mrn: string; familyName: string }>;
  /**
   * A SIGNED screening inserted directly (no workflow): ELIGIBLE, signed today in the clinic's zone and
   * valid for 30 days unless told otherwise. For tests that need eligibility as a precondition.
   */
  newSignedScreening(patientId: string, kind: ScreeningKindSeed, seed?: SignedScreeningSeed): Promise<{ id: string }>;
  /**
   * A SUBMITTED screening inserted directly, awaiting a clinician: ELIGIBLE unless told otherwise,
   * submitted at `submittedAt` (default now). For tests of what a clinician signs late, or of a
   * newer screening not yet signed.
   */
  newSubmittedScreening(
    patientId: string,
    kind: ScreeningKindSeed,
    seed?: SubmittedScreeningSeed,
  ): Promise<{ id: string; version: number }>;
  /** A patient with one signed ELIGIBLE screening of every kind (valid `validDays`, default 30, from today). */
  newEligiblePatient(
    overrides?: Partial<PatientSeed>,
    options?: { validDays?: number; clinicId?: string },
  ): Promise<{ id: string; mrn: string; familyName: string; screeningIds: string[] }>;
  /** A chair (default), bed or room in the default clinic. */
  newChair(seed?: {
    name?: string;
    kind?: 'CHAIR' | 'BED' | 'ROOM';
    active?: boolean;
    clinicId?: string;
  }): Promise<{ id: string; name: string }>;
  /** Opening hours on `days` (default every day, 08:00–18:00) and a weekly nurse rota covering them. */
  openClinic(options?: {
    clinicId?: string;
    days?: number[];
    opensAt?: string;
    closesAt?: string;
    nurses?: number;
  }): Promise<void>;
  /** A protocol version id of a clinic's seeded catalogue (version 1; default clinic unless told). */
  protocolId(key: string, clinicId?: string): Promise<string>;
  /**
   * A course with BOOKED appointments inserted directly (no search, no eligibility), for tests that
   * need appointments in the past or at set times.
   */
  newBookedCourse(
    patientId: string,
    sessions: { chairId: string; startsAt: string; endsAt: string }[],
    protocolKey?: string,
  ): Promise<{ id: string; appointmentIds: string[] }>;
  /**
   * An eligible patient with a one-session course booked now (started 5 minutes ago) and checked in
   * with every day-of check passed, inserted directly: the starting point of dosing, vitals and
   * adverse-event tests. The baseline reading is 120/80, 70 bpm, SpO2 98 %, weight `weightKg` (70).
   */
  newCheckedInSession(seed?: {
    weightKg?: number;
    protocolKey?: string;
    supervisingClinicianId?: string;
  }): Promise<{ sessionId: string; appointmentId: string; courseId: string; patientId: string; nurse: TestUser }>;
  /**
   * A course completed through the API's own course completion, so its follow-up schedule is the
   * one the API makes: `sessions` consecutive daily sessions (default 1), the last one
   * `lastSessionDaysAgo` clinic days ago (default 0), each COMPLETED with its infusion session
   * (pain before and after, an IV infusion at `rateMgPerHour` for 40 minutes unless null)
   * discharged, signed and co-signed. `completedAt` is the last co-signature, 90 minutes after its
   * session stopped. A new eligible patient unless `patientId` is given.
   */
  newCompletedCourse(seed?: CompletedCourseSeed): Promise<CompletedCourseFixture>;
  close(): Promise<void>;
}

export interface CompletedCourseSeed {
  patientId?: string;
  /** Default IV_SINGLE_INFUSION (follow-ups at days 1, 3, 7 and 14). */
  protocolKey?: string;
  sessions?: number;
  lastSessionDaysAgo?: number;
  baselinePainNrs?: number | null;
  painBefore?: number | null;
  painAfter?: number | null;
  /** mg/h of the IV infusion recorded in each session (default 30); null records no dose. */
  rateMgPerHour?: number | null;
  /** Makes it a booster of that course (its appointments kind BOOSTER). */
  boosterOfCourseId?: string;
  clinicId?: string;
  /**
   * Called for each session after its dose rows and before its signatures (which freeze the
   * session's child rows), to add readings, rate changes or adverse events.
   */
  beforeSigning?: (session: {
    sessionId: string;
    index: number;
    startedAt: Date;
    stoppedAt: Date;
    orderId?: string;
  }) => Promise<void>;
}

export interface CompletedCourseFixture {
  courseId: string;
  patientId: string;
  appointmentIds: string[];
  sessionIds: string[];
  /** The clinic date (YYYY-MM-DD) the last session ended on: the follow-ups count from it. */
  lastSessionOn: string;
  completedAt: Date;
  /** Its follow-ups as stored, by offset. */
  followUps: {
    id: string;
    offsetDays: number;
    dueOn: string;
    opensOn: string;
    closesOn: string;
    opensAt: Date;
    closesAt: Date;
    status: string;
  }[];
  clinician: TestUser;
  nurse: TestUser;
}

export interface PatientSeed {
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: 'FEMALE' | 'MALE' | 'OTHER' | 'UNKNOWN';
}

export type ScreeningKindSeed = 'CARDIOVASCULAR' | 'PSYCHIATRIC' | 'GENERAL';

export interface SignedScreeningSeed {
  clinicId?: string;
  answers?: Record<string, unknown>;
  result?: 'ELIGIBLE' | 'NEEDS_REVIEW' | 'CONTRAINDICATED';
  reasons?: unknown[];
  /** Clinic calendar dates (YYYY-MM-DD); signedOn defaults to today in the clinic's zone. */
  signedOn?: string;
  validUntil?: string;
  overrideReason?: string;
  suicidalityFlag?: boolean;
  noSerialInfusions?: boolean;
  dayOnlyItems?: string[];
}

export interface SubmittedScreeningSeed {
  answers?: Record<string, unknown>;
  result?: 'ELIGIBLE' | 'NEEDS_REVIEW' | 'CONTRAINDICATED';
  reasons?: unknown[];
  suicidalityFlag?: boolean;
  /** An ISO instant; default now. */
  submittedAt?: string;
}

/** Today's date in a time zone, YYYY-MM-DD. */
export function todayIn(timeZone: string, offsetDays = 0): string {
  const today = new Date().toLocaleDateString('en-CA', { timeZone });
  return offsetDays ? addDaysTo(today, offsetDays) : today;
}

export function addDaysTo(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `logStream` receives the app's log lines (at LOG_LEVEL, so pass one in `env`); without it nothing is logged. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: { logStream?: DestinationStream } = {},
): Promise<TestContext> {
  const database = await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: database.url,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ...env,
  });
  const app = await createApp(config, { logs: Boolean(options.logStream), logStream: options.logStream });
  await app.init();
  // Nest holds its own loggers' lines until listen(), which supertest never calls: let them through.
  if (options.logStream) app.flushLogs();
  await app.getHttpAdapter().getInstance().ready();
  // Fixtures are written as the owner role; the API above connects as the runtime role.
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.ownerUrl }) });
  const tokens = app.get(TokenService);
  const unique = () => randomBytes(5).toString('hex');

  const newClinic = async () => {
    const { id } = await prisma.clinic.create({
      data: { name: `Clinic ${unique()}`, timezone: 'Europe/London' },
      select: { id: true },
    });
    await seedClinicCatalogue(prisma, id);
    return id;
  };
  const clinicId = await newClinic();

  const newUser = async (roles: Role[], inClinic = clinicId): Promise<TestUser> => {
    const email = `${roles.join('-').toLowerCase()}-${unique()}@test.cadence`;
    const user = await prisma.user.create({
      data: {
        clinicId: inClinic,
        email,
        displayName: `Test ${roles.join('/')}`,
        passwordHash: await (passwordHash ??= hashPassword(PASSWORD)),
        roles,
      },
      select: { id: true },
    });
    // Access tokens count only while their session is live, as a login would make it.
    const session = await prisma.session.create({
      data: {
        userId: user.id,
        refreshTokenHash: tokens.newRefreshToken().hash,
        expiresAt: new Date(Date.now() + config.auth.refreshTokenTtlSeconds * 1000),
      },
      select: { id: true },
    });
    const token = tokens.signAccess(user.id, session.id);
    return { id: user.id, clinicId: inClinic, email, roles, cookie: `cadence_access=${token}` };
  };

  let byRole: Promise<Record<Role, TestUser>> | undefined;
  const users = () =>
    (byRole ??= (async () => ({
      SCHEDULER: await newUser(['SCHEDULER']),
      NURSE: await newUser(['NURSE']),
      CLINICIAN: await newUser(['CLINICIAN']),
      ADMIN: await newUser(['ADMIN']),
    }))());

  const newPatient = async (overrides: Partial<PatientSeed> = {}, inClinic = clinicId) => {
    const seed: PatientSeed = {
      mrn: `T-${unique()}`,
      givenName: 'Test',
      familyName: `Patient${unique()}`,
      dateOfBirth: '1980-04-02',
      sex: 'FEMALE',
      ...overrides,
    };
    const patient = await prisma.patient.create({
      data: { ...seed, clinicId: inClinic, dateOfBirth: new Date(`${seed.dateOfBirth}T00:00:00Z`) },
      select: { id: true },
    });
    return { id: patient.id, mrn: seed.mrn, familyName: seed.familyName };
  };

  const newSignedScreening = async (patientId: string, kind: ScreeningKindSeed, seed: SignedScreeningSeed = {}) => {
    const inClinic = seed.clinicId ?? clinicId;
    const [template, clinic, author] = await Promise.all([
      prisma.screeningTemplate.findFirstOrThrow({
        where: { clinicId: inClinic, kind },
        orderBy: { version: 'desc' },
        select: { id: true },
      }),
      prisma.clinic.findUniqueOrThrow({ where: { id: inClinic }, select: { timezone: true } }),
      newUser(['CLINICIAN'], inClinic),
    ]);
    const signedOn = seed.signedOn ?? todayIn(clinic.timezone);
    const validUntil = seed.validUntil ?? addDaysTo(signedOn, 30);
    const signedAt = new Date(`${signedOn}T12:00:00Z`);
    const screening = await prisma.screening.create({
      data: {
        clinicId: inClinic,
        patientId,
        templateId: template.id,
        kind,
        status: 'SIGNED',
        answers: (seed.answers ?? {}) as object,
        scores: {},
        result: seed.result ?? 'ELIGIBLE',
        reasons: (seed.reasons ?? []) as object[],
        suicidalityFlag: seed.suicidalityFlag ?? false,
        noSerialInfusions: seed.noSerialInfusions ?? false,
        dayOnlyItems: seed.dayOnlyItems ?? [],
        createdById: author.id,
        createdAt: signedAt,
        submittedById: author.id,
        submittedAt: signedAt,
        signedById: author.id,
        signedAt,
        signedOn: new Date(`${signedOn}T00:00:00Z`),
        validUntil: new Date(`${validUntil}T00:00:00Z`),
        overrideReason: seed.overrideReason ?? null,
      },
      select: { id: true },
    });
    return { id: screening.id };
  };

  const newSubmittedScreening = async (
    patientId: string,
    kind: ScreeningKindSeed,
    seed: SubmittedScreeningSeed = {},
  ) => {
    const [template, author] = await Promise.all([
      prisma.screeningTemplate.findFirstOrThrow({
        where: { clinicId, kind },
        orderBy: { version: 'desc' },
        select: { id: true },
      }),
      newUser(['NURSE']),
    ]);
    const submittedAt = seed.submittedAt ? new Date(seed.submittedAt) : new Date();
    return prisma.screening.create({
      data: {
        clinicId,
        patientId,
        templateId: template.id,
        kind,
        status: 'SUBMITTED',
        answers: (seed.answers ?? {}) as object,
        scores: {},
        result: seed.result ?? 'ELIGIBLE',
        reasons: (seed.reasons ?? []) as object[],
        suicidalityFlag: seed.suicidalityFlag ?? false,
        createdById: author.id,
        createdAt: submittedAt,
        submittedById: author.id,
        submittedAt,
      },
      select: { id: true, version: true },
    });
  };

  const newEligiblePatient = async (
    overrides: Partial<PatientSeed> = {},
    options: { validDays?: number; clinicId?: string } = {},
  ) => {
    const inClinic = options.clinicId ?? clinicId;
    const patient = await newPatient(overrides, inClinic);
    const clinic = await prisma.clinic.findUniqueOrThrow({ where: { id: inClinic }, select: { timezone: true } });
    const signedOn = todayIn(clinic.timezone);
    const validUntil = addDaysTo(signedOn, options.validDays ?? 30);
    const screeningIds: string[] = [];
    for (const kind of ['CARDIOVASCULAR', 'PSYCHIATRIC', 'GENERAL'] as const) {
      screeningIds.push((await newSignedScreening(patient.id, kind, { clinicId: inClinic, signedOn, validUntil })).id);
    }
    return { ...patient, screeningIds };
  };

  const newChair = async (
    seed: { name?: string; kind?: 'CHAIR' | 'BED' | 'ROOM'; active?: boolean; clinicId?: string } = {},
  ) => {
    const name = seed.name ?? `${seed.kind === 'BED' ? 'Bed' : 'Chair'} ${unique()}`;
    const chair = await prisma.chair.create({
      data: { clinicId: seed.clinicId ?? clinicId, name, kind: seed.kind ?? 'CHAIR', active: seed.active ?? true },
      select: { id: true },
    });
    return { id: chair.id, name };
  };

  const openClinic = async (
    options: { clinicId?: string; days?: number[]; opensAt?: string; closesAt?: string; nurses?: number } = {},
  ) => {
    const inClinic = options.clinicId ?? clinicId;
    const days = options.days ?? [1, 2, 3, 4, 5, 6, 7];
    await prisma.openingHours.createMany({
      data: days.map((weekday) => ({
        clinicId: inClinic,
        weekday,
        opensAt: options.opensAt ?? '08:00',
        closesAt: options.closesAt ?? '18:00',
      })),
      skipDuplicates: true,
    });
    await prisma.nurseShift.createMany({
      data: days.map((weekday) => ({
        clinicId: inClinic,
        weekday,
        startsAt: '00:00',
        endsAt: '24:00',
        nurses: options.nurses ?? 4,
      })),
    });
  };

  const protocolId = async (key: string, inClinic = clinicId) =>
    (
      await prisma.protocol.findUniqueOrThrow({
        where: { clinicId_key_version: { clinicId: inClinic, key, version: 1 } },
        select: { id: true },
      })
    ).id;

  const newBookedCourse = async (
    patientId: string,
    sessions: { chairId: string; startsAt: string; endsAt: string }[],
    protocolKey = 'IV_FIVE_DAY_LOW_DOSE',
  ) => {
    const author = await newUser(['SCHEDULER']);
    const course = await prisma.course.create({
      data: {
        clinicId,
        patientId,
        protocolId: await protocolId(protocolKey),
        bookedById: author.id,
        sessionCount: sessions.length,
        eligibilityScreeningIds: [],
        appointments: {
          create: sessions.map((s, i) => ({
            clinicId,
            patientId,
            chairId: s.chairId,
            sessionNumber: i + 1,
            startsAt: new Date(s.startsAt),
            endsAt: new Date(s.endsAt),
          })),
        },
      },
      select: { id: true, appointments: { select: { id: true }, orderBy: { sessionNumber: 'asc' } } },
    });
    return { id: course.id, appointmentIds: course.appointments.map((a) => a.id) };
  };

  const newCheckedInSession = async (
    seed: { weightKg?: number; protocolKey?: string; supervisingClinicianId?: string } = {},
  ) => {
    const patient = await newEligiblePatient();
    const chair = await newChair();
    const startsAt = new Date(Date.now() - 5 * 60_000);
    const endsAt = new Date(startsAt.getTime() + 3 * 60 * 60_000);
    const course = await newBookedCourse(
      patient.id,
      [{ chairId: chair.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() }],
      seed.protocolKey ?? 'IV_SINGLE_INFUSION',
    );
    const nurse = await newUser(['NURSE']);
    const clinic = await prisma.clinic.findUniqueOrThrow({ where: { id: clinicId }, select: { timezone: true } });
    const today = todayIn(clinic.timezone);
    const nowMs = Date.now();
    const reading = { atMs: nowMs, systolic: 120, diastolic: 80, heartRate: 70 };
    const checkInFacts = {
      today,
      nowMs,
      vitals: { recordedOn: today, first: reading },
      spo2: { recordedOn: today, percent: 98 },
      weightKg: { recordedOn: today, value: seed.weightKg ?? 70 },
      pregnancyApplies: false,
      escortHome: { recordedOn: today, arranged: true },
      drivingHome: { recordedOn: today, willDrive: false },
    };
    const checks = checkInChecks(checkInFacts, {
      screening: DEFAULT_SCREENING_SETTINGS,
      infusion: DEFAULT_INFUSION_SETTINGS,
      dosing: DEFAULT_DOSING_SETTINGS,
    });
    if (!checkInDecision(checks).allowed) throw new Error('The fixture check-in does not pass its own checks');
    const session = await prisma.infusionSession.create({
      data: {
        clinicId,
        appointmentId: course.appointmentIds[0],
        patientId: patient.id,
        courseId: course.id,
        supervisingClinicianId: seed.supervisingClinicianId,
        checkedInById: nurse.id,
        checkedInAt: new Date(nowMs),
        checkedInOn: new Date(`${today}T00:00:00Z`),
        checkInFacts,
        checkInChecks: checks as object[],
        checkInCleared: true,
        weightKg: seed.weightKg ?? 70,
        eligibilityScreeningIds: patient.screeningIds,
      },
      select: { id: true },
    });
    return {
      sessionId: session.id,
      appointmentId: course.appointmentIds[0],
      courseId: course.id,
      patientId: patient.id,
      nurse,
    };
  };

  const newCompletedCourse = async (seed: CompletedCourseSeed = {}): Promise<CompletedCourseFixture> => {
    const inClinic = seed.clinicId ?? clinicId;
    const clinic = await prisma.clinic.findUniqueOrThrow({ where: { id: inClinic }, select: { timezone: true } });
    const zone = clinic.timezone;
    const patientId = seed.patientId ?? (await newEligiblePatient({}, { clinicId: inClinic })).id;
    const chair = await newChair({ clinicId: inClinic });
    const [nurse, clinician, scheduler] = [
      await newUser(['NURSE'], inClinic),
      await newUser(['CLINICIAN'], inClinic),
      await newUser(['SCHEDULER'], inClinic),
    ];
    const count = seed.sessions ?? 1;
    const lastDaysAgo = seed.lastSessionDaysAgo ?? 0;
    const minutes = 40;
    const nowMs = Date.now();
    // Each session at 08:00 on its clinic date; today's, if 08:00 has not come, ended 10 minutes ago.
    const starts = Array.from({ length: count }, (_, i) => {
      const date = todayIn(zone, -(lastDaysAgo + count - 1 - i));
      const eight = DateTime.fromISO(`${date}T08:00`, { zone }).toMillis();
      return new Date(Math.min(eight, nowMs - (minutes + 10) * 60_000));
    });
    const course = await prisma.course.create({
      data: {
        clinicId: inClinic,
        patientId,
        protocolId: await protocolId(seed.protocolKey ?? 'IV_SINGLE_INFUSION', inClinic),
        prescriberId: clinician.id,
        bookedById: scheduler.id,
        sessionCount: count,
        eligibilityScreeningIds: [],
        baselinePainNrs: seed.baselinePainNrs === undefined ? 7 : seed.baselinePainNrs,
        boosterOfCourseId: seed.boosterOfCourseId ?? null,
        createdAt: new Date(starts[0].getTime() - 7 * 24 * 3600_000),
        appointments: {
          create: starts.map((startsAt, i) => ({
            clinicId: inClinic,
            patientId,
            chairId: chair.id,
            sessionNumber: i + 1,
            startsAt,
            endsAt: new Date(startsAt.getTime() + minutes * 60_000),
            status: 'COMPLETED' as const,
            kind: seed.boosterOfCourseId ? ('BOOSTER' as const) : ('INITIAL' as const),
          })),
        },
      },
      select: { id: true, appointments: { select: { id: true }, orderBy: { sessionNumber: 'asc' } } },
    });
    const appointmentIds = course.appointments.map((a) => a.id);
    const sessionIds: string[] = [];
    let lastCoSignedAt = new Date(nowMs);
    for (const [i, startsAt] of starts.entries()) {
      const startedAt = new Date(startsAt.getTime() + 5 * 60_000);
      const stoppedAt = new Date(startedAt.getTime() + (minutes - 5) * 60_000);
      const session = await prisma.infusionSession.create({
        data: {
          clinicId: inClinic,
          appointmentId: appointmentIds[i],
          patientId,
          courseId: course.id,
          state: 'DISCHARGED',
          supervisingClinicianId: clinician.id,
          checkedInById: nurse.id,
          checkedInAt: startsAt,
          checkedInOn: new Date(`${DateTime.fromJSDate(startsAt).setZone(zone).toISODate()}T00:00:00Z`),
          checkInFacts: {},
          checkInChecks: [],
          checkInCleared: true,
          weightKg: 70,
          eligibilityScreeningIds: [],
          painBefore: seed.painBefore === undefined ? 7 : seed.painBefore,
          painAfter: seed.painAfter === undefined ? 3 : seed.painAfter,
          startedAt,
          stoppedAt,
          discharge: {},
          dischargedById: nurse.id,
          dischargedAt: new Date(stoppedAt.getTime() + 60 * 60_000),
        },
        select: { id: true },
      });
      const rate = seed.rateMgPerHour === undefined ? 30 : seed.rateMgPerHour;
      const orderId = rate === null ? undefined : randomUUID();
      if (rate !== null && orderId) {
        await prisma.doseOrder.create({
          data: {
            id: orderId,
            sessionId: session.id,
            form: 'INFUSION',
            route: 'IV',
            perKg: rate / 70,
            weightKg: 70,
            rateMgPerHour: rate,
            plannedMinutes: minutes - 5,
            expectedMg: Math.round((rate * (minutes - 5) * 1000) / 60) / 1000,
            check: {},
            orderedById: clinician.id,
            orderedAt: startsAt,
          },
        });
        await prisma.doseEvent.createMany({
          data: [
            {
              id: randomUUID(),
              sessionId: session.id,
              orderId,
              kind: 'START',
              at: startedAt,
              rateMgPerHour: rate,
              byId: nurse.id,
            },
            { id: randomUUID(), sessionId: session.id, orderId, kind: 'STOP', at: stoppedAt, byId: nurse.id },
          ],
        });
      }
      await seed.beforeSigning?.({ sessionId: session.id, index: i, startedAt, stoppedAt, orderId });
      lastCoSignedAt = new Date(stoppedAt.getTime() + 90 * 60_000);
      await prisma.infusionSession.update({
        where: { id: session.id },
        data: {
          nurseSignedById: nurse.id,
          nurseSignedAt: new Date(stoppedAt.getTime() + 75 * 60_000),
          clinicianSignedById: clinician.id,
          clinicianSignedAt: lastCoSignedAt,
        },
      });
      sessionIds.push(session.id);
    }
    const actor = { id: clinician.id, clinicId: inClinic, email: clinician.email, roles: clinician.roles };
    const meta = { requestId: `fixture-${unique()}`, ip: '127.0.0.1' };
    const completed = await app
      .get<Transactions>(TransactionHost)
      .withTransaction(() =>
        app.get(CourseCompletion).afterAppointmentClosed(actor, meta, { id: course.id, patientId }),
      );
    if (!completed) throw new Error('The fixture course did not complete');
    await prisma.course.update({ where: { id: course.id }, data: { completedAt: lastCoSignedAt } });
    const followUps = await prisma.followUp.findMany({
      where: { courseId: course.id },
      orderBy: { offsetDays: 'asc' },
    });
    const lastStop = starts[starts.length - 1].getTime() + minutes * 60_000;
    return {
      courseId: course.id,
      patientId,
      appointmentIds,
      sessionIds,
      lastSessionOn: DateTime.fromMillis(lastStop).setZone(zone).toISODate()!,
      completedAt: lastCoSignedAt,
      followUps: followUps.map((f) => ({
        id: f.id,
        offsetDays: f.offsetDays,
        dueOn: f.dueOn.toISOString().slice(0, 10),
        opensOn: f.opensOn.toISOString().slice(0, 10),
        closesOn: f.closesOn.toISOString().slice(0, 10),
        opensAt: f.opensAt,
        closesAt: f.closesAt,
        status: f.status,
      })),
      clinician,
      nurse,
    };
  };

  return {
    app,
    config,
    http: () => request(app.getHttpServer()),
    prisma,
    clinicId,
    newClinic,
    newUser,
    users,
    newPatient,
    newSignedScreening,
    newSubmittedScreening,
    newEligiblePatient,
    newChair,
    openClinic,
    protocolId,
    newBookedCourse,
    newCheckedInSession,
    newCompletedCourse,
    close: async () => {
      await app.close();
      await prisma.$disconnect();
      await database.drop();
    },
  };
}

/** Counts of the rows a write could touch, to prove a refused request wrote nothing. */
export async function rowCounts(prisma: PrismaClient) {
  const [patients, diagnoses, users, sessions, audit, screenings, screeningTemplates] = await Promise.all([
    prisma.patient.count(),
    prisma.diagnosis.count(),
    prisma.user.count(),
    prisma.session.count(),
    prisma.auditEvent.count(),
    prisma.screening.count(),
    prisma.screeningTemplate.count(),
  ]);
  const [courses, appointments, protocols, chairs, closures, nurseShifts, openingHours, loginAttempts] =
    await Promise.all([
      prisma.course.count(),
      prisma.appointment.count(),
      prisma.protocol.count(),
      prisma.chair.count(),
      prisma.closure.count(),
      prisma.nurseShift.count(),
      prisma.openingHours.count(),
      prisma.loginAttempt.count(),
    ]);
  const [vitalsReadings, adverseEvents, staffAlerts, doseOrders, doseEvents, homeDoses, infusionSessions] =
    await Promise.all([
      prisma.vitalsReading.count(),
      prisma.adverseEvent.count(),
      prisma.staffAlert.count(),
      prisma.doseOrder.count(),
      prisma.doseEvent.count(),
      prisma.homeDose.count(),
      prisma.infusionSession.count(),
    ]);
  const [followUps, followUpRecords, followUpLinks, messages] = await Promise.all([
    prisma.followUp.count(),
    prisma.followUpRecord.count(),
    prisma.followUpLink.count(),
    prisma.message.count(),
  ]);
  return {
    followUps,
    followUpRecords,
    followUpLinks,
    messages,
    doseOrders,
    doseEvents,
    homeDoses,
    infusionSessions,
    loginAttempts,
    patients,
    diagnoses,
    users,
    sessions,
    audit,
    screenings,
    screeningTemplates,
    courses,
    appointments,
    protocols,
    chairs,
    closures,
    nurseShifts,
    openingHours,
    vitalsReadings,
    adverseEvents,
    staffAlerts,
  };
}
