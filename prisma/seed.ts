// A demo clinic for a fresh install: opening hours, chairs and beds, one login per role and about
// fifty synthetic patients with chronic-pain diagnoses. Every name, date and number here is made up
// (phone numbers are in Ofcom's range reserved for fiction, emails use example.com).
import { randomUUID } from 'node:crypto';
import type { PainMechanism, Prisma, PrismaClient, Role, Sex } from '@prisma/client';
import { seedClinicCatalogue } from '../apps/api/src/launch/catalogue';
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

/** The weekly chair-side nursing rota: two nurses on weekdays, one on Saturday mornings. */
const NURSE_ROTA = [
  ...[1, 2, 3, 4, 5].map((weekday) => ({ weekday, startsAt: '08:00', endsAt: '18:00', nurses: 2 })),
  { weekday: 6, startsAt: '09:00', endsAt: '13:00', nurses: 1 },
];

const CHAIRS = [
  ...Array.from({ length: 8 }, (_, i) => ({ name: `Chair ${i + 1}`, kind: 'CHAIR' as const })),
  { name: 'Bed 1', kind: 'BED' as const },
  { name: 'Bed 2', kind: 'BED' as const },
];

interface Condition {
  icd10Code: string;
  description: string;
  painMechanism: PainMechanism;
  /** Relative frequency in a ketamine pain clinic's list. */
  weight: number;
}

const CONDITIONS: readonly Condition[] = [
  {
    icd10Code: 'G90.50',
    description: 'Complex regional pain syndrome I, unspecified',
    painMechanism: 'NEUROPATHIC',
    weight: 3,
  },
  {
    icd10Code: 'G90.511',
    description: 'Complex regional pain syndrome I of right upper limb',
    painMechanism: 'NEUROPATHIC',
    weight: 2,
  },
  {
    icd10Code: 'G90.522',
    description: 'Complex regional pain syndrome I of left lower limb',
    painMechanism: 'NEUROPATHIC',
    weight: 2,
  },
  { icd10Code: 'M79.7', description: 'Fibromyalgia', painMechanism: 'NOCIPLASTIC', weight: 5 },
  { icd10Code: 'G62.9', description: 'Polyneuropathy, unspecified', painMechanism: 'NEUROPATHIC', weight: 2 },
  {
    icd10Code: 'E11.42',
    description: 'Type 2 diabetes mellitus with diabetic polyneuropathy',
    painMechanism: 'NEUROPATHIC',
    weight: 3,
  },
  {
    icd10Code: 'B02.29',
    description: 'Other postherpetic nervous system involvement (postherpetic neuralgia)',
    painMechanism: 'NEUROPATHIC',
    weight: 1,
  },
  { icd10Code: 'G50.0', description: 'Trigeminal neuralgia', painMechanism: 'NEUROPATHIC', weight: 1 },
  { icd10Code: 'G54.6', description: 'Phantom limb syndrome with pain', painMechanism: 'NEUROPATHIC', weight: 1 },
  { icd10Code: 'M54.50', description: 'Low back pain, unspecified', painMechanism: 'MIXED', weight: 3 },
  { icd10Code: 'M54.51', description: 'Vertebrogenic low back pain', painMechanism: 'NOCICEPTIVE', weight: 1 },
  {
    icd10Code: 'G43.909',
    description: 'Migraine, unspecified, not intractable, without status migrainosus',
    painMechanism: 'NOCIPLASTIC',
    weight: 1,
  },
  {
    icd10Code: 'G43.709',
    description: 'Chronic migraine without aura, not intractable, without status migrainosus',
    painMechanism: 'NOCIPLASTIC',
    weight: 2,
  },
  { icd10Code: 'G89.29', description: 'Other chronic pain', painMechanism: 'MIXED', weight: 2 },
  { icd10Code: 'G89.4', description: 'Chronic pain syndrome', painMechanism: 'NOCIPLASTIC', weight: 1 },
  { icd10Code: 'M17.9', description: 'Osteoarthritis of knee, unspecified', painMechanism: 'NOCICEPTIVE', weight: 2 },
];

const FEMALE_NAMES = [
  'Amelia',
  'Olivia',
  'Isla',
  'Grace',
  'Fatima',
  'Chloe',
  'Aisha',
  'Sophie',
  'Hannah',
  'Zoë',
  'Niamh',
  'Eleanor',
  'Mei',
  'Ruth',
  'Joanna',
  'Bronwen',
];
const MALE_NAMES = [
  'Oliver',
  'George',
  'Arjun',
  'Harry',
  'Mohammed',
  'Jack',
  'Kwame',
  'Liam',
  'Daniel',
  'Tomasz',
  'Rhys',
  'Samuel',
  'Hiroshi',
  'Callum',
  'Peter',
  'Seán',
];
const OTHER_NAMES = ['Alex', 'Jordan', 'Robin', 'Sam'];
const FAMILY_NAMES = [
  'Smith',
  'Jones',
  'Patel',
  'Williams',
  'Brown',
  'Khan',
  'Taylor',
  'Davies',
  'Evans',
  "O'Brien",
  'Wilson',
  'Nowak',
  'Thomas',
  'Roberts',
  'Okafor',
  'Walker',
  'Wright',
  'Chen',
  'Hughes',
  'Green',
  'Begum',
  'Murphy',
  'Campbell',
  'Ahmed',
];

/**
 * Creates the demo clinic unless the database already has a clinic. Runs in one transaction
 * under an advisory lock, so API instances starting together create it once.
 */
export async function seedDemoClinic(prisma: PrismaClient): Promise<SeedResult> {
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
  return { seeded, logins };
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

function ascii(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
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
