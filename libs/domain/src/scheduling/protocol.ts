import type { ProtocolInfusionOverrides } from '../infusion/settings';
/**
 * The protocol catalogue: what a course of ketamine looks like on the calendar and at the
 * bedside. The API seeds these and the admin edits them; a protocol is versioned so a course
 * always points at the exact rules it was booked under.
 */

export const PROTOCOL_ROUTES = ['IV', 'ORAL', 'INTRANASAL', 'IM', 'TOPICAL'] as const;
export type ProtocolRoute = (typeof PROTOCOL_ROUTES)[number];

/** Where the treatment happens: an outpatient chair, an inpatient (ward) bed, or at home. */
export const PROTOCOL_SETTINGS = ['CHAIR', 'BED', 'HOME'] as const;
export type ProtocolSetting = (typeof PROTOCOL_SETTINGS)[number];

/** How the sessions of one course fall on the calendar. */
export type ProtocolSessionPattern =
  /** One session on each of `sessions` consecutive calendar days (clinic-local dates). */
  | { kind: 'CONSECUTIVE_DAYS'; sessions: number }
  /** One session on each of consecutive working days (Mon–Fri); the count is chosen at booking. */
  | { kind: 'WEEKDAYS'; minSessions: number; maxSessions: number }
  /** One session every `n` calendar days. */
  | { kind: 'EVERY_N_DAYS'; n: number; sessions: number }
  /** One uninterrupted infusion of `hours` real hours, spanning days and nights. */
  | { kind: 'CONTINUOUS'; hours: number }
  /** Nothing to book in a chair or bed (e.g. oral maintenance at home; follow-ups only). */
  | { kind: 'NONE' };

export interface ProtocolDoseRange {
  min: number;
  max: number;
}

export interface ProtocolDoseCaps {
  /** Most that may be given in one session (or one administration for bolus routes). */
  perSessionMg: number;
  /** Most across the whole course. */
  perCourseMg: number;
  /** Most across all courses for the patient: repeated high doses harm the bladder. */
  cumulativeMg: number;
}

/** Checks that must pass before any booster; bladder symptoms and cumulative dose above all. */
export type BoosterCheck =
  'SCREENING_VALID' | 'BLADDER_SYMPTOMS_REVIEWED' | 'CUMULATIVE_DOSE_UNDER_CAP' | 'RESPONSE_TO_LAST_COURSE';

/** Booster schedules are not standardised, so the policy is data the clinic edits. */
export type ProtocolBoosterPolicy =
  | { kind: 'NONE' }
  | {
      kind: 'FIXED_INTERVAL';
      intervalDays: number;
      maxPerYear: number;
      checks: BoosterCheck[];
    }
  | {
      /** Offer a booster when relief fades (pain back above the 30% reduction line). */
      kind: 'RESPONSE_TRIGGERED';
      minDaysSinceLastSession: number;
      maxPerYear: number;
      checks: BoosterCheck[];
    };

export interface Protocol {
  key: string;
  version: number;
  name: string;
  route: ProtocolRoute;
  setting: ProtocolSetting;
  pattern: ProtocolSessionPattern;
  /** Chair time per session, including set-up and recovery. 0 when nothing is booked. */
  minutesPerSession: number;
  /** Infusion rate range; null for routes dosed as boluses (oral, intranasal). */
  doseRangeMgPerKgPerHour: ProtocolDoseRange | null;
  /** Per-administration range for bolus routes; null for infusions. */
  doseRangeMgPerKgPerDose: ProtocolDoseRange | null;
  caps: ProtocolDoseCaps;
  /** How often the nurse records vitals during a session; null when unsupervised. */
  vitalsIntervalMinutes: number | null;
  /** Days after the last session when relief is measured. */
  followUpOffsetsDays: number[];
  boosterPolicy: ProtocolBoosterPolicy;
  /**
   * What this protocol changes in the clinic's infusion-day settings for its own sessions (vitals
   * alert limits, fasting, discharge); anything left out is the clinic's.
   */
  infusionOverrides?: ProtocolInfusionOverrides;
}

/** Why a protocol can have no course booked in the clinic: shown by the booking screens, enforced by the API. */
export const HOME_PROTOCOL_RULE = 'a protocol taken at home has no chair or bed sessions to book';

