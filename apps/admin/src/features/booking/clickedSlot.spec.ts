import type { CourseOptionsRequest, CoursePlanOption } from './api/booking.api';
import { clickedSlotOf, requestFromSlot, slotVerdict, type ClickedSlot } from './clickedSlot';

const ZONE = 'Europe/London';
const CHAIRS = [
  { id: 'c4', name: 'Chair 4', kind: 'CHAIR', active: true },
  { id: 'b1', name: 'Bed 1', kind: 'BED', active: true },
  { id: 'old', name: 'Chair 9', kind: 'CHAIR', active: false },
];
const NOW = Date.parse('2026-12-01T12:00:00Z');
// Tuesday 8 December 2026, 10:30 in London (GMT).
const SLOT: ClickedSlot = { chairId: 'c4', chairName: 'Chair 4', isBed: false, startsAt: '2026-12-08T10:30:00.000Z' };
const BASE: CourseOptionsRequest = { patientId: 'p', protocolId: 'x', earliest: '2026-12-08', k: 5 };

const plan = (chairId: string, chairName: string, startsAt: string) =>
  ({ sessions: [{ chairId, chairName, startsAt, endsAt: startsAt }] }) as unknown as CoursePlanOption;

describe('clickedSlotOf', () => {
  const params = (chair: string, at: string) => new URLSearchParams({ chair, at });

  it('takes an active chair of the clinic at an instant still to come', () => {
    expect(clickedSlotOf(params('c4', '2026-12-08T10:30:00Z'), CHAIRS, NOW)).toEqual(SLOT);
    expect(clickedSlotOf(params('b1', '2026-12-08T10:30:00+00:00'), CHAIRS, NOW)?.isBed).toBe(true);
  });

  it('ignores an unknown or retired chair, a bad instant and a past one', () => {
    expect(clickedSlotOf(params('nope', '2026-12-08T10:30:00Z'), CHAIRS, NOW)).toBeNull();
    expect(clickedSlotOf(params('old', '2026-12-08T10:30:00Z'), CHAIRS, NOW)).toBeNull();
    expect(clickedSlotOf(params('c4', 'tomorrow'), CHAIRS, NOW)).toBeNull();
    expect(clickedSlotOf(params('c4', '2026-12-01T12:00:00Z'), CHAIRS, NOW)).toBeNull();
    expect(clickedSlotOf(new URLSearchParams(), CHAIRS, NOW)).toBeNull();
  });
});

describe('requestFromSlot', () => {
  it('searches from the slot itself, keeping its chair for a chair protocol', () => {
    expect(requestFromSlot(BASE, SLOT, ZONE, false)).toEqual({
      ...BASE,
      earliest: SLOT.startsAt,
      preferredChairId: 'c4',
    });
  });

  it('keeps no chair of the wrong kind, and leaves a search from another day alone', () => {
    expect(requestFromSlot(BASE, SLOT, ZONE, true)).toEqual({ ...BASE, earliest: SLOT.startsAt });
    expect(requestFromSlot({ ...BASE, earliest: '2026-12-09' }, SLOT, ZONE, false)).toEqual({
      ...BASE,
      earliest: '2026-12-09',
    });
    expect(requestFromSlot(BASE, null, ZONE, false)).toBe(BASE);
  });
});

describe('slotVerdict', () => {
  const asked = requestFromSlot(BASE, SLOT, ZONE, false);

  it('names the option that starts at the slot in its chair', () => {
    const plans = [plan('c2', 'Chair 2', SLOT.startsAt), plan('c4', 'Chair 4', '2026-12-08T10:30:00Z')];
    expect(slotVerdict(SLOT, asked, plans, ZONE, false)).toEqual({ offered: true, rank: 2 });
  });

  it('says why not: the chair kind, the weekdays, the part of the day', () => {
    expect(slotVerdict(SLOT, BASE, [], ZONE, true)).toEqual({
      offered: false,
      reason: 'Chair 4 is a chair; this protocol is given on a bed.',
    });
    expect(slotVerdict(SLOT, { ...asked, weekdays: [1, 3] }, [], ZONE, false)).toEqual({
      offered: false,
      reason: 'Tuesday is not among the weekdays chosen.',
    });
    expect(slotVerdict(SLOT, { ...asked, timeOfDay: 'AFTERNOON' }, [], ZONE, false)).toEqual({
      offered: false,
      reason: 'The slot is in the morning; the search asks for the afternoon.',
    });
  });

  it('does not blame the part of the day when any time of day is asked for', () => {
    const verdict = slotVerdict(SLOT, { ...asked, timeOfDay: 'ANY' }, [], ZONE, false);
    expect(verdict.offered === false && verdict.reason).toMatch(/^The whole course cannot start there/);
  });

  it('otherwise says the course does not fit there, and where the earliest one starts', () => {
    const later = [plan('c4', 'Chair 4', '2026-12-08T11:15:00Z')];
    const verdict = slotVerdict(SLOT, asked, later, ZONE, false);
    expect(verdict.offered).toBe(false);
    expect(verdict.offered === false && verdict.reason).toContain(
      'The earliest course from then starts Tue 8 Dec, 11:15 on Chair 4.',
    );
  });
});
