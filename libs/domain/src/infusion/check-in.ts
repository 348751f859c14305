import { applyOverride, type ClinicalReason, type OverrideOutcome, type WrittenOverride } from '../dosing/reason';
import type { DosingSettings } from '../dosing/settings';
import { weightReason } from '../dosing/weight';
import { DEFAULT_HR_REVIEW, type ClinicScreeningSettings } from '../screening/settings';
import type { InfusionSettings } from './settings';

/**
 * The day-of checks at check-in. Every fact here expires with the day, so each carries the clinic
 * date it was recorded on and one from another day (a screening's, yesterday's) counts as not
 * recorded: pregnancy status, today's BP and weight are never carried over.
 */
export type Dated<T> = T & { recordedOn: string };

export interface BpHrReading {
  atMs: number;
  systolic: number;
  diastolic: number;
  heartRate: number;
}

export interface CheckInFacts {
  /** The clinic calendar date of the check-in (YYYY-MM-DD). */
  today: string;
  /** The first reading and, when it was outside the limits, the recheck after rest. Both are kept. */
  vitals?: Dated<{ first: BpHrReading; recheck?: BpHrReading }>;
  spo2?: Dated<{ percent: number }>;
  weightKg?: Dated<{ value: number }>;
  /** False when the patient cannot become pregnant (a lasting fact, recorded at screening). */
  pregnancyApplies: boolean;
  pregnancy?: Dated<{ status: 'no' | 'possible' | 'yes' }>;
  fasting?: Dated<{ lastFoodAtMs?: number; lastClearFluidsAtMs?: number }>;
  escortHome?: Dated<{ arranged: boolean }>;
  drivingHome?: Dated<{ willDrive: boolean }>;
  nowMs: number;
}

export const DAY_OF_CHECKS = [
  'BLOOD_PRESSURE',
  'HEART_RATE',
  'SPO2',
  'WEIGHT',
  'PREGNANCY',
  'FASTING',
  'ESCORT_HOME',
  'NO_DRIVING',
] as const;
export type DayOfCheckId = (typeof DAY_OF_CHECKS)[number];
export type DayOfResult = 'PASS' | 'RELATIVE' | 'ABSOLUTE';

export type CheckInCode =
  | `${DayOfCheckId}_NOT_RECORDED`
  | 'BP_RECHECK_NEEDED'
  | 'HR_RECHECK_NEEDED'
  | 'RECHECK_TOO_SOON'
  | 'BP_AT_BLOCK'
  | 'BP_ABOVE_REVIEW'
  | 'BP_LOW'
  | 'HR_ABOVE_REVIEW'
  | 'HR_LOW'
  | 'SPO2_HYPOXIC'
  | 'SPO2_LOW'
  | 'WEIGHT_MISSING'
  | 'WEIGHT_IMPLAUSIBLE'
  | 'PREGNANCY_NOT_EXCLUDED'
  | 'FASTING_SHORT'
  | 'NO_ESCORT'
  | 'DRIVING_HOME';

/** Every reason code the day-of checks can give, for clients that name them (an override's `accepts`). */
export const CHECK_IN_CODES = [
  ...DAY_OF_CHECKS.map((check) => `${check}_NOT_RECORDED` as const),
  'BP_RECHECK_NEEDED',
  'HR_RECHECK_NEEDED',
  'RECHECK_TOO_SOON',
  'BP_AT_BLOCK',
  'BP_ABOVE_REVIEW',
  'BP_LOW',
  'HR_ABOVE_REVIEW',
  'HR_LOW',
  'SPO2_HYPOXIC',
  'SPO2_LOW',
  'WEIGHT_MISSING',
  'WEIGHT_IMPLAUSIBLE',
  'PREGNANCY_NOT_EXCLUDED',
  'FASTING_SHORT',
  'NO_ESCORT',
  'DRIVING_HOME',
] as const satisfies readonly CheckInCode[];

export interface DayOfCheck {
  check: DayOfCheckId;
  /** The worst of its reasons: ABSOLUTE, else RELATIVE, else PASS. */
  result: DayOfResult;
  reasons: ClinicalReason<CheckInCode>[];
}

