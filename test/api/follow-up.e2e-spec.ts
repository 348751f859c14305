// Follow-up end to end against a real PostgreSQL: the schedule made when the last session of a
// course is co-signed, the nurses' worklist, recording a follow-up, the clinician's bladder review,
// the patient's single-use link, and a patient's follow-up timeline.
import { followUpSchedule } from '@cadence/domain';
import { randomUUID } from 'node:crypto';
import { FollowUpScheduling } from '../../apps/api/src/modules/follow-up/follow-up-schedule.service';
import { addDaysTo, startTestApp, TestContext, TestUser, todayIn } from '../support/context';

const ZONE = 'Europe/London';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe('follow-up', () => {
  let ctx: TestContext;
  let nurse: TestUser;
  let clinician: TestUser;
  let scheduler: TestUser;

  beforeAll(async () => {
    ctx = await startTestApp();
    ({ NURSE: nurse, CLINICIAN: clinician, SCHEDULER: scheduler } = await ctx.users());
  });
  afterAll(() => ctx.close());

  const post = (path: string, body: object, user: TestUser) =>
    ctx.http().post(path).set('Cookie', user.cookie).send(body);

  /** Checks in today's appointment over HTTP, then discharges, signs and co-signs its session. */
  async function closeTodaysSession(appointmentId: string): Promise<string> {
    const checkIn = await post(
      `/api/appointments/${appointmentId}/check-in`,
      {
        supervisingClinicianId: clinician.id,
        identityConfirmed: true,
        bloodPressure: { systolic: 120, diastolic: 80, heartRate: 70 },
        spo2: 98,
        weightKg: 72.5,
        pregnancy: 'no',
        escortArranged: true,
        willDrive: false,
        painBefore: 7,
      },
      nurse,
    ).expect(201);
    const id = checkIn.body.id as string;
    const stoppedAt = new Date(Date.now() - 61 * MINUTE);
    await ctx.prisma.infusionSession.update({
      where: { id },
      data: { state: 'IN_RECOVERY', startedAt: new Date(stoppedAt.getTime() - 30 * MINUTE), stoppedAt },
    });
    await ctx.prisma.vitalsReading.create({
      data: {
        id: randomUUID(),
        sessionId: id,
        takenAt: new Date(),
        systolic: 121,
        diastolic: 80,
        heartRate: 71,
        spo2: 98,
        recordedById: nurse.id,
      },
    });
    await post(
      `/api/sessions/${id}/discharge`,
      {
        version: 1,
        aldrete: { activity: 2, respiration: 2, circulation: 2, consciousness: 2 },
        onRoomAir: true,
        escortPresent: true,
        painAfter: 3,
      },
      nurse,
    ).expect(200);
    await post(`/api/sessions/${id}/sign`, { version: 2 }, nurse).expect(200);
    await post(`/api/sessions/${id}/co-sign`, { version: 3 }, clinician).expect(200);
    return id;
  }

  /** A course of `days` daily appointments ending with today's (started 5 minutes ago); the earlier ones completed. */
  async function courseEndingToday(protocolKey: string, days: number) {
    const patient = await ctx.newEligiblePatient();
    const chair = await ctx.newChair();
    const start = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY - 5 * MINUTE);
    const booked = await ctx.newBookedCourse(
      patient.id,
      Array.from({ length: days }, (_, i) => {
        const startsAt = start(days - 1 - i);
        return {
          chairId: chair.id,
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 50 * MINUTE).toISOString(),
        };
      }),
      protocolKey,
    );
    await ctx.prisma.appointment.updateMany({
      where: { id: { in: booked.appointmentIds.slice(0, -1) } },
      data: { status: 'COMPLETED' },
    });
    return { ...booked, patientId: patient.id, todaysAppointmentId: booked.appointmentIds[days - 1] };
  }

  const stored = (courseId: string) =>
    ctx.prisma.followUp.findMany({ where: { courseId }, orderBy: { offsetDays: 'asc' } });
  const day = (column: Date) => column.toISOString().slice(0, 10);

  describe('schedule on completion', () => {
    it('co-signing the last session of a five-day course schedules its eight follow-ups in the clinic zone, audited', async () => {
      const course = await courseEndingToday('IV_FIVE_DAY_LOW_DOSE', 5);
      expect(await stored(course.id)).toEqual([]);
      await closeTodaysSession(course.todaysAppointmentId);

      const row = await ctx.prisma.course.findUniqueOrThrow({ where: { id: course.id } });
      expect(row.status).toBe('COMPLETED');
      expect(row.completedAt!.getTime()).toBeGreaterThan(Date.now() - MINUTE);
      const today = todayIn(ZONE);
      const expected = followUpSchedule({
        lastSessionOn: today,
        followUpOffsetsDays: [7, 14, 28, 56, 84, 112, 140, 168],
        timeZone: ZONE,
      });
      const followUps = await stored(course.id);
      expect(
        followUps.map((f) => ({
          offsetDays: f.offsetDays,
          dueOn: day(f.dueOn),
          opensOn: day(f.opensOn),
          closesOn: day(f.closesOn),
          opensAtMs: f.opensAt.getTime(),
          closesAtMs: f.closesAt.getTime(),
          status: f.status,
          patientId: f.patientId,
        })),
      ).toEqual(
        expected.map((w) => ({
          offsetDays: w.offsetDays,
          dueOn: w.dueOn,
          opensOn: w.opensOn,
          closesOn: w.closesOn,
          opensAtMs: w.opensAtMs,
          closesAtMs: w.closesAtMs,
          status: 'UPCOMING',
          patientId: course.patientId,
        })),
      );
      expect(followUps[0].dueOn.toISOString().slice(0, 10)).toBe(addDaysTo(today, 7));
      expect(followUps[7].dueOn.toISOString().slice(0, 10)).toBe(addDaysTo(today, 168));
      const audit = await ctx.prisma.auditEvent.findMany({
        where: { entity: 'FollowUp', action: 'CREATE', patientId: course.patientId },
      });
      expect(audit.map((a) => a.entityId).sort()).toEqual(followUps.map((f) => f.id).sort());
      expect(audit.every((a) => a.actorId === clinician.id)).toBe(true);
    });

    it('co-signing a session that is not the last schedules nothing; scheduling twice adds nothing', async () => {
      const patient = await ctx.newEligiblePatient();
      const chair = await ctx.newChair();
      const at = (minutes: number) => new Date(Date.now() + minutes * MINUTE).toISOString();
      const booked = await ctx.newBookedCourse(
        patient.id,
        [-5, 2 * 24 * 60].map((m) => ({ chairId: chair.id, startsAt: at(m), endsAt: at(m + 50) })),
        'IV_MULTI_DAY_WEEKDAYS',
      );
      await closeTodaysSession(booked.appointmentIds[0]);
      expect(await stored(booked.id)).toEqual([]);

      const fixture = await ctx.newCompletedCourse();
      const before = await stored(fixture.courseId);
      expect(before.map((f) => f.offsetDays)).toEqual([1, 3, 7, 14]);
      const again = await ctx.app
        .get(FollowUpScheduling)
        .scheduleCompletedCourse(null, { requestId: 'again', ip: '127.0.0.1' }, fixture.courseId);
      expect(again).toBe(0);
      expect(await stored(fixture.courseId)).toEqual(before);
    });

    it('counts from the last completed session when the course completes by cancelling the rest', async () => {
      const patient = await ctx.newEligiblePatient();
      const chair = await ctx.newChair();
      const at = (minutes: number) => new Date(Date.now() + minutes * MINUTE).toISOString();
      const booked = await ctx.newBookedCourse(
        patient.id,
        [-2 * 24 * 60, 2 * 24 * 60].map((m) => ({ chairId: chair.id, startsAt: at(m), endsAt: at(m + 50) })),
        'IV_MULTI_DAY_WEEKDAYS',
      );
      await ctx.prisma.appointment.update({ where: { id: booked.appointmentIds[0] }, data: { status: 'COMPLETED' } });
      await post(
        `/api/appointments/${booked.appointmentIds[1]}/cancel`,
        { version: 1, reason: 'Patient asked to stop' },
        scheduler,
      ).expect(200);
      const ended = (await ctx.prisma.appointment.findUniqueOrThrow({ where: { id: booked.appointmentIds[0] } }))
        .endsAt;
      const lastSessionOn = ended.toLocaleDateString('en-CA', { timeZone: ZONE });
      expect((await stored(booked.id)).map((f) => [f.offsetDays, day(f.dueOn)])).toEqual(
        [7, 14, 28, 56, 84].map((offset) => [offset, addDaysTo(lastSessionOn, offset)]),
      );
    });

    it('gives a cancelled course no follow-ups', async () => {
      const patient = await ctx.newEligiblePatient();
      const chair = await ctx.newChair();
      const at = (minutes: number) => new Date(Date.now() + minutes * MINUTE).toISOString();
      const booked = await ctx.newBookedCourse(
        patient.id,
        [2 * 24 * 60].map((m) => ({ chairId: chair.id, startsAt: at(m), endsAt: at(m + 50) })),
        'IV_SINGLE_INFUSION',
      );
      await post(
        `/api/appointments/${booked.appointmentIds[0]}/cancel`,
        { version: 1, reason: 'Patient changed their mind' },
        scheduler,
      ).expect(200);
      await ctx.prisma.course.update({ where: { id: booked.id }, data: { status: 'CANCELLED' } });
      const scheduled = await ctx.app
        .get(FollowUpScheduling)
        .scheduleCompletedCourse(null, { requestId: 'cancelled', ip: '127.0.0.1' }, booked.id);
      expect(scheduled).toBe(0);
      expect(await stored(booked.id)).toEqual([]);
    });
  });
});
