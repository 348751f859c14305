// The daily job against PostgreSQL: follow-up statuses equal to the domain's followUpStatus across
// clock changes, windows turning MISSED, booster tasks by each policy, reminders, a run once per
// clinic day across instances running at the same moment, and missed days caught up.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Prisma } from '@prisma/client';
import {
  clinicDateAt,
  DEFAULT_RESPONDER_SETTINGS,
  followUpStatus,
  reductionFromBaseline,
  type ScheduledFollowUp,
} from '@cadence/domain';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import { createApp } from '../../apps/api/src/app.factory';
import { DAILY_JOB, DailyJob } from '../../apps/api/src/modules/jobs/daily-job.service';
import { MailDelivery } from '../../apps/api/src/modules/messages/mail-delivery.service';
import { JobsRepository, reliefLostSql } from '../../apps/api/src/modules/jobs/jobs.repository';
import { startTestApp, TestContext } from '../support/context';
import { bookedAppointment, clinicIn, completedCourse, followUpRecord, patientOf } from '../support/job-fixtures';

let ctx: TestContext;
let job: DailyJob;

beforeAll(async () => {
  ctx = await startTestApp();
  job = ctx.app.get(DailyJob);
});
afterAll(() => ctx.close());

/** A clinic-local wall time as an instant. */
const local = (iso: string, zone = 'Europe/London') => DateTime.fromISO(iso, { zone }).toJSDate();

const statusesOf = async (ids: string[]) =>
  new Map(
    (await ctx.prisma.followUp.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } })).map(
      (f) => [f.id, f.status as string],
    ),
  );