export interface CheckInSettings {
  screening: Pick<ClinicScreeningSettings, 'bpReview' | 'bpBlock' | 'hrReview'>;
  infusion: Pick<InfusionSettings, 'thresholds' | 'recheckMinutes' | 'checkInSpo2BlockBelow' | 'fastingHours'>;
  dosing: Pick<DosingSettings, 'weightKg'>;
}

type Reason = ClinicalReason<CheckInCode>;
const reason = (code: CheckInCode, severity: Reason['severity'], message: string, rule: string): Reason => ({
  code,
  ruleId: `check-in.${rule}`,
  severity,
  message,
});

/** Every day-of check with its result and reasons, in the order the nurse works through them. */
export function checkInChecks(facts: CheckInFacts, settings: CheckInSettings): DayOfCheck[] {
  const vitals = vitalsChecks(facts, settings);
  const found: Record<DayOfCheckId, Reason[]> = {
    BLOOD_PRESSURE: vitals.bp,
    HEART_RATE: vitals.hr,
    SPO2: spo2Reasons(facts, settings),
    WEIGHT: weightReasons(facts, settings),
    PREGNANCY: pregnancyReasons(facts),
    FASTING: fastingReasons(facts, settings),
    ESCORT_HOME: escortReasons(facts),
    NO_DRIVING: drivingReasons(facts),
  };
  return DAY_OF_CHECKS.map((check) => ({ check, result: worst(found[check]), reasons: found[check] }));
}

/**
 * Whether the infusion may start: no ABSOLUTE reason, and every RELATIVE one accepted by a
 * clinician's written override that names it.
 */
export function checkInDecision(
  checks: readonly DayOfCheck[],
  override?: WrittenOverride<CheckInCode>,
): OverrideOutcome<CheckInCode> {
  return applyOverride(
    checks.flatMap((c) => c.reasons),
    override,
  );
}

function worst(reasons: readonly Reason[]): DayOfResult {
  if (reasons.some((r) => r.severity === 'ABSOLUTE')) return 'ABSOLUTE';
  return reasons.length > 0 ? 'RELATIVE' : 'PASS';
}

/** A fact recorded today, or the reason it counts as not recorded. */
function today<T extends { recordedOn: string }>(
  fact: T | undefined,
  facts: CheckInFacts,
  check: DayOfCheckId,
  what: string,
): { fact: T } | { missing: Reason } {
  if (fact && fact.recordedOn === facts.today) return { fact };
  const message = fact
    ? `${capitalise(what)} was recorded on ${fact.recordedOn}, not today: record it again`
    : `${capitalise(what)} is not recorded today`;
  return { missing: reason(`${check}_NOT_RECORDED`, 'ABSOLUTE', message, 'recorded-today') };
}

// Blood pressure and heart rate ---------------------------------------------------------------
// A reading outside the review limits asks for a recheck after rest (default 5 min). Both readings
// are kept; the recheck decides, being the resting value (the first may be white-coat or arrival).
// The limits are the clinic's screening limits, so the day matches the screening: review strictly
// above bpReview (140/90) and hrReview (100), block at or above bpBlock (180/110).

