/**
 * Slot search: the earliest feasible course plans for a protocol, ranked for a scheduler.
 *
 * Ranking. Options are ordered by the first session's start, and one option is offered per
 * start: alternatives that only move a later session are the same offer to the patient. Among
 * plans with the same first start the pattern fixes the date of the last session, so the ends
 * differ only by the time of day; what a patient and the nurses care about is routine, so the
 * chosen plan is, in order: the same local time every day if every day has it, else each later
 * session as near the first one's time as that day allows (the earlier of two equally near);
 * and then the chair free at most of those times, so the patient keeps one chair when possible.
 *
 * Calendar rules, per pattern (all dates clinic-local):
 * - CONSECUTIVE_DAYS: one session on each of N consecutive dates; a closure inside the run means
 *   no course starts on the days before it (the run would break).
 * - WEEKDAYS: one session on each of N consecutive working days, Monday to Friday. Weekends are
 *   skipped, and so are weekdays the clinic is closed (closure or no opening hours): a bank
 *   holiday delays the course by a day rather than cancelling it. An open weekday with no room
 *   for the patient does break the run.
 * - EVERY_N_DAYS: sessions exactly n dates apart; a closure on any of those dates fails the start.
 * - CONTINUOUS: one uninterrupted interval of real hours in a bed, any time of day or night.
 * A patient has at most one appointment a local day: no session goes on a date (for a continuous
 * infusion, on any date it touches) where the patient already has a live booking.
 * Every session must end by the horizon's end.
 *
 * Speed. Each day the search needs is built once: its candidate starts (the step grid inside
 * each opening window), which pass nurse headroom and the patient's own bookings, and which
 * chairs are free at each; every check is a binary search in the pre-built index. Start days are
 * tried in order and a start is dropped at the first later day with no room.
 */
import { type CivilDate, type IsoWeekday, addCivilDays, SlotSearchError, utcMsToLocal } from './clinic';
import {
  type CoursePlan,
  type CoursePlanRequest,
  type CourseShape,
  type SearchWindow,
  planScore,
  resolveCourseShape,
  resolveSearchWindow,
} from './course';
import {
  type ClinicDay,
  type IntervalSet,
  type SlotSearchIndex,
  busyOf,
  clinicDay,
  nurseHeadroom,
  nurseRoomFor,
  overlapsAny,
  patientBusy,
  prepareSlotSearch,
} from './occupancy';

export interface FindCoursePlansRequest extends CoursePlanRequest {
  /** From prepareSlotSearch(clinic, existing) — reuse it across searches of the same bookings. */
  index?: SlotSearchIndex;
}

/** The K best feasible course plans, earliest first (see the module comment for the order). */
export function findCoursePlans(req: FindCoursePlansRequest): CoursePlan[] {
  const shape = resolveCourseShape(req.protocol, req.sessions);
  const window = resolveSearchWindow(req);
  let index = req.index;
  if (index && (index.clinic !== req.clinic || index.existing !== req.existing)) {
    throw new SlotSearchError('INVALID_REQUEST', 'the index was prepared for other clinic data or bookings');
  }
  index ??= prepareSlotSearch(req.clinic, req.existing);
  const resources: number[] = [];
  index.resources.forEach((r, i) => {
    if (r.kind === shape.resourceKind) resources.push(i);
  });
  if (resources.length === 0) return [];
  const search = new Search(index, shape, window, resources, patientBusy(index, req.patientId));
  return shape.kind === 'CONTINUOUS' ? search.continuous() : search.byDays(shape);
}

/** What a patient asks of the days and chairs (see booking-options.ts, which decides what is offered). */
export interface DayFilter {
  /** Weekdays a session may fall on (a continuous infusion: start on); all when absent. */
  weekdays?: readonly IsoWeekday[];
  /** A chair or bed kept for every session whenever a start of the day allows it. */
  preferredResourceId?: string;
}

/**
 * The search behind the booking options: for each start day in order, the plan of its earliest
 * start whose sessions all start at a wall-clock minute `acceptsWall` allows (for a preferred
 * chair, its earliest start that keeps that chair throughout if any does), walked lazily so a
 * caller stops once it has enough days. The searches of one request share its index and each
 * day's bookable starts, built once and narrowed per filter.
 */
