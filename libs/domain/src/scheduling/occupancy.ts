/**
 * Pre-indexed occupancy of one clinic: busy intervals per chair/bed and per patient, the
 * chair-side nurse load, and a lazily built calendar of local days. Building it is O(n log n) in
 * the appointments; afterwards every question the search asks is a binary search or a look-up
 * in a day's small table, so a search never rescans all appointments per day.
 */
import {
  type CivilDate,
  type ClinicCapacity,
  type ClinicResource,
  type ExistingAppointment,
  type IsoWeekday,
  addCivilDays,
  assertTimeZone,
  civilDateIso,
  civilWeekday,
  isClosureDate,
  localToUtcMs,
  MS_PER_MINUTE,
  openingMinutesFor,
  parseUtcMs,
  parseWallClock,
  SlotSearchError,
} from './clinic';
import { placeDatedShift } from './nurse-duty';

/** Disjoint, sorted intervals: both arrays ascend, so "what overlaps [s, e)" is one search. */
export interface IntervalSet {
  starts: Float64Array;
  ends: Float64Array;
}

const EMPTY_SET: IntervalSet = { starts: new Float64Array(0), ends: new Float64Array(0) };

/** Appointment indices already sorted by start → merged interval set. */
function mergeSorted(order: readonly number[], starts: Float64Array, ends: Float64Array): IntervalSet {
  const s = new Float64Array(order.length);
  const e = new Float64Array(order.length);
  let n = 0;
  for (const i of order) {
    if (n > 0 && starts[i] <= e[n - 1]) e[n - 1] = Math.max(e[n - 1], ends[i]);
    else {
      s[n] = starts[i];
      e[n++] = ends[i];
    }
  }
  return { starts: s.subarray(0, n), ends: e.subarray(0, n) };
}

/** Whether anything in the set overlaps [s, e) (touching end-to-start is not an overlap). */
export function overlapsAny(set: IntervalSet, s: number, e: number): boolean {
  const { starts, ends } = set;
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ends[mid] <= s) lo = mid + 1;
    else hi = mid;
  }
  return lo < ends.length && starts[lo] < e;
}

/** An opening window of one local day, as UTC instants plus the wall-clock minute it opens. */
export interface DayWindow {
  openMs: number;
  closeMs: number;
  openWall: number;
  /** True when no clock change falls inside, so wall time = openWall + elapsed minutes. */
  linear: boolean;
}

/** Chair-side nurse headroom through a day: room[i] more infusions fit on [times[i], times[i+1]). */
export interface NurseHeadroom {
  times: number[];
  room: number[];
}

export interface ClinicDay {
  date: CivilDate;
  iso: string;
  weekday: IsoWeekday;
  startMs: number;
  endMs: number;
  /** Outpatient chairs may be used: open hours exist and it is not a closure. */
  working: boolean;
  windows: DayWindow[];
  headroom?: NurseHeadroom;
}

interface Weighted {
  start: number;
  end: number;
  weight: number;
}

export interface SlotSearchIndex {
  readonly clinic: ClinicCapacity;
  readonly existing: readonly ExistingAppointment[];
  readonly zone: string;
  /** Active resources, in the clinic's order (the order ties are broken in). */
  readonly resources: readonly ClinicResource[];
  readonly busyByResource: ReadonlyMap<string, IntervalSet>;
  /** Every appointment's patient, start and end, in input order; patients are indexed on demand. */
  readonly patientIds: readonly string[];
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  readonly busyByPatient: Map<string, IntervalSet>;
  /** Chair-side appointments (any resource that is not a bed), sorted by start. */
  readonly chairLoad: readonly Weighted[];
  readonly chairLoadMaxMs: number;
  /** Dated nurse shifts, sorted by start; each lies inside one local day, whose rota it replaces. */
  readonly datedShifts: readonly Weighted[];
  readonly datedShiftMaxMs: number;
  /** Clinic-local dates (YYYY-MM-DD) that have a dated shift: their weekly rota does not count. */
  readonly datedDays: ReadonlySet<string>;
  /** Weekly rota per ISO weekday, in wall-clock minutes. */
  readonly weeklyShifts: ReadonlyMap<IsoWeekday, { from: number; to: number; nurses: number }[]>;
  readonly days: Map<string, ClinicDay>;
}

/**
 * Index a clinic and its live appointments for repeated searches. The API can build this once
 * per request (or cache it while the bookings are unchanged) and pass it to every search.
 */
