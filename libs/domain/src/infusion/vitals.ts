import type { AdverseEventTermId } from './adverse-events';
import { bloodPressurePairProblem } from './blood-pressure';
import { VITALS_ENTRY_RANGES, type InfusionSettings, type VitalsThresholds } from './settings';

/** One flowsheet entry. A nurse may enter part of a set (e.g. a BP recheck alone). Instants are epoch ms. */
export interface VitalsReading {
  atMs: number;
  systolic?: number;
  diastolic?: number;
  heartRate?: number;
  spo2?: number;
  respiratoryRate?: number;
  /** Richmond Agitation–Sedation Scale, −5 to +4. */
  rass?: number;
  /** 0 none, 1 mild, 2 moderate, 3 severe. */
  dissociation?: number;
}
export type VitalSign = Exclude<keyof VitalsReading, 'atMs'>;
export const VITAL_SIGNS: readonly VitalSign[] = [
  'systolic',
  'diastolic',
  'heartRate',
  'spo2',
  'respiratoryRate',
  'rass',
  'dissociation',
];

/** How far ahead of the server's clock a tablet's reading time may be (clock drift), in ms. */
export const READING_CLOCK_DRIFT_MS = 5 * 60_000;

export type VitalsReadingRule =
  'needsTime' | 'notInFuture' | 'entryRange' | 'atLeastOneSign' | 'bloodPressurePair' | 'diastolicBelowSystolic';
export interface VitalsReadingProblem {
  field: keyof VitalsReading;
  rule: VitalsReadingRule;
  problem: string;
}

/**
 * Why a reading cannot be stored, one sentence per field; empty when it can. Given `nowMs`, a
 * reading taken later than the clock allows (beyond a tablet's drift) is refused too.
 */
export function vitalsReadingProblems(reading: VitalsReading, nowMs?: number): VitalsReadingProblem[] {
  const problems: VitalsReadingProblem[] = [];
  if (!Number.isSafeInteger(reading.atMs))
    problems.push({ field: 'atMs', rule: 'needsTime', problem: 'needs the time it was taken' });
  else if (nowMs !== undefined && reading.atMs > nowMs + READING_CLOCK_DRIFT_MS)
    problems.push({ field: 'atMs', rule: 'notInFuture', problem: 'cannot be later than now' });
  for (const sign of VITAL_SIGNS) {
    const value = reading[sign];
    if (value === undefined) continue;
    const { min, max } = VITALS_ENTRY_RANGES[sign];
    if (!Number.isInteger(value) || value < min || value > max)
      problems.push({ field: sign, rule: 'entryRange', problem: `must be a whole number from ${min} to ${max}` });
  }
  if (VITAL_SIGNS.every((sign) => reading[sign] === undefined))
    problems.push({ field: 'atMs', rule: 'atLeastOneSign', problem: 'a reading records at least one vital sign' });
  if ((reading.systolic === undefined) !== (reading.diastolic === undefined))
    problems.push({
      field: 'diastolic',
      rule: 'bloodPressurePair',
      problem: 'blood pressure is recorded as systolic and diastolic together',
    });
  const inRange = !problems.some((p) => p.field === 'systolic' || p.field === 'diastolic');
  const pair =
    inRange && reading.systolic !== undefined && reading.diastolic !== undefined
      ? bloodPressurePairProblem(reading.systolic, reading.diastolic)
      : undefined;
  if (pair) problems.push({ field: 'diastolic', rule: 'diastolicBelowSystolic', problem: pair });
  return problems;
}

export const SUGGESTED_ACTIONS = ['RECHECK', 'SLOW', 'PAUSE', 'STOP', 'CALL_CLINICIAN'] as const;
export type SuggestedAction = (typeof SUGGESTED_ACTIONS)[number];

