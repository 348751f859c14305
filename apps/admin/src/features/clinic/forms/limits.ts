// The ranges the API accepts for the clinic's settings (UpdateClinicDto), shown beside each field
// and checked before sending. The domain states no such constants yet.
export const INFUSIONS_PER_NURSE = { min: 1, max: 10 } as const;
export const SYSTOLIC_LIMIT = { min: 80, max: 250 } as const;
export const DIASTOLIC_LIMIT = { min: 40, max: 150 } as const;
export const SCREENING_VALIDITY_DAYS = { min: 1, max: 365 } as const;

/** "Enter a whole number from 1 to 10", or null when the value is inside the range. */
export function rangeError(value: number | string, range: { min: number; max: number }): string | null {
  const n = typeof value === 'number' ? value : Number.NaN;
  return Number.isInteger(n) && n >= range.min && n <= range.max
    ? null
    : `Enter a whole number from ${range.min} to ${range.max}`;
}
