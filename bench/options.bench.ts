// Booking-options benchmark: POST /api/courses/options through the built API over HTTP, on a clinic
// of 20 chairs and 4 beds with 5,000 live appointments over the next six months (600 five-day
// courses, 1,960 single infusions, 40 continuous bed infusions, each a patient of its own), for
// five-day courses from varied dates, patients and filters (time of day, weekdays, a preferred chair).
//   - one scheduler at a time: p50/p95/p99 (target p95 < 100 ms);
//   - ten schedulers at once, for BENCH_SECONDS: p50/p95/p99 and searches per second;
//   - the engine alone (the domain's findBookingOptions, index built inside each search) on the same
//     clinic and the same windows of bookings the API loads, in the same run.
// The machine's load average is printed: figures on a shared machine mean little without it.
//   npm run build && npm run bench:options
//   BENCH_SEARCHES (default 200, one at a time), BENCH_SECONDS (default 10, ten at once)
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import pg from 'pg';
import {
  type ClinicCapacity,
  type ExistingAppointment,
  findBookingOptions,
  type IsoWeekday,
  type Protocol,
  type TimeOfDay,
} from '../libs/domain/src/scheduling';
import { ADMIN_URL, databaseUrl, login, percentile, startCadence, stopCadence } from './cadence-process';

const DATABASE = 'cadence_bench_options';
const PORT = 3720;
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARM_UP = 20;
const SCHEDULERS = 10;
const TARGET_P95_MS = 100;
const HORIZON_DAYS = 182;
/** As the API: 92 days searched, capacity loaded two days either side (planning.service.ts). */
const SEARCH_DAYS = 92;
const DAY_MS = 86_400_000;

const dbUrl = databaseUrl(DATABASE);

