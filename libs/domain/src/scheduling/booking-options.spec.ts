import { DateTime } from 'luxon';
import { SlotSearchError } from './clinic';
import {
  type BookingOption,
  type BookingPreferences,
  chooseBookingOptions,
  findBookingOptions,
  type OptionCandidate,
  partOfDay,
} from './booking-options';
import type { CoursePlan } from './course';
import { isPlanFeasible } from './feasibility';
import {
  ALL_WEEK,
  appt,
  bedProtocol,
  catalogueProtocol,
  chairProtocol,
  newClinic,
  request,
} from './scheduling.factory';

const SINGLE = catalogueProtocol('IV_SINGLE_INFUSION'); // 40 minutes
const FIVE_DAY = catalogueProtocol('IV_FIVE_DAY_LOW_DOSE'); // 5 consecutive days, 240 minutes

/** Each session as London wall-clock time and chair, the way the desk reads an option. */
function shown(option: BookingOption): string[] {
  return option.plan.sessions.map(
    (s) => `${DateTime.fromISO(s.start, { zone: 'Europe/London' }).toFormat('ccc dd HH:mm')} ${s.resourceId}`,
  );
}
const codes = (option: BookingOption) => option.reasons.map((r) => r.code);
const ask = ({ preferences, ...rest }: Parameters<typeof request>[0] & { preferences?: BookingPreferences }) =>
  findBookingOptions({ ...request(rest), preferences });

describe('part of the day', () => {
  it('is morning up to 11:59 and afternoon from 12:00', () => {
    expect(partOfDay(0)).toBe('MORNING');
    expect(partOfDay(11 * 60 + 59)).toBe('MORNING');
    expect(partOfDay(12 * 60)).toBe('AFTERNOON');
    expect(partOfDay(23 * 60 + 59)).toBe('AFTERNOON');
  });
});