export type VitalsAlertCode =
  | 'BP_HIGH'
  | 'BP_LOW'
  | 'HEART_RATE_HIGH'
  | 'HEART_RATE_LOW'
  | 'SPO2_LOW'
  | 'RESPIRATORY_RATE_LOW'
  | 'RESPIRATORY_RATE_HIGH'
  | 'SEDATION_DEEP'
  | 'AGITATION'
  | 'DISSOCIATION_SEVERE';

export interface VitalsAlert {
  code: VitalsAlertCode;
  ruleId: string;
  message: string;
  /** What the nurse should do, in order. */
  actions: SuggestedAction[];
  /** Minutes until the recheck the alert asks for, when it asks for one. */
  recheckInMinutes?: number;
  /**
   * True for the first crossing of a run: the API drafts an adverse event for the nurse to confirm
   * or dismiss. A repeat crossing (the previous reading crossed too) escalates the action instead of
   * drafting a second event for the same episode.
   */
  draftsAdverseEvent: boolean;
  /** The CTCAE term the draft starts with; the nurse may change it. */
  suggestedTerm: AdverseEventTermId;
  /** A grade the reading itself meets (CTCAE v5 numeric criteria), when there is one. */
  suggestedGrade?: number;
}

interface Crossing {
  code: VitalsAlertCode;
  message: string;
  suggestedTerm: AdverseEventTermId;
  suggestedGrade?: number;
  /** Actions on a first crossing and on one that repeats the previous reading's. */
  first: SuggestedAction[];
  repeated: SuggestedAction[];
}

const above = (value: number | undefined, limit: number) => value !== undefined && value > limit;
const below = (value: number | undefined, limit: number) => value !== undefined && value < limit;

/**
 * CTCAE v5 hypertension grade met by the numbers alone (§3): G3 "Systolic BP >=160 mm Hg or
 * diastolic BP >=100"; G2 systolic 140–159 or diastolic 90–99; G1 systolic 120–139 or diastolic 80–89.
 */
export function hypertensionGradeByReading(systolic: number, diastolic: number): number | undefined {
  if (systolic >= 160 || diastolic >= 100) return 3;
  if (systolic >= 140 || diastolic >= 90) return 2;
  if (systolic >= 120 || diastolic >= 80) return 1;
  return undefined;
}