export function coursePlansPerStartDay(
  req: FindCoursePlansRequest,
  filter: DayFilter,
): (acceptsWall?: (wall: number) => boolean) => Generator<CoursePlan, void, undefined> {
  const shape = resolveCourseShape(req.protocol, req.sessions);
  const window = resolveSearchWindow(req);
  const index = req.index ?? prepareSlotSearch(req.clinic, req.existing);
  if (index.clinic !== req.clinic || index.existing !== req.existing) {
    throw new SlotSearchError('INVALID_REQUEST', 'the index was prepared for other clinic data or bookings');
  }
  const resources: number[] = [];
  index.resources.forEach((r, i) => {
    if (r.kind === shape.resourceKind) resources.push(i);
  });
  const busy = patientBusy(index, req.patientId);
  const base = new Search(index, shape, window, resources, busy, filter);
  return function* (acceptsWall) {
    if (resources.length === 0) return;
    const search = new Search(index, shape, window, resources, busy, { ...filter, acceptsWall }, base);
    yield* shape.kind === 'CONTINUOUS' ? search.continuousPerDay() : search.perStartDay(shape);
  };
}

/** One day's bookable starts for this patient and protocol. */
interface DaySlots {
  starts: number[];
  /** Local wall-clock minute of each start. */
  walls: number[];
  /** free[j][r]: resource r (position in the candidate list) is free for start j. */
  free: Uint8Array[];
  /** Local wall-clock minute → index of the first start at that time. */
  byWall: Map<number, number>;
}

const NO_SLOTS: DaySlots = { starts: [], walls: [], free: [], byWall: new Map() };

class Search {
  private readonly dayCache: (DaySlots | undefined)[] = [];
  private readonly busy: IntervalSet[];
  /** Position in `resources` of the preferred chair or bed, or -1. */
  private readonly preferred: number;
  private readonly weekdays?: ReadonlySet<IsoWeekday>;

  constructor(
    private readonly index: SlotSearchIndex,
    private readonly shape: CourseShape,
    private readonly window: SearchWindow,
    /** Positions in index.resources of the kind this protocol needs, clinic order. */
    private readonly resources: number[],
    private readonly patientBusy: IntervalSet,
    private readonly filter: DayFilter & { acceptsWall?: (wall: number) => boolean } = {},
    /** The same search without `acceptsWall`, whose days this one narrows. */
    private readonly base?: Search,
  ) {
    this.busy = resources.map((i) => busyOf(index.busyByResource, index.resources[i].id));
    this.preferred = resources.findIndex((i) => index.resources[i].id === filter.preferredResourceId);
    if (filter.weekdays) this.weekdays = new Set(filter.weekdays);
  }

  private date(i: number): CivilDate {
    return addCivilDays(this.window.firstDate, i);
  }

  private day(i: number): ClinicDay {
    return clinicDay(this.index, this.date(i));
  }

  /** Bookable chair starts on horizon day i (cached for this search). */
  private slots(i: number): DaySlots {
    const cached = this.dayCache[i];
    if (cached) return cached;
    if (this.base) return (this.dayCache[i] = narrowed(this.base.slots(i), this.filter.acceptsWall));
    const day = this.day(i);
    // One infusion a day per patient: a day already holding one of theirs offers nothing.
    if (!day.working || overlapsAny(this.patientBusy, day.startMs, day.endMs)) return (this.dayCache[i] = NO_SLOTS);
    if (this.weekdays && !this.weekdays.has(day.weekday)) return (this.dayCache[i] = NO_SLOTS);
    const { stepMs, earliestMs } = this.window;
    const durMs = this.shape.minutes * 60_000;
    const headroom = nurseHeadroom(this.index, day);
    const n = this.resources.length;
    const out: DaySlots = { starts: [], walls: [], free: [], byWall: new Map() };
    for (const w of day.windows) {
      for (let s = w.openMs, k = 0; s + durMs <= w.closeMs; s += stepMs, k++) {
        if (s < earliestMs) continue;
        const e = s + durMs;
        if (overlapsAny(this.patientBusy, s, e) || !nurseRoomFor(headroom, s, e)) continue;
        let free: Uint8Array | undefined;
        for (let r = 0; r < n; r++) {
          if (overlapsAny(this.busy[r], s, e)) continue;
          free ??= new Uint8Array(n);
          free[r] = 1;
        }
        if (!free) continue;
        const wall = w.linear ? w.openWall + k * (stepMs / 60_000) : utcMsToLocal(s, this.index.zone).minutes;
        if (!out.byWall.has(wall)) out.byWall.set(wall, out.starts.length);
        out.starts.push(s);
        out.walls.push(wall);
        out.free.push(free);
      }
    }
    return (this.dayCache[i] = out.starts.length ? out : NO_SLOTS);
  }

