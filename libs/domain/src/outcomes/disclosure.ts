/**
 * Whether an outcome figure of a group of courses may be shown. A figure over a handful of
 * patients can identify them and says little, so a group below `suppressBelow` courses is
 * suppressed (its figures withheld, its size given only as "fewer than"), and one below
 * `smallGroupBelow` is shown flagged as small. The forecast of when relief ends needs
 * `forecastMinimumAtRisk` patients still responding at the day it conditions on.
 */
export interface OutcomeSettings {
  suppressBelow: number;
  smallGroupBelow: number;
  forecastMinimumAtRisk: number;
}

export const DEFAULT_OUTCOME_SETTINGS: Readonly<OutcomeSettings> = {
  suppressBelow: 5,
  smallGroupBelow: 20,
  forecastMinimumAtRisk: 10,
};

export type DisclosureCode = 'SHOWN' | 'SMALL_GROUP' | 'SUPPRESSED';

export interface Disclosure {
  code: DisclosureCode;
  ruleId: 'outcomes.disclosure';
  /** Whether the figures are given. */
  shown: boolean;
  message: string;
}

/** The disclosure of a group of `size` courses (or patients, or sessions: the unit the figure counts). */
export function groupDisclosure(
  size: number,
  settings: Pick<OutcomeSettings, 'suppressBelow' | 'smallGroupBelow'>,
): Disclosure {
  if (!Number.isInteger(size) || size < 0) throw new RangeError(`A group's size is a whole number, not ${size}`);
  if (size < settings.suppressBelow)
    return {
      code: 'SUPPRESSED',
      ruleId: 'outcomes.disclosure',
      shown: false,
      message: `Fewer than ${settings.suppressBelow} in this group: its figures are suppressed`,
    };
  if (size < settings.smallGroupBelow)
    return {
      code: 'SMALL_GROUP',
      ruleId: 'outcomes.disclosure',
      shown: true,
      message: `Only ${size} in this group (fewer than ${settings.smallGroupBelow}): read its figures with care`,
    };
  return { code: 'SHOWN', ruleId: 'outcomes.disclosure', shown: true, message: `${size} in this group` };
}