function crossings(r: VitalsReading, t: VitalsThresholds): Crossing[] {
  const found: Crossing[] = [];
  const bp = `${r.systolic}/${r.diastolic} mmHg`;
  if (above(r.systolic, t.systolicSevereAbove) || above(r.diastolic, t.diastolicSevereAbove)) {
    found.push({
      code: 'BP_HIGH',
      message: `Blood pressure ${bp} is above ${t.systolicSevereAbove}/${t.diastolicSevereAbove}: pause the infusion and call the clinician`,
      suggestedTerm: 'hypertension',
      suggestedGrade: hypertensionGradeByReading(r.systolic ?? 0, r.diastolic ?? 0),
      first: ['PAUSE', 'CALL_CLINICIAN'],
      repeated: ['PAUSE', 'CALL_CLINICIAN'],
    });
  } else if (above(r.systolic, t.systolicAbove) || above(r.diastolic, t.diastolicAbove)) {
    found.push({
      code: 'BP_HIGH',
      message: `Blood pressure ${bp} is above ${t.systolicAbove}/${t.diastolicAbove}`,
      suggestedTerm: 'hypertension',
      suggestedGrade: hypertensionGradeByReading(r.systolic ?? 0, r.diastolic ?? 0),
      // Local practice acts on >180/110 twice 5 min apart (§5): recheck first, then pause.
      first: ['RECHECK'],
      repeated: ['PAUSE', 'CALL_CLINICIAN'],
    });
  }
  if (below(r.systolic, t.systolicBelow))
    found.push({
      code: 'BP_LOW',
      message: `Systolic blood pressure ${r.systolic} mmHg is below ${t.systolicBelow}`,
      suggestedTerm: 'hypotension',
      first: ['PAUSE', 'CALL_CLINICIAN'],
      repeated: ['STOP', 'CALL_CLINICIAN'],
    });
  if (above(r.heartRate, t.heartRateAbove))
    found.push({
      code: 'HEART_RATE_HIGH',
      message: `Heart rate ${r.heartRate} bpm is above ${t.heartRateAbove}`,
      suggestedTerm: 'sinus_tachycardia',
      // ">120 sustained 5 min" (§5): recheck, then slow the infusion.
      first: ['RECHECK'],
      repeated: ['SLOW', 'CALL_CLINICIAN'],
    });
  if (below(r.heartRate, t.heartRateBelow))
    found.push({
      code: 'HEART_RATE_LOW',
      message: `Heart rate ${r.heartRate} bpm is below ${t.heartRateBelow}`,
      suggestedTerm: 'sinus_bradycardia',
      first: ['PAUSE', 'CALL_CLINICIAN'],
      repeated: ['STOP', 'CALL_CLINICIAN'],
    });
  if (below(r.spo2, t.spo2Below))
    found.push({
      code: 'SPO2_LOW',
      message: `SpO2 ${r.spo2} % is below ${t.spo2Below} %`,
      suggestedTerm: 'hypoxia',
      // CTCAE hypoxia G3: "Decreased oxygen saturation at rest (e.g., pulse oximeter <88%)" (§3).
      suggestedGrade: below(r.spo2, 88) ? 3 : undefined,
      first: ['PAUSE', 'CALL_CLINICIAN'],
      repeated: ['STOP', 'CALL_CLINICIAN'],
    });
  if (below(r.respiratoryRate, t.respiratoryRateBelow))
    found.push({
      code: 'RESPIRATORY_RATE_LOW',
      message: `Respiratory rate ${r.respiratoryRate}/min is below ${t.respiratoryRateBelow}`,
      suggestedTerm: 'depressed_consciousness',
      first: ['STOP', 'CALL_CLINICIAN'],
      repeated: ['STOP', 'CALL_CLINICIAN'],
    });
  if (above(r.respiratoryRate, t.respiratoryRateAbove))
    found.push({
      code: 'RESPIRATORY_RATE_HIGH',
      message: `Respiratory rate ${r.respiratoryRate}/min is above ${t.respiratoryRateAbove}`,
      suggestedTerm: 'other',
      first: ['PAUSE', 'CALL_CLINICIAN'],
      repeated: ['STOP', 'CALL_CLINICIAN'],
    });
  if (below(r.rass, t.rassBelow))
    found.push({
      code: 'SEDATION_DEEP',
      message: `RASS ${r.rass} is deeper than ${t.rassBelow}`,
      suggestedTerm: 'depressed_consciousness',
      first: ['STOP', 'CALL_CLINICIAN'],
      repeated: ['STOP', 'CALL_CLINICIAN'],
    });
  if (above(r.rass, t.rassAbove))
    found.push({
      code: 'AGITATION',
      message: `RASS +${r.rass} is above +${t.rassAbove}`,
      suggestedTerm: 'agitation',
      first: ['PAUSE', 'CALL_CLINICIAN'],
      repeated: ['STOP', 'CALL_CLINICIAN'],
    });
  if (above(r.dissociation, t.dissociationAbove))
    found.push({
      code: 'DISSOCIATION_SEVERE',
      message: `Dissociation rated ${r.dissociation} of 3, above ${t.dissociationAbove}`,
      suggestedTerm: 'other',
      first: ['PAUSE', 'CALL_CLINICIAN'],
      repeated: ['STOP', 'CALL_CLINICIAN'],
    });
  return found;
}

/**
 * The alerts a reading raises. `previous` is the session's reading before it (if any): a crossing
 * it shares is a repeat, which escalates the action and drafts no second adverse event.
 */