/** Whether a course of this protocol has sessions to book in a chair or bed (a home protocol has none). */
export function hasSessionsToBook(protocol: Pick<Protocol, 'setting' | 'pattern'>): boolean {
  return protocol.setting !== 'HOME' && protocol.pattern.kind !== 'NONE';
}

/** Most sessions one course may have, whatever its pattern. */
export const MAX_COURSE_SESSIONS = 30;

/**
 * Why `sessions` cannot be the session count of a course of this pattern, or undefined when it
 * can. A weekday course's count is chosen at booking within the protocol's bounds; a fixed
 * pattern has its own count, which a booking may repeat but not change.
 */
export function sessionCountProblem(pattern: ProtocolSessionPattern, sessions: number | undefined): string | undefined {
  switch (pattern.kind) {
    case 'WEEKDAYS':
      return sessions !== undefined &&
        Number.isInteger(sessions) &&
        sessions >= pattern.minSessions &&
        sessions <= pattern.maxSessions
        ? undefined
        : `needs a session count from ${pattern.minSessions} to ${pattern.maxSessions} chosen at booking`;
    case 'CONSECUTIVE_DAYS':
    case 'EVERY_N_DAYS':
      return sessions === undefined || sessions === pattern.sessions
        ? undefined
        : `always has ${pattern.sessions} sessions`;
    case 'CONTINUOUS':
      return sessions === undefined || sessions === 1 ? undefined : 'is one continuous session';
    case 'NONE':
      return sessions === undefined ? undefined : HOME_PROTOCOL_RULE;
    default:
      return unreachable(pattern);
  }
}

function unreachable(value: never): never {
  throw new Error(`unexpected session pattern ${JSON.stringify(value)}`);
}

const STANDARD_BOOSTER_CHECKS: BoosterCheck[] = [
  'SCREENING_VALID',
  'BLADDER_SYMPTOMS_REVIEWED',
  'CUMULATIVE_DOSE_UNDER_CAP',
  'RESPONSE_TO_LAST_COURSE',
];

/**
 * The seeded catalogue. Doses, caps and intervals are clinic-editable DEFAULTS drawn from
 * published outpatient and inpatient practice, not prescriptions: the prescribing clinician sets
 * each patient's dose within (or, with a recorded reason, outside) these ranges.
 */
