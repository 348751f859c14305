// The board's month view: per clinic-local day, booked chair-minutes against open chair-minutes
// (opening windows placed on each date in the clinic's zone × active chairs and rooms; closures 0),
// computed in PostgreSQL. Figures are checked against values worked out by hand, clock-change
// Sundays included (25 hours in October, 23 in March in Europe/London).
import { startTestApp, TestContext, TestUser } from '../support/context';

describe('GET /api/appointments/occupancy', () => {
  let ctx: TestContext;
  let clinicId: string;
  let scheduler: TestUser;
  let chairA: string;
  let chairB: string;
  let bed: string;

  const get = (query: string, user: TestUser = scheduler) =>
    ctx.http().get(`/api/appointments/occupancy${query}`).set('Cookie', user.cookie);

  /** A one-session course of a new patient in the test clinic, inserted directly at set instants. */
  async function book(chairId: string, startsAt: string, endsAt: string, status: 'BOOKED' | 'CANCELLED' = 'BOOKED') {
    const patientId = (await ctx.newPatient({}, clinicId)).id;
    await ctx.prisma.course.create({
      data: {
        clinicId,
        patientId,
        protocolId: await ctx.protocolId('IV_SINGLE_INFUSION', clinicId),
        bookedById: scheduler.id,
        sessionCount: 1,
        eligibilityScreeningIds: [],
        appointments: {
          create: [
            {
              clinicId,
              patientId,
              chairId,
              sessionNumber: 1,
              startsAt: new Date(startsAt),
              endsAt: new Date(endsAt),
              status,
              ...(status === 'CANCELLED' ? { cancelReason: 'Patient asked' } : {}),
            },
          ],
        },
      },
    });
  }

  beforeAll(async () => {
    ctx = await startTestApp();
    clinicId = await ctx.newClinic();
    scheduler = await ctx.newUser(['SCHEDULER'], clinicId);
    chairA = (await ctx.newChair({ clinicId, name: 'Chair A' })).id;
    chairB = (await ctx.newChair({ clinicId, name: 'Chair B' })).id;
    await ctx.newChair({ clinicId, name: 'Chair retired', active: false });
    bed = (await ctx.newChair({ clinicId, name: 'Bed 1', kind: 'BED' })).id;
    // Sundays 00:30–06:00 (across the clock change at 01:00/02:00), Mondays 09:00–17:00 and 18:00–19:00.
    await ctx.prisma.openingHours.createMany({
      data: [
        { clinicId, weekday: 7, opensAt: '00:30', closesAt: '06:00' },
        { clinicId, weekday: 1, opensAt: '09:00', closesAt: '17:00' },
        { clinicId, weekday: 1, opensAt: '18:00', closesAt: '19:00' },
      ],
    });
    await ctx.prisma.closure.create({
      data: { clinicId, startsOn: new Date('2026-10-12'), endsOn: new Date('2026-10-12'), reason: 'Training day' },
    });
    // Monday 5 October (BST, UTC+1): 4 h on A and 1 h on B count; the cancelled hour and the bed do not.
    await book(chairA, '2026-10-05T08:00:00Z', '2026-10-05T12:00:00Z');
    await book(chairB, '2026-10-05T09:00:00Z', '2026-10-05T10:00:00Z');
    await book(chairB, '2026-10-05T13:00:00Z', '2026-10-05T14:00:00Z', 'CANCELLED');
    await book(bed, '2026-10-05T08:00:00Z', '2026-10-05T16:00:00Z');
    // Sunday 25 October: 00:30 BST to 02:30 GMT is three real hours.
    await book(chairA, '2026-10-24T23:30:00Z', '2026-10-25T02:30:00Z');
    // 00:10 on Thursday 1 October, clinic time, is still 30 September in UTC: it belongs to 1 October.
    await book(chairA, '2026-09-30T23:10:00Z', '2026-09-30T23:40:00Z');
    // 00:30 on Sunday 1 November (GMT) is November's.
    await book(chairB, '2026-11-01T00:30:00Z', '2026-11-01T01:30:00Z');
    // The same hours in another clinic are never this one's.
    const other = await ctx.newClinic();
    const otherChair = await ctx.newChair({ clinicId: other });
    const otherPatient = await ctx.newPatient({}, other);
    const otherScheduler = await ctx.newUser(['SCHEDULER'], other);
    await ctx.prisma.course.create({
      data: {
        clinicId: other,
        patientId: otherPatient.id,
        protocolId: await ctx.protocolId('IV_SINGLE_INFUSION', other),
        bookedById: otherScheduler.id,
        sessionCount: 1,
        eligibilityScreeningIds: [],
        appointments: {
          create: [
            {
              clinicId: other,
              patientId: otherPatient.id,
              chairId: otherChair.id,
              sessionNumber: 1,
              startsAt: new Date('2026-10-05T08:00:00Z'),
              endsAt: new Date('2026-10-05T12:00:00Z'),
            },
          ],
        },
      },
    });
  });
  afterAll(() => ctx.close());

  it('sums each October day by hand-computed figures, the 25-hour Sunday included', async () => {
    const res = await get('?month=2026-10').expect(200);
    expect(res.body.month).toBe('2026-10');
    expect(res.body.days).toHaveLength(31);
    const day = (date: string) => res.body.days.find((d: { date: string }) => d.date === date);
    expect(res.body.days[0].date).toBe('2026-10-01');
    expect(res.body.days[30].date).toBe('2026-10-31');
    // Two active chairs (the retired one and the bed aside) × (480 + 60) minutes; 300 booked.
    expect(day('2026-10-05')).toEqual({
      date: '2026-10-05',
      openMinutes: 1080,
      bookedMinutes: 300,
      percent: 28,
      closed: false,
    });
    // A closed Monday has no open minutes.
    expect(day('2026-10-12')).toEqual({
      date: '2026-10-12',
      openMinutes: 0,
      bookedMinutes: 0,
      percent: null,
      closed: true,
    });
    expect(day('2026-10-19')).toMatchObject({ openMinutes: 1080, bookedMinutes: 0, percent: 0 });
    // An ordinary Sunday: 330 minutes × 2; the clock-change Sunday: 390 real minutes × 2.
    expect(day('2026-10-18')).toMatchObject({ openMinutes: 660, bookedMinutes: 0, percent: 0 });
    expect(day('2026-10-25')).toEqual({
      date: '2026-10-25',
      openMinutes: 780,
      bookedMinutes: 180,
      percent: 23,
      closed: false,
    });
    // Thursday 1 October keeps no hours: its booked half hour is shown, with no percentage.
    expect(day('2026-10-01')).toEqual({
      date: '2026-10-01',
      openMinutes: 0,
      bookedMinutes: 30,
      percent: null,
      closed: false,
    });
  });

  it('counts the 23-hour Sunday in March by its real minutes, and November from its own first day', async () => {
    const march = await get('?month=2027-03').expect(200);
    expect(march.body.days).toHaveLength(31);
    // 00:30 GMT to 06:00 BST is 270 minutes, × 2 chairs.
    expect(march.body.days.find((d: { date: string }) => d.date === '2027-03-28')).toMatchObject({
      openMinutes: 540,
      percent: 0,
    });
    expect(march.body.days.find((d: { date: string }) => d.date === '2027-03-21')).toMatchObject({ openMinutes: 660 });
    const november = await get('?month=2026-11').expect(200);
    expect(november.body.days).toHaveLength(30);
    expect(november.body.days[0]).toEqual({
      date: '2026-11-01',
      openMinutes: 660,
      bookedMinutes: 60,
      percent: 9,
      closed: false,
    });
    const february = await get('?month=2028-02').expect(200);
    expect(february.body.days).toHaveLength(29);
  });

  it('answers nurses and clinicians, and refuses an admin', async () => {
    for (const role of ['NURSE', 'CLINICIAN'] as const) {
      const user = await ctx.newUser([role], clinicId);
      const res = await get('?month=2026-10', user).expect(200);
      expect(res.body.days).toHaveLength(31);
    }
    const admin = await ctx.newUser(['ADMIN'], clinicId);
    const refused = await get('?month=2026-10', admin);
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
  });

  it.each([
    ['no month', ''],
    ['a month 13', '?month=2026-13'],
    ['a month 00', '?month=2026-00'],
    ['a date', '?month=2026-10-01'],
    ['text', '?month=October'],
    ['two months', '?month=2026-10&month=2026-11'],
  ])('refuses %s with 400 problem+json naming month', async (_name, query) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'month' })]));
  });
});