export function vitalsAlerts(
  reading: VitalsReading,
  previous: VitalsReading | undefined,
  settings: Pick<InfusionSettings, 'thresholds' | 'recheckMinutes'>,
): VitalsAlert[] {
  const before = new Set(previous ? crossings(previous, settings.thresholds).map((c) => c.code) : []);
  return crossings(reading, settings.thresholds).map((c) => {
    const repeated = before.has(c.code);
    const actions = repeated ? c.repeated : c.first;
    return {
      code: c.code,
      ruleId: `vitals.${c.code.toLowerCase().replace(/_/g, '-')}`,
      message: repeated ? `${c.message}, again` : c.message,
      actions,
      ...(actions.includes('RECHECK') ? { recheckInMinutes: settings.recheckMinutes } : {}),
      draftsAdverseEvent: !repeated,
      suggestedTerm: c.suggestedTerm,
      ...(c.suggestedGrade !== undefined ? { suggestedGrade: c.suggestedGrade } : {}),
    };
  });
}

/** An adverse event a reading's alerts open as a draft, for the nurse to confirm or dismiss. */
export interface AdverseEventDraft {
  term: AdverseEventTermId;
  /** The grade the reading itself meets, when it meets one; the nurse grades it otherwise. */
  grade?: number;
  /** For "other": the alert's words, as the event must be described. */
  description?: string;
  /** The alerts it stands for. */
  codes: VitalsAlertCode[];
}

/**
 * The drafts a reading's alerts open: one per suggested CTCAE term among the first crossings (slow
 * breathing and deep sedation are one depressed-consciousness event), at the highest grade any of
 * them suggests. "Other" is described in the alert's words, so each such alert is its own draft.
 */
export function adverseEventDrafts(alerts: readonly VitalsAlert[]): AdverseEventDraft[] {
  const drafts = new Map<string, AdverseEventDraft>();
  for (const alert of alerts) {
    if (!alert.draftsAdverseEvent) continue;
    const key = alert.suggestedTerm === 'other' ? `other:${alert.code}` : alert.suggestedTerm;
    const known = drafts.get(key);
    if (known) {
      known.codes.push(alert.code);
      if (alert.suggestedGrade !== undefined && alert.suggestedGrade > (known.grade ?? 0))
        known.grade = alert.suggestedGrade;
      continue;
    }
    drafts.set(key, {
      term: alert.suggestedTerm,
      ...(alert.suggestedGrade !== undefined ? { grade: alert.suggestedGrade } : {}),
      ...(alert.suggestedTerm === 'other' ? { description: alert.message } : {}),
      codes: [alert.code],
    });
  }
  return [...drafts.values()];
}

/**
 * When the next vitals are due: at the infusion's start for the first reading, then the last
 * reading + the interval, sooner when that reading asked for a recheck. Overdue strictly after the
 * due time plus the grace minutes.
 */
export function vitalsDue(
  input: { startedAtMs: number; readings: readonly VitalsReading[]; intervalMinutes: number },
  nowMs: number,
  settings: Pick<InfusionSettings, 'thresholds' | 'recheckMinutes' | 'vitalsGraceMinutes'>,
): { dueAtMs: number; overdue: boolean } {
  const sorted = [...input.readings].sort((a, b) => a.atMs - b.atMs);
  const last = sorted[sorted.length - 1];
  let dueAtMs = input.startedAtMs;
  if (last) {
    dueAtMs = last.atMs + input.intervalMinutes * MINUTE;
    const alerts = vitalsAlerts(last, sorted[sorted.length - 2], settings);
    if (alerts.some((a) => a.actions.includes('RECHECK')))
      dueAtMs = Math.min(dueAtMs, last.atMs + settings.recheckMinutes * MINUTE);
  }
  return { dueAtMs, overdue: nowMs > dueAtMs + settings.vitalsGraceMinutes * MINUTE };
}

const MINUTE = 60_000;
