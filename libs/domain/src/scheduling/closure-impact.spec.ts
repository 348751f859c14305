import {
  bookingsToMove,
  type BookedSession,
  localDatesSpan,
  overNurseRatio,
  strandedByClosure,
} from './closure-impact';
import { SlotSearchError } from './clinic';

const LONDON = 'Europe/London';
const chair = (start: string, end: string, resourceKind: BookedSession['resourceKind'] = 'CHAIR') => ({
  start,
  end,
  resourceKind,
});
const stranded = (sessions: BookedSession[], from: string, to: string, zone = LONDON) =>
  strandedByClosure(sessions, { from, to }, zone);

describe('localDatesSpan', () => {
  it('runs from local midnight of the first day to local midnight after the last', () => {
    expect(localDatesSpan('2026-12-25', '2026-12-26', LONDON)).toEqual({
      start: '2026-12-25T00:00:00.000Z',
      end: '2026-12-27T00:00:00.000Z',
    });
    expect(localDatesSpan('2026-12-25', '2026-12-25', 'America/New_York')).toEqual({
      start: '2026-12-25T05:00:00.000Z',
      end: '2026-12-26T05:00:00.000Z',
    });
  });

  it('is 23 hours on the spring-forward day and 25 on the fall-back day', () => {
    expect(localDatesSpan('2026-03-29', '2026-03-29', LONDON)).toEqual({
      start: '2026-03-29T00:00:00.000Z',
      end: '2026-03-29T23:00:00.000Z',
    });
    expect(localDatesSpan('2026-10-25', '2026-10-25', LONDON)).toEqual({
      start: '2026-10-24T23:00:00.000Z',
      end: '2026-10-26T00:00:00.000Z',
    });
  });

  it('refuses dates out of order, non-dates and unknown zones', () => {
    expect(() => localDatesSpan('2026-12-26', '2026-12-25', LONDON)).toThrow(SlotSearchError);
    expect(() => localDatesSpan('2026-02-30', '2026-03-01', LONDON)).toThrow(SlotSearchError);
    expect(() => localDatesSpan('2026-12-25', '2026-12-25', 'Mars/Olympus')).toThrow(SlotSearchError);
  });
});

describe('strandedByClosure', () => {
  it('leaves a session ending exactly at local midnight before the closure', () => {
    expect(
      stranded([chair('2026-12-24T20:00:00.000Z', '2026-12-25T00:00:00.000Z')], '2026-12-25', '2026-12-26'),
    ).toEqual([]);
  });

  it('strands a session that runs into the first closed day, or out of the last', () => {
    const into = chair('2026-12-24T22:00:00.000Z', '2026-12-25T00:01:00.000Z');
    const outOf = chair('2026-12-26T23:00:00.000Z', '2026-12-27T02:00:00.000Z');
    expect(stranded([into, outOf], '2026-12-25', '2026-12-26')).toEqual([into, outOf]);
  });

  it('leaves a session starting at local midnight after the closure', () => {
    expect(
      stranded([chair('2026-12-27T00:00:00.000Z', '2026-12-27T04:00:00.000Z')], '2026-12-25', '2026-12-26'),
    ).toEqual([]);
  });

  it('strands chairs and rooms, not beds (the ward stays open) nor sessions without a chair', () => {
    const room = chair('2026-12-25T09:00:00.000Z', '2026-12-25T13:00:00.000Z', 'ROOM');
    const sessions = [
      room,
      chair('2026-12-25T09:00:00.000Z', '2026-12-25T13:00:00.000Z', 'BED'),
      chair('2026-12-25T09:00:00.000Z', '2026-12-25T13:00:00.000Z', null),
    ];
    expect(stranded(sessions, '2026-12-25', '2026-12-25')).toEqual([room]);
  });

  it('reads the dates in the clinic zone, not UTC', () => {
    // 22:00–23:00 on 24 December in New York is 03:00–04:00 UTC on the 25th.
    const christmasEve = chair('2026-12-25T03:00:00.000Z', '2026-12-25T04:00:00.000Z');
    const christmasDay = chair('2026-12-25T14:00:00.000Z', '2026-12-25T18:00:00.000Z');
    expect(stranded([christmasEve, christmasDay], '2026-12-25', '2026-12-25', 'America/New_York')).toEqual([
      christmasDay,
    ]);
  });

  it('follows a 23-hour spring-forward day to its local midnight', () => {
    const late = chair('2026-03-29T21:30:00.000Z', '2026-03-29T22:30:00.000Z'); // 22:30–23:30 BST on the 29th
    const nextDay = chair('2026-03-29T23:00:00.000Z', '2026-03-30T03:00:00.000Z'); // from 00:00 BST on the 30th
    expect(stranded([late, nextDay], '2026-03-29', '2026-03-29')).toEqual([late]);
  });

  it('follows a 25-hour fall-back day from its local midnight', () => {
    const eveBefore = chair('2026-10-24T22:00:00.000Z', '2026-10-24T23:00:00.000Z'); // 23:00–24:00 BST on the 24th
    const justAfterMidnight = chair('2026-10-24T23:30:00.000Z', '2026-10-25T00:30:00.000Z'); // 00:30 BST
    const lateEvening = chair('2026-10-25T23:30:00.000Z', '2026-10-26T00:00:00.000Z'); // 23:30 GMT
    expect(stranded([eveBefore, justAfterMidnight, lateEvening], '2026-10-25', '2026-10-25')).toEqual([
      justAfterMidnight,
      lateEvening,
    ]);
  });
});

