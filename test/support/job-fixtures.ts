// Fixtures for the daily job and mail tests: completed courses with their follow-up schedule,
// follow-up records and appointments, inserted directly (as the owner role) in any clinic.
import { clinicDateAt, followUpSchedule, PROTOCOL_CATALOGUE, type ScheduledFollowUp } from '@cadence/domain';
import { randomUUID } from 'node:crypto';
import type { TestContext } from './context';

export interface CompletedCourseFixture {
  courseId: string;
  patientId: string;
  /** The course's follow-ups, earliest first, with their row ids. */
  followUps: (ScheduledFollowUp & { id: string })[];
}

/** A clinic with its own catalogue in `timeZone`. */
export async function clinicIn(ctx: TestContext, timeZone: string, extra: { address?: string } = {}): Promise<string> {
  const id = await ctx.newClinic();
  await ctx.prisma.clinic.update({ where: { id }, data: { timezone: timeZone, ...extra } });
  return id;
}

/** A patient of `clinicId` (with `email` when given). */
export async function patientOf(ctx: TestContext, clinicId: string, email?: string): Promise<string> {
  const { id } = await ctx.newPatient({}, clinicId);
  if (email) await ctx.prisma.patient.update({ where: { id }, data: { email } });
  return id;
}

/**
 * A course of `protocolKey` whose one session (40 minutes from `lastSessionAt`) is completed, the
 * course COMPLETED an hour later, with the follow-ups the domain schedules for it.
 */
export async function completedCourse(
  ctx: TestContext,
  seed: {
    clinicId: string;
    protocolKey: string;
    lastSessionAt: string;
    patientId?: string;
    baselinePainNrs?: number | null;
    createdAt?: string;
  },
): Promise<CompletedCourseFixture> {
  const clinic = await ctx.prisma.clinic.findUniqueOrThrow({ where: { id: seed.clinicId } });
  const patientId = seed.patientId ?? (await patientOf(ctx, seed.clinicId));
  const chair = await ctx.newChair({ clinicId: seed.clinicId });
  const start = new Date(seed.lastSessionAt);
  const course = await ctx.prisma.course.create({
    data: {
      clinicId: seed.clinicId,
      patientId,
      protocolId: await ctx.protocolId(seed.protocolKey, seed.clinicId),
      bookedById: randomUUID(),
      status: 'COMPLETED',
      completedAt: new Date(start.getTime() + 60 * 60_000),
      sessionCount: 1,
      eligibilityScreeningIds: [],
      baselinePainNrs: seed.baselinePainNrs ?? null,
      ...(seed.createdAt ? { createdAt: new Date(seed.createdAt) } : {}),
      appointments: {
        create: {
          clinicId: seed.clinicId,
          patientId,
          chairId: chair.id,
          sessionNumber: 1,
          startsAt: start,
          endsAt: new Date(start.getTime() + 40 * 60_000),
          status: 'COMPLETED',
        },
      },
    },
    select: { id: true },
  });
  const protocol = PROTOCOL_CATALOGUE.find((p) => p.key === seed.protocolKey)!;
  const schedule = followUpSchedule({
    lastSessionOn: clinicDateAt(start.getTime(), clinic.timezone),
    followUpOffsetsDays: protocol.followUpOffsetsDays,
    timeZone: clinic.timezone,
  });
  const followUps = schedule.map((s) => ({ ...s, id: randomUUID() }));
  await ctx.prisma.followUp.createMany({
    data: followUps.map((f) => ({
      id: f.id,
      clinicId: seed.clinicId,
      courseId: course.id,
      patientId,
      offsetDays: f.offsetDays,
      dueOn: new Date(`${f.dueOn}T00:00:00Z`),
      opensOn: new Date(`${f.opensOn}T00:00:00Z`),
      closesOn: new Date(`${f.closesOn}T00:00:00Z`),
      opensAt: new Date(f.opensAtMs),
      closesAt: new Date(f.closesAtMs),
    })),
  });
  return { courseId: course.id, patientId, followUps };
}

/** A follow-up record a nurse took by phone, with these pain scores. */
export async function followUpRecord(
  ctx: TestContext,
  followUp: { id: string; clinicId: string; patientId: string },
  recordedAt: Date,
  pain: { now: number; average: number } = { now: 3, average: 3 },
): Promise<void> {
  await ctx.prisma.followUpRecord.create({
    data: {
      id: randomUUID(),
      followUpId: followUp.id,
      clinicId: followUp.clinicId,
      patientId: followUp.patientId,
      channel: 'PHONE',
      recordedById: randomUUID(),
      recordedAt,
      painNrsNow: pain.now,
      painNrs7DayAverage: pain.average,
      painInterference: {},
      painInterferenceRaw: 12,
      painInterferenceT: 55.5,
      phq9: {},
      phq9Total: 3,
      bladder: {},
    },
  });
}

/** A booked appointment (a one-session course) at `startsAt` for 40 minutes. */
export async function bookedAppointment(
  ctx: TestContext,
  seed: { clinicId: string; patientId: string; startsAt: string; protocolKey?: string },
): Promise<{ appointmentId: string; courseId: string }> {
  const chair = await ctx.newChair({ clinicId: seed.clinicId });
  const start = new Date(seed.startsAt);
  const course = await ctx.prisma.course.create({
    data: {
      clinicId: seed.clinicId,
      patientId: seed.patientId,
      protocolId: await ctx.protocolId(seed.protocolKey ?? 'IV_SINGLE_INFUSION', seed.clinicId),
      bookedById: randomUUID(),
      sessionCount: 1,
      eligibilityScreeningIds: [],
      appointments: {
        create: {
          clinicId: seed.clinicId,
          patientId: seed.patientId,
          chairId: chair.id,
          sessionNumber: 1,
          startsAt: start,
          endsAt: new Date(start.getTime() + 40 * 60_000),
        },
      },
    },
    select: { id: true, appointments: { select: { id: true } } },
  });
  return { appointmentId: course.appointments[0].id, courseId: course.id };
}
