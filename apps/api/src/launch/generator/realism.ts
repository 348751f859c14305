/**
 * Every realism parameter of the synthetic clinic, in one table. The relief figures follow the
 * seed article (/work/shared/seed) and DESIGN.md: a single infusion helps for days to about two
 * weeks; multi-day and 100-hour courses up to about three months in responders; the five-day
 * low-dose course up to six months; neuropathic and nociplastic pain longer than nociceptive; oral
 * maintenance about four weeks after stopping; intranasal hours to days; some patients with no
 * sustained benefit. The rest (case mix, adverse-event rates, follow-up completion, drop-out) are
 * plausible figures for an outpatient ketamine clinic, not measurements.
 */
import type { PainMechanism } from '@prisma/client';

export type ProtocolKey =
  | 'IV_SINGLE_INFUSION'
  | 'IV_FIVE_DAY_LOW_DOSE'
  | 'IV_MULTI_DAY_WEEKDAYS'
  | 'IV_CONTINUOUS_100H'
  | 'ORAL_MAINTENANCE'
  | 'INTRANASAL_BREAKTHROUGH';

export interface ReliefShape {
  /** Share of courses whose first follow-up finds a ≥ 30 % reduction. */
  responderRate: number;
  /** Median days relief lasts in a responder with mixed pain (log-normal). */
  medianDays: number;
  /** Log-scale spread of the duration. */
  sigma: number;
  /** The longest relief this protocol gives anyone. */
  maxDays: number;
}

export interface AdverseEventShape {
  term: string;
  /** Per session. */
  rate: number;
  /** Share of grades 1, 2 and 3. */
  grades: [number, number, number];
  actions: string[];
}

