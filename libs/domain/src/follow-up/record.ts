import type { DoseRecord } from '../dosing/ledger';
import { hasAtMostThreeDecimals } from '../dosing/rounding';
import { scorePhq9, PHQ9, type InstrumentResult } from '../screening/instruments';
import type { InstrumentAnswers } from '../screening/answers';
import { BLADDER_SYMPTOMS, positiveBladderSymptoms, type BladderAnswers, type BladderSymptom } from './bladder';
import {
  PROMIS_PI_6A_ITEM_IDS,
  scorePromisPainInterference6a,
  type PromisAnswers,
  type PromisScore,
} from './promis-pain-interference';
import { SUPPORTING_CARE, type SupportingCare } from './supporting-care';

/** A dose taken at home and reported at the follow-up, as the cumulative-dose ledger counts it. */
export type HomeDose = Extract<DoseRecord, { kind: 'BOLUS' }>;

/**
 * What a nurse (by phone or in person) or the patient (through their link) records at a follow-up.
 * Absent or null means not answered. Every question is required: a follow-up without its bladder
 * answers cannot clear a booster, and one without PHQ-9 item 9 could hide thoughts of self-harm.
 * "None" is an answer: an empty list of supporting care or of home doses.
 */
export interface FollowUpRecordInput {
  /** When the answers were taken (the call, the visit, the patient's submission). */
  recordedAtMs?: number;
  /** Pain now, 0–10 NRS. */
  painNrsNow?: number | null;
  /** Average pain over the past 7 days, 0–10 NRS. */
  painNrs7DayAverage?: number | null;
  painInterference?: PromisAnswers;
  phq9?: InstrumentAnswers;
  bladder?: BladderAnswers;
  supportingCare?: readonly string[];
  /** Ketamine taken at home since the last contact. */
  homeDoses?: readonly HomeDose[];
  note?: string | null;
}

export interface FollowUpRecordContext {
  nowMs: number;
  /** The previous contact with the patient (follow-up or session); home doses before it were reported then. */
  lastContactAtMs?: number | null;
}

export type FollowUpRecordRule =
  | 'required'
  | 'nrsRange'
  | 'option'
  | 'unknownItem'
  | 'yesNo'
  | 'unknownCare'
  | 'duplicate'
  | 'homeRoute'
  | 'amount'
  | 'takenSinceLastContact'
  | 'notInFuture'
  | 'maxLength';

/** A field-level problem; `field` is a dotted path, e.g. 'painInterference.PAININ22' or 'homeDoses[1].mg'. */
export interface FollowUpRecordProblem {
  field: string;
  rule: FollowUpRecordRule;
  message: string;
}

export const FOLLOW_UP_NOTE_MAX_LENGTH = 2000;
/** How far ahead of the server's clock a device's time may be, as for vitals readings. */
export const RECORD_CLOCK_DRIFT_MS = 5 * 60_000;
/** The largest single home dose accepted, mg (as the API accepts for doses recorded at home). */
export const HOME_DOSE_MAX_MG = 10_000;

/** Every problem with a follow-up record, one per field; empty when it can be stored. */
export function followUpRecordProblems(
  input: FollowUpRecordInput,
  context: FollowUpRecordContext,
): FollowUpRecordProblem[] {
  const problems: FollowUpRecordProblem[] = [];
  const fail = (field: string, rule: FollowUpRecordRule, message: string) => problems.push({ field, rule, message });
  const latestMs = context.nowMs + RECORD_CLOCK_DRIFT_MS;

  if (!Number.isSafeInteger(input.recordedAtMs))
    fail('recordedAtMs', 'required', 'needs the time the answers were taken');
  else if (input.recordedAtMs! > latestMs) fail('recordedAtMs', 'notInFuture', 'cannot be later than now');

  for (const field of ['painNrsNow', 'painNrs7DayAverage'] as const) {
    const value = input[field];
    if (value === undefined || value === null) fail(field, 'required', 'a pain score 0–10 is required');
    else if (!Number.isInteger(value) || value < 0 || value > 10)
      fail(field, 'nrsRange', 'must be a whole number from 0 (no pain) to 10 (worst pain imaginable)');
  }

  const interference = input.painInterference ?? {};
  unknownKeys(interference, PROMIS_PI_6A_ITEM_IDS, 'painInterference', fail);
  const promis = scorePromisPainInterference6a(interference);
  for (const id of promis.missing) fail(`painInterference.${id}`, 'required', 'all six questions are required');
  for (const id of promis.invalid) fail(`painInterference.${id}`, 'option', 'must be 1 (not at all) to 5 (very much)');

  const phq9 = input.phq9 ?? {};
  unknownKeys(
    phq9,
    PHQ9.items.map((i) => i.id),
    'phq9',
    fail,
  );
  const mood = scorePhq9(phq9);
  for (const id of mood.missing) fail(`phq9.${id}`, 'required', 'every PHQ-9 question is required');
  for (const id of mood.invalid) fail(`phq9.${id}`, 'option', 'must be 0 (not at all) to 3 (nearly every day)');

  const bladder = input.bladder ?? {};
  unknownKeys(bladder, BLADDER_SYMPTOMS, 'bladder', fail);
  for (const symptom of BLADDER_SYMPTOMS) {
    const value = bladder[symptom];
    if (value === undefined || value === null) fail(`bladder.${symptom}`, 'required', 'answer yes or no');
    else if (typeof value !== 'boolean') fail(`bladder.${symptom}`, 'yesNo', 'must be yes or no');
  }

  if (!input.supportingCare) fail('supportingCare', 'required', 'list the supporting care in use, or none');
  else
    input.supportingCare.forEach((care, i) => {
      if (!(SUPPORTING_CARE as readonly string[]).includes(care))
        fail(`supportingCare[${i}]`, 'unknownCare', `must be one of ${SUPPORTING_CARE.join(', ')}`);
      else if (input.supportingCare!.indexOf(care) !== i) fail(`supportingCare[${i}]`, 'duplicate', 'is listed twice');
    });

  if (!input.homeDoses)
    fail('homeDoses', 'required', 'list the ketamine taken at home since the last contact, or none');
  else input.homeDoses.forEach((dose, i) => homeDoseProblems(dose, `homeDoses[${i}]`, context, latestMs, fail));

  if (typeof input.note === 'string' && input.note.length > FOLLOW_UP_NOTE_MAX_LENGTH)
    fail('note', 'maxLength', `at most ${FOLLOW_UP_NOTE_MAX_LENGTH} characters`);
  return problems;
}

