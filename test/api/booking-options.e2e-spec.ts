// Booking options end to end: options worth choosing between (start day, part of the day, chair),
// the filters a desk sets, the reasons, and the warning of a course already booked or under way,
// through the Nest app over HTTP against a real PostgreSQL.
import { DateTime } from 'luxon';
import { startTestApp, TestContext, TestUser } from '../support/context';

const ZONE = 'Europe/London';

function localDay(days: number): string {
  return DateTime.now().setZone(ZONE).startOf('day').plus({ days }).toISODate()!;
}

interface Option {
  sessions: { chairId: string; chairName: string; startsAt: string; endsAt: string }[];
  startDate: string;
  timeOfDay: 'MORNING' | 'AFTERNOON';
  reasons: { code: string; message: string }[];
}

const local = (iso: string) => DateTime.fromISO(iso).setZone(ZONE);

describe('booking options', () => {
  let ctx: TestContext;
  let scheduler: TestUser;
  let fiveDay: string;
  let single: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ SCHEDULER: scheduler } = await ctx.users());
    await ctx.openClinic();
    await ctx.newChair({ name: 'Chair A' });
    await ctx.newChair({ name: 'Chair B' });
    fiveDay = await ctx.protocolId('IV_FIVE_DAY_LOW_DOSE');
    single = await ctx.protocolId('IV_SINGLE_INFUSION');
  });
  afterAll(() => ctx.close());

  const post = (path: string, body: object) => ctx.http().post(path).set('Cookie', scheduler.cookie).send(body);

  it('options of one search differ in start day or part of the day, not only by minutes, each with its reasons', async () => {
    const patient = await ctx.newEligiblePatient();
    const res = await post('/api/courses/options', {
      patientId: patient.id,
      protocolId: fiveDay,
      earliest: localDay(2),
      k: 6,
    }).expect(200);
    const plans = res.body.plans as Option[];
    expect(plans).toHaveLength(6);
    const keys = plans.map(
      (p) =>
        `${local(p.sessions[0].startsAt).toISODate()} ${local(p.sessions[0].startsAt).hour < 12 ? 'MORNING' : 'AFTERNOON'}`,
    );
    expect(new Set(keys).size).toBe(6);
    expect(plans.map((p) => `${p.startDate} ${p.timeOfDay}`)).toEqual(keys);
    expect(new Set(plans.map((p) => p.startDate)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(plans.map((p) => p.timeOfDay))).toEqual(new Set(['MORNING', 'AFTERNOON']));
    const starts = plans.map((p) => Date.parse(p.sessions[0].startsAt));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(plans[0].reasons.map((r) => r.code)).toContain('EARLIEST');
    expect(plans.find((p) => p.timeOfDay === 'AFTERNOON')!.reasons.map((r) => r.code)).toContain('EARLIEST_AFTERNOON');
    for (const p of plans) {
      expect(p.sessions).toHaveLength(5);
      expect(p.reasons.length).toBeGreaterThan(0);
      for (const r of p.reasons) expect(r.message).toEqual(expect.any(String));
    }
    expect(res.body.openCourses).toEqual([]);
  });

  it('keeps every session in the afternoon and on the weekdays asked for, in the chair asked for', async () => {
    const patient = await ctx.newEligiblePatient();
    const chair = await ctx.newChair({ name: 'Chair by the window' });
    const afternoons = await post('/api/courses/options', {
      patientId: patient.id,
      protocolId: fiveDay,
      earliest: localDay(2),
      timeOfDay: 'AFTERNOON',
      preferredChairId: chair.id,
      k: 3,
    }).expect(200);
    const plans = afternoons.body.plans as Option[];
    expect(plans).toHaveLength(3);
    for (const p of plans) {
      expect(p.timeOfDay).toBe('AFTERNOON');
      for (const s of p.sessions) {
        expect(local(s.startsAt).hour).toBeGreaterThanOrEqual(12);
        expect(s.chairId).toBe(chair.id);
      }
      expect(p.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['PREFERRED_CHAIR', 'SAME_TIME_OF_DAY']));
    }
    expect(new Set(plans.map((p) => p.startDate)).size).toBe(3);

    const weekdays = await post('/api/courses/options', {
      patientId: patient.id,
      protocolId: single,
      earliest: localDay(2),
      weekdays: [2, 4],
      timeOfDay: 'MORNING',
      k: 4,
    }).expect(200);
    for (const p of weekdays.body.plans as Option[]) {
      expect([2, 4]).toContain(local(p.sessions[0].startsAt).weekday);
      expect(local(p.sessions[0].startsAt).hour).toBeLessThan(12);
      expect(p.reasons.map((r) => r.code)).toContain('PREFERRED_WEEKDAYS');
    }
    expect(new Set((weekdays.body.plans as Option[]).map((p) => p.startDate)).size).toBe(4);
  });

  it('warns of a course already booked, and of one under way, and audits the read', async () => {
    const patient = await ctx.newEligiblePatient();
    const first = await post('/api/courses/options', {
      patientId: patient.id,
      protocolId: fiveDay,
      earliest: localDay(3),
      k: 1,
    }).expect(200);
    const booked = await post('/api/courses', {
      patientId: patient.id,
      protocolId: fiveDay,
      sessions: (first.body.plans as Option[])[0].sessions.map(({ chairId, startsAt, endsAt }) => ({
        chairId,
        startsAt,
        endsAt,
      })),
    }).expect(201);
    const chair = await ctx.newChair();
    const started = DateTime.now().minus({ hours: 1 });
    const underWay = await ctx.newBookedCourse(patient.id, [
      { chairId: chair.id, startsAt: started.toUTC().toISO()!, endsAt: started.plus({ minutes: 40 }).toUTC().toISO()! },
    ]);
    const auditsBefore = await ctx.prisma.auditEvent.count({
      where: { patientId: patient.id, entity: 'Course', action: 'READ' },
    });

    const res = await post('/api/courses/options', {
      patientId: patient.id,
      protocolId: single,
      earliest: localDay(20),
      k: 2,
    }).expect(200);
    expect(res.body.openCourses).toEqual([
      expect.objectContaining({ code: 'COURSE_UNDER_WAY', courseId: underWay.id, sessionsLeft: 0 }),
      expect.objectContaining({
        code: 'COURSE_BOOKED',
        courseId: booked.body.id,
        protocolName: expect.any(String),
        sessionsLeft: 5,
        firstSessionAt: booked.body.appointments[0].startsAt,
        message: expect.stringContaining('already booked'),
      }),
    ]);
    expect(res.body.plans.length).toBe(2);
    expect(
      await ctx.prisma.auditEvent.count({ where: { patientId: patient.id, entity: 'Course', action: 'READ' } }),
    ).toBe(auditsBefore + 1);
  });

  it('refuses filters outside their rules, naming the field, and writes nothing', async () => {
    const patient = await ctx.newEligiblePatient();
    const base = { patientId: patient.id, protocolId: single, earliest: localDay(2) };
    const cases: [object, string][] = [
      [{ timeOfDay: 'EVENING' }, 'timeOfDay'],
      [{ weekdays: [] }, 'weekdays'],
      [{ weekdays: [0] }, 'weekdays'],
      [{ weekdays: [8] }, 'weekdays'],
      [{ weekdays: [1, 1] }, 'weekdays'],
      [{ weekdays: 'Monday' }, 'weekdays'],
      [{ preferredChairId: 'chair-1' }, 'preferredChairId'],
    ];
    for (const [extra, field] of cases) {
      const res = await post('/api/courses/options', { ...base, ...extra }).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
    const bed = await ctx.newChair({ kind: 'BED' });
    const unknown = await post('/api/courses/options', { ...base, preferredChairId: bed.id }).expect(400);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ field: 'preferredChairId', rule: 'chairOfClinic' }),
    ]);
    expect(await ctx.prisma.course.count({ where: { patientId: patient.id } })).toBe(0);
  });
});