describe('booking options', () => {
  it('offers the morning and afternoon of each start day in turn, never two options minutes apart', () => {
    const options = ask({ protocol: SINGLE, k: 5 });
    expect(options.map((o) => shown(o)[0])).toEqual([
      'Mon 02 09:00 C1',
      'Mon 02 12:00 C1',
      'Tue 03 09:00 C1',
      'Tue 03 12:00 C1',
      'Wed 04 09:00 C1',
    ]);
    expect(options.map((o) => `${o.startDate} ${o.timeOfDay}`)).toEqual([
      '2025-06-02 MORNING',
      '2025-06-02 AFTERNOON',
      '2025-06-03 MORNING',
      '2025-06-03 AFTERNOON',
      '2025-06-04 MORNING',
    ]);
    expect(codes(options[0])).toEqual(['EARLIEST', 'SAME_CHAIR', 'SAME_TIME', 'SAME_TIME_OF_DAY']);
    expect(codes(options[1])).toEqual(['EARLIEST_AFTERNOON', 'SAME_CHAIR', 'SAME_TIME', 'SAME_TIME_OF_DAY']);
    expect(options[2].reasons.map((r) => r.code)).not.toContain('EARLIEST');
  });

  it('counts a start at 11:45 as morning and one at 12:00 as afternoon', () => {
    const clinic = newClinic({ opensAt: '11:45', closesAt: '13:00' });
    const any = ask({ protocol: SINGLE, clinic, k: 2 });
    expect(any.map((o) => `${shown(o)[0]} ${o.timeOfDay}`)).toEqual([
      'Mon 02 11:45 C1 MORNING',
      'Mon 02 12:00 C1 AFTERNOON',
    ]);
    const mornings = ask({ protocol: SINGLE, clinic, k: 2, preferences: { timeOfDay: 'MORNING' } });
    expect(mornings.map((o) => shown(o)[0])).toEqual(['Mon 02 11:45 C1', 'Tue 03 11:45 C1']);
    const afternoons = ask({ protocol: SINGLE, clinic, k: 2, preferences: { timeOfDay: 'AFTERNOON' } });
    expect(afternoons.map((o) => shown(o)[0])).toEqual(['Mon 02 12:00 C1', 'Tue 03 12:00 C1']);
    expect(afternoons[0].reasons).toContainEqual({
      code: 'SAME_TIME_OF_DAY',
      message: 'Every session in the afternoon, as asked',
    });
  });

  it('keeps every session of an afternoon course in the afternoon, moving the start when a day has no afternoon room', () => {
    const clinic = newClinic({ days: ALL_WEEK });
    // Wednesday's afternoon is full in both chairs; its morning is free.
    const existing = ['C1', 'C2'].map((c) => appt(c, 'other', '2025-06-04T11:00:00Z', '2025-06-04T16:00:00Z'));
    const req = request({ protocol: FIVE_DAY, clinic, existing, k: 2 });
    const options = findBookingOptions({ ...req, preferences: { timeOfDay: 'AFTERNOON' } });
    expect(options.map((o) => o.startDate)).toEqual(['2025-06-05', '2025-06-06']);
    for (const o of options) {
      expect(o.timeOfDay).toBe('AFTERNOON');
      for (const s of o.plan.sessions) {
        expect(DateTime.fromISO(s.start, { zone: 'Europe/London' }).hour).toBeGreaterThanOrEqual(12);
      }
      expect(isPlanFeasible(o.plan, req).feasible).toBe(true);
    }
  });

  it('offers a plan that mixes mornings and afternoons when no single part of the day holds the course', () => {
    const clinic = newClinic({ days: ALL_WEEK });
    // Tuesday's morning is full, every other day's afternoon is full.
    const existing = [
      ...['C1', 'C2'].map((c) => appt(c, 'other', '2025-06-03T08:00:00Z', '2025-06-03T12:00:00Z')),
      ...['02', '04', '05', '06'].flatMap((d) =>
        ['C1', 'C2'].map((c) => appt(c, 'other', `2025-06-${d}T12:00:00Z`, `2025-06-${d}T16:00:00Z`)),
      ),
    ];
    const options = ask({ protocol: FIVE_DAY, clinic, existing, k: 1 });
    expect(shown(options[0])).toEqual([
      'Mon 02 09:00 C1',
      'Tue 03 13:00 C1',
      'Wed 04 09:00 C1',
      'Thu 05 09:00 C1',
      'Fri 06 09:00 C1',
    ]);
    expect(codes(options[0])).toEqual(['EARLIEST', 'SAME_CHAIR']);
  });

  it('books only on the weekdays the patient can come', () => {
    const options = ask({ protocol: SINGLE, k: 3, preferences: { weekdays: [2, 4] } });
    expect(options.map((o) => shown(o)[0])).toEqual(['Tue 03 09:00 C1', 'Tue 03 12:00 C1', 'Thu 05 09:00 C1']);
    expect(options.every((o) => codes(o).includes('PREFERRED_WEEKDAYS'))).toBe(true);
    // A five-day course within Monday to Friday can only start on a Monday.
    const week = ask({
      protocol: FIVE_DAY,
      clinic: newClinic({ days: ALL_WEEK }),
      k: 2,
      preferences: { weekdays: [1, 2, 3, 4, 5], timeOfDay: 'MORNING' },
    });
    expect(week.map((o) => o.startDate)).toEqual(['2025-06-02', '2025-06-09']);
  });

  it('keeps the chair asked for, from its first free start of the day, and says so', () => {
    const existing = [appt('C2', 'other', '2025-06-02T08:00:00Z', '2025-06-02T08:40:00Z')]; // 09:00–09:40 BST
    const options = ask({ protocol: SINGLE, existing, k: 2, preferences: { preferredResourceId: 'C2' } });
    expect(options.map((o) => shown(o)[0])).toEqual(['Mon 02 09:45 C2', 'Mon 02 12:00 C2']);
    expect(codes(options[0])).toEqual(['EARLIEST', 'PREFERRED_CHAIR', 'SAME_TIME', 'SAME_TIME_OF_DAY']);
  });

  it('offers another chair on a day the one asked for is taken', () => {
    const existing = [appt('C2', 'other', '2025-06-02T08:00:00Z', '2025-06-02T16:00:00Z')];
    const options = ask({
      protocol: SINGLE,
      existing,
      k: 2,
      preferences: { preferredResourceId: 'C2', timeOfDay: 'MORNING' },
    });
    expect(options.map((o) => shown(o)[0])).toEqual(['Mon 02 09:00 C1', 'Tue 03 09:00 C2']);
    expect(codes(options[0])).toContain('SAME_CHAIR');
    expect(codes(options[1])).toContain('PREFERRED_CHAIR');
  });

  it('searches a continuous infusion by the part of the day it starts in', () => {
    const options = ask({ protocol: bedProtocol(4), k: 2, preferences: { timeOfDay: 'AFTERNOON' } });
    expect(options.map((o) => shown(o)[0])).toEqual(['Mon 02 12:00 B1', 'Tue 03 12:00 B1']);
  });

  it('refuses weekdays that name no day or no ISO weekday', () => {
    for (const weekdays of [[], [0], [8], [1.5]]) {
      expect(() => ask({ protocol: SINGLE, preferences: { weekdays: weekdays as never } })).toThrow(SlotSearchError);
    }
  });

  it('returns nothing when no chair fits', () => {
    const protocol = chairProtocol({ kind: 'CONSECUTIVE_DAYS', sessions: 1 }, 600);
    expect(ask({ protocol, k: 3 })).toEqual([]);
  });
});

