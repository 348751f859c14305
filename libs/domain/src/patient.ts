/** Pain mechanisms recorded with a diagnosis; relief duration is reviewed by these. */
export const PAIN_MECHANISMS = ['NEUROPATHIC', 'NOCIPLASTIC', 'NOCICEPTIVE', 'MIXED'] as const;
export type PainMechanism = (typeof PAIN_MECHANISMS)[number];

export const ROLES = ['SCHEDULER', 'NURSE', 'CLINICIAN', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** ICD-10-CM code shape: a letter, two characters, then an optional dot and up to four more. */
export const ICD10_PATTERN = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

/** A medical record number: 1 to 32 letters, digits or hyphens, unique within a clinic. */
export const MRN_PATTERN = /^[A-Za-z0-9-]{1,32}$/;
export const MRN_RULE = 'must be 1 to 32 letters, digits or hyphens';

/** A phone number as a person writes it: an optional leading +, then 5 to 32 digits, spaces, brackets or hyphens. */
export const PHONE_PATTERN = /^\+?[0-9 ()-]{5,32}$/;
export const PHONE_RULE = 'must be 5 to 32 digits, spaces, brackets or hyphens, with an optional leading +';

/**
 * What a weight field accepts, in kg to 0.1 kg: what a scale can read. A weight inside it may still
 * be refused for dosing, against the clinic's plausible range (DosingSettings.weightKg).
 */
export const WEIGHT_ENTRY_KG = { min: 1, max: 500 } as const;
export const WEIGHT_RULE = `must be from ${WEIGHT_ENTRY_KG.min} to ${WEIGHT_ENTRY_KG.max} kg, to at most one decimal place`;

/** Why `kg` is not a weight a field accepts, or undefined when it is one. Never a corrected value. */
export function weightKgProblem(kg: number): string | undefined {
  if (!Number.isFinite(kg) || kg < WEIGHT_ENTRY_KG.min || kg > WEIGHT_ENTRY_KG.max) return WEIGHT_RULE;
  // 72.3 * 10 is 723.0000000000001 in binary: compare against the rounded tenths, not exactly.
  return Math.abs(Math.round(kg * 10) - kg * 10) < 1e-9 ? undefined : WEIGHT_RULE;
}

/** Why `value` is not an MRN, or undefined when it is one. */
export function mrnProblem(value: string): string | undefined {
  return MRN_PATTERN.test(value) ? undefined : MRN_RULE;
}

/** Why `value` is not a phone number, or undefined when it is one. */
export function phoneProblem(value: string): string | undefined {
  return PHONE_PATTERN.test(value) ? undefined : PHONE_RULE;
}

/** Age in whole years on `on` (both calendar dates, YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** True for a real calendar date written YYYY-MM-DD (so 2023-02-30 and 2023-13-01 are not). */
export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A date of birth must be a calendar date, not after `today` and not before 1900. */
export function dateOfBirthProblem(value: string, today: string): string | undefined {
  if (!isCalendarDate(value)) return 'must be a real calendar date written YYYY-MM-DD';
  if (value > today) return 'must not be in the future';
  if (value < '1900-01-01') return 'must not be before 1900-01-01';
  return undefined;
}

/** A patient has at most one primary diagnosis: outcomes are reviewed by it. */
export function primaryDiagnosisProblem(diagnoses: readonly { isPrimary?: unknown }[]): string | undefined {
  return diagnoses.filter((d) => d?.isPrimary === true).length > 1
    ? 'must have at most one primary diagnosis'
    : undefined;
}