describe('follow-up statuses', () => {
  // Each zone with the dates its clocks change in 2027 (Sydney's are in April and October, Kolkata has none).
  const ZONES: [string, string[]][] = [
    ['Europe/London', ['2027-03-28', '2027-10-31']],
    ['America/New_York', ['2027-03-14', '2027-11-07']],
    ['Australia/Sydney', ['2027-04-04', '2027-10-03']],
    ['Asia/Kolkata', ['2027-03-28']],
  ];

  it.each(ZONES)(
    "agree with the domain's followUpStatus at every window edge, around clock changes in %s",
    async (zone, changes) => {
      const clinicId = await clinicIn(ctx, zone);
      const rows: (ScheduledFollowUp & { id: string; recordedAtMs: number[] })[] = [];
      // Last sessions so that windows of every offset of the single-infusion protocol (1, 3, 7 and 14
      // days) open, fall due and close on, just before and just after each clock change.
      for (const change of changes)
        for (const daysBefore of [0, 1, 2, 3, 6, 7, 13, 14]) {
          const lastOn = DateTime.fromISO(change).minus({ days: daysBefore }).toISODate()!;
          const course = await completedCourse(ctx, {
            clinicId,
            protocolKey: 'IV_SINGLE_INFUSION',
            lastSessionAt: local(`${lastOn}T10:00`, zone).toISOString(),
          });
          for (const [i, f] of course.followUps.entries()) {
            // Records at the window's edges: its first instant and last millisecond are inside, the
            // instant before it opens and the instant it closes are not.
            const recordedAtMs = [[f.opensAtMs], [f.closesAtMs - 1], [f.opensAtMs - 1, f.closesAtMs], []][
              (daysBefore + i) % 4
            ];
            for (const at of recordedAtMs)
              await followUpRecord(ctx, { id: f.id, clinicId, patientId: course.patientId }, new Date(at));
            rows.push({ ...f, recordedAtMs });
          }
        }
      const edges = new Set<number>();
      for (const f of rows)
        for (const edge of [
          f.opensAtMs,
          f.dueAtMs + 86_400_000,
          f.closesAtMs,
          DateTime.fromMillis(f.dueAtMs, { zone }).plus({ days: 1 }).toMillis(),
        ])
          for (const at of [edge - 1, edge, edge + 1]) edges.add(at);
      for (const change of changes) {
        const midnight = DateTime.fromISO(change, { zone }).startOf('day');
        for (const hours of [0, 1, 2, 3, 23, 24, 25]) edges.add(midnight.plus({ hours }).toMillis());
      }
      // In time order, as the job's clock moves: each run starts from what the one before left.
      const instants = [...edges].sort((a, b) => a - b);
      const jobs = ctx.app.get(JobsRepository);
      const ids = rows.map((r) => r.id);
      let compared = 0;
      for (const at of instants) {
        await jobs.updateFollowUpStatuses(clinicId, new Date(at), clinicDateAt(at, zone), { requestId: 'test' });
        const stored = await statusesOf(ids);
        for (const f of rows) {
          expect({
            at: new Date(at).toISOString(),
            offset: f.offsetDays,
            due: f.dueOn,
            status: stored.get(f.id),
          }).toEqual({
            at: new Date(at).toISOString(),
            offset: f.offsetDays,
            due: f.dueOn,
            status: followUpStatus(f, f.recordedAtMs, at).status,
          });
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(2_000);
    },
  );

  it('turns a window that has passed MISSED, audits the change, and a second run over the day changes nothing', async () => {
    const clinicId = await clinicIn(ctx, 'Europe/London');
    const course = await completedCourse(ctx, {
      clinicId,
      protocolKey: 'IV_FIVE_DAY_LOW_DOSE',
      lastSessionAt: local('2027-02-01T10:00').toISOString(),
    });
    const [day7, day14] = course.followUps;
    // Day 7's window is 6–11 February, day 14's opens on the 13th: at 07:00 that day the first has
    // closed and the second is open and due.
    const now = local('2027-02-13T07:00');
    const outcomes = (await job.runDue(now)).filter((o) => o.clinicId === clinicId);
    expect(outcomes).toEqual([
      expect.objectContaining({
        day: '2027-02-13',
        outcome: 'RAN',
        summary: expect.objectContaining({ followUps: expect.objectContaining({ MISSED: 1, DUE: 1 }) }),
      }),
    ]);
    const stored = await statusesOf([day7.id, day14.id]);
    expect([stored.get(day7.id), stored.get(day14.id)]).toEqual(['MISSED', 'DUE']);
    const audit = await ctx.prisma.auditEvent.findMany({ where: { entity: 'FollowUp', entityId: day7.id } });
    expect(audit).toEqual([
      expect.objectContaining({ actorId: null, action: 'UPDATE', fields: ['status'], patientId: course.patientId }),
    ]);
    const run = await ctx.prisma.jobRun.findUniqueOrThrow({
      where: { job_clinicId_day: { job: DAILY_JOB, clinicId, day: new Date('2027-02-13T00:00:00Z') } },
    });
    expect(run.finishedAt).not.toBeNull();
    expect(run.summary).toMatchObject({ followUps: { MISSED: 1, DUE: 1 }, boosterTasks: 0, reminders: 0 });

    // Checked again the same day: nothing is due. Run again with the claim removed: nothing changes.
    expect((await job.runDue(local('2027-02-13T15:00'))).filter((o) => o.clinicId === clinicId)).toEqual([]);
    const clinic = (await ctx.app.get(JobsRepository).clinics(DAILY_JOB)).find((c) => c.id === clinicId)!;
    expect(await job.runDay(clinic, '2027-02-13', now)).toMatchObject({ outcome: 'DONE' });
    await ctx.prisma.jobRun.deleteMany({ where: { clinicId } });
    const again = await job.runDay(clinic, '2027-02-13', now);
    expect(again).toMatchObject({
      outcome: 'RAN',
      summary: {
        followUps: { UPCOMING: 0, DUE: 0, OVERDUE: 0, COMPLETED: 0, MISSED: 0 },
        boosterTasks: 0,
        reminders: 0,
      },
    });
  });

  it('leaves a follow-up that a record completes while the job runs to the record', async () => {
    const clinicId = await clinicIn(ctx, 'Europe/London');
    const course = await completedCourse(ctx, {
      clinicId,
      protocolKey: 'IV_SINGLE_INFUSION',
      lastSessionAt: local('2027-05-03T10:00').toISOString(),
    });
    const [day1] = course.followUps;
    const now = local('2027-05-04T12:00');
    // A record write holds the row: recorded and COMPLETED, not yet committed.
    let writerPid = 0;
    let locked!: () => void;
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const writer = ctx.prisma.$transaction(
      async (tx) => {
        await tx.followUpRecord.create({
          data: {
            id: randomUUID(),
            followUpId: day1.id,
            clinicId,
            patientId: course.patientId,
            channel: 'PHONE',
            recordedById: randomUUID(),
            recordedAt: local('2027-05-04T11:00'),
            painNrsNow: 3,
            painNrs7DayAverage: 3,
            painInterference: {},
            painInterferenceRaw: 12,
            painInterferenceT: 55.5,
            phq9: {},
            phq9Total: 3,
            bladder: {},
          },
        });
        await tx.followUp.update({ where: { id: day1.id }, data: { status: 'COMPLETED' } });
        [{ pid: writerPid }] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        locked();
        await released;
      },
      { timeout: 20_000 },
    );
    await holding;
    // The job, seeing no record yet, would make it DUE; it waits for the row, then finds it changed.
    // (then: a Prisma statement runs once something awaits it.)
    const update = ctx.app
      .get(JobsRepository)
      .updateFollowUpStatuses(clinicId, now, '2027-05-04', { requestId: 'test' })
      .then((changes) => changes);
    let blocked = 0;
    for (let i = 0; i < 200 && blocked === 0; i++) {
      [{ blocked }] = await ctx.prisma.$queryRaw<{ blocked: number }[]>`
        SELECT count(*)::int AS blocked FROM pg_stat_activity a WHERE ${writerPid}::int = ANY (pg_blocking_pids(a.pid))`;
      if (blocked === 0) await new Promise((r) => setTimeout(r, 25));
    }
    expect(blocked).toBe(1);
    release();
    await writer;
    await update;
    expect((await statusesOf([day1.id])).get(day1.id)).toBe('COMPLETED');
  });
});

describe('booster tasks', () => {
  it('raise a fixed-interval booster its notice days before it is due, once', async () => {
    const clinicId = await clinicIn(ctx, 'Europe/London');
    // IV_MULTI_DAY_WEEKDAYS: a booster every 84 days; the clinic puts it on the queue 14 days before.
    const course = await completedCourse(ctx, {
      clinicId,
      protocolKey: 'IV_MULTI_DAY_WEEKDAYS',
      lastSessionAt: local('2027-01-04T10:00').toISOString(),
    });
    const jobs = ctx.app.get(JobsRepository);
    const clinic = (await jobs.clinics(DAILY_JOB)).find((c) => c.id === clinicId)!;
    await job.runDay(clinic, '2027-03-14', local('2027-03-14T07:00'));
    expect(await ctx.prisma.boosterTask.count({ where: { courseId: course.courseId } })).toBe(0);
    const run = await job.runDay(clinic, '2027-03-15', local('2027-03-15T07:00'));
    expect(run).toMatchObject({ outcome: 'RAN', summary: { boosterTasks: 1 } });
    const task = await ctx.prisma.boosterTask.findUniqueOrThrow({ where: { courseId: course.courseId } });
    expect(task).toMatchObject({
      clinicId,
      patientId: course.patientId,
      status: 'OPEN',
      dueBy: new Date('2027-03-29'),
    });
    expect(task.reason).toBe(
      'Booster due by 2027-03-29: Multi-day IV course on weekdays (4–10 sessions) gives a booster every 84 days after the last session, which was on 2027-01-04',
    );
    expect(await job.runDay(clinic, '2027-03-16', local('2027-03-16T07:00'))).toMatchObject({
      summary: { boosterTasks: 0 },
    });
    expect(
      await ctx.prisma.auditEvent.count({ where: { entity: 'BoosterTask', entityId: task.id, action: 'CREATE' } }),
    ).toBe(1);
  });

  it("raise a response-triggered booster when the latest record's 7-day average shows relief lost, and not at exactly a 30 % reduction", async () => {
    const clinicId = await clinicIn(ctx, 'Europe/London');
    const lastSessionAt = local('2027-01-04T10:00').toISOString();
    // IV_FIVE_DAY_LOW_DOSE: response-triggered, no sooner than 56 days after the last session.
    const lost = await completedCourse(ctx, {
      clinicId,
      protocolKey: 'IV_FIVE_DAY_LOW_DOSE',
      lastSessionAt,
      baselinePainNrs: 8,
    });
    const holding = await completedCourse(ctx, {
      clinicId,
      protocolKey: 'IV_FIVE_DAY_LOW_DOSE',
      lastSessionAt,
      baselinePainNrs: 10,
    });
    const badDay = await completedCourse(ctx, {
      clinicId,
      protocolKey: 'IV_FIVE_DAY_LOW_DOSE',
      lastSessionAt,
      baselinePainNrs: 8,
    });
    const recovered = await completedCourse(ctx, {
      clinicId,
      protocolKey: 'IV_FIVE_DAY_LOW_DOSE',
      lastSessionAt,
      baselinePainNrs: 8,
    });
    const laterCourse = await completedCourse(ctx, {
      clinicId,
      protocolKey: 'IV_FIVE_DAY_LOW_DOSE',
      lastSessionAt,
      baselinePainNrs: 8,
    });
    await completedCourse(ctx, {
      clinicId,
      protocolKey: 'IV_FIVE_DAY_LOW_DOSE',
      patientId: laterCourse.patientId,
      lastSessionAt: local('2027-02-15T10:00').toISOString(),
      baselinePainNrs: 7,
    });
    const record = (c: typeof lost, i: number, at: string, now: number, average: number) =>
      followUpRecord(ctx, { id: c.followUps[i].id, clinicId, patientId: c.patientId }, local(at), { now, average });
    // Day 28 (1 February): 8 → 6 on average is a 25 % reduction, below the line; pain now 4 is not.
    await record(lost, 2, '2027-02-01T11:00', 4, 6);
    // 10 → 7 is exactly 30 %: relief holds.
    await record(holding, 2, '2027-02-01T11:00', 7, 7);
    // Pain now back at 8 on a bad day, the week's average 5 (37.5 % lower): the average decides.
    await record(badDay, 2, '2027-02-01T11:00', 8, 5);
    // Lost at day 14, regained by day 28: the latest record counts.
    await record(recovered, 1, '2027-01-18T11:00', 7, 7);
    await record(recovered, 2, '2027-02-01T11:00', 3, 3);
    await record(laterCourse, 2, '2027-02-01T11:00', 8, 8);

    const clinic = (await ctx.app.get(JobsRepository).clinics(DAILY_JOB)).find((c) => c.id === clinicId)!;
    expect(await job.runDay(clinic, '2027-02-02', local('2027-02-02T07:00'))).toMatchObject({
      summary: { boosterTasks: 1 },
    });
    const tasks = await ctx.prisma.boosterTask.findMany({ where: { clinicId } });
    expect(tasks).toEqual([
      expect.objectContaining({ courseId: lost.courseId, patientId: lost.patientId, dueBy: new Date('2027-03-01') }),
    ]);
    expect(tasks[0].reason).toBe(
      'Relief lost at the follow-up of 2027-02-01: 7-day average pain 6/10 against a baseline of 8/10 is 25 % lower, ' +
        'short of the 30 % reduction that counts as relief; pain now 4/10. Booster due by 2027-03-01 ' +
        '(Five consecutive days, low-dose IV (4 h a day) gives one no sooner than 56 days after the last session, which was on 2027-01-04)',
    );
  });

  it("judge relief lost as the domain's reductionFromBaseline does, at every baseline and score", async () => {
    const pairs = Array.from({ length: 10 }, (_, b) => Array.from({ length: 11 }, (_, s) => [b + 1, s])).flat();
    for (const percent of [DEFAULT_RESPONDER_SETTINGS.moderatePercent, 33.3, 50]) {
      const rows = await ctx.prisma.$queryRaw<{ baseline: number; score: number; lost: boolean }[]>`
        SELECT v.baseline, v.score, ${reliefLostSql(Prisma.sql`v.baseline`, Prisma.sql`v.score`, percent)} AS lost
        FROM (VALUES ${Prisma.join(pairs.map(([b, s]) => Prisma.sql`(${b}::int, ${s}::int)`))}) AS v(baseline, score)`;
      expect(rows).toHaveLength(110);
      for (const row of rows) {
        const { level } = reductionFromBaseline(row.baseline, row.score, {
          ...DEFAULT_RESPONDER_SETTINGS,
          moderatePercent: percent,
        });
        expect({ ...row, percent }).toEqual({ ...row, percent, lost: level === 'BELOW_MODERATE' });
      }
    }
  });
});

describe('appointment reminders', () => {
  it('queue one per booked appointment of the next clinic day, with its local time, and a new one when it moves', async () => {
    const clinicId = await clinicIn(ctx, 'Europe/London', { address: '1 River Lane, Bristol BS1 4AA' });
    const withEmail = await patientOf(ctx, clinicId, 'ada@example.test');
    const withoutEmail = await patientOf(ctx, clinicId);
    // 28 March 2027, the day the clocks go forward: 09:30 BST is 08:30Z.
    const a = await bookedAppointment(ctx, { clinicId, patientId: withEmail, startsAt: '2027-03-28T08:30:00Z' });
    const b = await bookedAppointment(ctx, { clinicId, patientId: withoutEmail, startsAt: '2027-03-28T13:00:00Z' });
    const cancelled = await bookedAppointment(ctx, {
      clinicId,
      patientId: withEmail,
      startsAt: '2027-03-28T15:00:00Z',
    });
    await ctx.prisma.appointment.update({ where: { id: cancelled.appointmentId }, data: { status: 'CANCELLED' } });
    await bookedAppointment(ctx, { clinicId, patientId: withEmail, startsAt: '2027-03-29T08:30:00Z' });

    const outcomes = (await job.runDue(local('2027-03-27T06:30'))).filter((o) => o.clinicId === clinicId);
    expect(outcomes).toEqual([
      expect.objectContaining({ day: '2027-03-27', summary: expect.objectContaining({ reminders: 2 }) }),
    ]);
    const messages = await ctx.prisma.message.findMany({ where: { clinicId }, orderBy: { createdAt: 'asc' } });
    expect(messages.map((m) => [m.appointmentId, m.toAddress, m.status, m.kind])).toEqual(
      expect.arrayContaining([
        [a.appointmentId, 'ada@example.test', 'QUEUED', 'APPOINTMENT_REMINDER'],
        [b.appointmentId, null, 'QUEUED', 'APPOINTMENT_REMINDER'],
      ]),
    );
    const first = messages.find((m) => m.appointmentId === a.appointmentId)!;
    expect(first.dedupeKey).toBe(`appointment-reminder:${a.appointmentId}:2027-03-28T08:30:00.000Z`);
    expect(first.body).toContain('on Sunday 28 March 2027 at 09:30.');
    expect(first.body).toContain('Address: 1 River Lane, Bristol BS1 4AA');
    expect(first.body).toContain('You must not drive after your treatment');

    // Moved an hour later after the run: the next check queues a reminder for the new time, and
    // delivery cancels the old one before it is sent.
    await ctx.prisma.appointment.update({
      where: { id: a.appointmentId },
      data: { startsAt: new Date('2027-03-28T09:30:00Z'), endsAt: new Date('2027-03-28T10:10:00Z') },
    });
    expect((await job.runDue(local('2027-03-27T06:35'))).filter((o) => o.clinicId === clinicId)).toEqual([]);
    const reminders = await ctx.prisma.message.findMany({ where: { appointmentId: a.appointmentId } });
    expect(reminders.map((m) => m.dedupeKey).sort()).toEqual([
      `appointment-reminder:${a.appointmentId}:2027-03-28T08:30:00.000Z`,
      `appointment-reminder:${a.appointmentId}:2027-03-28T09:30:00.000Z`,
    ]);
    expect(reminders.find((m) => m.dedupeKey.endsWith('09:30:00.000Z'))!.body).toContain('at 10:30.');
    // No mail server here: delivery cancels the stale one and lists the rest for staff.
    await ctx.app.get(MailDelivery).deliverDue(local('2027-03-27T06:36'));
    const after = await ctx.prisma.message.findMany({ where: { clinicId }, select: { dedupeKey: true, status: true } });
    expect(Object.fromEntries(after.map((m) => [m.dedupeKey, m.status]))).toEqual({
      [`appointment-reminder:${a.appointmentId}:2027-03-28T08:30:00.000Z`]: 'CANCELLED',
      [`appointment-reminder:${a.appointmentId}:2027-03-28T09:30:00.000Z`]: 'MANUAL',
      [`appointment-reminder:${b.appointmentId}:2027-03-28T13:00:00.000Z`]: 'MANUAL',
    });
  });
});

describe('once across instances', () => {
  let second: NestFastifyApplication;
  beforeAll(async () => {
    // A second API instance on the same database, with its own connection pool.
    second = await createApp(ctx.config, { logs: false });
    await second.init();
  });
  afterAll(() => second.close());

  it('two instances running the job at the same moment raise each task and queue each email once', async () => {
    const clinicId = await clinicIn(ctx, 'Europe/London');
    const courses = [];
    for (let i = 0; i < 5; i++)
      courses.push(
        await completedCourse(ctx, {
          clinicId,
          protocolKey: 'IV_MULTI_DAY_WEEKDAYS',
          lastSessionAt: local(`2027-01-0${4 + i}T10:00`).toISOString(),
        }),
      );
    const appointments = [];
    for (let i = 0; i < 5; i++)
      appointments.push(
        await bookedAppointment(ctx, {
          clinicId,
          patientId: await patientOf(ctx, clinicId, `patient${i}@example.test`),
          startsAt: local(`2027-04-21T${10 + i}:00`).toISOString(),
        }),
      );
    const now = local('2027-04-20T06:00');
    const runs = await Promise.all([job.runDue(now), second.get(DailyJob).runDue(now), job.runDue(now)]);
    const mine = runs.flat().filter((o) => o.clinicId === clinicId);
    expect(mine.filter((o) => o.outcome === 'RAN')).toHaveLength(1);
    expect(mine.every((o) => ['RAN', 'BUSY', 'DONE'].includes(o.outcome))).toBe(true);
    expect(await ctx.prisma.jobRun.count({ where: { clinicId } })).toBe(1);
    for (const c of courses) expect(await ctx.prisma.boosterTask.count({ where: { courseId: c.courseId } })).toBe(1);
    for (const a of appointments)
      expect(await ctx.prisma.message.count({ where: { appointmentId: a.appointmentId } })).toBe(1);
  });

  it('catches up the days no instance ran, oldest first, each once', async () => {
    const clinicId = await clinicIn(ctx, 'Europe/London');
    await ctx.prisma.jobRun.create({
      data: { job: DAILY_JOB, clinicId, day: new Date('2027-06-07T00:00:00Z'), finishedAt: new Date() },
    });
    const course = await completedCourse(ctx, {
      clinicId,
      protocolKey: 'IV_SINGLE_INFUSION',
      lastSessionAt: local('2027-06-07T10:00').toISOString(),
    });
    const patientId = await patientOf(ctx, clinicId, 'late@example.test');
    // Today's appointment (after now) was to be reminded by the 9th's run; tomorrow's by the 10th's.
    const today = await bookedAppointment(ctx, {
      clinicId,
      patientId,
      startsAt: local('2027-06-10T15:00').toISOString(),
    });
    const tomorrow = await bookedAppointment(ctx, {
      clinicId,
      patientId,
      startsAt: local('2027-06-11T09:00').toISOString(),
    });
    const outcomes = (
      await Promise.all([job.runDue(local('2027-06-10T08:00')), second.get(DailyJob).runDue(local('2027-06-10T08:00'))])
    )
      .flat()
      .filter((o) => o.clinicId === clinicId && o.outcome === 'RAN');
    expect(outcomes.map((o) => o.day).sort()).toEqual(['2027-06-08', '2027-06-09', '2027-06-10']);
    expect(
      (await ctx.prisma.jobRun.findMany({ where: { clinicId }, orderBy: { day: 'asc' } })).map((r) =>
        r.day.toISOString().slice(0, 10),
      ),
    ).toEqual(['2027-06-07', '2027-06-08', '2027-06-09', '2027-06-10']);
    expect(await ctx.prisma.message.count({ where: { appointmentId: today.appointmentId } })).toBe(1);
    expect(await ctx.prisma.message.count({ where: { appointmentId: tomorrow.appointmentId } })).toBe(1);
    // The day-1 and day-3 windows (8th–9th, 10th–11th): the first has closed, the second is open.
    const stored = await statusesOf(course.followUps.map((f) => f.id));
    expect(course.followUps.map((f) => stored.get(f.id))).toEqual(['MISSED', 'DUE', 'UPCOMING', 'UPCOMING']);
  });
});

describe("the clinic's reminder and booster settings", () => {
  it('are set by an admin through PATCH /api/clinic, refused when malformed, and read by the job', async () => {
    const { ADMIN: admin } = await ctx.users();
    const { version } = (await ctx.http().get('/api/clinic').set('Cookie', admin.cookie).expect(200)).body;
    const patch = (body: object) => ctx.http().patch('/api/clinic').set('Cookie', admin.cookie).send(body);
    for (const bad of [
      { address: '   ' },
      { address: 'x'.repeat(301) },
      { boosterDueWithinDays: 366 },
      { boosterNoticeDays: -1 },
    ]) {
      const res = await patch({ version, ...bad });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.errors)).toContain(Object.keys(bad)[0]);
    }
    const set = await patch({ version, address: '2 Quay Street, Bristol BS1 4DJ', boosterNoticeDays: 21 }).expect(200);
    expect(set.body).toMatchObject({
      address: '2 Quay Street, Bristol BS1 4DJ',
      boosterDueWithinDays: 14,
      boosterNoticeDays: 21,
    });

    const patientId = await patientOf(ctx, ctx.clinicId, 'quay@example.test');
    const { appointmentId } = await bookedAppointment(ctx, {
      clinicId: ctx.clinicId,
      patientId,
      startsAt: local('2027-12-02T10:00').toISOString(),
    });
    await job.runDue(local('2027-12-01T07:00'));
    const reminder = await ctx.prisma.message.findFirstOrThrow({ where: { appointmentId } });
    expect(reminder.body).toContain('Address: 2 Quay Street, Bristol BS1 4DJ');

    const cleared = await patch({ version: set.body.version, address: null }).expect(200);
    expect(cleared.body.address).toBeNull();
  });
});
