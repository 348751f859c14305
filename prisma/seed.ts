// A demo clinic for a fresh install: opening hours, chairs and beds, one login per role, fifty
// synthetic patients with chronic-pain diagnoses and no history yet (DEMO-000001 … DEMO-000050, for
// a newcomer, and the browser tests, to screen and book), and about two years of generated history
// beside them (DEMO-H…: courses of every protocol, infusions under way now, screenings awaiting
// review, follow-ups due and recorded, boosters) on chairs of its own. Every name, date and number
// here is made up (phone numbers are in Ofcom's range reserved for fiction, emails use example.com).
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient, Role, Sex } from '@prisma/client';
import pg from 'pg';
import { seedClinicCatalogue } from '../apps/api/src/launch/catalogue';
import { existingClinicSetup, generateHistory } from '../apps/api/src/launch/generator/generate';
import {
  ascii,
  CONDITIONS,
  FAMILY_NAMES,
  FEMALE_NAMES,
  MALE_NAMES,
  OTHER_NAMES,
  type Condition,
} from '../apps/api/src/launch/generator/people';
import { hashPassword } from '../apps/api/src/modules/auth/password';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

export interface SeedResult {
  /** False when the database already had a clinic, so nothing was written. */
  seeded: boolean;
  logins: DemoLogin[];
}

export const DEMO_CLINIC_NAME = 'Cadence Demo Pain Clinic';
export const DEMO_PATIENT_COUNT = 50;
/** Patients of the generated history, over `DEMO_HISTORY_YEARS` up to now. */
export const DEMO_HISTORY_PATIENTS = 200;
export const DEMO_HISTORY_YEARS = 2;
const DEMO_HISTORY_SEED = 20260301;

const ROLES: readonly Role[] = ['SCHEDULER', 'NURSE', 'CLINICIAN', 'ADMIN'];

/** Fixed and public: these accounts exist only in demo databases. */
export const DEMO_LOGINS: readonly DemoLogin[] = ROLES.map((role) => ({
  role,
  email: `${role.toLowerCase()}@demo.cadence.test`,
  password: `demo-${role.toLowerCase()}-2026`,
}));

const STAFF_NAMES: Record<Role, string> = {
  SCHEDULER: 'Priya Shah (front desk)',
  NURSE: 'Tom Okafor RN',
  CLINICIAN: 'Dr Helen Marsh',
  ADMIN: 'Clinic Administrator',
};

/** ISO weekday (1 = Monday) and local opening window. */
const OPENING_HOURS = [
  ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '08:00', closesAt: '18:00' })),
  { weekday: 6, opensAt: '09:00', closesAt: '13:00' },
];

/** The weekly chair-side nursing rota: three nurses on weekdays, one on Saturday mornings. */
const NURSE_ROTA = [
  ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, startsAt: '08:00', endsAt: '18:00', nurses: 3 })),
  { weekday: 6, startsAt: '09:00', endsAt: '13:00', nurses: 1 },
];

const CHAIRS = [
  ...Array.from({ length: 12 }, (_, i) => ({ name: `Chair ${i + 1}`, kind: 'CHAIR' as const })),
  { name: 'Bed 1', kind: 'BED' as const },
  { name: 'Bed 2', kind: 'BED' as const },
  { name: 'Bed 3', kind: 'BED' as const },
];

/**
 * Where the generated history runs, so Chairs 1–8 and Beds 1–2 stay free for what a newcomer (or a
 * browser test) books: its courses on Chairs 9 and 10 and Bed 3, at most two chair-side at once on
 * weekdays (the rota's third nurse), and the infusions under way now (while the clinic is open) on
 * Chairs 11 and 12.
 */
const HISTORY_SHAPE = {
  chairNames: ['Chair 9', 'Chair 10'],
  bedNames: ['Bed 3'],
  liveChairNames: ['Chair 11', 'Chair 12'],
  hours: Object.fromEntries([1, 2, 3, 4, 5].map((weekday) => [weekday, { opens: 8 * 60, closes: 18 * 60 }])),
  concurrentByWeekday: { 1: 2, 2: 2, 3: 2, 4: 2, 5: 2 },
};

/**
 * Creates the demo clinic unless the database already has a clinic. Runs in one transaction
 * under an advisory lock, so API instances starting together create it once.
 */
