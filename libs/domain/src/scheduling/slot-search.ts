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
import { type CivilDate, addCivilDays, SlotSearchError, utcMsToLocal } from './clinic';
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

  constructor(
    private readonly index: SlotSearchIndex,
    private readonly shape: CourseShape,
    private readonly window: SearchWindow,
    /** Positions in index.resources of the kind this protocol needs, clinic order. */
    private readonly resources: number[],
    private readonly patientBusy: IntervalSet,
  ) {
    this.busy = resources.map((i) => busyOf(index.busyByResource, index.resources[i].id));
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
    const day = this.day(i);
    // One infusion a day per patient: a day already holding one of theirs offers nothing.
    if (!day.working || overlapsAny(this.patientBusy, day.startMs, day.endMs)) return (this.dayCache[i] = NO_SLOTS);
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
    const { horizonDays, k } = this.window;
    for (let d0 = 0; d0 < horizonDays && plans.length < k; d0++) {
      const days = this.sessionDays(d0, shape);
      if (!days) {
        // The last session only moves later with the start day, so nothing further can fit.
        if (d0 + (shape.sessions - 1) * shape.everyDays > horizonDays - 1) break;
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
      if (blocked) continue;
      for (let j = 0; j < first.starts.length && plans.length < k; j++) {
        plans.push(this.bestCompletion(first, j, later));
      }
    }
    return plans;
  }

  /** The preferred plan whose first session is first.starts[j] (see the ranking above). */
  private bestCompletion(first: DaySlots, j: number, later: DaySlots[]): CoursePlan {
    const wall = first.walls[j];
    const free0 = first.free[j];
    // The same local time every day if each later day has it, else the nearest time each day.
    const sameWall = later.map((d) => d.byWall.get(wall));
    const sameTime = sameWall.every((x) => x !== undefined);
    const slots = sameTime ? (sameWall as number[]) : later.map((d) => closestSlot(d, wall));
    // Then the chair free at most of those times (the first such in clinic order), so the
    // patient changes chair as rarely as possible.
    let bestR = -1;
    let bestDays = -1;
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
    const { horizonDays, k, stepMs, earliestMs, horizonEndMs } = this.window;
    const durMs = this.shape.minutes * 60_000;
    // Horizon day holding the infusion's last instant; it only moves forward with the start.
    let last = 0;
    for (let d = 0; d < horizonDays && plans.length < k; d++) {
      const day = this.day(d);
      for (let s = day.startMs; s < day.endMs && plans.length < k; s += stepMs) {
        if (s < earliestMs) continue;
        const e = s + durMs;
        if (e > horizonEndMs) return plans;
        while (this.day(last).endMs < e) last++;
        // Nothing else of the patient's on any local day the infusion touches.
        if (overlapsAny(this.patientBusy, day.startMs, this.day(last).endMs)) continue;
        const r = this.busy.findIndex((b) => !overlapsAny(b, s, e));
        if (r < 0) continue;
        plans.push({
          sessions: [
            {
              resourceId: this.index.resources[this.resources[r]].id,
              start: new Date(s).toISOString(),
              end: new Date(e).toISOString(),
            },
          ],
          score: planScore(s, earliestMs, true, true),
          sameResource: true,
          sameTime: true,
        });
      }
    }
    return plans;
  }
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