export const PROTOCOL_CATALOGUE: readonly Protocol[] = [
  {
    key: 'IV_SINGLE_INFUSION',
    version: 1,
    name: 'Single IV infusion (40 min)',
    route: 'IV',
    setting: 'CHAIR',
    pattern: { kind: 'CONSECUTIVE_DAYS', sessions: 1 },
    minutesPerSession: 40,
    // 0.5 mg/kg over 40 min is 0.75 mg/kg/h, the usual single-infusion ceiling.
    doseRangeMgPerKgPerHour: { min: 0.1, max: 0.75 },
    doseRangeMgPerKgPerDose: null,
    caps: { perSessionMg: 60, perCourseMg: 60, cumulativeMg: 3000 },
    vitalsIntervalMinutes: 15,
    // Relief lasts hours to days, so look early.
    followUpOffsetsDays: [1, 3, 7, 14],
    boosterPolicy: {
      kind: 'RESPONSE_TRIGGERED',
      minDaysSinceLastSession: 7,
      maxPerYear: 12,
      checks: STANDARD_BOOSTER_CHECKS,
    },
  },
  {
    key: 'IV_FIVE_DAY_LOW_DOSE',
    version: 1,
    name: 'Five consecutive days, low-dose IV (4 h a day)',
    route: 'IV',
    setting: 'CHAIR',
    pattern: { kind: 'CONSECUTIVE_DAYS', sessions: 5 },
    minutesPerSession: 240,
    doseRangeMgPerKgPerHour: { min: 0.1, max: 0.5 },
    doseRangeMgPerKgPerDose: null,
    caps: { perSessionMg: 200, perCourseMg: 1000, cumulativeMg: 3000 },
    vitalsIntervalMinutes: 15,
    // Relief may last up to six months; pain interference is the outcome measured.
    followUpOffsetsDays: [7, 14, 28, 56, 84, 112, 140, 168],
    boosterPolicy: {
      kind: 'RESPONSE_TRIGGERED',
      minDaysSinceLastSession: 56,
      maxPerYear: 3,
      checks: STANDARD_BOOSTER_CHECKS,
    },
  },
  {
    key: 'IV_MULTI_DAY_WEEKDAYS',
    version: 1,
    name: 'Multi-day IV course on weekdays (4–10 sessions)',
    route: 'IV',
    setting: 'CHAIR',
    pattern: { kind: 'WEEKDAYS', minSessions: 4, maxSessions: 10 },
    minutesPerSession: 240,
    doseRangeMgPerKgPerHour: { min: 0.1, max: 0.5 },
    doseRangeMgPerKgPerDose: null,
    caps: { perSessionMg: 200, perCourseMg: 2000, cumulativeMg: 3000 },
    vitalsIntervalMinutes: 15,
    followUpOffsetsDays: [7, 14, 28, 56, 84],
    boosterPolicy: {
      kind: 'FIXED_INTERVAL',
      intervalDays: 84,
      maxPerYear: 4,
      checks: STANDARD_BOOSTER_CHECKS,
    },
  },
  {
    key: 'IV_CONTINUOUS_100H',
    version: 1,
    name: 'Continuous IV infusion (100 h, inpatient bed)',
    route: 'IV',
    setting: 'BED',
    pattern: { kind: 'CONTINUOUS', hours: 100 },
    minutesPerSession: 100 * 60,
    doseRangeMgPerKgPerHour: { min: 0.1, max: 0.3 },
    doseRangeMgPerKgPerDose: null,
    // 0.3 mg/kg/h for 100 h at 100 kg is 3,000 mg; one course may reach the cumulative cap.
    caps: { perSessionMg: 3000, perCourseMg: 3000, cumulativeMg: 6000 },
    // Ward observations: hourly once the rate is stable.
    vitalsIntervalMinutes: 60,
    followUpOffsetsDays: [7, 14, 28, 56, 84],
    boosterPolicy: {
      kind: 'RESPONSE_TRIGGERED',
      minDaysSinceLastSession: 84,
      maxPerYear: 2,
      checks: STANDARD_BOOSTER_CHECKS,
    },
  },
  {
    key: 'ORAL_MAINTENANCE',
    version: 1,
    name: 'Oral maintenance (home)',
    route: 'ORAL',
    setting: 'HOME',
    pattern: { kind: 'NONE' },
    minutesPerSession: 0,
    doseRangeMgPerKgPerHour: null,
    doseRangeMgPerKgPerDose: { min: 0.25, max: 0.5 },
    caps: { perSessionMg: 50, perCourseMg: 4200, cumulativeMg: 6000 },
    vitalsIntervalMinutes: null,
    // Relief may persist up to about four weeks after stopping.
    followUpOffsetsDays: [14, 28, 56],
    boosterPolicy: { kind: 'NONE' },
  },
  {
    key: 'INTRANASAL_BREAKTHROUGH',
    version: 1,
    name: 'Intranasal breakthrough dose (supervised, 60 min)',
    route: 'INTRANASAL',
    setting: 'CHAIR',
    pattern: { kind: 'CONSECUTIVE_DAYS', sessions: 1 },
    minutesPerSession: 60,
    doseRangeMgPerKgPerHour: null,
    doseRangeMgPerKgPerDose: { min: 0.2, max: 0.5 },
    caps: { perSessionMg: 50, perCourseMg: 50, cumulativeMg: 3000 },
    vitalsIntervalMinutes: 15,
    // Fast and brief: check the next day.
    followUpOffsetsDays: [1],
    boosterPolicy: { kind: 'NONE' },
  },
];

/** The catalogue entry with this key (latest version), or undefined. */
export function findProtocol(key: string, catalogue: readonly Protocol[] = PROTOCOL_CATALOGUE): Protocol | undefined {
  let best: Protocol | undefined;
  for (const p of catalogue) if (p.key === key && (!best || p.version > best.version)) best = p;
  return best;
}

/** Real minutes one session occupies its chair or bed. */
export function protocolSessionMinutes(protocol: Protocol): number {
  return protocol.pattern.kind === 'CONTINUOUS' ? protocol.pattern.hours * 60 : protocol.minutesPerSession;
}
