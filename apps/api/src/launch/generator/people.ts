/** Made-up people and the chronic-pain conditions a ketamine clinic sees (ICD-10-CM codes with their pain mechanism). */
import type { PainMechanism } from '@prisma/client';

export interface Condition {
  icd10Code: string;
  description: string;
  painMechanism: PainMechanism;
  /** Relative frequency in a ketamine pain clinic's list. */
  weight: number;
}

export const CONDITIONS: readonly Condition[] = [
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

export const FEMALE_NAMES = [
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
export const MALE_NAMES = [
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
export const OTHER_NAMES = ['Alex', 'Jordan', 'Robin', 'Sam'];
export const FAMILY_NAMES = [
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

export function ascii(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}
