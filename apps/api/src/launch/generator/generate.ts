/**
 * Writes a synthetic clinic through PostgreSQL COPY (pg-copy-streams), in one transaction: a new
 * clinic sized for its patients (`generateClinic`), or a history added to an existing one (the
 * demo clinic, `generateHistory`). Rows reach the database as the API would leave them, through
 * every constraint and trigger: infusion sessions are copied unsigned, their readings, orders,
 * doses and adverse events after them, and the signatures last, as nurses and clinicians sign.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { ScreeningKind } from '@prisma/client';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PROTOCOL_CATALOGUE, SCREENING_TEMPLATES, type Protocol } from '@cadence/domain';
import { hashPassword } from '../../modules/auth/password';
import { ClinicPlan, type Batch, type ClinicSetup, type PlanOptions } from './plan';
import { RETENTION, type ProtocolKey, type Retention } from './realism';
import { copyStatement, copyText, TABLES, WRITE_ORDER, type TableName } from './tables';

/** What a generated clinic is marked by: an audit row naming it, written in the same transaction. */
export const GENERATED_ACTION = 'GENERATE_SYNTHETIC_CLINIC';
const PATIENTS_PER_BATCH = 500;
const YIELD_EVERY = 20;

export class GeneratorRefusal extends Error {}

export interface GenerateOptions {
  patients: number;
  seed: number;
  years: number;
  /** How long patients stay with the clinic (default typical); a maintenance clinic has more chairs. */
  retention?: Retention;
  /** "Now" for the history (default the real clock): the same seed and now give the same rows. */
  nowMs?: number;
  /** Names the new clinic; given, the generator runs even beside clinics it did not generate. */
  clinicName?: string;
  timeZone?: string;
  onProgress?: (patientsDone: number, rowsWritten: number) => void;
}

export interface GenerateSummary {
  clinicId: string;
  clinicName: string;
  rows: Partial<Record<TableName | 'Clinic' | 'Chair' | 'User' | 'setup', number>>;
  totalRows: number;
  seconds: number;
  rowsPerSecond: number;
  /** Seconds spent writing each table (COPY), for the benchmark. */
  secondsByTable: Partial<Record<TableName, number>>;
  /** Whether it was a bulk load into a fresh database (dropForBulkLoad). */
  bulk: boolean;
}

/** Clinics in the database that the generator did not make. */
export async function realClinics(client: pg.ClientBase): Promise<{ id: string; name: string }[]> {
  const { rows } = await client.query<{ id: string; name: string }>(
    `SELECT c.id, c.name FROM "Clinic" c
     WHERE NOT EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a.action = $1 AND a.entity = 'Clinic' AND a."entityId" = c.id::text)
     ORDER BY c."createdAt"`,
    [GENERATED_ACTION],
  );
  return rows;
}

/**
 * A new clinic with a generated history. Refuses (GeneratorRefusal) when the database holds a clinic
 * the generator did not make, unless `clinicName` is given: realistic but invented records beside a
 * real clinic's could be taken for real ones.
 */
