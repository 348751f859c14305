/**
 * Property: on small random clinics the fast search agrees with the brute-force reference.
 * Every plan it offers passes the independent feasibility check, and its first starts are exactly
 * the reference's (so no earlier feasible course is missed, and when the reference finds nothing
 * the search finds nothing). Dates sit next to clock changes in several zones on purpose, and dated
 * nurse shifts replace the weekly rota on some days.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { bruteForceCoursePlans } from './brute-force';
import type { ClinicCapacity, ClinicNurseShift, ExistingAppointment, IsoWeekday, OpeningHoursWindow } from './clinic';
import { formatWallClock } from './clinic';
import type { CoursePlanRequest } from './course';
import { isPlanFeasible } from './feasibility';
import type { ProtocolSessionPattern } from './protocol';
import { bedProtocol, chairProtocol } from './scheduling.factory';
import { findCoursePlans } from './slot-search';

const WEEK: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
const START_DATES: [zone: string, date: string][] = [
  ['Europe/London', '2025-03-28'],
  ['Europe/London', '2025-10-24'],
  ['America/New_York', '2025-03-07'],
  ['America/New_York', '2025-10-31'],
  ['Australia/Sydney', '2025-04-04'],
  ['UTC', '2025-06-10'],
];

const hoursForDay = (weekday: IsoWeekday) =>
  fc
    .tuple(
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 12, max: 24 }),
      fc.integer({ min: 4, max: 16 }),
      fc.integer({ min: 1, max: 8 }),
      fc.integer({ min: 2, max: 10 }),
    )
    .map(([windows, open, length, gap, length2]): OpeningHoursWindow[] => {
      // Half-hour units from midnight: 06:00–12:00 opening, windows of 2–8 h, maybe an afternoon one.
      const out: OpeningHoursWindow[] = [];
      let close = open + length;
      if (windows >= 1)
        out.push({ weekday, opensAt: formatWallClock(open * 30), closesAt: formatWallClock(close * 30) });
      const open2 = close + gap;
      close = Math.min(48, open2 + length2);
      if (windows === 2 && open2 < close)
        out.push({ weekday, opensAt: formatWallClock(open2 * 30), closesAt: formatWallClock(close * 30) });
      return out;
    });

const nurseShiftsArb = fc.oneof(
  // Nurses around the clock.
  fc
    .integer({ min: 1, max: 2 })
    .map((nurses): ClinicNurseShift[] =>
      WEEK.map((weekday) => ({ kind: 'WEEKLY', weekday, startsAt: '00:00', endsAt: '24:00', nurses })),
    ),
  // A patchy weekly rota.
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...WEEK),
        fc.integer({ min: 12, max: 36 }),
        fc.integer({ min: 2, max: 20 }),
        fc.integer({ min: 0, max: 2 }),
      ),
      { maxLength: 10 },
    )
    .map((xs): ClinicNurseShift[] =>
      xs.map(([weekday, from, len, nurses]) => ({
        kind: 'WEEKLY',
        weekday,
        startsAt: formatWallClock(from * 30),
        endsAt: formatWallClock(Math.min(48, from + len) * 30),
        nurses,
      })),
    ),
);

const patternArb: fc.Arbitrary<{ pattern: ProtocolSessionPattern; sessions?: number }> = fc.oneof(
  fc.integer({ min: 1, max: 3 }).map((sessions) => ({ pattern: { kind: 'CONSECUTIVE_DAYS' as const, sessions } })),
  fc
    .integer({ min: 2, max: 3 })
    .map((sessions) => ({ pattern: { kind: 'WEEKDAYS' as const, minSessions: 1, maxSessions: 5 }, sessions })),
  fc.integer({ min: 2, max: 3 }).map((n) => ({ pattern: { kind: 'EVERY_N_DAYS' as const, n, sessions: 2 } })),
  fc.integer({ min: 2, max: 30 }).map((hours) => ({ pattern: { kind: 'CONTINUOUS' as const, hours } })),
);

const caseArb = fc
  .record({
    start: fc.constantFrom(...START_DATES),
    horizonDays: fc.integer({ min: 3, max: 9 }),
    chairs: fc.integer({ min: 1, max: 3 }),
    beds: fc.integer({ min: 0, max: 1 }),
    hours: fc.tuple(...WEEK.map(hoursForDay)),
    closures: fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 2 }),
    nurseShifts: nurseShiftsArb,
    // Dated shifts that replace the rota on some days: whole-day, partial-day, or with no nurse.
    datedShifts: fc.array(
      fc.tuple(
        fc.integer({ min: -1, max: 9 }),
        fc.integer({ min: 0, max: 47 }),
        fc.integer({ min: 1, max: 48 }),
        fc.integer({ min: 0, max: 2 }),
      ),
      { maxLength: 3 },
    ),
    ratio: fc.integer({ min: 1, max: 3 }),
    appointments: fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('P', 'Q', 'R'),
        fc.integer({ min: -1, max: 9 }),
        fc.integer({ min: 0, max: 287 }),
        fc.integer({ min: 3, max: 72 }),
      ),
      { maxLength: 14 },
    ),
    shape: patternArb,
    minutes: fc.constantFrom(30, 45, 60, 90, 120, 240),
    k: fc.integer({ min: 1, max: 4 }),
    step: fc.constantFrom(15, 30, 60),
    earliestMinute: fc.option(fc.integer({ min: 0, max: 1439 }), { nil: undefined }),
  })
  .map((c): CoursePlanRequest => {
    const [zone, date] = c.start;
    const day0 = DateTime.fromISO(date, { zone });
    const resources = [
      ...Array.from({ length: c.chairs }, (_, i) => ({ id: `C${i + 1}`, kind: 'CHAIR' as const })),
      ...Array.from({ length: c.beds }, (_, i) => ({ id: `B${i + 1}`, kind: 'BED' as const })),
    ];
    const existing: ExistingAppointment[] = c.appointments.map(([r, patientId, d, fiveMin, len]) => {
      const s = day0.plus({ days: d }).plus({ minutes: fiveMin * 5 });
      return {
        resourceId: resources[r % resources.length].id,
        patientId,
        start: s.toUTC().toISO()!,
        end: s
          .plus({ minutes: len * 5 })
          .toUTC()
          .toISO()!,
      };
    });
    const clinic: ClinicCapacity = {
      timeZone: zone,
      openingHours: c.hours.flat(),
      closures: c.closures.map((d) => {
        const iso = day0.plus({ days: d }).toISODate()!;
        return { from: iso, to: iso };
      }),
      resources,
      nurseShifts: [
        ...c.nurseShifts,
        ...c.datedShifts.map(([d, from, len, nurses]): ClinicNurseShift => {
          const day = day0.plus({ days: d }).startOf('day');
          const to = Math.min(48, from + len);
          const clock = (halfHours: number) =>
            halfHours === 48
              ? `${day.plus({ days: 1 }).toISODate()}T00:00`
              : `${day.toISODate()}T${formatWallClock(halfHours * 30)}`;
          return { kind: 'DATED', start: clock(from), end: clock(to), nurses };
        }),
      ],
      maxInfusionsPerNurse: c.ratio,
    };
    const protocol =
      c.shape.pattern.kind === 'CONTINUOUS'
        ? bedProtocol(c.shape.pattern.hours)
        : chairProtocol(c.shape.pattern, c.minutes);
    return {
      protocol,
      sessions: c.shape.sessions,
      clinic,
      existing,
      patientId: 'P',
      earliest: c.earliestMinute === undefined ? date : day0.plus({ minutes: c.earliestMinute }).toUTC().toISO()!,
      horizonDays: c.horizonDays,
      k: c.k,
      stepMinutes: c.step,
    };
  });

describe('slot search against the brute-force reference', () => {
  it('offers only feasible plans and never misses an earlier one', () => {
    let withPlans = 0;
    fc.assert(
      fc.property(caseArb, (req) => {
        const plans = findCoursePlans(req);
        const reference = bruteForceCoursePlans(req);
        const earliestMs = /^\d{4}-\d{2}-\d{2}$/.test(req.earliest)
          ? DateTime.fromISO(req.earliest, { zone: req.clinic.timeZone }).toMillis()
          : Date.parse(req.earliest);
        for (const plan of plans) {
          const check = isPlanFeasible(plan, req);
          if (!check.feasible)
            throw new Error(`infeasible plan ${JSON.stringify(plan)}: ${JSON.stringify(check.reasons)}`);
          expect(Date.parse(plan.sessions[0].start)).toBeGreaterThanOrEqual(earliestMs);
        }
        const firstStarts = plans.map((p) => p.sessions[0].start);
        expect(new Set(firstStarts).size).toBe(firstStarts.length);
        expect(firstStarts).toEqual([...firstStarts].sort());
        if (reference.length === 0) expect(plans).toEqual([]);
        else
          expect(Date.parse(plans[0].sessions[0].start)).toBeLessThanOrEqual(
            Date.parse(reference[0].sessions[0].start),
          );
        // Stronger: the same K first starts, since both walk the same grid.
        expect(firstStarts).toEqual(reference.map((p) => p.sessions[0].start));
        if (plans.length) withPlans++;
      }),
      { numRuns: 300 },
    );
    // The generator must exercise real bookings, not only empty answers.
    expect(withPlans).toBeGreaterThan(60);
  });
});