describe('sessions over the nurse ratio', () => {
  const zone = 'Europe/London';
  const session = (id: string, start: string, end: string, resourceKind: 'CHAIR' | 'BED' | null = 'CHAIR') => ({
    id,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    resourceKind,
  });
  const rota = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    kind: 'WEEKLY' as const,
    weekday: weekday as 1,
    startsAt: '08:00',
    endsAt: '18:00',
    nurses: 2,
  }));
  // Wednesday 24 December 2025, three chair sessions overlapping 10:00–10:40.
  const booked = [
    session('a', '2025-12-24T10:00:00Z', '2025-12-24T10:40:00Z'),
    session('b', '2025-12-24T10:20:00Z', '2025-12-24T11:00:00Z'),
    session('c', '2025-12-24T10:30:00Z', '2025-12-24T11:10:00Z'),
    session('bed', '2025-12-24T10:00:00Z', '2025-12-25T10:00:00Z', 'BED'),
    session('later', '2025-12-24T14:00:00Z', '2025-12-24T14:40:00Z'),
  ];
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

  it('lists nothing while the rota covers every session', () => {
    expect(overNurseRatio(booked, { timeZone: zone, nurseShifts: rota, maxInfusionsPerNurse: 2 })).toEqual([]);
  });

  it('lists the sessions live when a dated shift of one nurse leaves three infusions for two places', () => {
    const nurseShifts = [
      ...rota,
      { kind: 'DATED' as const, start: '2025-12-24T08:00', end: '2025-12-24T18:00', nurses: 1 },
    ];
    expect(ids(overNurseRatio(booked, { timeZone: zone, nurseShifts, maxInfusionsPerNurse: 2 }))).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('lists every chair session of a day whose dated shift has no nurse, never the ward bed', () => {
    const nurseShifts = [
      ...rota,
      { kind: 'DATED' as const, start: '2025-12-24T08:00', end: '2025-12-24T18:00', nurses: 0 },
    ];
    expect(ids(overNurseRatio(booked, { timeZone: zone, nurseShifts, maxInfusionsPerNurse: 4 }))).toEqual([
      'a',
      'b',
      'c',
      'later',
    ]);
  });

  it('counts back-to-back sessions as not overlapping', () => {
    const back = [
      session('x', '2025-12-24T10:00:00Z', '2025-12-24T10:40:00Z'),
      session('y', '2025-12-24T10:40:00Z', '2025-12-24T11:20:00Z'),
    ];
    const oneNurse = rota.map((r) => ({ ...r, nurses: 1 }));
    expect(overNurseRatio(back, { timeZone: zone, nurseShifts: oneNurse, maxInfusionsPerNurse: 1 })).toEqual([]);
  });
});

describe("the front desk's bookings to move", () => {
  const zone = 'Europe/London';
  const held = (
    id: string,
    start: string,
    end: string,
    resourceActive = true,
    resourceKind: 'CHAIR' | 'BED' = 'CHAIR',
  ) => ({
    id,
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    resourceKind,
    resourceActive,
  });
  const oneNurse = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    kind: 'WEEKLY' as const,
    weekday: weekday as 1,
    startsAt: '00:00',
    endsAt: '24:00',
    nurses: 1,
  }));

  it('names each reason a session has, and leaves out sessions with none', () => {
    const sessions = [
      held('closed-and-retired', '2025-12-25T10:00:00Z', '2025-12-25T11:00:00Z', false),
      held('over-1', '2025-12-23T10:00:00Z', '2025-12-23T11:00:00Z'),
      held('over-2', '2025-12-23T10:30:00Z', '2025-12-23T11:30:00Z'),
      held('fine', '2025-12-22T10:00:00Z', '2025-12-22T11:00:00Z'),
      held('bed-on-closure', '2025-12-25T00:00:00Z', '2025-12-26T00:00:00Z', true, 'BED'),
    ];
    const result = bookingsToMove(sessions, {
      timeZone: zone,
      nurseShifts: oneNurse,
      maxInfusionsPerNurse: 1,
      closures: [{ from: '2025-12-25', to: '2025-12-26' }],
    });
    expect(result.map((r) => [r.session.id, r.reasons])).toEqual([
      ['closed-and-retired', ['CLINIC_CLOSED', 'CHAIR_OUT_OF_SERVICE']],
      ['over-1', ['OVER_NURSE_RATIO']],
      ['over-2', ['OVER_NURSE_RATIO']],
    ]);
  });
});
