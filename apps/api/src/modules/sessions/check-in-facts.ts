import {
  bloodPressurePairProblem,
  clinicDateOf,
  type BpHrReading,
  type CheckInFacts,
  type Dated,
} from '@cadence/domain';
import type { BpHrInputDto, CheckInFactsDto, UpdateCheckInDto } from './dto/check-in.dto';
import type { CheckInFactsViewDto } from './dto/session.dto';
import { sessionsErrors } from './sessions.errors';

/**
 * The day-of facts as stored on the session: the domain's CheckInFacts (each fact dated to the day
 * it was recorded), with every blood-pressure reading kept — a recheck after a recheck moves the
 * earlier one to `earlier` — and the identity confirmation.
 */
export type StoredCheckInFacts = Omit<CheckInFacts, 'vitals'> & {
  vitals?: Dated<{ first: BpHrReading; recheck?: BpHrReading; earlier?: BpHrReading[] }>;
  identity?: Dated<{ confirmedById: string }>;
};

/** A reading's clock may run a little ahead of the server's; beyond this it is refused as in the future. */
const CLOCK_SKEW_MS = 2 * 60_000;

export interface Recording {
  /** The check-in's clinic-local day (facts count only on it). */
  today: string;
  timezone: string;
  nowMs: number;
}

/** The facts of a first check-in. */
export function firstFacts(
  dto: CheckInFactsDto,
  at: Recording,
  pregnancyApplies: boolean,
  nurseId: string,
): StoredCheckInFacts {
  const facts: StoredCheckInFacts = {
    today: at.today,
    nowMs: at.nowMs,
    pregnancyApplies,
    identity: { recordedOn: at.today, confirmedById: nurseId },
  };
  return withFacts(facts, dto, at);
}

/**
 * The stored facts with an update's facts recorded today. The first reading of the day is kept as
 * taken: a later one is the recheck, and every reading stays on the record.
 */
export function updatedFacts(stored: StoredCheckInFacts, dto: UpdateCheckInDto, at: Recording): StoredCheckInFacts {
  if (dto.bloodPressure && stored.vitals?.recordedOn === at.today)
    throw sessionsErrors.factProblem(
      'bloodPressure',
      'firstReadingKept',
      "Today's first blood pressure is kept as taken: send a later reading as recheck",
    );
  const facts = withFacts({ ...stored, nowMs: at.nowMs }, dto, at);
  if (dto.recheck) {
    const vitals = facts.vitals;
    if (!vitals || vitals.recordedOn !== at.today)
      throw sessionsErrors.factProblem('recheck', 'afterFirstReading', "A recheck follows today's first reading");
    const recheck = reading(dto.recheck, 'recheck', at);
    const latest = vitals.recheck ?? vitals.first;
    if (recheck.atMs <= latest.atMs)
      throw sessionsErrors.factProblem(
        'recheck.takenAt',
        'afterLastReading',
        'A recheck is taken after the last reading',
      );
    facts.vitals = {
      ...vitals,
      recheck,
      ...(vitals.recheck ? { earlier: [...(vitals.earlier ?? []), vitals.recheck] } : {}),
    };
  }
  return facts;
}

function withFacts(facts: StoredCheckInFacts, dto: CheckInFactsDto, at: Recording): StoredCheckInFacts {
  const on = at.today;
  const next: StoredCheckInFacts = { ...facts };
  if (dto.bloodPressure) next.vitals = { recordedOn: on, first: reading(dto.bloodPressure, 'bloodPressure', at) };
  if (dto.spo2 !== undefined) next.spo2 = { recordedOn: on, percent: dto.spo2 };
  if (dto.weightKg !== undefined) next.weightKg = { recordedOn: on, value: dto.weightKg };
  if (dto.pregnancy !== undefined) next.pregnancy = { recordedOn: on, status: dto.pregnancy };
  if (dto.lastFoodAt !== undefined || dto.lastClearFluidsAt !== undefined) {
    const kept = facts.fasting?.recordedOn === on ? facts.fasting : undefined;
    next.fasting = {
      recordedOn: on,
      lastFoodAtMs: dto.lastFoodAt !== undefined ? past(dto.lastFoodAt, 'lastFoodAt', at) : kept?.lastFoodAtMs,
      lastClearFluidsAtMs:
        dto.lastClearFluidsAt !== undefined
          ? past(dto.lastClearFluidsAt, 'lastClearFluidsAt', at)
          : kept?.lastClearFluidsAtMs,
    };
  }
  if (dto.escortArranged !== undefined) next.escortHome = { recordedOn: on, arranged: dto.escortArranged };
  if (dto.willDrive !== undefined) next.drivingHome = { recordedOn: on, willDrive: dto.willDrive };
  return next;
}

/** A reading taken today and not in the future; taken now when no time is given. */
function reading(dto: BpHrInputDto, field: string, at: Recording): BpHrReading {
  const atMs = dto.takenAt ? past(dto.takenAt, `${field}.takenAt`, at) : at.nowMs;
  if (clinicDateOf(new Date(atMs).toISOString(), at.timezone) !== at.today)
    throw sessionsErrors.factProblem(`${field}.takenAt`, 'today', `${field}.takenAt must be today (${at.today})`);
  const pair = bloodPressurePairProblem(dto.systolic, dto.diastolic);
  if (pair) throw sessionsErrors.factProblem(`${field}.diastolic`, 'diastolicBelowSystolic', `${field}: ${pair}`);
  return { atMs, systolic: dto.systolic, diastolic: dto.diastolic, heartRate: dto.heartRate };
}

function past(instant: string, field: string, at: Recording): number {
  const ms = Date.parse(instant);
  if (ms > at.nowMs + CLOCK_SKEW_MS)
    throw sessionsErrors.factProblem(field, 'notInFuture', `${field} must not be in the future`);
  return ms;
}

/** The facts as the session screen shows them: what was recorded today, null when not. */
export function factsView(facts: StoredCheckInFacts): CheckInFactsViewDto {
  const today = <T extends { recordedOn: string }>(fact: T | undefined) =>
    fact && fact.recordedOn === facts.today ? fact : undefined;
  const vitals = today(facts.vitals);
  const readings = vitals ? [vitals.first, ...(vitals.earlier ?? []), ...(vitals.recheck ? [vitals.recheck] : [])] : [];
  const fasting = today(facts.fasting);
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  return {
    on: facts.today,
    identityConfirmed: today(facts.identity) !== undefined,
    readings: readings.map((r) => ({
      takenAt: new Date(r.atMs).toISOString(),
      systolic: r.systolic,
      diastolic: r.diastolic,
      heartRate: r.heartRate,
    })),
    spo2: today(facts.spo2)?.percent ?? null,
    weightKg: today(facts.weightKg)?.value ?? null,
    pregnancyApplies: facts.pregnancyApplies,
    pregnancy: today(facts.pregnancy)?.status ?? null,
    lastFoodAt: iso(fasting?.lastFoodAtMs),
    lastClearFluidsAt: iso(fasting?.lastClearFluidsAtMs),
    escortArranged: today(facts.escortHome)?.arranged ?? null,
    willDrive: today(facts.drivingHome)?.willDrive ?? null,
  };
}

/** The pre-infusion baseline the check-in decided on: the latest reading (the recheck, when there was one). */
export function baselineOf(facts: StoredCheckInFacts): BpHrReading | undefined {
  return facts.vitals ? (facts.vitals.recheck ?? facts.vitals.first) : undefined;
}
