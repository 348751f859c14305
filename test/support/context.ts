// One running API on its own database per test file, with small factories for test data.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Role } from '@prisma/client';
import { randomBytes } from 'node:crypto';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../apps/api/src/app.factory';
import { seedClinicCatalogue } from '../../apps/api/src/launch/catalogue';
import { AppConfig, loadConfig } from '../../apps/api/src/common/config/app.config';
import { TokenService } from '../../apps/api/src/common/auth/tokens';
import { hashPassword } from '../../apps/api/src/modules/auth/password';
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
  close(): Promise<void>;
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
  return {
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