describe('choosing among options', () => {
  const plan = (start: string, resourceId = 'C1'): CoursePlan => ({
    sessions: [{ resourceId, start, end: start }],
    score: 0,
    sameResource: true,
    sameTime: true,
  });
  const candidate = (date: string, part: 'MORNING' | 'AFTERNOON', inPreferredChair = false): OptionCandidate => ({
    plan: plan(`${date}T${part === 'MORNING' ? '08' : '13'}:00:00Z`),
    startDate: date,
    parts: [part],
    inPreferredChair,
  });

  it('keeps the earliest of each part of the day even when it is not among the k earliest', () => {
    const chosen = chooseBookingOptions(
      [
        candidate('2025-06-02', 'MORNING'),
        candidate('2025-06-03', 'MORNING'),
        candidate('2025-06-04', 'MORNING'),
        candidate('2025-06-09', 'AFTERNOON'),
      ],
      {},
      2,
    );
    expect(chosen.map((o) => `${o.startDate} ${o.timeOfDay} ${codes(o)[0]}`)).toEqual([
      '2025-06-02 MORNING EARLIEST',
      '2025-06-09 AFTERNOON EARLIEST_AFTERNOON',
    ]);
  });

  it('keeps the earliest option in the chair asked for, and one option per day and part of the day', () => {
    const chosen = chooseBookingOptions(
      [
        candidate('2025-06-02', 'MORNING'),
        candidate('2025-06-02', 'MORNING'),
        candidate('2025-06-03', 'MORNING'),
        candidate('2025-06-05', 'MORNING', true),
      ],
      { timeOfDay: 'MORNING', preferredResourceId: 'C1' },
      2,
    );
    expect(chosen.map((o) => `${o.startDate} ${codes(o).join(',')}`)).toEqual([
      '2025-06-02 EARLIEST,SAME_CHAIR,SAME_TIME,SAME_TIME_OF_DAY',
      '2025-06-05 PREFERRED_CHAIR,SAME_TIME,SAME_TIME_OF_DAY',
    ]);
  });

  it('offers nothing from nothing', () => {
    expect(chooseBookingOptions([], {}, 3)).toEqual([]);
  });
});