function vitalsChecks(facts: CheckInFacts, settings: CheckInSettings): { bp: Reason[]; hr: Reason[] } {
  const got = today(facts.vitals, facts, 'BLOOD_PRESSURE', 'blood pressure and heart rate');
  if ('missing' in got)
    return {
      bp: [got.missing],
      hr: [reason('HEART_RATE_NOT_RECORDED', 'ABSOLUTE', got.missing.message, 'recorded-today')],
    };
  const { first, recheck } = got.fact;
  const { bpReview, bpBlock } = settings.screening;
  const hrReview = settings.screening.hrReview ?? DEFAULT_HR_REVIEW;
  const { systolicBelow, heartRateBelow } = settings.infusion.thresholds;
  const rest = settings.infusion.recheckMinutes;

  const bpOutside = (r: BpHrReading) =>
    r.systolic > bpReview.systolic || r.diastolic > bpReview.diastolic || r.systolic < systolicBelow;
  const hrOutside = (r: BpHrReading) => r.heartRate > hrReview || r.heartRate < heartRateBelow;
  const rested = recheck && recheck.atMs >= first.atMs + rest * 60_000 ? recheck : undefined;
  const bp = `${first.systolic}/${first.diastolic} mmHg`;

  const tooSoon = recheck && !rested;
  const recheckReason = (code: 'BP_RECHECK_NEEDED' | 'HR_RECHECK_NEEDED', what: string): Reason =>
    tooSoon
      ? reason(
          'RECHECK_TOO_SOON',
          'ABSOLUTE',
          `The recheck was taken less than ${rest} minutes after the first reading: recheck after ${rest} minutes' rest`,
          'recheck-after-rest',
        )
      : reason(code, 'ABSOLUTE', `${what}: recheck after ${rest} minutes' rest`, 'recheck-after-rest');

  const deciding = rested ?? first;
  const bpReasons: Reason[] = [];
  if (!rested && bpOutside(first))
    bpReasons.push(recheckReason('BP_RECHECK_NEEDED', `Blood pressure ${bp} is outside the limits`));
  else {
    const r = deciding;
    const shown = `${r.systolic}/${r.diastolic} mmHg${rested ? ' after rest' : ''}`;
    if (r.systolic >= bpBlock.systolic || r.diastolic >= bpBlock.diastolic)
      bpReasons.push(
        reason(
          'BP_AT_BLOCK',
          'ABSOLUTE',
          `Blood pressure ${shown} is at or above ${bpBlock.systolic}/${bpBlock.diastolic}: no infusion today`,
          'blood-pressure',
        ),
      );
    else if (r.systolic > bpReview.systolic || r.diastolic > bpReview.diastolic)
      bpReasons.push(
        reason(
          'BP_ABOVE_REVIEW',
          'RELATIVE',
          `Blood pressure ${shown} is above ${bpReview.systolic}/${bpReview.diastolic}: a clinician decides`,
          'blood-pressure',
        ),
      );
    else if (r.systolic < systolicBelow)
      bpReasons.push(
        reason(
          'BP_LOW',
          'RELATIVE',
          `Systolic blood pressure ${r.systolic} mmHg${rested ? ' after rest' : ''} is below ${systolicBelow}: a clinician decides`,
          'blood-pressure',
        ),
      );
  }

  const hrReasons: Reason[] = [];
  if (!rested && hrOutside(first))
    hrReasons.push(
      recheckReason('HR_RECHECK_NEEDED', `Heart rate ${first.heartRate} bpm is outside ${heartRateBelow}–${hrReview}`),
    );
  else {
    const hr = `Heart rate ${deciding.heartRate} bpm${rested ? ' after rest' : ''}`;
    if (deciding.heartRate > hrReview)
      hrReasons.push(
        reason('HR_ABOVE_REVIEW', 'RELATIVE', `${hr} is above ${hrReview}: a clinician decides`, 'heart-rate'),
      );
    else if (deciding.heartRate < heartRateBelow)
      hrReasons.push(
        reason('HR_LOW', 'RELATIVE', `${hr} is below ${heartRateBelow}: a clinician decides`, 'heart-rate'),
      );
  }
  return { bp: bpReasons, hr: hrReasons };
}

/**
 * SpO2 at rest: below the CTCAE hypoxia grade 3 anchor (<88 %) no infusion today; below the vitals
 * alert limit (92 %) a clinician decides.
 */
function spo2Reasons(facts: CheckInFacts, settings: CheckInSettings): Reason[] {
  const got = today(facts.spo2, facts, 'SPO2', 'SpO2');
  if ('missing' in got) return [got.missing];
  const { percent } = got.fact;
  const block = settings.infusion.checkInSpo2BlockBelow;
  const review = settings.infusion.thresholds.spo2Below;
  if (percent < block)
    return [
      reason('SPO2_HYPOXIC', 'ABSOLUTE', `SpO2 ${percent} % at rest is below ${block} %: no infusion today`, 'spo2'),
    ];
  if (percent < review)
    return [reason('SPO2_LOW', 'RELATIVE', `SpO2 ${percent} % is below ${review} %: a clinician decides`, 'spo2')];
  return [];
}

