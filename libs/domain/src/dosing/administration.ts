import { hasAtMostThreeDecimals } from './rounding';

/**
 * An infusion as the pump ran it: a START at a rate, any RATE changes (0 mg/h is a pause), and a
 * STOP. Instants are epoch milliseconds; each event records who did it.
 */
export type RateEventKind = 'START' | 'RATE' | 'STOP';
export interface RateEvent {
  kind: RateEventKind;
  atMs: number;
  /** mg/h from this instant; absent on STOP. */
  rateMgPerHour?: number;
  by: string;
}

export interface RateSegment {
  fromMs: number;
  /** null while the infusion is still running. */
  toMs: number | null;
  rateMgPerHour: number;
}

/** What is wrong with an administration's events, in order; empty when they describe one infusion. */
export function rateEventProblems(events: readonly RateEvent[]): string[] {
  const problems: string[] = [];
  if (events.length === 0 || events[0].kind !== 'START') problems.push('An administration begins with a START');
  events.forEach((e, i) => {
    const at = `event ${i + 1} (${e.kind})`;
    if (!Number.isSafeInteger(e.atMs)) problems.push(`${at} needs a time in whole milliseconds`);
    if (i > 0 && e.atMs < events[i - 1].atMs) problems.push(`${at} is earlier than the event before it`);
    if (i > 0 && e.kind === 'START') problems.push(`${at}: an administration has one START`);
    if (i < events.length - 1 && e.kind === 'STOP') problems.push(`${at}: nothing follows a STOP`);
    if (e.kind === 'STOP') {
      if (e.rateMgPerHour !== undefined) problems.push(`${at}: a STOP has no rate`);
    } else if (
      e.rateMgPerHour === undefined ||
      !Number.isFinite(e.rateMgPerHour) ||
      e.rateMgPerHour < 0 ||
      !hasAtMostThreeDecimals(e.rateMgPerHour)
    ) {
      problems.push(`${at} needs a rate of 0 mg/h or more, to at most three decimals`);
    }
    if (!e.by.trim()) problems.push(`${at} names who did it`);
  });
  return problems;
}

/** The constant-rate stretches of an administration (call rateEventProblems first). */
export function rateSegments(events: readonly RateEvent[]): RateSegment[] {
  const segments: RateSegment[] = [];
  for (const e of events) {
    const open = segments[segments.length - 1];
    if (open && open.toMs === null) open.toMs = e.atMs;
    if (e.kind !== 'STOP') segments.push({ fromMs: e.atMs, toMs: null, rateMgPerHour: e.rateMgPerHour ?? 0 });
  }
  return segments;
}

const MS_PER_HOUR = 3_600_000;

/**
 * mg given between two instants, in µg/h × ms: whole numbers (rates have at most three decimals,
 * times are whole ms), so sums are exact and splitting an interval never gains or loses a dose.
 * A running infusion counts up to `toMs`.
 */
export function givenUnits(segments: readonly RateSegment[], fromMs: number, toMs: number): number {
  let total = 0;
  for (const s of segments) {
    const start = Math.max(s.fromMs, fromMs);
    const end = Math.min(s.toMs ?? toMs, toMs);
    if (end > start) total += Math.round(s.rateMgPerHour * 1000) * (end - start);
  }
  return total;
}

/** Units of givenUnits → mg. */
export const unitsToMg = (units: number) => units / (1000 * MS_PER_HOUR);

/** mg given by an administration between `fromMs` and `toMs` (a running one counts up to `toMs`). */
export function mgGivenBetween(events: readonly RateEvent[], fromMs: number, toMs: number): number {
  return unitsToMg(givenUnits(rateSegments(events), fromMs, toMs));
}

/** mg given from the START up to `asOfMs` (the STOP, or now while running). */
export function mgGiven(events: readonly RateEvent[], asOfMs: number): number {
  return events.length === 0 ? 0 : mgGivenBetween(events, events[0].atMs, asOfMs);
}

/** The rate running at `atMs`: 0 before the START, after the STOP, or while paused. */
export function rateAt(events: readonly RateEvent[], atMs: number): number {
  const s = rateSegments(events).find((seg) => seg.fromMs <= atMs && (seg.toMs === null || atMs < seg.toMs));
  return s?.rateMgPerHour ?? 0;
}
