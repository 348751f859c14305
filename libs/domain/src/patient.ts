/** Pain mechanisms recorded with a diagnosis; relief duration is reviewed by these. */
export const PAIN_MECHANISMS = ['NEUROPATHIC', 'NOCIPLASTIC', 'NOCICEPTIVE', 'MIXED'] as const;
export type PainMechanism = (typeof PAIN_MECHANISMS)[number];

export const ROLES = ['SCHEDULER', 'NURSE', 'CLINICIAN', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** ICD-10-CM code shape: a letter, two characters, then an optional dot and up to four more. */
export const ICD10_PATTERN = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

/** Age in whole years on `on` (both calendar dates, YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
