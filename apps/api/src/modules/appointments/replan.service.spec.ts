import { writeOrder } from './replan.service';

/** Sessions held now, by id: 4 and 5 of a course on consecutive days, 09:00–13:00. */
const held = {
  appointments: [
    { id: 'A4', startsAt: new Date('2026-12-10T09:00:00Z'), endsAt: new Date('2026-12-10T13:00:00Z') },
    { id: 'A5', startsAt: new Date('2026-12-11T09:00:00Z'), endsAt: new Date('2026-12-11T13:00:00Z') },
  ],
} as Parameters<typeof writeOrder>[1];

const move = (id: string, day: string) => ({ id, startsAt: `${day}T09:00:00Z`, endsAt: `${day}T13:00:00Z` });

describe('writeOrder', () => {
  it('moves session 5 first when session 4 takes the time session 5 still holds', () => {
    const order = writeOrder([move('A4', '2026-12-11'), move('A5', '2026-12-12')], held);
    expect(order.map((m) => m.id)).toEqual(['A5', 'A4']);
  });

  it('moves session 4 first when session 5 takes the time session 4 still holds', () => {
    const order = writeOrder([move('A4', '2026-12-09'), move('A5', '2026-12-10')], held);
    expect(order.map((m) => m.id)).toEqual(['A4', 'A5']);
  });

  it('keeps the given order when no move lands on a held time, and when none can go first', () => {
    expect(writeOrder([move('A4', '2026-12-20'), move('A5', '2026-12-21')], held).map((m) => m.id)).toEqual([
      'A4',
      'A5',
    ]);
    // A swap: each lands on the other's time, so the constraint decides (the transaction then ends).
    expect(writeOrder([move('A4', '2026-12-11'), move('A5', '2026-12-10')], held).map((m) => m.id)).toEqual([
      'A4',
      'A5',
    ]);
  });
});