export async function generateClinic(client: pg.ClientBase, options: GenerateOptions): Promise<GenerateSummary> {
  if (!Number.isInteger(options.patients) || options.patients < 1)
    throw new RangeError('patients must be a whole number ≥ 1');
  if (!(options.years > 0 && options.years <= 20)) throw new RangeError('years must be more than 0 and at most 20');
  if (!options.clinicName) {
    const real = await realClinics(client);
    if (real.length > 0)
      throw new GeneratorRefusal(
        `This database has ${real.length} clinic${real.length > 1 ? 's' : ''} the generator did not make ` +
          `(${real
            .slice(0, 3)
            .map((c) => `"${c.name}"`)
            .join(
              ', ',
            )}${real.length > 3 ? ', …' : ''}). Invented patients beside real ones could be taken for real: ` +
          'nothing was written. To add a separate synthetic clinic anyway, name it with --clinic-name.',
      );
  }
  const started = performance.now();
  const timeZone = options.timeZone ?? 'Europe/London';
  const retention = options.retention ?? 'typical';
  const clinicName =
    options.clinicName ??
    `Synthetic clinic (seed ${options.seed}, ${options.patients} patients${retention === 'typical' ? '' : `, ${retention}`})`;
  await client.query('BEGIN');
  try {
    const setup = await createClinic(client, clinicName, timeZone, options);
    const summary = await writeHistory(client, setup.setup, {
      patients: options.patients,
      seed: options.seed,
      years: options.years,
      retention,
      nowMs: options.nowMs ?? Date.now(),
      mrnPrefix: 'SYN-',
      onProgress: options.onProgress,
    });
    await client.query('COMMIT');
    const rows = { ...setup.rows, ...summary.rows };
    return finish(setup.setup.clinicId, clinicName, rows, summary, started);
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

export interface HistoryOptions extends PlanOptions {
  onProgress?: (patientsDone: number, rowsWritten: number) => void;
}

/** A history for an existing clinic (the demo's), inside the caller's transaction. */
export async function generateHistory(
  client: pg.ClientBase,
  setup: ClinicSetup,
  options: HistoryOptions,
): Promise<GenerateSummary> {
  const started = performance.now();
  const summary = await writeHistory(client, setup, options);
  await markGenerated(client, setup.clinicId, options);
  return finish(setup.clinicId, '', summary.rows, summary, started);
}

function finish(
  clinicId: string,
  clinicName: string,
  rows: GenerateSummary['rows'],
  { secondsByTable, bulk }: Pick<GenerateSummary, 'secondsByTable' | 'bulk'>,
  startedMs: number,
): GenerateSummary {
  const seconds = (performance.now() - startedMs) / 1000;
  const totalRows = Object.values(rows).reduce((sum: number, n) => sum + (n ?? 0), 0);
  return { clinicId, clinicName, rows, totalRows, seconds, rowsPerSecond: totalRows / seconds, secondsByTable, bulk };
}

async function writeHistory(client: pg.ClientBase, setup: ClinicSetup, options: HistoryOptions) {
  const plan = new ClinicPlan(setup, options);
  const rows: Partial<Record<TableName, number>> = {};
  const secondsByTable: Partial<Record<TableName, number>> = {};
  let written = 0;
  // The course outcomes' triggers would recompute each batch's patients once per table copied:
  // deferred for this transaction (the owner's only) to one refresh of the clinic below.
  await client.query(`SELECT set_config('cadence.outcome_refresh', 'deferred', true)`);
  await client.query(
    `CREATE TEMP TABLE IF NOT EXISTS generator_signatures (id uuid PRIMARY KEY, "nurseSignedById" uuid,
       "nurseSignedAt" timestamptz(3), "clinicianSignedById" uuid, "clinicianSignedAt" timestamptz(3)) ON COMMIT DROP`,
  );
  const restore = await dropForBulkLoad(client, setup.clinicId);
  const flush = async (batch: Batch) => {
    for (const table of [...WRITE_ORDER, 'signatures' as const]) {
      const list = batch[table];
      if (list.length === 0) continue;
      const t0 = performance.now();
      await copy(client, table, copyText(table, list));
      if (table === 'signatures') {
        // Signed last, as on the ward: the entries above were written while the record was open.
        await client.query(
          `UPDATE "InfusionSession" s SET "nurseSignedById" = g."nurseSignedById", "nurseSignedAt" = g."nurseSignedAt",
             "clinicianSignedById" = g."clinicianSignedById", "clinicianSignedAt" = g."clinicianSignedAt"
           FROM generator_signatures g WHERE s.id = g.id`,
        );
        await client.query('TRUNCATE generator_signatures');
      } else {
        rows[table] = (rows[table] ?? 0) + list.length;
        written += list.length;
      }
      secondsByTable[table] = (secondsByTable[table] ?? 0) + (performance.now() - t0) / 1000;
    }
  };
  // The next batch is planned (here) while the database writes the last one (its COPY), one batch
  // in flight at a time; planning gives way every few patients so the COPY keeps streaming.
  let writing: Promise<void> = Promise.resolve();
  try {
    for (let i = 0; i < options.patients; i++) {
      plan.patient(i);
      if ((i + 1) % PATIENTS_PER_BATCH === 0) {
        await writing;
        writing = flush(plan.take()).then(() => options.onProgress?.(i + 1, written));
        writing.catch(() => undefined);
      } else if ((i + 1) % YIELD_EVERY === 0) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  } catch (error) {
    await writing.catch(() => undefined);
    throw error;
  }
  await writing;
  plan.liveSessions(options.patients);
  await flush(plan.take());
  for (const statement of restore) await client.query(statement);
  // Fresh statistics for what COPY wrote: without them the planner takes the new tables for empty
  // and nests the outcome statements' loops (relief curves on the demo clinic took 8 s, 0.2 s after).
  await client.query(`ANALYZE ${WRITE_ORDER.map((t) => `"${t}"`).join(', ')}`);
  await client.query(`SELECT course_outcome_refresh(array(SELECT id FROM "Patient" WHERE "clinicId" = $1))::text`, [
    setup.clinicId,
  ]);
  await client.query(`SELECT set_config('cadence.outcome_refresh', '', true)`);
  await client.query(`ANALYZE "CourseOutcome"`);
  options.onProgress?.(options.patients, written);
  return { rows, secondsByTable, bulk: restore.length > 0 };
}

/**
 * Into a fresh database (no patients, no clinic but the one written), a bulk load: the written tables' foreign keys and
 * plain (non-unique) indexes are dropped for it and made again from their own definitions before
 * the outcome refresh, one sort per index and one join per key instead of a probe per row. Made
 * again in the same transaction, the keys are validated over every row then, so a broken row still
 * fails the whole generation; primary keys, unique indexes, exclusion constraints and triggers stay
 * and check each row as it comes. Answers the statements that restore them. Beside another clinic it
 * drops nothing: the dropped indexes would lock their tables, and that clinic's work, until commit.
 */
async function dropForBulkLoad(client: pg.ClientBase, clinicId: string): Promise<string[]> {
  const { rows: fresh } = await client.query<{ fresh: boolean }>(
    `SELECT NOT EXISTS (SELECT 1 FROM "Patient") AND NOT EXISTS (SELECT 1 FROM "Clinic" WHERE id <> $1) AS fresh`,
    [clinicId],
  );
  if (!fresh[0].fresh) return [];
  const tables = WRITE_ORDER.map((t) => `public."${t}"`);
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT quote_ident(x.relname) AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
     WHERE i.indrelid = ANY($1::text[]::regclass[]) AND NOT i.indisunique AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
     ORDER BY x.relname`,
    [tables],
  );
  const { rows: keys } = await client.query<{ name: string; tableName: string; definition: string }>(
    `SELECT quote_ident(conname) AS name, conrelid::regclass::text AS "tableName", pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::text[]::regclass[])
     ORDER BY conrelid::regclass::text, conname`,
    [tables],
  );
  for (const k of keys) await client.query(`ALTER TABLE ${k.tableName} DROP CONSTRAINT ${k.name}`);
  for (const i of indexes) await client.query(`DROP INDEX public.${i.name}`);
  // Room to sort each index in memory when it is built again (this transaction only).
  await client.query(`SELECT set_config('maintenance_work_mem', '256MB', true)`);
  return [
    ...indexes.map((i) => i.definition),
    ...keys.map((k) => `ALTER TABLE ${k.tableName} ADD CONSTRAINT ${k.name} ${k.definition}`),
  ];
}

async function copy(client: pg.ClientBase, table: TableName, text: string): Promise<void> {
  const stream = client.query(copyFrom(copyStatement(table)));
  await pipeline(Readable.from([text]), stream);
}

async function markGenerated(
  client: pg.ClientBase,
  clinicId: string,
  options: Pick<PlanOptions, 'patients' | 'seed' | 'years' | 'retention'>,
) {
  await client.query(`INSERT INTO "AuditEvent" (action, entity, "entityId", fields) VALUES ($1, 'Clinic', $2, $3)`, [
    GENERATED_ACTION,
    clinicId,
    [
      `patients=${options.patients}`,
      `seed=${options.seed}`,
      `years=${options.years}`,
      `retention=${options.retention ?? 'typical'}`,
    ],
  ]);
}

/**
 * Chairs, beds and nurses for the patients' sessions: about half the chair time used on weekdays.
 * Patients who respond stay on boosters, so a longer history asks more chair time of each patient,
 * and more again where they stay on maintenance (RETENTION's chairTime).
 */
export function clinicSize(patients: number, years: number, retention: Retention = 'typical') {
  const { chairTime } = RETENTION[retention];
  const chairMinutesPerPatient = (1200 + 250 * years) * chairTime;
  const bedHoursPerPatient = (12 + 2 * years) * chairTime;
  const chairs = Math.max(4, Math.ceil((patients * chairMinutesPerPatient) / (years * 300 * 600 * 0.5)));
  const beds = Math.max(1, Math.ceil((patients * bedHoursPerPatient) / (years * 260 * 24 * 0.6)));
  return { chairs, beds, weekdayNurses: Math.ceil(chairs / 4), saturdayNurses: Math.max(1, Math.ceil(chairs / 8)) };
}

async function createClinic(
  client: pg.ClientBase,
  name: string,
  timeZone: string,
  options: GenerateOptions,
): Promise<{ setup: ClinicSetup; rows: GenerateSummary['rows'] }> {
  const size = clinicSize(options.patients, options.years, options.retention);
  const clinicId = randomUUID();
  await client.query(`INSERT INTO "Clinic" (id, name, timezone) VALUES ($1, $2, $3)`, [clinicId, name, timeZone]);
  await markGenerated(client, clinicId, options);
  const templates = {} as Record<ScreeningKind, string>;
  for (const t of SCREENING_TEMPLATES) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "ScreeningTemplate" (id, "clinicId", key, kind, version, title, definition)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6) RETURNING id`,
      [clinicId, t.key, t.kind, t.version, t.title, JSON.stringify(t)],
    );
    templates[t.kind] = rows[0].id;
  }
  const protocols = {} as ClinicSetup['protocols'];
  for (const p of PROTOCOL_CATALOGUE) {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO "Protocol" (id, "clinicId", key, version, name, route, setting, definition)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [clinicId, p.key, p.version, p.name, p.route, p.setting, JSON.stringify(p)],
    );
    protocols[p.key as ProtocolKey] = { id: rows[0].id, definition: p };
  }
  const hours: ClinicSetup['hours'] = {};
  const concurrentByWeekday: ClinicSetup['concurrentByWeekday'] = {};
  for (let day = 1; day <= 6; day++) {
    const saturday = day === 6;
    const [opensAt, closesAt] = saturday ? ['09:00', '13:00'] : ['08:00', '18:00'];
    const nurses = saturday ? size.saturdayNurses : size.weekdayNurses;
    await client.query(
      `INSERT INTO "OpeningHours" (id, "clinicId", weekday, "opensAt", "closesAt") VALUES (gen_random_uuid(), $1, $2, $3, $4)`,
      [clinicId, day, opensAt, closesAt],
    );
    await client.query(
      `INSERT INTO "NurseShift" (id, "clinicId", weekday, "startsAt", "endsAt", nurses) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)`,
      [clinicId, day, opensAt, closesAt, nurses],
    );
    hours[day] = { opens: minutes(opensAt), closes: minutes(closesAt) };
    // The clinic's default ratio: four chair-side infusions per nurse.
    concurrentByWeekday[day] = nurses * 4;
  }
  const chairRows = [
    ...Array.from({ length: size.chairs }, (_, i) => ({ name: `Chair ${i + 1}`, kind: 'CHAIR' })),
    ...Array.from({ length: size.beds }, (_, i) => ({ name: `Bed ${i + 1}`, kind: 'BED' })),
  ];
  const { rows: chairs } = await client.query<{ id: string; kind: string }>(
    `INSERT INTO "Chair" (id, "clinicId", name, kind)
     SELECT gen_random_uuid(), $1, c.name, c.kind::"ChairKind" FROM jsonb_to_recordset($2::jsonb) AS c(name text, kind text)
     RETURNING id, kind`,
    [clinicId, JSON.stringify(chairRows)],
  );
  // Staff who cannot sign in: their password is random and never shown.
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  const staffCounts = {
    NURSE: size.weekdayNurses + 1,
    CLINICIAN: Math.max(2, Math.ceil(size.chairs / 8)),
    SCHEDULER: Math.max(1, Math.ceil(size.chairs / 16)),
  };
  const staff: ClinicSetup['staff'] = { nurses: [], clinicians: [], schedulers: [] };
  for (const [role, count] of Object.entries(staffCounts)) {
    for (let i = 1; i <= count; i++) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO "User" (id, "clinicId", email, "displayName", "passwordHash", roles)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, ARRAY[$5]::"Role"[]) RETURNING id`,
        [
          clinicId,
          `${role.toLowerCase()}${i}.${clinicId.slice(0, 8)}@synthetic.cadence.test`,
          `${role[0]}${role.slice(1).toLowerCase()} ${i} (synthetic)`,
          passwordHash,
          role,
        ],
      );
      (role === 'NURSE' ? staff.nurses : role === 'CLINICIAN' ? staff.clinicians : staff.schedulers).push(rows[0].id);
    }
  }
  const setup: ClinicSetup = {
    clinicId,
    timeZone,
    chairs: chairs.filter((c) => c.kind === 'CHAIR').map((c) => c.id),
    beds: chairs.filter((c) => c.kind === 'BED').map((c) => c.id),
    hours,
    concurrentByWeekday,
    staff,
    protocols,
    templates,
  };
  const users = staff.nurses.length + staff.clinicians.length + staff.schedulers.length;
  return {
    setup,
    rows: {
      Clinic: 1,
      Chair: chairs.length,
      User: users,
      setup: SCREENING_TEMPLATES.length + PROTOCOL_CATALOGUE.length + 12 + 1,
    },
  };
}

/** An existing clinic's catalogue and staff, for a history written into it. */
export async function existingClinicSetup(
  client: pg.ClientBase,
  clinicId: string,
  shape: Pick<ClinicSetup, 'hours' | 'concurrentByWeekday'> & {
    chairNames: string[];
    bedNames: string[];
    liveChairNames?: string[];
  },
): Promise<ClinicSetup> {
  const clinic = await client.query<{ timezone: string }>(`SELECT timezone FROM "Clinic" WHERE id = $1`, [clinicId]);
  const chairs = await client.query<{ id: string; name: string }>(
    `SELECT id, name FROM "Chair" WHERE "clinicId" = $1`,
    [clinicId],
  );
  const byName = new Map(chairs.rows.map((c) => [c.name, c.id]));
  const named = (names: string[]) =>
    names.map((n) => {
      const id = byName.get(n);
      if (!id) throw new Error(`The clinic has no chair or bed named ${n}`);
      return id;
    });
  const protocols = await client.query<{ id: string; key: string; definition: Protocol }>(
    `SELECT DISTINCT ON (key) id, key, definition FROM "Protocol" WHERE "clinicId" = $1 ORDER BY key, version DESC`,
    [clinicId],
  );
  const templates = await client.query<{ id: string; kind: ScreeningKind }>(
    `SELECT DISTINCT ON (kind) id, kind FROM "ScreeningTemplate" WHERE "clinicId" = $1 ORDER BY kind, version DESC`,
    [clinicId],
  );
  const users = await client.query<{ id: string; roles: string }>(
    `SELECT id, roles::text FROM "User" WHERE "clinicId" = $1 AND active ORDER BY email`,
    [clinicId],
  );
  const withRole = (role: string) => users.rows.filter((u) => u.roles.includes(role)).map((u) => u.id);
  return {
    clinicId,
    timeZone: clinic.rows[0].timezone,
    chairs: named(shape.chairNames),
    beds: named(shape.bedNames),
    liveChairs: named(shape.liveChairNames ?? []),
    hours: shape.hours,
    concurrentByWeekday: shape.concurrentByWeekday,
    staff: { nurses: withRole('NURSE'), clinicians: withRole('CLINICIAN'), schedulers: withRole('SCHEDULER') },
    protocols: Object.fromEntries(
      protocols.rows.map((p) => [p.key, { id: p.id, definition: p.definition }]),
    ) as ClinicSetup['protocols'],
    templates: Object.fromEntries(templates.rows.map((t) => [t.kind, t.id])) as ClinicSetup['templates'],
  };
}

export const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Tables in the order they are written, with the signatures' staging last. */
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];
