import type { CheckInFacts, DayOfCheckId } from './check-in';

/**
 * A clinician who overrides a relative finding may ask for it to be measured again before each
 * infusion ("BP before the infusion"). The request travels with the signed screening and appears as
 * a task at every check-in the screening covers, with the clinician's own words, so the nurse knows
 * why the reading matters today.
 */
export const RECHECKABLE = [
  'BLOOD_PRESSURE',
  'HEART_RATE',
  'SPO2',
  'WEIGHT',
] as const satisfies readonly DayOfCheckId[];
export type RecheckCheck = (typeof RECHECKABLE)[number];

export const RECHECK_LABELS: Record<RecheckCheck, string> = {
  BLOOD_PRESSURE: 'Blood pressure',
  HEART_RATE: 'Heart rate',
  SPO2: 'Oxygen saturation',
  WEIGHT: 'Weight',
};

export interface RecheckRequest {
  check: RecheckCheck;
  /** The clinician's override reason, which says why. */
  reason: string;
}

export interface RecheckTask extends RecheckRequest {
  /** Measured on the check-in's own day. */
  done: boolean;
  message: string;
}

/** Each requested recheck with whether today's check-in has measured it, and what it found. */
export function recheckTasks(requests: readonly RecheckRequest[], facts: CheckInFacts): RecheckTask[] {
  const todays = <T extends { recordedOn: string }>(fact: T | undefined) =>
    fact && fact.recordedOn === facts.today ? fact : undefined;
  const vitals = todays(facts.vitals);
  const latest = vitals && (vitals.recheck ?? vitals.first);
  const found: Record<RecheckCheck, string | undefined> = {
    BLOOD_PRESSURE: latest && `${latest.systolic}/${latest.diastolic} mmHg`,
    HEART_RATE: latest && `${latest.heartRate} bpm`,
    SPO2: todays(facts.spo2) && `${facts.spo2!.percent} %`,
    WEIGHT: todays(facts.weightKg) && `${facts.weightKg!.value} kg`,
  };
  const seen = new Set<RecheckCheck>();
  const tasks: RecheckTask[] = [];
  for (const request of requests) {
    if (seen.has(request.check)) continue;
    seen.add(request.check);
    const value = found[request.check];
    const what = RECHECK_LABELS[request.check];
    tasks.push({
      ...request,
      done: value !== undefined,
      message: value
        ? `${what} measured today: ${value}`
        : `Measure the ${what.toLowerCase()} before the infusion, as the clinician asked`,
    });
  }
  return tasks;
}