export function prepareSlotSearch(clinic: ClinicCapacity, existing: readonly ExistingAppointment[]): SlotSearchIndex {
  const zone = clinic.timeZone;
  assertTimeZone(zone);
  if (!(clinic.maxInfusionsPerNurse >= 0)) {
    throw new SlotSearchError('INVALID_CLINIC', 'maxInfusionsPerNurse must be zero or more');
  }
  const kindById = new Map(clinic.resources.map((r) => [r.id, r.kind]));
  const byResource = new Map<string, number[]>();
  const patientIds: string[] = new Array(existing.length);
  const starts = new Float64Array(existing.length);
  const ends = new Float64Array(existing.length);
  const chairSide: number[] = [];
  let chairLoadMaxMs = 0;
  for (let i = 0; i < existing.length; i++) {
    const a = existing[i];
    const s = parseUtcMs(a.start);
    const e = parseUtcMs(a.end);
    if (!(e > s)) {
      throw new SlotSearchError(
        'INVALID_REQUEST',
        `appointment ${a.start}–${a.end} on ${a.resourceId} is not a forward interval`,
      );
    }
    push(byResource, a.resourceId, i);
    patientIds[i] = a.patientId;
    starts[i] = s;
    ends[i] = e;
    // An appointment on an unknown resource is counted against the nurses: the safe side.
    if (kindById.get(a.resourceId) !== 'BED') {
      chairSide.push(i);
      chairLoadMaxMs = Math.max(chairLoadMaxMs, e - s);
    }
  }
  const byStart = (x: number, y: number) => starts[x] - starts[y];
  const chairLoad: Weighted[] = chairSide.sort(byStart).map((i) => ({ start: starts[i], end: ends[i], weight: 1 }));

  const datedShifts: Weighted[] = [];
  const datedDays = new Set<string>();
  let datedShiftMaxMs = 0;
  const weeklyShifts = new Map<IsoWeekday, { from: number; to: number; nurses: number }[]>();
  for (const shift of clinic.nurseShifts) {
    if (!(shift.nurses >= 0)) throw new SlotSearchError('INVALID_CLINIC', 'a nurse shift needs a nurse count');
    if (shift.kind === 'DATED') {
      const placed = placeDatedShift(shift, zone);
      datedDays.add(placed.date);
      datedShifts.push({ start: placed.startMs, end: placed.endMs, weight: shift.nurses });
      datedShiftMaxMs = Math.max(datedShiftMaxMs, placed.endMs - placed.startMs);
    } else {
      const from = parseWallClock(shift.startsAt);
      const to = parseWallClock(shift.endsAt);
      if (to <= from) {
        throw new SlotSearchError(
          'INVALID_CLINIC',
          `weekly shift ${shift.startsAt}–${shift.endsAt}: split shifts that cross midnight`,
        );
      }
      push(weeklyShifts, shift.weekday, { from, to, nurses: shift.nurses });
    }
  }
  datedShifts.sort((x, y) => x.start - y.start);

  const busyByResource = new Map<string, IntervalSet>();
  for (const [id, list] of byResource) busyByResource.set(id, mergeSorted(list.sort(byStart), starts, ends));

  return {
    clinic,
    existing,
    zone,
    resources: clinic.resources.filter((r) => r.active !== false),
    busyByResource,
    patientIds,
    starts,
    ends,
    busyByPatient: new Map(),
    chairLoad,
    chairLoadMaxMs,
    datedShifts,
    datedShiftMaxMs,
    datedDays,
    weeklyShifts,
    days: new Map(),
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function busyOf(map: ReadonlyMap<string, IntervalSet>, id: string): IntervalSet {
  return map.get(id) ?? EMPTY_SET;
}

/** The patient's own bookings; one search needs one patient, so this is built when first asked. */
export function patientBusy(index: SlotSearchIndex, patientId: string): IntervalSet {
  const cached = index.busyByPatient.get(patientId);
  if (cached) return cached;
  const order: number[] = [];
  for (let i = 0; i < index.patientIds.length; i++) if (index.patientIds[i] === patientId) order.push(i);
  const set = mergeSorted(
    order.sort((x, y) => index.starts[x] - index.starts[y]),
    index.starts as Float64Array,
    index.ends as Float64Array,
  );
  index.busyByPatient.set(patientId, set);
  return set;
}

/** The local day `date`, converted once per index (luxon is the slow part of a search). */
export function clinicDay(index: SlotSearchIndex, date: CivilDate): ClinicDay {
  const iso = civilDateIso(date);
  const cached = index.days.get(iso);
  if (cached) return cached;
  const { clinic } = index;
  const weekday = civilWeekday(date);
  const startMs = midnightMs(index, date);
  const endMs = midnightMs(index, addCivilDays(date, 1));
  const day: ClinicDay = { date, iso, weekday, startMs, endMs, working: false, windows: [] };
  if (!isClosureDate(iso, clinic.closures)) {
    for (const [open, close] of openingMinutesFor(weekday, clinic.openingHours)) {
      const openMs = wallClockMs(index, day, open);
      const closeMs = wallClockMs(index, day, close);
      day.windows.push({
        openMs,
        closeMs,
        openWall: open,
        linear: closeMs - openMs === (close - open) * MS_PER_MINUTE,
      });
    }
  }
  day.working = day.windows.length > 0;
  index.days.set(iso, day);
  return day;
}

const DAY_MS = 24 * 60 * MS_PER_MINUTE;
/**
 * Local midnight in UTC ms, the one luxon conversion most days need. It depends only on the zone
 * and the date, so it is remembered across searches (bounded: a few zones × a few years).
 */
const midnights = new Map<string, number>();

function midnightMs(index: SlotSearchIndex, date: CivilDate): number {
  const key = `${index.zone} ${civilDateIso(date)}`;
  let ms = midnights.get(key);
  if (ms === undefined) {
    if (midnights.size >= 50_000) midnights.clear();
    midnights.set(key, (ms = localToUtcMs(date, 0, index.zone)));
  }
  return ms;
}

/**
 * A wall-clock minute of the day in UTC ms. On a 24-hour day the clocks do not change, so it is
 * midnight plus the minutes; on the two clock-change days a year luxon places it.
 */
function wallClockMs(index: SlotSearchIndex, day: ClinicDay, minutes: number): number {
  return day.endMs - day.startMs === DAY_MS
    ? day.startMs + minutes * MS_PER_MINUTE
    : localToUtcMs(day.date, minutes, index.zone);
}

/** Sweep nurses on duty and chair infusions across the day into a step function of headroom. */
export function nurseHeadroom(index: SlotSearchIndex, day: ClinicDay): NurseHeadroom {
  if (day.headroom) return day.headroom;
  const { startMs: d0, endMs: d1 } = day;
  const ratio = index.clinic.maxInfusionsPerNurse;
  const deltas = new Map<number, number>();
  const add = (s: number, e: number, delta: number) => {
    const cs = Math.max(s, d0);
    const ce = Math.min(e, d1);
    if (ce <= cs || delta === 0) return;
    deltas.set(cs, (deltas.get(cs) ?? 0) + delta);
    deltas.set(ce, (deltas.get(ce) ?? 0) - delta);
  };
  // A dated shift lies inside its own local day and replaces that day's rota (see nurse-duty.ts).
  forEachOverlapping(index.datedShifts, index.datedShiftMaxMs, d0, d1, (x) => add(x.start, x.end, x.weight * ratio));
  if (!index.datedDays.has(day.iso)) {
    for (const w of index.weeklyShifts.get(day.weekday) ?? []) {
      add(wallClockMs(index, day, w.from), wallClockMs(index, day, w.to), w.nurses * ratio);
    }
  }
  forEachOverlapping(index.chairLoad, index.chairLoadMaxMs, d0, d1, (x) => add(x.start, x.end, -x.weight));
  const times = [d0];
  const room = [0];
  let level = 0;
  for (const t of [...deltas.keys()].sort((a, b) => a - b)) {
    level += deltas.get(t)!;
    if (t === times[times.length - 1]) room[room.length - 1] = level;
    else {
      times.push(t);
      room.push(level);
    }
  }
  day.headroom = { times, room };
  return day.headroom;
}

/** Whether one more chair-side infusion fits on [s, e) at every instant. */
export function nurseRoomFor(h: NurseHeadroom, s: number, e: number): boolean {
  const { times, room } = h;
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (times[mid] <= s) lo = mid;
    else hi = mid - 1;
  }
  for (let i = lo; i < times.length && times[i] < e; i++) if (room[i] < 1) return false;
  return true;
}

/** Items sorted by start with no item longer than maxMs: visit those overlapping [d0, d1). */
function forEachOverlapping(
  items: readonly Weighted[],
  maxMs: number,
  d0: number,
  d1: number,
  visit: (w: Weighted) => void,
): void {
  let lo = 0;
  let hi = items.length;
  const from = d0 - maxMs;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < items.length && items[i].start < d1; i++) if (items[i].end > d0) visit(items[i]);
}
