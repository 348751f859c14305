/**
 * A clinic's follow-up and booster settings. No source gives follow-up windows or booster screening
 * ages for ketamine (clinical-facts §4, §9): every value is Cadence policy, stored per clinic over
 * these defaults.
 */
export interface FollowUpWindowBand {
  /** The band applies to follow-ups due this many days or more after the last session. */
  fromOffsetDays: number;
  /** The window opens this many clinic days before the due date. */
  daysBefore: number;
  /** The window closes at the end of this many clinic days after the due date. */
  daysAfter: number;
}

export interface FollowUpSettings {
  /** Window widths by offset, widening for later follow-ups; sorted by `fromOffsetDays`, the first from 1. */
  windows: readonly FollowUpWindowBand[];
  /** Days a missed follow-up stays on the worklist, so the nurse tries the patient before the next one. */
  worklistMissedDays: number;
  /** A booster needs a bladder-symptom screen recorded this many clinic days ago or fewer. */
  bladderScreenMaxAgeDays: number;
}

export const DEFAULT_FOLLOW_UP_SETTINGS: Readonly<FollowUpSettings> = {
  windows: [
    // Relief after a single infusion lasts hours to days (DESIGN.md): the day or the day after.
    { fromOffsetDays: 1, daysBefore: 0, daysAfter: 1 },
    // Weekly and fortnightly calls: about a working week around the date.
    { fromOffsetDays: 7, daysBefore: 2, daysAfter: 3 },
    // Monthly: a week either side, narrower before so day 28 and day 56 never meet.
    { fromOffsetDays: 28, daysBefore: 4, daysAfter: 7 },
    // Three-monthly and later (the five-day course runs to six months): two weeks after.
    { fromOffsetDays: 84, daysBefore: 10, daysAfter: 14 },
  ],
  worklistMissedDays: 7,
  // Four weeks, the spacing of the catalogue's monthly follow-ups: a booster rests on this month's answers.
  bladderScreenMaxAgeDays: 28,
};