/** The dose is worked out on today's weight, so it must be today's and plausible (dosing.weight-*). */
function weightReasons(facts: CheckInFacts, settings: CheckInSettings): Reason[] {
  const got = today(facts.weightKg, facts, 'WEIGHT', "today's weight");
  if ('missing' in got) return [got.missing];
  const problem = weightReason(got.fact.value, settings.dosing);
  return problem ? [problem] : [];
}

/** Pregnancy is an absolute contraindication (screening rule `pregnancy`, the 2018 consensus guideline); status holds for the day only. */
function pregnancyReasons(facts: CheckInFacts): Reason[] {
  if (!facts.pregnancyApplies) return [];
  const got = today(facts.pregnancy, facts, 'PREGNANCY', 'pregnancy status');
  if ('missing' in got) return [got.missing];
  if (got.fact.status === 'no') return [];
  return [
    reason(
      'PREGNANCY_NOT_EXCLUDED',
      'ABSOLUTE',
      `Pregnancy is ${got.fact.status === 'yes' ? 'confirmed' : 'not excluded'} today: ketamine is avoided until pregnancy is excluded`,
      'pregnancy',
    ),
  ];
}

/** Fasting as the protocol requires (clinic policy; none by default). At least the hours required is enough. */
function fastingReasons(facts: CheckInFacts, settings: CheckInSettings): Reason[] {
  const { food, clearFluids } = settings.infusion.fastingHours;
  if (food === null && clearFluids === null) return [];
  const got = today(facts.fasting, facts, 'FASTING', 'the last food and drink');
  if ('missing' in got) return [got.missing];
  const reasons: Reason[] = [];
  const hoursSince = (atMs: number) => (facts.nowMs - atMs) / 3_600_000;
  for (const [required, atMs, what] of [
    [food, got.fact.lastFoodAtMs, 'food'],
    [clearFluids, got.fact.lastClearFluidsAtMs, 'clear fluids'],
  ] as const) {
    if (required === null) continue;
    if (atMs === undefined)
      reasons.push(
        reason(
          'FASTING_NOT_RECORDED',
          'ABSOLUTE',
          `When the patient last had ${what} is not recorded`,
          'recorded-today',
        ),
      );
    else if (hoursSince(atMs) < required)
      reasons.push(
        reason(
          'FASTING_SHORT',
          'RELATIVE',
          `Last ${what} ${formatHours(hoursSince(atMs))} ago; the protocol asks for ${required} h: a clinician decides`,
          'fasting',
        ),
      );
  }
  return reasons;
}

/**
 * An escort home. Without one a clinician may still start (e.g. the escort comes later); discharge
 * itself requires the escort present.
 */
function escortReasons(facts: CheckInFacts): Reason[] {
  const got = today(facts.escortHome, facts, 'ESCORT_HOME', 'an escort home');
  if ('missing' in got) return [got.missing];
  return got.fact.arranged
    ? []
    : [
        reason(
          'NO_ESCORT',
          'RELATIVE',
          'No escort home is arranged: a clinician decides, and discharge needs one present',
          'escort-home',
        ),
      ];
}

/**
 * No driving after ketamine: Spravato REMS "no driving until the next day"; the ED ketamine
 * protocol "no driving for ≥8 h" (§5). Absolute: the patient agrees not to drive or is not treated.
 */
function drivingReasons(facts: CheckInFacts): Reason[] {
  const got = today(facts.drivingHome, facts, 'NO_DRIVING', 'whether the patient will drive');
  if ('missing' in got) return [got.missing];
  return got.fact.willDrive
    ? [
        reason(
          'DRIVING_HOME',
          'ABSOLUTE',
          'The patient plans to drive after treatment: no driving until the next day',
          'no-driving',
        ),
      ]
    : [];
}

function formatHours(hours: number): string {
  const minutes = Math.floor(hours * 60);
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