/** mulberry32: seedable, so every run books the same clinic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(20261203);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

interface Query {
  patientId: string;
  earliest: string;
  timeOfDay?: TimeOfDay;
  weekdays?: IsoWeekday[];
  preferredChairId?: string;
}

async function main() {
  console.log(`Preparing ${DATABASE} (migrations, demo clinic, 20 chairs, 4 beds, 5,000 appointments)…`);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();

  const cadence = await startCadence(PORT, dbUrl);
  const db = new pg.Pool({ connectionString: dbUrl, max: 4 });
  try {
    const setup = await bookClinic(db);
    const cookie = await login(PORT, 'scheduler@demo.cadence.test', 'demo-scheduler-2026');
    const queries = Array.from({ length: 400 }, () => queryOf(setup));
    const body = (q: Query) => JSON.stringify({ ...q, protocolId: setup.protocolId, k: 5 });
    const search = async (q: Query) => {
      const t = performance.now();
      const res = await fetch(`http://127.0.0.1:${PORT}/api/courses/options`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: body(q),
      });
      const answer = (await res.json()) as { plans?: unknown[]; openCourses?: unknown[] };
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`options answered ${res.status}: ${JSON.stringify(answer)}`);
      return { ms, plans: answer.plans?.length ?? 0, warned: (answer.openCourses?.length ?? 0) > 0 };
    };

    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    for (let i = 0; i < WARM_UP; i++) await search(queries[i]);

    const single: number[] = [];
    let empty = 0;
    let warned = 0;
    for (let i = 0; i < SEARCHES; i++) {
      const r = await search(queries[i % queries.length]);
      single.push(r.ms);
      if (r.plans === 0) empty++;
      if (r.warned) warned++;
    }

    const together: number[] = [];
    const until = performance.now() + SECONDS * 1000;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: SCHEDULERS }, async () => {
        while (performance.now() < until) together.push((await search(queries[next++ % queries.length])).ms);
      }),
    );
    const wall = (performance.now() - started) / 1000;

    const engine = await engineOnly(db, setup, queries.slice(0, SEARCHES));

    console.log(
      `\nload average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    console.log(
      `POST /api/courses/options, five-day course, k = 5: 20 chairs, 4 beds, ${setup.appointments} appointments over ${HORIZON_DAYS} days; ` +
        `${empty} of ${SEARCHES} searches found nothing, ${warned} warned of an open course`,
    );
    console.log(`one scheduler   ${fmt(single)}  (${SEARCHES} searches)`);
    console.log(
      `ten at once     ${fmt(together)}  ${(together.length / wall).toFixed(1)} searches/s (${together.length} in ${wall.toFixed(1)} s)`,
    );
    console.log(`engine only     ${fmt(engine)}  (same searches, same bookings, no HTTP or database)`);
    const p95 = percentile(single, 95);
    console.log(
      `one scheduler p95 ${p95.toFixed(1)} ms: ${p95 < TARGET_P95_MS ? 'meets' : 'MISSES'} the target < ${TARGET_P95_MS} ms`,
    );
    if (p95 >= TARGET_P95_MS) process.exitCode = 1;
  } finally {
    await db.end();
    await stopCadence(cadence);
  }
}

interface Setup {
  clinicId: string;
  zone: string;
  protocolId: string;
  protocol: Protocol;
  chairIds: string[];
  bookedPatients: string[];
  freePatients: string[];
  appointments: number;
}

/** The demo clinic made the benchmark's: its own chairs, hours and rota, and six months of bookings. */
async function bookClinic(db: pg.Pool): Promise<Setup> {
  const user = (
    await db.query<{ id: string; clinicId: string }>(
      `SELECT id, "clinicId" FROM "User" WHERE email = 'scheduler@demo.cadence.test'`,
    )
  ).rows[0];
  const clinicId = user.clinicId;
  const zone = (await db.query<{ timezone: string }>(`SELECT timezone FROM "Clinic" WHERE id = $1`, [clinicId])).rows[0]
    .timezone;
  const protocol = (
    await db.query<{ id: string; definition: Protocol }>(
      `SELECT id, definition FROM "Protocol" WHERE "clinicId" = $1 AND key = 'IV_FIVE_DAY_LOW_DOSE' AND active
       ORDER BY version DESC LIMIT 1`,
      [clinicId],
    )
  ).rows[0];

  await db.query(`UPDATE "Chair" SET active = false WHERE "clinicId" = $1`, [clinicId]);
  const resources = [
    ...Array.from({ length: 20 }, (_, i) => ({ name: `Bench chair ${String(i + 1).padStart(2, '0')}`, kind: 'CHAIR' })),
    ...Array.from({ length: 4 }, (_, i) => ({ name: `Bench bed ${i + 1}`, kind: 'BED' })),
  ].map((r) => ({ ...r, id: randomUUID() }));
  await db.query(
    `INSERT INTO "Chair" (id, "clinicId", name, kind) SELECT unnest($2::uuid[]), $1::uuid, unnest($3::text[]), unnest($4::"ChairKind"[])`,
    [clinicId, resources.map((r) => r.id), resources.map((r) => r.name), resources.map((r) => r.kind)],
  );
  const chairs = resources.filter((r) => r.kind === 'CHAIR').map((r) => r.id);
  const beds = resources.filter((r) => r.kind === 'BED').map((r) => r.id);
  await db.query(`DELETE FROM "OpeningHours" WHERE "clinicId" = $1`, [clinicId]);
  await db.query(
    `INSERT INTO "OpeningHours" (id, "clinicId", weekday, "opensAt", "closesAt")
     SELECT gen_random_uuid(), $1::uuid, d, '08:00', '18:00' FROM generate_series(1, 5) d
     UNION ALL SELECT gen_random_uuid(), $1::uuid, 6, '09:00', '13:00'`,
    [clinicId],
  );
  await db.query(`DELETE FROM "NurseShift" WHERE "clinicId" = $1`, [clinicId]);
  // Six nurses round the clock at four infusions each: every chair and bed can be in use at once.
  await db.query(
    `INSERT INTO "NurseShift" (id, "clinicId", weekday, "startsAt", "endsAt", nurses)
     SELECT gen_random_uuid(), $1::uuid, d, '00:00', '24:00', 6 FROM generate_series(1, 7) d`,
    [clinicId],
  );
  await db.query(`UPDATE "Clinic" SET "maxInfusionsPerNurse" = 4 WHERE id = $1`, [clinicId]);

  // Appointments, placed on a free chair (or bed) in JavaScript so no exclusion constraint fires.
  const busy = new Map<string, [number, number][]>();
  const free = (resource: string, s: number, e: number) => !(busy.get(resource) ?? []).some(([a, b]) => a < e && s < b);
  const take = (resource: string, s: number, e: number) => busy.set(resource, [...(busy.get(resource) ?? []), [s, e]]);
  const today = DateTime.now().setZone(zone).startOf('day').plus({ days: 1 });
  const at = (day: DateTime, minutes: number) => day.plus({ minutes }).toMillis();
  const courses: { sessions: { resource: string; s: number; e: number }[] }[] = [];
  const firstMonday = today.plus({ days: (8 - today.weekday) % 7 });
  for (let placed = 0, tries = 0; placed < 600 && tries < 20_000; tries++) {
    const monday = firstMonday.plus({ weeks: Math.floor(rand() * 25) });
    const chair = pick(chairs);
    const start = 8 * 60 + 60 * Math.floor(rand() * 7); // 08:00–14:00, four hours each
    const sessions = [0, 1, 2, 3, 4].map((d) => ({
      resource: chair,
      s: at(monday.plus({ days: d }), start),
      e: at(monday.plus({ days: d }), start + 240),
    }));
    if (!sessions.every((x) => free(x.resource, x.s, x.e))) continue;
    sessions.forEach((x) => take(x.resource, x.s, x.e));
    courses.push({ sessions });
    placed++;
  }
  for (let placed = 0, tries = 0; placed < 1960 && tries < 50_000; tries++) {
    const day = today.plus({ days: Math.floor(rand() * (HORIZON_DAYS - 1)) });
    if (day.weekday > 5) continue;
    const chair = pick(chairs);
    const start = 8 * 60 + 15 * Math.floor(rand() * 37); // 08:00–17:00, 40 minutes
    const s = at(day, start);
    const e = at(day, start + 40);
    if (!free(chair, s, e)) continue;
    take(chair, s, e);
    courses.push({ sessions: [{ resource: chair, s, e }] });
    placed++;
  }
  beds.forEach((bed, b) => {
    for (let i = 0; i < 10; i++) {
      const s = at(today.plus({ days: 2 + b * 4 + i * 18 }), 9 * 60);
      courses.push({ sessions: [{ resource: bed, s, e: s + 100 * 3600_000 }] });
    }
  });

  const patientsOf = async (n: number, prefix: string) =>
    (
      await db.query<{ id: string }>(
        `INSERT INTO "Patient" (id, "clinicId", mrn, "givenName", "familyName", "dateOfBirth", sex, "updatedAt")
         SELECT gen_random_uuid(), $1::uuid, $2 || g, 'Bench', 'Patient ' || g, DATE '1960-01-01' + g, 'FEMALE', now()
         FROM generate_series(1, $3::int) g RETURNING id`,
        [clinicId, prefix, n],
      )
    ).rows.map((r) => r.id);
  const booked = await patientsOf(courses.length, 'BOOKED-');
  const freePatients = await patientsOf(100, 'FREE-');
  const courseIds = courses.map(() => randomUUID());
  await db.query(
    `INSERT INTO "Course" (id, "clinicId", "patientId", "protocolId", "bookedById", "sessionCount", "eligibilityScreeningIds", "updatedAt")
     SELECT unnest($2::uuid[]), $1::uuid, unnest($3::uuid[]), $4::uuid, $5::uuid, unnest($6::int[]), '{}', now()`,
    [clinicId, courseIds, booked, protocol.id, user.id, courses.map((c) => c.sessions.length)],
  );
  const rows = courses.flatMap((c, i) =>
    c.sessions.map((x, n) => ({ course: courseIds[i], patient: booked[i], ...x, n: n + 1 })),
  );
  await db.query(
    `INSERT INTO "Appointment" (id, "clinicId", "courseId", "patientId", "chairId", "sessionNumber", "startsAt", "endsAt", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, unnest($2::uuid[]), unnest($3::uuid[]), unnest($4::uuid[]), unnest($5::int[]),
            unnest($6::timestamptz[]), unnest($7::timestamptz[]), now()`,
    [
      clinicId,
      rows.map((r) => r.course),
      rows.map((r) => r.patient),
      rows.map((r) => r.resource),
      rows.map((r) => r.n),
      rows.map((r) => new Date(r.s).toISOString()),
      rows.map((r) => new Date(r.e).toISOString()),
    ],
  );
  await db.query('VACUUM ANALYZE "Appointment", "Course", "Patient", "Chair"');
  const count = (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "Appointment" WHERE "clinicId" = $1 AND "startsAt" > now() AND status = 'BOOKED'`,
      [clinicId],
    )
  ).rows[0].n;
  return {
    clinicId,
    zone,
    protocolId: protocol.id,
    protocol: protocol.definition,
    chairIds: chairs,
    bookedPatients: booked,
    freePatients,
    appointments: count,
  };
}

/** A desk's search: a patient (half of them with a course booked), a date and a mix of filters. */
function queryOf(setup: Setup): Query {
  const patientId = rand() < 0.5 ? pick(setup.bookedPatients) : pick(setup.freePatients);
  const earliest = DateTime.now()
    .setZone(setup.zone)
    .plus({ days: 1 + Math.floor(rand() * 120) })
    .toISODate()!;
  const filters: Omit<Query, 'patientId' | 'earliest'>[] = [
    {},
    { timeOfDay: 'MORNING' },
    { timeOfDay: 'AFTERNOON' },
    { weekdays: [1, 2, 3, 4, 5] },
    { preferredChairId: pick(setup.chairIds) },
    { timeOfDay: 'AFTERNOON', preferredChairId: pick(setup.chairIds) },
  ];
  return { patientId, earliest, ...pick(filters) };
}

/**
 * The domain alone on the same searches: the clinic read once as the API reads it, and for each
 * search only the bookings inside the window the API would load (so the index is the same size).
 */
async function engineOnly(db: pg.Pool, setup: Setup, queries: Query[]): Promise<number[]> {
  const id = setup.clinicId;
  const [clinic, hours, chairs, shifts, appts] = await Promise.all([
    db.query(`SELECT "maxInfusionsPerNurse" AS max FROM "Clinic" WHERE id = $1`, [id]),
    db.query(`SELECT weekday, "opensAt", "closesAt" FROM "OpeningHours" WHERE "clinicId" = $1`, [id]),
    db.query(`SELECT id, kind, active FROM "Chair" WHERE "clinicId" = $1 ORDER BY name, id`, [id]),
    db.query(`SELECT weekday, "startsAt", "endsAt", nurses FROM "NurseShift" WHERE "clinicId" = $1`, [id]),
    db.query(
      `SELECT "chairId", "patientId", "startsAt", "endsAt" FROM "Appointment"
       WHERE "clinicId" = $1 AND status IN ('BOOKED', 'COMPLETED')`,
      [id],
    ),
  ]);
  const capacity: ClinicCapacity = {
    timeZone: setup.zone,
    maxInfusionsPerNurse: clinic.rows[0].max,
    openingHours: hours.rows.map((h) => ({ weekday: h.weekday, opensAt: h.opensAt, closesAt: h.closesAt })),
    closures: [],
    resources: chairs.rows.map((c) => ({ id: c.id, kind: c.kind, active: c.active })),
    nurseShifts: shifts.rows.map((s) => ({
      kind: 'WEEKLY' as const,
      weekday: s.weekday,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      nurses: s.nurses,
    })),
  };
  const all: (ExistingAppointment & { s: number; e: number })[] = appts.rows.map((a) => ({
    resourceId: a.chairId ?? '',
    patientId: a.patientId,
    start: a.startsAt.toISOString(),
    end: a.endsAt.toISOString(),
    s: a.startsAt.getTime(),
    e: a.endsAt.getTime(),
  }));
  const windows = queries.map((q) => {
    const from = Math.max(Date.now(), Date.parse(`${q.earliest}T00:00:00Z`)) - 2 * DAY_MS;
    const to = from + (SEARCH_DAYS + 4) * DAY_MS;
    return all.filter((a) => a.s < to && a.e > from);
  });
  const run = (q: Query, existing: ExistingAppointment[]) =>
    findBookingOptions({
      protocol: setup.protocol,
      clinic: capacity,
      existing,
      patientId: q.patientId,
      earliest: q.earliest,
      horizonDays: SEARCH_DAYS,
      k: 5,
      preferences: { timeOfDay: q.timeOfDay, weekdays: q.weekdays, preferredResourceId: q.preferredChairId },
    });
  for (let i = 0; i < WARM_UP; i++) run(queries[i], windows[i]);
  return queries.map((q, i) => {
    const t = performance.now();
    run(q, windows[i]);
    return performance.now() - t;
  });
}

function fmt(xs: number[]): string {
  const ms = (p: number) => `${percentile(xs, p).toFixed(1)} ms`.padStart(9);
  return `p50 ${ms(50)}  p95 ${ms(95)}  p99 ${ms(99)}`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