  /** Horizon day indices of the course's sessions if it starts on day d0, or null. */
  private sessionDays(d0: number, shape: Extract<CourseShape, { kind: 'DAYS' }>): number[] | null {
    const last = this.window.horizonDays - 1;
    const days = [d0];
    if (shape.rule === 'WEEKDAYS') {
      if (!this.isWeekdayWorking(d0)) return null;
      let d = d0;
      while (days.length < shape.sessions) {
        do d++;
        while (d <= last && !this.isWeekdayWorking(d));
        if (d > last) return null;
        days.push(d);
      }
      return days;
    }
    const lastDay = d0 + (shape.sessions - 1) * shape.everyDays;
    if (lastDay > last) return null;
    for (let d = d0 + shape.everyDays; d <= lastDay; d += shape.everyDays) days.push(d);
    return days;
  }

  private isWeekdayWorking(i: number): boolean {
    const day = this.day(i);
    return day.weekday <= 5 && day.working;
  }

  byDays(shape: Extract<CourseShape, { kind: 'DAYS' }>): CoursePlan[] {
    const plans: CoursePlan[] = [];
    const { k } = this.window;
    for (const { first, later } of this.startDays(shape)) {
      for (let j = 0; j < first.starts.length && plans.length < k; j++) {
        plans.push(this.bestCompletion(first, j, later));
      }
      if (plans.length >= k) break;
    }
    return plans;
  }

  /** One plan per start day: its earliest start, or its earliest that keeps the preferred chair. */
  *perStartDay(shape: Extract<CourseShape, { kind: 'DAYS' }>): Generator<CoursePlan, void, undefined> {
    for (const { first, later } of this.startDays(shape)) {
      let j = 0;
      if (this.preferred >= 0) {
        const keeps = first.starts.findIndex((_, x) => this.keepsPreferred(first, x, later));
        if (keeps >= 0) j = keeps;
      }
      yield this.bestCompletion(first, j, later);
    }
  }

  /** The start days, in order, whose every session day has a bookable start. */
  private *startDays(
    shape: Extract<CourseShape, { kind: 'DAYS' }>,
  ): Generator<{ first: DaySlots; later: DaySlots[] }, void, undefined> {
    const { horizonDays } = this.window;
    for (let d0 = 0; d0 < horizonDays; d0++) {
      const days = this.sessionDays(d0, shape);
      if (!days) {
        // The last session only moves later with the start day, so nothing further can fit.
        if (d0 + (shape.sessions - 1) * shape.everyDays > horizonDays - 1) return;
        continue;
      }
      const first = this.slots(d0);
      if (!first.starts.length) continue;
      const later: DaySlots[] = [];
      let blocked = false;
      for (let i = 1; i < days.length && !blocked; i++) {
        const s = this.slots(days[i]);
        blocked = s.starts.length === 0;
        later.push(s);
      }
      if (!blocked) yield { first, later };
    }
  }

  /** Whether the plan from first.starts[j] can hold the preferred chair for every session. */
  private keepsPreferred(first: DaySlots, j: number, later: DaySlots[]): boolean {
    const p = this.preferred;
    if (!first.free[j][p]) return false;
    const slots = this.laterSlots(first.walls[j], later).slots;
    return later.every((d, i) => d.free[slots[i]][p] === 1);
  }

  /** The same local time every day if each later day has it, else the nearest time each day. */
  private laterSlots(wall: number, later: DaySlots[]): { slots: number[]; sameTime: boolean } {
    const sameWall = later.map((d) => d.byWall.get(wall));
    const sameTime = sameWall.every((x) => x !== undefined);
    return { slots: sameTime ? (sameWall as number[]) : later.map((d) => closestSlot(d, wall)), sameTime };
  }

  /** The preferred plan whose first session is first.starts[j] (see the ranking above). */
  private bestCompletion(first: DaySlots, j: number, later: DaySlots[]): CoursePlan {
    const free0 = first.free[j];
    const { slots, sameTime } = this.laterSlots(first.walls[j], later);
    // Then the chair free at most of those times (the preferred one if it is free at all of
    // them, else the first such in clinic order), so the patient changes chair as rarely as possible.
    let bestR = -1;
    let bestDays = -1;
    if (this.preferred >= 0 && this.keepsPreferred(first, j, later)) {
      bestR = this.preferred;
      bestDays = later.length;
    }
    for (let r = 0; r < this.resources.length && bestDays < later.length; r++) {
      if (!free0[r]) continue;
      let days = 0;
      for (let i = 0; i < later.length; i++) if (later[i].free[slots[i]][r]) days++;
      if (days > bestDays) {
        bestDays = days;
        bestR = r;
      }
    }
    const sameResource = bestDays === later.length;
    const chosen = [
      { slot: j, r: bestR },
      ...later.map((d, i) => ({ slot: slots[i], r: d.free[slots[i]][bestR] ? bestR : firstFree(d.free[slots[i]]) })),
    ];

    const days = [first, ...later];
    const sessions = chosen.map(({ slot, r }, i) => {
      const s = days[i].starts[slot];
      return {
        resourceId: this.index.resources[this.resources[r]].id,
        start: new Date(s).toISOString(),
        end: new Date(s + this.shape.minutes * 60_000).toISOString(),
      };
    });
    return {
      sessions,
      score: planScore(first.starts[j], this.window.earliestMs, sameTime, sameResource),
      sameResource,
      sameTime,
    };
  }

