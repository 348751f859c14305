// The range the API accepts for the nurse ratio (UpdateClinicDto), shown beside the field and
// checked before sending. The domain states no such constant yet.
export const INFUSIONS_PER_NURSE = { min: 1, max: 10 } as const;

/** "Enter a whole number from 1 to 10", or null when the value is inside the range. */
export function rangeError(value: number | string, range: { min: number; max: number }): string | null {
  const n = typeof value === 'number' ? value : Number.NaN;
  return Number.isInteger(n) && n >= range.min && n <= range.max
    ? null
    : `Enter a whole number from ${range.min} to ${range.max}`;
}
