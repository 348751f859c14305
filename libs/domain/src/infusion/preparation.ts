// What a patient is told to do before and after an infusion session, in their words, from the same
// settings the day-of checks hold them to (check-in.ts): fasting as the protocol requires, an adult
// to take them home, no driving until the next day.
import type { InfusionSettings } from './settings';

export type PreparationCode = 'NO_FASTING' | 'FASTING_FOOD' | 'FASTING_CLEAR_FLUIDS' | 'ESCORT_HOME' | 'NO_DRIVING';

export interface PreparationStep {
  code: PreparationCode;
  /** The day-of check that holds the patient to it (DAY_OF_CHECKS). */
  checkId: 'FASTING' | 'ESCORT_HOME' | 'NO_DRIVING';
  when: 'BEFORE' | 'AFTER';
  message: string;
}

/** The steps for a session under `settings` (the clinic's, with its protocol's overrides). */
export function sessionPreparation(settings: Pick<InfusionSettings, 'fastingHours'>): PreparationStep[] {
  // Zero hours asks for no fasting (check-in then only asks when the patient last ate or drank).
  const food = positive(settings.fastingHours.food);
  const clearFluids = positive(settings.fastingHours.clearFluids);
  const fasting: PreparationStep[] = [];
  if (food !== null)
    fasting.push({
      code: 'FASTING_FOOD',
      checkId: 'FASTING',
      when: 'BEFORE',
      message: `Do not eat for ${duration(food)} before the session starts${clearFluids === null ? '; clear drinks such as water are fine' : ''}.`,
    });
  if (clearFluids !== null)
    fasting.push({
      code: 'FASTING_CLEAR_FLUIDS',
      checkId: 'FASTING',
      when: 'BEFORE',
      message: `Do not drink anything, not even water, for ${duration(clearFluids)} before the session starts.`,
    });
  if (fasting.length === 0)
    fasting.push({
      code: 'NO_FASTING',
      checkId: 'FASTING',
      when: 'BEFORE',
      message: 'You do not need to fast: eat and drink as usual.',
    });
  return [
    ...fasting,
    {
      // Discharge needs the escort present (discharge.ts).
      code: 'ESCORT_HOME',
      checkId: 'ESCORT_HOME',
      when: 'AFTER',
      message: 'An adult must collect you and take you home: you cannot leave on your own.',
    },
    {
      // Spravato REMS: "no driving until the next day" (clinical facts §5), as at check-in.
      code: 'NO_DRIVING',
      checkId: 'NO_DRIVING',
      when: 'AFTER',
      message: 'Do not drive until the next day.',
    },
  ];
}

const positive = (hours: number | null) => (hours !== null && hours > 0 ? hours : null);

/** 6 → "6 hours", 1 → "1 hour", 1.5 → "1 hour 30 minutes", 0.5 → "30 minutes". */
function duration(hours: number): string {
  const minutes = Math.round(hours * 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts = [...(h ? [`${h} ${h === 1 ? 'hour' : 'hours'}`] : []), ...(m ? [`${m} minutes`] : [])];
  return parts.join(' ');
}
