/**
 * Reference answer for tests and the benchmark, not for production: every candidate start on the
 * step grid for the first session, every chair or bed for it, and for each later session every
 * (start, resource) combination, each checked by linear scans over the raw bookings. Slow on a
 * real clinic; small clinics only.
 *
 * It returns, earliest first, one plan per feasible first start with each later session at the
 * first feasible (start, resource) of its day. Sessions on different local days cannot interact
 * (each sits inside its own day's opening hours), so searching the later days one by one finds a
 * completion exactly when some combination exists. A session never goes on a local date (for a
 * continuous infusion, any date it touches) where the patient already has a live booking.
 */
import { DateTime } from 'luxon';
import type { CoursePlan, CoursePlanRequest } from './course';
import { planScore, resolveCourseShape, resolveSearchWindow } from './course';
import { referenceChecks } from './reference-checks';

export function bruteForceCoursePlans(req: CoursePlanRequest): CoursePlan[] {
  const shape = resolveCourseShape(req.protocol, req.sessions);
  const win = resolveSearchWindow(req);
  const zone = req.clinic.timeZone;
  const step = req.stepMinutes ?? 15;
  const durMs = shape.minutes * 60_000;
  const check = referenceChecks(req.clinic, req.existing);
  const resources = req.clinic.resources.filter((r) => r.active !== false && r.kind === shape.resourceKind);
  const day0 = DateTime.fromObject(win.firstDate, { zone });
  const dateOf = (i: number) => day0.plus({ days: i });
  const plans: CoursePlan[] = [];

  const fits = (resourceId: string, s: number, chairSide: boolean) =>
    !check.resourceBusy(resourceId, s, s + durMs) &&
    !check.patientBusy(req.patientId, s, s + durMs) &&
    !check.patientSameDay(req.patientId, s, s + durMs) &&
    (!chairSide || check.nurseRoom(s, s + durMs));

  const session = (resourceId: string, s: number) => ({
    resourceId,
    start: new Date(s).toISOString(),
    end: new Date(s + durMs).toISOString(),
  });

  if (shape.kind === 'CONTINUOUS') {
    for (let i = 0; i < win.horizonDays; i++) {
      const next = dateOf(i + 1).toMillis();
      for (let t = dateOf(i); t.toMillis() < next; t = t.plus({ minutes: step })) {
        const s = t.toMillis();
        if (s < win.earliestMs) continue;
        if (s + durMs > win.horizonEndMs) return plans;
        const bed = resources.find((r) => fits(r.id, s, false));
        if (!bed) continue;
        plans.push({
          sessions: [session(bed.id, s)],
          score: planScore(s, win.earliestMs, true, true),
          sameResource: true,
          sameTime: true,
        });
        if (plans.length === win.k) return plans;
      }
    }
    return plans;
  }

  // Every chair start of a local date, in time order.
  const startsOn = (date: DateTime): number[] => {
    const out: number[] = [];
    for (const [open, close] of check.openingWindows(date)) {
      for (let s = open; s + durMs <= close; s += step * 60_000) if (s >= win.earliestMs) out.push(s);
    }
    return out;
  };
  const firstFit = (date: DateTime) => {
    for (const s of startsOn(date)) for (const r of resources) if (fits(r.id, s, true)) return session(r.id, s);
    return undefined;
  };
  const isWeekdayWorking = (i: number) => dateOf(i).weekday <= 5 && check.isWorkingDate(dateOf(i));

  for (let d0 = 0; d0 < win.horizonDays && plans.length < win.k; d0++) {
    const days: number[] = [];
    if (shape.rule === 'WEEKDAYS') {
      for (let d = d0; d < win.horizonDays && days.length < shape.sessions; d++) {
        if (isWeekdayWorking(d)) days.push(d);
        else if (d === d0) break;
      }
    } else {
      for (let n = 0; n < shape.sessions; n++) days.push(d0 + n * shape.everyDays);
    }
    if (days.length < shape.sessions || days[days.length - 1] >= win.horizonDays) continue;
    let rest: ReturnType<typeof firstFit>[] | undefined;
    for (const s of startsOn(dateOf(d0))) {
      const r = resources.find((x) => fits(x.id, s, true));
      if (!r) continue;
      // The later days do not depend on the first start, so look them up once.
      rest ??= days.slice(1).map((d) => firstFit(dateOf(d)));
      if (rest.some((x) => !x)) break;
      const sessions = [session(r.id, s), ...rest.map((x) => x!)];
      const local = sessions.map((x) => DateTime.fromISO(x.start, { zone }).toFormat('HH:mm'));
      const sameTime = local.every((x) => x === local[0]);
      const sameResource = sessions.every((x) => x.resourceId === r.id);
      plans.push({ sessions, score: planScore(s, win.earliestMs, sameTime, sameResource), sameResource, sameTime });
      if (plans.length === win.k) break;
    }
  }
  return plans;
}