function homeDoseProblems(
  dose: HomeDose,
  field: string,
  context: FollowUpRecordContext,
  latestMs: number,
  fail: (field: string, rule: FollowUpRecordRule, message: string) => void,
) {
  // An IV dose is given in clinic, on the flowsheet; at home ketamine is oral, intranasal, IM or topical.
  if (dose.kind !== 'BOLUS' || dose.route === 'IV')
    fail(`${field}.route`, 'homeRoute', 'a dose taken at home is oral, intranasal, IM or topical');
  if (!Number.isFinite(dose.mg) || dose.mg <= 0 || dose.mg > HOME_DOSE_MAX_MG || !hasAtMostThreeDecimals(dose.mg))
    fail(`${field}.mg`, 'amount', `must be more than 0 and at most ${HOME_DOSE_MAX_MG} mg, to at most three decimals`);
  if (!Number.isSafeInteger(dose.atMs)) fail(`${field}.atMs`, 'required', 'needs the time it was taken');
  else if (dose.atMs > latestMs) fail(`${field}.atMs`, 'notInFuture', 'cannot be later than now');
  else if (context.lastContactAtMs != null && dose.atMs <= context.lastContactAtMs)
    fail(
      `${field}.atMs`,
      'takenSinceLastContact',
      'was taken before the last contact, when it should have been reported',
    );
}

function unknownKeys(
  answers: object,
  known: readonly string[],
  field: string,
  fail: (field: string, rule: FollowUpRecordRule, message: string) => void,
) {
  for (const key of Object.keys(answers))
    if (!known.includes(key)) fail(`${field}.${key}`, 'unknownItem', `'${key}' is not a question of this form`);
}

export type FollowUpFlag = 'BLADDER_SYMPTOMS' | 'SUICIDALITY';

export interface FollowUpFlagReason {
  code: FollowUpFlag;
  ruleId: string;
  message: string;
}

export interface FollowUpAssessment {
  painNrsNow: number | null;
  painNrs7DayAverage: number | null;
  painInterference: PromisScore;
  phq9: InstrumentResult;
  positiveBladderSymptoms: BladderSymptom[];
  supportingCare: SupportingCare[];
  /** mg taken at home since the last contact, every route together. */
  homeDoseMg: number;
  /** What needs a clinician: any bladder symptom (before any booster), any answer above 0 to PHQ-9 item 9. */
  flags: FollowUpFlagReason[];
}

/**
 * Scores a record. Flags are raised from whatever is answered, even in a record that is not yet
 * complete: a "yes" to blood in the urine is never hidden by a missing answer elsewhere.
 */
export function assessFollowUpRecord(input: FollowUpRecordInput): FollowUpAssessment {
  const positive = positiveBladderSymptoms(input.bladder ?? {});
  const phq9 = scorePhq9(input.phq9 ?? {});
  const flags: FollowUpFlagReason[] = [];
  if (positive.length > 0)
    flags.push({
      code: 'BLADDER_SYMPTOMS',
      ruleId: 'follow-up.bladder-symptoms-flagged',
      message: `Bladder symptoms reported (${positive.map((s) => s.toLowerCase().replace(/_/g, ' ')).join(', ')}): a clinician reviews them before any booster`,
    });
  if (phq9.flags.includes('SUICIDALITY'))
    flags.push({
      code: 'SUICIDALITY',
      ruleId: 'follow-up.suicidality-flagged',
      message: 'PHQ-9 item 9 (thoughts of self-harm) is above "not at all": flagged for a clinician at once',
    });
  const nrs = (value: number | null | undefined) => (typeof value === 'number' ? value : null);
  return {
    painNrsNow: nrs(input.painNrsNow),
    painNrs7DayAverage: nrs(input.painNrs7DayAverage),
    painInterference: scorePromisPainInterference6a(input.painInterference ?? {}),
    phq9,
    positiveBladderSymptoms: positive,
    supportingCare: SUPPORTING_CARE.filter((care) => input.supportingCare?.includes(care)),
    homeDoseMg: Math.round((input.homeDoses ?? []).reduce((total, d) => total + d.mg, 0) * 1000) / 1000,
    flags,
  };
}
