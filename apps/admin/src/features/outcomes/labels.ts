import type { Role } from '../../api/types';
import type { GroupBy } from './api/outcomes.api';

/** Admins and clinicians review what the clinic achieves; the API enforces the same. */
export const OUTCOMES_ROLES: readonly Role[] = ['ADMIN', 'CLINICIAN'];
/** A patient's relief forecast: clinicians (the API also lets admins read it). */
export const FORECAST_ROLES: readonly Role[] = ['CLINICIAN'];

export const PAIN_MECHANISM_VALUES = ['NEUROPATHIC', 'NOCIPLASTIC', 'NOCICEPTIVE', 'MIXED'] as const;
export const ROUTE_VALUES = ['IV', 'ORAL', 'INTRANASAL', 'IM', 'TOPICAL'] as const;
export const SEX_VALUES = ['FEMALE', 'MALE', 'OTHER', 'UNKNOWN'] as const;
export const AGE_BAND_VALUES = ['AGE_UNDER_40', 'AGE_40_TO_64', 'AGE_65_AND_OVER'] as const;

/** How the API's group values read at the desk; a protocol key or an ICD-10 code reads as itself. */
const VALUE_LABELS: Record<string, string> = {
  ALL: 'All courses',
  NEUROPATHIC: 'Neuropathic',
  NOCIPLASTIC: 'Nociplastic',
  NOCICEPTIVE: 'Nociceptive',
  MIXED: 'Mixed',
  UNKNOWN: 'Unknown',
  IV: 'Intravenous',
  ORAL: 'Oral',
  INTRANASAL: 'Intranasal',
  IM: 'Intramuscular',
  TOPICAL: 'Topical',
  FEMALE: 'Female',
  MALE: 'Male',
  OTHER: 'Other',
  AGE_UNDER_40: 'Under 40',
  AGE_40_TO_64: '40 to 64',
  AGE_65_AND_OVER: '65 and over',
  BOOSTER: 'Boosters',
  INITIAL: 'Initial courses',
};

export function groupLabel(value: string, protocolNames: ReadonlyMap<string, string> = new Map()): string {
  return protocolNames.get(value) ?? VALUE_LABELS[value] ?? value;
}

export const options = (values: readonly string[]) => values.map((value) => ({ value, label: groupLabel(value) }));

/** The dimensions two groups can be compared by, with the values each offers (protocols come from the catalogue). */
export const COMPARE_BY: { value: GroupBy; label: string; values: readonly string[] | null }[] = [
  { value: 'painMechanism', label: 'Pain mechanism', values: PAIN_MECHANISM_VALUES },
  { value: 'protocol', label: 'Protocol', values: null },
  { value: 'route', label: 'Route', values: ROUTE_VALUES },
  { value: 'ageBand', label: 'Age band', values: AGE_BAND_VALUES },
  { value: 'sex', label: 'Sex', values: SEX_VALUES },
  { value: 'booster', label: 'Booster or initial course', values: ['INITIAL', 'BOOSTER'] },
];

export const MILESTONE_LABELS: Record<string, string> = {
  TWO_WEEKS: '2 weeks',
  ONE_MONTH: '1 month',
  THREE_MONTHS: '3 months',
  SIX_MONTHS: '6 months',
};
