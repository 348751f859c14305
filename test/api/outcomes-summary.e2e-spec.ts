// The course outcomes the figures aggregate stay right as records come and change: after a follow-up
// record is added through the API and after a later course is cancelled, every course's relief on the figures
// equals the domain's courseRelief on the patient's timeline, and the "CourseOutcome" rows the
// triggers kept equal the rows computed afresh from the records.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { startTestApp, TestContext, TestUser } from '../support/context';
import { patientWith, ZONE, type Pattern } from '../support/outcome-fixtures';

const HELD: Pattern = { scores: { 1: 3, 3: 3, 7: 3, 14: 3 } };
const LOST_3: Pattern = { scores: { 1: 3, 3: 7, 7: 7, 14: 7 } };
const MISSED_AFTER_1: Pattern = { scores: { 1: 3 } };
const NEW_COURSE_DAY_5: Pattern = { scores: { 1: 3, 3: 3, 14: 3 }, laterOnDay: 5 };
/** Against a baseline of 8: exactly 50 % less pain, then 37.5 %, then 25 % (2 points). */
const EASING_OFF: Pattern = { scores: { 1: 4, 3: 5, 7: 6, 14: 6 } };

const PROMIS = { PAININ9: 2, PAININ22: 2, PAININ31: 2, PAININ34: 2, PAININ12: 2, PAININ36: 2 };
const PHQ9 = { q1: 0, q2: 0, q3: 0, q4: 0, q5: 0, q6: 0, q7: 0, q8: 0, q9: 0 };
const BLADDER = {
  FREQUENCY: false,
  URGENCY: false,
  PAIN_PASSING_URINE: false,
  BLOOD_IN_URINE: false,
  NIGHT_TIME_VOIDING: false,
};

