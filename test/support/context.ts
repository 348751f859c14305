// One running API on its own database per test file, with small factories for test data.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient, type Role } from '@prisma/client';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../apps/api/src/app.factory';
import { AppConfig, loadConfig } from '../../apps/api/src/common/config/app.config';
import { TokenService } from '../../apps/api/src/common/auth/tokens';
import { hashPassword } from '../../apps/api/src/modules/auth/password';
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
  newClinic(): Promise<string>;
  newUser(roles: Role[], clinicId?: string): Promise<TestUser>;
  /** One user per role in the default clinic, created once. */
  users(): Promise<Record<Role, TestUser>>;
  newPatient(overrides?: Partial<PatientSeed>, clinicId?: string): Promise<{ id: string; mrn: string; familyName: string }>;
  close(): Promise<void>;
}

export interface PatientSeed {
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: 'FEMALE' | 'MALE' | 'OTHER' | 'UNKNOWN';
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const config = loadConfig({ DATABASE_URL: database.url, NODE_ENV: 'test', LOG_LEVEL: 'silent', JWT_SECRET: randomBytes(32).toString('hex'), ...env });
  const app = await createApp(config, { logs: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  const tokens = app.get(TokenService);
  const unique = () => randomBytes(5).toString('hex');

  const newClinic = async () =>
    (await prisma.clinic.create({ data: { name: `Clinic ${unique()}`, timezone: 'Europe/London' }, select: { id: true } })).id;
  const clinicId = await newClinic();

  const newUser = async (roles: Role[], inClinic = clinicId): Promise<TestUser> => {
    const email = `${roles.join('-').toLowerCase()}-${unique()}@test.cadence`;
    const user = await prisma.user.create({
      data: { clinicId: inClinic, email, displayName: `Test ${roles.join('/')}`, passwordHash: await (passwordHash ??= hashPassword(PASSWORD)), roles },
      select: { id: true },
    });
    const token = tokens.signAccess({ id: user.id, clinicId: inClinic, email, roles });
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
    close: async () => {
      await app.close();
      await prisma.$disconnect();
      await database.drop();
    },
  };
}

/** Counts of the rows a write could touch, to prove a refused request wrote nothing. */
export async function rowCounts(prisma: PrismaClient) {
  const [patients, diagnoses, users, sessions, audit] = await Promise.all([
    prisma.patient.count(),
    prisma.diagnosis.count(),
    prisma.user.count(),
    prisma.session.count(),
    prisma.auditEvent.count(),
  ]);
  return { patients, diagnoses, users, sessions, audit };
}
