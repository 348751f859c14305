// Records the follow-up browser tests start from, written as the owner role (as the global setup
// books its sessions): a course cannot be completed in the past through the API, and the daily job,
// which raises booster tasks, does not run in the browser tests' Cadence. Each row is what Cadence
// itself would have written: the follow-up schedule is the domain's followUpSchedule for the course,
// and a booster task carries the daily job's own reason for a fixed-interval booster.
import { clinicDateAt, followUpSchedule, PROTOCOL_CATALOGUE } from '@cadence/domain';
import { DateTime } from 'luxon';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface SeededCourse {
  courseId: string;
  lastSessionOn: string;
}

function databaseUrl(): string {
  const url = process.env.CADENCE_E2E_DATABASE_URL;
  if (!url) throw new Error('CADENCE_E2E_DATABASE_URL is not set: run through test/browser/jest.config.js');
  return url;
}

async function withClient<T>(body: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    await client.query('BEGIN');
    const result = await body(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** The clinic days of a course's sessions, the last `lastDaysAgo` days before today (weekdays for a weekday course). */
function sessionDays(today: string, lastDaysAgo: number, count: number, weekdays: boolean, zone: string): string[] {
  let day = DateTime.fromISO(today, { zone }).minus({ days: lastDaysAgo });
  const days: string[] = [];
  while (days.length < count) {
    if (!weekdays || day.weekday <= 5) days.unshift(day.toISODate()!);
    day = day.minus({ days: 1 });
  }
  return days;
}

/**
 * A COMPLETED course of `protocolKey` for the demo patient: `sessions` sessions at 09:00 ending
 * `lastDaysAgo` clinic days ago, baseline pain `baselinePainNrs`, and its follow-up schedule.
 */
export async function completedCourse(seed: {
  mrn: string;
  protocolKey: string;
  lastDaysAgo: number;
  sessions?: number;
  chair: string;
  baselinePainNrs: number;
}): Promise<SeededCourse> {
  const protocol = PROTOCOL_CATALOGUE.find((p) => p.key === seed.protocolKey);
  if (!protocol) throw new Error(`No protocol ${seed.protocolKey} in the catalogue`);
  const count = seed.sessions ?? 1;
  return withClient(async (client) => {
    const {
      rows: [row],
    } = await client.query(
      `SELECT p.id AS "patientId", p."clinicId", c.timezone,
         (SELECT id FROM "Chair" WHERE "clinicId" = p."clinicId" AND name = $2) AS "chairId",
         (SELECT u.id FROM "User" u WHERE u."clinicId" = p."clinicId" AND 'SCHEDULER'::"Role" = ANY(u.roles)
           ORDER BY u.email LIMIT 1) AS "schedulerId",
         (SELECT pr.id FROM "Protocol" pr WHERE pr."clinicId" = p."clinicId" AND pr.key = $3
           ORDER BY version DESC LIMIT 1) AS "protocolId"
       FROM "Patient" p JOIN "Clinic" c ON c.id = p."clinicId" WHERE p.mrn = $1`,
      [seed.mrn, seed.chair, seed.protocolKey],
    );
    const zone: string = row.timezone;
    const days = sessionDays(
      clinicDateAt(Date.now(), zone),
      seed.lastDaysAgo,
      count,
      protocol.pattern.kind === 'WEEKDAYS',
      zone,
    );
    const startsAt = days.map((d) => DateTime.fromISO(`${d}T09:00`, { zone }).toJSDate());
    const minutes = protocol.minutesPerSession;
    const courseId = randomUUID();
    const last = startsAt[startsAt.length - 1];
    await client.query(
      `INSERT INTO "Course" (id, "clinicId", "patientId", "protocolId", "bookedById", status, "sessionCount",
         "eligibilityScreeningIds", "baselinePainNrs", "completedAt", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, 'COMPLETED', $6, '{}', $7, $8, $9, now())`,
      [
        courseId,
        row.clinicId,
        row.patientId,
        row.protocolId,
        row.schedulerId,
        count,
        seed.baselinePainNrs,
        new Date(last.getTime() + (minutes + 60) * 60_000),
        new Date(startsAt[0].getTime() - 14 * 24 * 3600_000),
      ],
    );
    for (const [i, at] of startsAt.entries())
      await client.query(
        `INSERT INTO "Appointment" (id, "clinicId", "courseId", "patientId", "chairId", "sessionNumber",
           "startsAt", "endsAt", status, "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'COMPLETED', now())`,
        [
          randomUUID(),
          row.clinicId,
          courseId,
          row.patientId,
          row.chairId,
          i + 1,
          at,
          new Date(at.getTime() + minutes * 60_000),
        ],
      );
    const lastSessionOn = days[days.length - 1];
    for (const f of followUpSchedule({
      lastSessionOn,
      followUpOffsetsDays: protocol.followUpOffsetsDays,
      timeZone: zone,
    }))
      await client.query(
        `INSERT INTO "FollowUp" (id, "clinicId", "courseId", "patientId", "offsetDays", "dueOn", "opensOn",
           "closesOn", "opensAt", "closesAt")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          randomUUID(),
          row.clinicId,
          courseId,
          row.patientId,
          f.offsetDays,
          f.dueOn,
          f.opensOn,
          f.closesOn,
          new Date(f.opensAtMs),
          new Date(f.closesAtMs),
        ],
      );
    return { courseId, lastSessionOn };
  });
}

/** The booster task the daily job raises for a fixed-interval course, with the job's own reason. */
export async function fixedIntervalBoosterTask(course: SeededCourse, protocolKey: string): Promise<void> {
  const protocol = PROTOCOL_CATALOGUE.find((p) => p.key === protocolKey)!;
  if (protocol.boosterPolicy.kind !== 'FIXED_INTERVAL') throw new Error(`${protocolKey} has no fixed interval`);
  const interval = protocol.boosterPolicy.intervalDays;
  const dueBy = DateTime.fromISO(course.lastSessionOn).plus({ days: interval }).toISODate()!;
  await withClient((client) =>
    client.query(
      `INSERT INTO "BoosterTask" (id, "clinicId", "patientId", "courseId", "dueBy", reason)
       SELECT $1, c."clinicId", c."patientId", c.id, $2::date, $3 FROM "Course" c WHERE c.id = $4`,
      [
        randomUUID(),
        dueBy,
        `Booster due by ${dueBy}: ${protocol.name} gives a booster every ${interval} days after the last session, which was on ${course.lastSessionOn}`,
        course.courseId,
      ],
    ),
  );
}