describe('course outcomes kept with the records', () => {
  let ctx: TestContext;
  let clinician: TestUser;
  let nurse: TestUser;
  const patients: string[] = [];
  let missing: string;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ CLINICIAN: clinician, NURSE: nurse } = await ctx.users());
    for (const p of [
      EASING_OFF,
      EASING_OFF,
      HELD,
      HELD,
      LOST_3,
      LOST_3,
      NEW_COURSE_DAY_5,
      MISSED_AFTER_1,
      MISSED_AFTER_1,
    ])
      patients.push(await patientWith(ctx, clinician, nurse, 'NEUROPATHIC', p));
    missing = patients[patients.length - 1];
  }, 120_000);
  afterAll(() => ctx.close());

  const get = (path: string) => ctx.http().get(path).set('Cookie', clinician.cookie);

  /** Each course's relief outcome (code@day) as the domain computes it on the patients' timelines. */
  async function fromTimelines(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const id of patients) {
      const res = await get(`/api/patients/${id}/follow-ups`);
      expect(res.status).toBe(200);
      for (const c of res.body.courses.filter((c: { relief: unknown }) => c.relief)) {
        const key = `${c.relief.outcome.code}@${c.relief.outcome.day}`;
        counts[key] = (counts[key] ?? 0) + 1;
      }
    }
    return counts;
  }

  /** The same from the relief curve: its events and censorings per day, and its outcome counts. */
  async function fromFigures() {
    const res = await get('/api/outcomes/relief-curves');
    expect(res.status).toBe(200);
    const [all] = res.body.groups;
    const steps = Object.fromEntries(
      all.steps.map((s: { time: number; events: number; censored: number }) => [s.time, [s.events, s.censored]]),
    );
    const outcomes = Object.fromEntries(
      all.outcomes.map((o: { code: string; courses: number }) => [o.code, o.courses]),
    );
    return { steps, outcomes };
  }

  async function expectFiguresMatchTimelines() {
    const timelines = await fromTimelines();
    const steps: Record<number, [number, number]> = {};
    const outcomes: Record<string, number> = {};
    for (const [key, n] of Object.entries(timelines)) {
      const [code, day] = key.split('@');
      outcomes[code] = (outcomes[code] ?? 0) + n;
      const step = (steps[Number(day)] ??= [0, 0]);
      step[code === 'RELIEF_LOST' ? 0 : 1] += n;
    }
    expect(await fromFigures()).toEqual({ steps, outcomes });
    return outcomes;
  }

  /** The kept rows, and the rows computed afresh (in a transaction rolled back, so nothing stays). */
  async function expectRowsAsComputedAfresh() {
    const rows = () => ctx.prisma.courseOutcome.findMany({ orderBy: { courseId: 'asc' } });
    const kept = await rows();
    const afresh = await ctx.prisma
      .$transaction(async (tx) => {
        await tx.$executeRaw`DELETE FROM "CourseOutcome"`;
        await tx.$queryRaw`SELECT course_outcome_refresh(array(SELECT id FROM "Patient"))::text`;
        const fresh = await tx.courseOutcome.findMany({ orderBy: { courseId: 'asc' } });
        throw Object.assign(new Error('rollback'), { fresh });
      })
      .catch((e: { fresh?: unknown }) => e.fresh);
    expect(kept).toHaveLength(patients.length);
    expect(kept).toEqual(afresh);
  }

  it('counts a record added through the API, then a cancelled later course', async () => {
    expect(await expectFiguresMatchTimelines()).toEqual({
      STILL_RESPONDING: 2,
      RELIEF_LOST: 4,
      NEW_COURSE_STARTED: 1,
      LOST_TO_FOLLOW_UP: 2,
    });
    await expectRowsAsComputedAfresh();

    // The missed day-3 call, recorded now after its window: relief lost.
    const day3 = await ctx.prisma.followUp.findFirstOrThrow({ where: { patientId: missing, offsetDays: 3 } });
    const id = randomUUID();
    await ctx
      .http()
      .post(`/api/follow-ups/${day3.id}/records`)
      .set('Cookie', nurse.cookie)
      .send({
        id,
        channel: 'PHONE',
        recordedAtMs: DateTime.now().setZone(ZONE).minus({ minutes: 5 }).toMillis(),
        painNrsNow: 7,
        painNrs7DayAverage: 7,
        painInterference: PROMIS,
        phq9: PHQ9,
        bladder: BLADDER,
        supportingCare: [],
        homeDoses: [],
      })
      .expect(201);
    expect(await expectFiguresMatchTimelines()).toEqual({
      STILL_RESPONDING: 2,
      RELIEF_LOST: 5,
      NEW_COURSE_STARTED: 1,
      LOST_TO_FOLLOW_UP: 1,
    });
    await expectRowsAsComputedAfresh();

    // Records are append-only; what changes a course's relief afterwards is the rest of the
    // patient's care: the later course that censored one is cancelled, so its records count again.
    const later = await ctx.prisma.course.findFirstOrThrow({ where: { patientId: patients[6], status: 'BOOKED' } });
    await ctx.prisma.$transaction([
      ctx.prisma.appointment.updateMany({ where: { courseId: later.id }, data: { status: 'CANCELLED' } }),
      ctx.prisma.course.update({ where: { id: later.id }, data: { status: 'CANCELLED', cancelReason: 'declined' } }),
    ]);
    expect(await expectFiguresMatchTimelines()).toEqual({
      STILL_RESPONDING: 3,
      RELIEF_LOST: 5,
      LOST_TO_FOLLOW_UP: 1,
    });
    await expectRowsAsComputedAfresh();
  });

  it("reads each course's loss under whichever line the clinic sets, at its boundaries", async () => {
    const lostDays = async () => {
      const { steps } = await fromFigures();
      return Object.entries(steps).filter(([, [events]]) => (events as number) > 0);
    };
    const byLine = new Map<string, unknown>();
    for (const line of ['SUBSTANTIAL', 'POINTS', 'MODERATE']) {
      await ctx.prisma.clinic.update({
        where: { id: ctx.clinicId },
        data: { followUpSettings: { relief: { line } } },
      });
      await expectFiguresMatchTimelines();
      byLine.set(line, await lostDays());
    }
    // The easing-off courses lose relief at day 3 under SUBSTANTIAL (50 % held, 37.5 % not), at
    // day 7 under MODERATE (25 % < 30 %), and hold it at 2 points under POINTS.
    expect(new Set([...byLine.values()].map((v) => JSON.stringify(v))).size).toBe(3);
  });
});
