// Outcome test data: a patient with a primary diagnosis and one completed course, its follow-up
// schedule as the API makes it, and a record at each follow-up day a pattern scores.
import { followUpSchedule, findProtocol } from '@cadence/domain';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { TestContext, TestUser } from './context';

export const ZONE = 'Europe/London';
export const localDay = (days: number) => DateTime.now().setZone(ZONE).startOf('day').plus({ days }).toISODate()!;
const at = (date: string, hhmm: string) => DateTime.fromISO(`${date}T${hhmm}`, { zone: ZONE }).toJSDate();

export type Mechanism = 'NEUROPATHIC' | 'NOCICEPTIVE' | 'MIXED';
/**
 * 7-day average pain by follow-up day (baseline 8: 3 holds relief, 7 has lost it); `laterOnDay`
 * starts another course; the course is `protocolKey`'s (default IV_SINGLE_INFUSION), its last
 * session `daysAgo` clinic days ago (default 30).
 */
export interface Pattern {
  scores: Record<number, number>;
  laterOnDay?: number;
  baseline?: number | null;
  protocolKey?: string;
  daysAgo?: number;
}

/** A patient with a primary diagnosis and a course completed `daysAgo` days ago, its follow-ups and records. */
export async function patientWith(
  ctx: TestContext,
  clinician: TestUser,
  nurse: TestUser,
  mechanism: Mechanism,
  pattern: Pattern,
): Promise<string> {
  const patient = await ctx.newPatient();
  await ctx.prisma.diagnosis.create({
    data: {
      patientId: patient.id,
      icd10Code: mechanism === 'NEUROPATHIC' ? 'G57.1' : mechanism === 'NOCICEPTIVE' ? 'M17.0' : 'M79.7',
      description: 'test diagnosis',
      painMechanism: mechanism,
      isPrimary: true,
    },
  });
  const protocolKey = pattern.protocolKey ?? 'IV_SINGLE_INFUSION';
  const lastSessionOn = localDay(-(pattern.daysAgo ?? 30));
  const chair = await ctx.newChair();
  const course = await ctx.prisma.course.create({
    data: {
      clinicId: ctx.clinicId,
      patientId: patient.id,
      protocolId: await ctx.protocolId(protocolKey),
      bookedById: clinician.id,
      sessionCount: 1,
      eligibilityScreeningIds: [],
      baselinePainNrs: pattern.baseline === undefined ? 8 : pattern.baseline,
      status: 'COMPLETED',
      completedAt: at(lastSessionOn, '11:00'),
      appointments: {
        create: [
          {
            clinicId: ctx.clinicId,
            patientId: patient.id,
            chairId: chair.id,
            sessionNumber: 1,
            startsAt: at(lastSessionOn, '09:00'),
            endsAt: at(lastSessionOn, '09:40'),
            status: 'COMPLETED',
          },
        ],
      },
    },
    select: { id: true },
  });
  const schedule = followUpSchedule({
    lastSessionOn,
    followUpOffsetsDays: findProtocol(protocolKey)!.followUpOffsetsDays,
    timeZone: ZONE,
  });
  for (const f of schedule) {
    const row = await ctx.prisma.followUp.create({
      data: {
        clinicId: ctx.clinicId,
        courseId: course.id,
        patientId: patient.id,
        offsetDays: f.offsetDays,
        dueOn: new Date(`${f.dueOn}T00:00:00Z`),
        opensOn: new Date(`${f.opensOn}T00:00:00Z`),
        closesOn: new Date(`${f.closesOn}T00:00:00Z`),
        opensAt: new Date(f.opensAtMs),
        closesAt: new Date(f.closesAtMs),
      },
      select: { id: true },
    });
    const avg = pattern.scores[f.offsetDays];
    if (avg === undefined) continue;
    await ctx.prisma.followUpRecord.create({
      data: {
        id: randomUUID(),
        followUpId: row.id,
        clinicId: ctx.clinicId,
        patientId: patient.id,
        channel: 'PHONE',
        recordedAt: at(f.dueOn, '11:00'),
        recordedById: nurse.id,
        painNrsNow: avg,
        painNrs7DayAverage: avg,
        painInterference: {},
        painInterferenceRaw: 12,
        painInterferenceT: avg === 3 ? 48 : 62,
        phq9: {},
        phq9Total: avg === 3 ? 4 : 9,
        bladder: {},
      },
    });
  }
  if (pattern.laterOnDay !== undefined) {
    const on = DateTime.fromISO(lastSessionOn).plus({ days: pattern.laterOnDay }).toISODate()!;
    await ctx.prisma.course.create({
      data: {
        clinicId: ctx.clinicId,
        patientId: patient.id,
        protocolId: await ctx.protocolId(protocolKey),
        bookedById: clinician.id,
        sessionCount: 1,
        eligibilityScreeningIds: [],
        baselinePainNrs: 6,
        status: 'BOOKED',
        appointments: {
          create: [
            {
              clinicId: ctx.clinicId,
              patientId: patient.id,
              chairId: chair.id,
              sessionNumber: 1,
              startsAt: at(on, '09:00'),
              endsAt: at(on, '09:40'),
              status: 'BOOKED',
            },
          ],
        },
      },
    });
  }
  return patient.id;
}