  /** One bed for the whole infusion; starts on the step grid from each local midnight. */
  continuous(): CoursePlan[] {
    const plans: CoursePlan[] = [];
    for (const { start, end } of this.infusionStarts()) {
      const r = this.busy.findIndex((b) => !overlapsAny(b, start, end));
      if (r >= 0) plans.push(this.infusionPlan(r, start, end));
      if (plans.length >= this.window.k) break;
    }
    return plans;
  }

  /** Per start day, its earliest infusion with a free bed (the preferred bed's earliest, if any). */
  *continuousPerDay(): Generator<CoursePlan, void, undefined> {
    let day = -1;
    let fallback: CoursePlan | undefined;
    let found = false;
    for (const { day: d, start, end } of this.infusionStarts()) {
      if (d !== day) {
        if (!found && fallback) yield fallback;
        day = d;
        fallback = undefined;
        found = false;
      }
      if (found) continue;
      const p = this.preferred;
      if (p >= 0 && !overlapsAny(this.busy[p], start, end)) {
        found = true;
        yield this.infusionPlan(p, start, end);
        continue;
      }
      const r = this.busy.findIndex((b) => !overlapsAny(b, start, end));
      if (r < 0) continue;
      if (p < 0) {
        found = true;
        yield this.infusionPlan(r, start, end);
      } else fallback ??= this.infusionPlan(r, start, end);
    }
    if (!found && fallback) yield fallback;
  }

  /** Infusion starts the patient can take, in order, whatever the beds (see `continuous`). */
  private *infusionStarts(): Generator<{ day: number; start: number; end: number }, void, undefined> {
    const { horizonDays, stepMs, earliestMs, horizonEndMs } = this.window;
    const { acceptsWall } = this.filter;
    const durMs = this.shape.minutes * 60_000;
    // Horizon day holding the infusion's last instant; it only moves forward with the start.
    let last = 0;
    for (let d = 0; d < horizonDays; d++) {
      const day = this.day(d);
      // A continuous infusion is asked for by the weekday it starts on.
      if (this.weekdays && !this.weekdays.has(day.weekday)) continue;
      for (let s = day.startMs; s < day.endMs; s += stepMs) {
        if (s < earliestMs) continue;
        const e = s + durMs;
        if (e > horizonEndMs) return;
        while (this.day(last).endMs < e) last++;
        // Nothing else of the patient's on any local day the infusion touches.
        if (overlapsAny(this.patientBusy, day.startMs, this.day(last).endMs)) continue;
        if (acceptsWall && !acceptsWall(utcMsToLocal(s, this.index.zone).minutes)) continue;
        yield { day: d, start: s, end: e };
      }
    }
  }

  private infusionPlan(r: number, start: number, end: number): CoursePlan {
    return {
      sessions: [
        {
          resourceId: this.index.resources[this.resources[r]].id,
          start: new Date(start).toISOString(),
          end: new Date(end).toISOString(),
        },
      ],
      score: planScore(start, this.window.earliestMs, true, true),
      sameResource: true,
      sameTime: true,
    };
  }
}

/** A day's starts at the wall-clock minutes `accepts` allows (all of them without it). */
function narrowed(day: DaySlots, accepts?: (wall: number) => boolean): DaySlots {
  if (!accepts || day === NO_SLOTS) return day;
  const out: DaySlots = { starts: [], walls: [], free: [], byWall: new Map() };
  day.starts.forEach((s, j) => {
    const wall = day.walls[j];
    if (!accepts(wall)) return;
    if (!out.byWall.has(wall)) out.byWall.set(wall, out.starts.length);
    out.starts.push(s);
    out.walls.push(wall);
    out.free.push(day.free[j]);
  });
  return out.starts.length ? out : NO_SLOTS;
}

function firstFree(free: Uint8Array): number {
  return free.indexOf(1);
}

/** The start nearest in wall-clock time to `wall`, the earlier of two equally near. */
function closestSlot(d: DaySlots, wall: number): number {
  let best = 0;
  for (let j = 1; j < d.starts.length; j++) {
    if (Math.abs(d.walls[j] - wall) < Math.abs(d.walls[best] - wall)) best = j;
  }
  return best;
}
