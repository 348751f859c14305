/**
 * Whether a value is a well-formed protocol record: the shape the catalogue uses, with clinical
 * coherence checks an admin editing a protocol could break (a continuous infusion in a chair, a
 * per-session cap above the course cap, follow-ups out of order). Every problem is reported with
 * the path of the member it concerns, so an editor can point at the field.
 */
import { DEFAULT_INFUSION_SETTINGS, VITALS_ENTRY_RANGES } from '../infusion/settings';
import { type BoosterCheck, MAX_COURSE_SESSIONS, type Protocol, PROTOCOL_ROUTES, PROTOCOL_SETTINGS } from './protocol';

export interface ProtocolProblem {
  /** Dotted path inside the record, e.g. 'pattern.sessions' or 'followUpOffsetsDays[2]'. */
  path: string;
  message: string;
}

export const PROTOCOL_KEY_PATTERN = /^[A-Z][A-Z0-9_]{1,63}$/;
export const BOOSTER_CHECKS: readonly BoosterCheck[] = [
  'SCREENING_VALID',
  'BLADDER_SYMPTOMS_REVIEWED',
  'CUMULATIVE_DOSE_UNDER_CAP',
  'RESPONSE_TO_LAST_COURSE',
];

const PROTOCOL_MEMBERS = [
  'key',
  'version',
  'name',
  'route',
  'setting',
  'pattern',
  'minutesPerSession',
  'doseRangeMgPerKgPerHour',
  'doseRangeMgPerKgPerDose',
  'caps',
  'vitalsIntervalMinutes',
  'followUpOffsetsDays',
  'boosterPolicy',
  'infusionOverrides',
] as const;

const MAX_SESSIONS = MAX_COURSE_SESSIONS;
const MAX_CONTINUOUS_HOURS = 14 * 24;
const MAX_FOLLOW_UP_DAYS = 730;

type Rec = Record<string, unknown>;