export const REALISM = {
  /** How often each protocol is chosen for a first course (every protocol of the catalogue appears). */
  protocolMix: {
    IV_SINGLE_INFUSION: 22,
    IV_FIVE_DAY_LOW_DOSE: 25,
    IV_MULTI_DAY_WEEKDAYS: 20,
    IV_CONTINUOUS_100H: 6,
    ORAL_MAINTENANCE: 12,
    INTRANASAL_BREAKTHROUGH: 15,
  } satisfies Record<ProtocolKey, number>,
  relief: {
    IV_SINGLE_INFUSION: { responderRate: 0.65, medianDays: 5, sigma: 0.6, maxDays: 16 },
    IV_FIVE_DAY_LOW_DOSE: { responderRate: 0.75, medianDays: 80, sigma: 0.5, maxDays: 185 },
    IV_MULTI_DAY_WEEKDAYS: { responderRate: 0.7, medianDays: 40, sigma: 0.5, maxDays: 95 },
    IV_CONTINUOUS_100H: { responderRate: 0.72, medianDays: 50, sigma: 0.45, maxDays: 95 },
    /** Days after the last dose (the course's end). */
    ORAL_MAINTENANCE: { responderRate: 0.55, medianDays: 18, sigma: 0.4, maxDays: 32 },
    INTRANASAL_BREAKTHROUGH: { responderRate: 0.6, medianDays: 0.8, sigma: 0.6, maxDays: 3 },
  } satisfies Record<ProtocolKey, ReliefShape>,
  /** Multiplies the relief's duration, and its responder rate, by pain mechanism. */
  mechanism: {
    NEUROPATHIC: { duration: 1.3, response: 1.05 },
    NOCIPLASTIC: { duration: 1.2, response: 1.0 },
    MIXED: { duration: 1.0, response: 0.9 },
    NOCICEPTIVE: { duration: 0.55, response: 0.75 },
  } satisfies Record<PainMechanism, { duration: number; response: number }>,
  /** Reduction of the 7-day average pain while relief holds, and once it is lost (fractions of baseline). */
  reductionHeld: [0.35, 0.75] as const,
  reductionLost: [0, 0.2] as const,
  baselinePain: [5, 9] as const,
  /** Sessions per course of the weekday protocol (its 4–10 range). */
  weekdaySessions: [4, 5, 5, 5, 6, 7, 10] as const,
  /** A follow-up whose window has closed has a record with this chance. */
  followUpCompletion: 0.82,
  followUpChannel: { PHONE: 55, PATIENT_LINK: 35, IN_PERSON: 10 },
  /** A course stops part-way (remaining sessions cancelled). */
  dropOutMidCourse: 0.04,
  noShow: 0.03,
  /** A patient helped by an earlier course whose latest did not help tries another course of it. */
  retryAfterLapse: 0.8,
  /** Days of oral maintenance before stopping. */
  oralCourseDays: [28, 56] as const,
  bladderPositive: 0.03,
  supportingCare: { PHYSIOTHERAPY: 0.4, PSYCHOLOGICAL_SUPPORT: 0.25, MINDFULNESS: 0.2, SLEEP: 0.15 },
  sexFemale: 0.62,
  sexOther: 0.02,
  ageYears: [19, 84] as const,
  /** Screenings that a clinician has still to review, as a share of new referrals. */
  awaitingReview: 0.5,
  adverseEvents: [
    { term: 'nausea', rate: 0.07, grades: [0.8, 0.18, 0.02], actions: ['MEDICATION_GIVEN'] },
    { term: 'dizziness', rate: 0.05, grades: [0.85, 0.15, 0], actions: ['NONE'] },
    { term: 'hypertension', rate: 0.04, grades: [0.6, 0.35, 0.05], actions: ['RATE_REDUCED'] },
    { term: 'headache', rate: 0.03, grades: [0.9, 0.1, 0], actions: ['MEDICATION_GIVEN'] },
    { term: 'anxiety', rate: 0.02, grades: [0.75, 0.25, 0], actions: ['PAUSED'] },
    { term: 'hallucinations', rate: 0.02, grades: [0.7, 0.28, 0.02], actions: ['RATE_REDUCED'] },
    { term: 'sinus_tachycardia', rate: 0.02, grades: [0.8, 0.2, 0], actions: ['NONE'] },
    { term: 'somnolence', rate: 0.02, grades: [0.85, 0.15, 0], actions: ['NONE'] },
    { term: 'vomiting', rate: 0.015, grades: [0.7, 0.28, 0.02], actions: ['STOPPED', 'MEDICATION_GIVEN'] },
    { term: 'hypoxia', rate: 0.003, grades: [0.3, 0.6, 0.1], actions: ['PAUSED'] },
  ] satisfies AdverseEventShape[],
} as const;

export interface RetentionShape {
  /** A patient gives up after a course (no booster, no further course). */
  dropOutAfterCourse: number;
  /** When relief is lost (or a fixed interval is reached) a booster is booked with this chance. */
  boosterUptake: number;
  /** A patient who stops responding to boosters may switch to another protocol. */
  switchProtocol: number;
  /** Chair and bed time a patient asks of the clinic, against a typical clinic's (sizes the clinic). */
  chairTime: number;
}

/**
 * How long patients stay with the clinic. `typical`: an outpatient clinic's usual follow-through,
 * about four courses a patient over five years. `maintenance`: a clinic whose patients stay on
 * boosters for years (few drop out, most take the booster offered, a lapse is met with another
 * protocol), about seven courses over five years, so it has more chairs for the same patients.
 * Each course keeps its protocol's own follow-up schedule either way.
 */
export const RETENTION = {
  typical: { dropOutAfterCourse: 0.06, boosterUptake: 0.9, switchProtocol: 0.45, chairTime: 1 },
  maintenance: { dropOutAfterCourse: 0.02, boosterUptake: 0.97, switchProtocol: 0.7, chairTime: 1.9 },
} as const satisfies Record<string, RetentionShape>;

export type Retention = keyof typeof RETENTION;

export const isRetention = (value: string): value is Retention => Object.hasOwn(RETENTION, value);