export async function seedDemoClinic(prisma: PrismaClient, databaseUrl: string): Promise<SeedResult> {
  const logins = DEMO_LOGINS.map((login) => ({ ...login }));
  if ((await prisma.clinic.count()) > 0) return { seeded: false, logins };

  // Hash before the transaction opens: argon2 is deliberately slow and runs off the event loop.
  const passwordHashes = await Promise.all(logins.map((login) => hashPassword(login.password)));
  const seeded = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('cadence:seed-demo-clinic'))`;
      if ((await tx.clinic.count()) > 0) return false;
      await writeDemoClinic(tx, logins, passwordHashes);
      return true;
    },
    { timeout: 30_000 },
  );
  if (seeded) await seedDemoHistory(prisma, databaseUrl);
  return { seeded, logins };
}

/** The demo clinic's generated history, through COPY in one transaction, relative to now in the clinic's zone. */
async function seedDemoHistory(prisma: PrismaClient, databaseUrl: string): Promise<void> {
  const clinic = await prisma.clinic.findFirstOrThrow({ where: { name: DEMO_CLINIC_NAME }, select: { id: true } });
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const setup = await existingClinicSetup(client, clinic.id, HISTORY_SHAPE);
    await generateHistory(client, setup, {
      patients: DEMO_HISTORY_PATIENTS,
      seed: DEMO_HISTORY_SEED,
      years: DEMO_HISTORY_YEARS,
      nowMs: Date.now(),
      mrnPrefix: 'DEMO-H',
      liveNow: HISTORY_SHAPE.liveChairNames.length,
    });
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

async function writeDemoClinic(tx: Prisma.TransactionClient, logins: DemoLogin[], passwordHashes: string[]) {
  const clinic = await tx.clinic.create({
    data: { name: DEMO_CLINIC_NAME, timezone: 'Europe/London' },
    select: { id: true },
  });
  const clinicId = clinic.id;
  const patients = demoPatients(clinicId);

  await seedClinicCatalogue(tx, clinicId);
  await tx.openingHours.createMany({ data: OPENING_HOURS.map((hours) => ({ clinicId, ...hours })) });
  await tx.nurseShift.createMany({ data: NURSE_ROTA.map((shift) => ({ clinicId, ...shift })) });
  await tx.chair.createMany({ data: CHAIRS.map((chair) => ({ clinicId, ...chair })) });
  await tx.user.createMany({
    data: logins.map((login, i) => ({
      clinicId,
      email: login.email.toLowerCase(),
      displayName: STAFF_NAMES[login.role as Role],
      passwordHash: passwordHashes[i] as string,
      roles: [login.role as Role],
    })),
  });
  await tx.patient.createMany({ data: patients.map((p) => p.patient) });
  await tx.diagnosis.createMany({ data: patients.flatMap((p) => p.diagnoses) });
}

/** The same fifty patients on every run (only the generated ids differ). */
function demoPatients(clinicId: string) {
  const random = mulberry32(20260301);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pickCondition = weightedPicker(CONDITIONS, random);

  return Array.from({ length: DEMO_PATIENT_COUNT }, (_, index) => {
    const id = randomUUID();
    const roll = random();
    const sex: Sex = roll < 0.62 ? 'FEMALE' : roll < 0.97 ? 'MALE' : 'OTHER';
    const givenName = pick(sex === 'FEMALE' ? FEMALE_NAMES : sex === 'MALE' ? MALE_NAMES : OTHER_NAMES);
    const familyName = pick(FAMILY_NAMES);
    const dateOfBirth = new Date(Date.UTC(between(1948, 2004), between(0, 11), between(1, 28)));
    const weightTenths = sex === 'MALE' ? between(620, 1150) : between(480, 1000);
    const number = String(index + 1).padStart(6, '0');
    const hasEscort = random() < 0.7;
    const escortGiven = pick([...FEMALE_NAMES, ...MALE_NAMES]);

    const first = pickCondition();
    let second: Condition | undefined;
    if (random() < 0.4) {
      const candidate = pickCondition();
      if (candidate.icd10Code !== first.icd10Code) second = candidate;
    }
    const diagnoses: Prisma.DiagnosisCreateManyInput[] = [first, second]
      .filter((condition): condition is Condition => condition !== undefined)
      .map((condition, i) => ({
        patientId: id,
        icd10Code: condition.icd10Code,
        description: condition.description,
        painMechanism: condition.painMechanism,
        isPrimary: i === 0,
      }));

    const patient: Prisma.PatientCreateManyInput = {
      id,
      clinicId,
      mrn: `DEMO-${number}`,
      givenName,
      familyName,
      dateOfBirth,
      sex,
      weightKg: (weightTenths / 10).toFixed(1),
      phone: `+44 7700 900${String(between(0, 999)).padStart(3, '0')}`,
      email: random() < 0.8 ? `${ascii(givenName)}.${ascii(familyName)}.${number}@example.com` : null,
      escortName: hasEscort ? `${escortGiven} ${familyName}` : null,
      escortPhone: hasEscort ? `+44 7700 900${String(between(0, 999)).padStart(3, '0')}` : null,
    };
    return { patient, diagnoses };
  });
}

function weightedPicker<T extends { weight: number }>(items: readonly T[], random: () => number): () => T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  return () => {
    let ticket = random() * total;
    for (const item of items) {
      ticket -= item.weight;
      if (ticket < 0) return item;
    }
    return items[items.length - 1] as T;
  };
}

/** Small, fast, seedable PRNG (Tommy Ettinger's Mulberry32); uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