function isRecord(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function isPositive(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** The problems with `value` as a Protocol; empty when it is one. */
export function protocolProblems(value: unknown): ProtocolProblem[] {
  const problems: ProtocolProblem[] = [];
  const fail = (path: string, message: string) => problems.push({ path, message });
  if (!isRecord(value)) {
    fail('', 'a protocol must be an object');
    return problems;
  }
  for (const member of Object.keys(value)) {
    if (!(PROTOCOL_MEMBERS as readonly string[]).includes(member)) fail(member, `${member} is not a protocol member`);
  }
  const onlyKeys = (rec: Rec, path: string, allowed: readonly string[]) => {
    for (const member of Object.keys(rec)) {
      if (!allowed.includes(member)) fail(`${path}.${member}`, `${member} is not a member of ${path}`);
    }
  };

  if (typeof value.key !== 'string' || !PROTOCOL_KEY_PATTERN.test(value.key)) {
    fail('key', 'key must be 2–64 capital letters, digits or underscores, starting with a letter');
  }
  if (!isInt(value.version, 1, 100_000)) fail('version', 'version must be a whole number from 1');
  if (typeof value.name !== 'string' || !/\S/.test(value.name) || value.name.length > 200) {
    fail('name', 'name must be 1–200 characters, not blank');
  }
  if (!(PROTOCOL_ROUTES as readonly unknown[]).includes(value.route)) {
    fail('route', `route must be one of ${PROTOCOL_ROUTES.join(', ')}`);
  }
  const setting = value.setting;
  if (!(PROTOCOL_SETTINGS as readonly unknown[]).includes(setting)) {
    fail('setting', `setting must be one of ${PROTOCOL_SETTINGS.join(', ')}`);
  }

  // The calendar pattern, and whether it fits the setting.
  const pattern = value.pattern;
  let continuousHours: number | undefined;
  if (!isRecord(pattern)) fail('pattern', 'pattern must be an object with a kind');
  else {
    switch (pattern.kind) {
      case 'CONSECUTIVE_DAYS':
        onlyKeys(pattern, 'pattern', ['kind', 'sessions']);
        if (!isInt(pattern.sessions, 1, MAX_SESSIONS)) fail('pattern.sessions', `sessions must be 1–${MAX_SESSIONS}`);
        break;
      case 'WEEKDAYS':
        onlyKeys(pattern, 'pattern', ['kind', 'minSessions', 'maxSessions']);
        if (!isInt(pattern.minSessions, 1, MAX_SESSIONS))
          fail('pattern.minSessions', `minSessions must be 1–${MAX_SESSIONS}`);
        if (!isInt(pattern.maxSessions, 1, MAX_SESSIONS))
          fail('pattern.maxSessions', `maxSessions must be 1–${MAX_SESSIONS}`);
        else if (isInt(pattern.minSessions, 1, MAX_SESSIONS) && pattern.maxSessions < pattern.minSessions) {
          fail('pattern.maxSessions', 'maxSessions must not be below minSessions');
        }
        break;
      case 'EVERY_N_DAYS':
        onlyKeys(pattern, 'pattern', ['kind', 'n', 'sessions']);
        if (!isInt(pattern.n, 1, 365)) fail('pattern.n', 'n must be 1–365 days');
        if (!isInt(pattern.sessions, 1, MAX_SESSIONS)) fail('pattern.sessions', `sessions must be 1–${MAX_SESSIONS}`);
        break;
      case 'CONTINUOUS':
        onlyKeys(pattern, 'pattern', ['kind', 'hours']);
        if (
          !isPositive(pattern.hours) ||
          pattern.hours > MAX_CONTINUOUS_HOURS ||
          !Number.isInteger(pattern.hours * 60)
        ) {
          fail('pattern.hours', `hours must be more than 0 and at most ${MAX_CONTINUOUS_HOURS}, in whole minutes`);
        } else continuousHours = pattern.hours;
        break;
      case 'NONE':
        onlyKeys(pattern, 'pattern', ['kind']);
        break;
      default:
        fail('pattern.kind', 'pattern.kind must be CONSECUTIVE_DAYS, WEEKDAYS, EVERY_N_DAYS, CONTINUOUS or NONE');
    }
    const kind = pattern.kind;
    if (setting === 'HOME' && kind !== 'NONE')
      fail('pattern.kind', 'a protocol taken at home books no sessions (NONE)');
    if (kind === 'NONE' && setting !== undefined && setting !== 'HOME') {
      fail('setting', 'a protocol with no sessions to book is taken at HOME');
    }
    if (kind === 'CONTINUOUS' && setting !== 'BED')
      fail('setting', 'a continuous infusion runs through the night in a BED');
    if (setting === 'BED' && kind !== 'CONTINUOUS') fail('pattern.kind', 'a BED protocol is one CONTINUOUS infusion');
  }

  // Chair time per session.
  const minutes = value.minutesPerSession;
  if (!isInt(minutes, 0, MAX_CONTINUOUS_HOURS * 60))
    fail('minutesPerSession', 'minutesPerSession must be a whole number of minutes');
  else if (setting === 'HOME' && minutes !== 0) fail('minutesPerSession', 'a protocol taken at home books 0 minutes');
  else if (setting === 'CHAIR' && (minutes < 1 || minutes > 24 * 60))
    fail('minutesPerSession', 'a chair session lasts 1–1440 minutes');
  else if (continuousHours !== undefined && minutes !== continuousHours * 60) {
    fail('minutesPerSession', 'a continuous infusion books hours × 60 minutes');
  }

  // Dosing: a rate for infusions or an amount per dose for boluses, never both.
  const rate = value.doseRangeMgPerKgPerHour;
  const dose = value.doseRangeMgPerKgPerDose;
  for (const [path, range] of [
    ['doseRangeMgPerKgPerHour', rate],
    ['doseRangeMgPerKgPerDose', dose],
  ] as const) {
    if (range === null) continue;
    if (!isRecord(range)) fail(path, `${path} must be {min, max} or null`);
    else {
      onlyKeys(range, path, ['min', 'max']);
      if (!isPositive(range.min) || !isPositive(range.max) || range.min >= range.max || range.max > 10) {
        fail(path, `${path} needs 0 < min < max ≤ 10 mg/kg`);
      }
    }
  }
  if ((rate === null) === (dose === null)) {
    fail(
      'doseRangeMgPerKgPerHour',
      'give either a rate range (infusions) or a per-dose range (boluses), not both or neither',
    );
  }
  if (value.route === 'IV' && rate === null && dose !== undefined) {
    fail('doseRangeMgPerKgPerHour', 'an IV protocol is dosed as a rate');
  }

  const caps = value.caps;
  if (!isRecord(caps)) fail('caps', 'caps must be {perSessionMg, perCourseMg, cumulativeMg}');
  else {
    onlyKeys(caps, 'caps', ['perSessionMg', 'perCourseMg', 'cumulativeMg']);
    const { perSessionMg, perCourseMg, cumulativeMg } = caps;
    for (const [name, cap] of Object.entries({ perSessionMg, perCourseMg, cumulativeMg })) {
      if (!isPositive(cap) || cap > 100_000) fail(`caps.${name}`, `${name} must be more than 0 and at most 100000 mg`);
    }
    if (isPositive(perSessionMg) && isPositive(perCourseMg) && perSessionMg > perCourseMg) {
      fail('caps.perSessionMg', 'perSessionMg must not exceed perCourseMg');
    }
    if (isPositive(perCourseMg) && isPositive(cumulativeMg) && perCourseMg > cumulativeMg) {
      fail('caps.perCourseMg', 'perCourseMg must not exceed cumulativeMg');
    }
  }

  if (value.infusionOverrides !== undefined) infusionOverrideProblems(value.infusionOverrides, fail);

  const vitals = value.vitalsIntervalMinutes;
  if (vitals !== null && !isInt(vitals, 1, 240))
    fail('vitalsIntervalMinutes', 'vitalsIntervalMinutes must be 1–240 or null');
  if (vitals === null && setting !== undefined && setting !== 'HOME') {
    fail('vitalsIntervalMinutes', 'a supervised session records vitals at an interval');
  }

  const offsets = value.followUpOffsetsDays;
  if (!Array.isArray(offsets) || offsets.length < 1 || offsets.length > 24) {
    fail('followUpOffsetsDays', 'followUpOffsetsDays must list 1–24 days after the last session');
  } else {
    offsets.forEach((d, i) => {
      if (!isInt(d, 1, MAX_FOLLOW_UP_DAYS))
        fail(`followUpOffsetsDays[${i}]`, `a follow-up is 1–${MAX_FOLLOW_UP_DAYS} days after`);
      else if (i > 0 && typeof offsets[i - 1] === 'number' && d <= offsets[i - 1]) {
        fail(`followUpOffsetsDays[${i}]`, 'follow-up offsets must ascend');
      }
    });
  }

  const booster = value.boosterPolicy;
  if (!isRecord(booster)) fail('boosterPolicy', 'boosterPolicy must be an object with a kind');
  else if (booster.kind === 'NONE') onlyKeys(booster, 'boosterPolicy', ['kind']);
  else if (booster.kind === 'FIXED_INTERVAL' || booster.kind === 'RESPONSE_TRIGGERED') {
    const daysKey = booster.kind === 'FIXED_INTERVAL' ? 'intervalDays' : 'minDaysSinceLastSession';
    onlyKeys(booster, 'boosterPolicy', ['kind', daysKey, 'maxPerYear', 'checks']);
    if (!isInt(booster[daysKey], 1, 730)) fail(`boosterPolicy.${daysKey}`, `${daysKey} must be 1–730`);
    if (!isInt(booster.maxPerYear, 1, 52)) fail('boosterPolicy.maxPerYear', 'maxPerYear must be 1–52');
    const checks = booster.checks;
    if (
      !Array.isArray(checks) ||
      !checks.every((c) => (BOOSTER_CHECKS as readonly unknown[]).includes(c)) ||
      new Set(checks).size !== checks.length
    ) {
      fail('boosterPolicy.checks', `checks must be distinct values of ${BOOSTER_CHECKS.join(', ')}`);
    } else if (!checks.includes('BLADDER_SYMPTOMS_REVIEWED') || !checks.includes('CUMULATIVE_DOSE_UNDER_CAP')) {
      // Repeated ketamine harms the bladder: no booster policy may skip these two checks.
      fail(
        'boosterPolicy.checks',
        'a booster policy must include BLADDER_SYMPTOMS_REVIEWED and CUMULATIVE_DOSE_UNDER_CAP',
      );
    }
  } else fail('boosterPolicy.kind', 'boosterPolicy.kind must be NONE, FIXED_INTERVAL or RESPONSE_TRIGGERED');

  return problems;
}

/** Narrows `value` to a Protocol when it has no problems. */
export function isProtocol(value: unknown): value is Protocol {
  return protocolProblems(value).length === 0;
}

/** Which entry range bounds each vitals alert limit: a limit no monitor can show would never fire. */
const LIMIT_RANGES: Record<keyof typeof DEFAULT_INFUSION_SETTINGS.thresholds, { min: number; max: number }> = {
  systolicAbove: VITALS_ENTRY_RANGES.systolic,
  systolicBelow: VITALS_ENTRY_RANGES.systolic,
  systolicSevereAbove: VITALS_ENTRY_RANGES.systolic,
  diastolicAbove: VITALS_ENTRY_RANGES.diastolic,
  diastolicSevereAbove: VITALS_ENTRY_RANGES.diastolic,
  heartRateAbove: VITALS_ENTRY_RANGES.heartRate,
  heartRateBelow: VITALS_ENTRY_RANGES.heartRate,
  spo2Below: VITALS_ENTRY_RANGES.spo2,
  respiratoryRateBelow: VITALS_ENTRY_RANGES.respiratoryRate,
  respiratoryRateAbove: VITALS_ENTRY_RANGES.respiratoryRate,
  rassBelow: VITALS_ENTRY_RANGES.rass,
  rassAbove: VITALS_ENTRY_RANGES.rass,
  dissociationAbove: VITALS_ENTRY_RANGES.dissociation,
};

/**
 * A protocol's overrides of the infusion-day settings: only known members, each a whole number in
 * the range its setting allows (vitals limits within what a monitor shows). Whether the limits then
 * agree with each other is judged with the clinic's settings, when a session uses them.
 */
function infusionOverrideProblems(value: unknown, fail: (path: string, message: string) => void) {
  const path = 'infusionOverrides';
  if (!isRecord(value)) return fail(path, `${path} must be an object`);
  const members = ['thresholds', 'fastingHours', 'discharge', 'vitalsIntervalMinutes'];
  for (const member of Object.keys(value))
    if (!members.includes(member)) fail(`${path}.${member}`, `${member} is not a member of ${path}`);
  if (value.vitalsIntervalMinutes !== undefined)
    fail(`${path}.vitalsIntervalMinutes`, "the protocol's own vitalsIntervalMinutes sets the interval");

  const numbers = (group: string, ranges: Record<string, { min: number; max: number }>, nullable = false) => {
    const rec = value[group];
    if (rec === undefined) return;
    if (!isRecord(rec)) return fail(`${path}.${group}`, `${group} must be an object`);
    for (const [member, given] of Object.entries(rec)) {
      const range = ranges[member];
      if (!range) fail(`${path}.${group}.${member}`, `${member} is not a member of ${group}`);
      else if (!(nullable && given === null) && !isInt(given, range.min, range.max))
        fail(
          `${path}.${group}.${member}`,
          `${member} must be a whole number from ${range.min} to ${range.max}${nullable ? ', or null' : ''}`,
        );
    }
  };
  numbers('thresholds', LIMIT_RANGES);
  numbers('fastingHours', { food: { min: 0, max: 24 }, clearFluids: { min: 0, max: 24 } }, true);
  numbers('discharge', {
    aldreteMinimum: { min: 0, max: 10 },
    aldreteSpo2TwoPointsAbove: { min: 0, max: 100 },
    aldreteSpo2OnePointAbove: { min: 0, max: 100 },
    baselineMarginPercent: { min: 0, max: 100 },
    minimumObservationMinutes: { min: 0, max: 24 * 60 },
  });
}
