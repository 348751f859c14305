import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { wordCondition } from '../patients/patients.sql';
import type { AuditEntry } from './audit-entry';

export interface AuditFilter {
  clinicId: string;
  patientId?: string;
  /** Name or MRN words, each of which the patient's name or MRN must contain (the trigram index). */
  patientWords: string[];
  action?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
}

/** An audit row with who acted and whose record it is, as the clinic knows them. */
export interface AuditRow {
  id: bigint;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  actorEmail: string | null;
  actorRoles: string[] | null;
  action: string;
  entity: string;
  entityId: string | null;
  patientId: string | null;
  patientMrn: string | null;
  patientGivenName: string | null;
  patientFamilyName: string | null;
  requestId: string | null;
  fields: string[];
}

/** Repeated reads of one thing by one person, or one change. */
export interface AccessGroupRow {
  actorId: string | null;
  actorName: string | null;
  actorRoles: string[] | null;
  action: string;
  entity: string;
  entityId: string | null;
  requestId: string | null;
  fields: string[];
  count: number;
  firstAt: Date;
  lastAt: Date;
}

const instant = (at: Date) => Prisma.sql`${at.toISOString()}::timestamptz`;

const FROM = Prisma.sql`FROM "AuditEvent" a LEFT JOIN "User" u ON u.id = a."actorId"`;

@Injectable()
export class AuditRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** Writes the row in the use case's open transaction, so a change and its audit commit together. */
  async record(entry: AuditEntry): Promise<void> {
    await this.db.auditEvent.create({ data: entry, select: { id: true } });
  }

  /** One row per record shown (a list), in one statement in the open transaction. */
  async recordMany(entries: AuditEntry[]): Promise<void> {
    if (entries.length > 0) await this.db.auditEvent.createMany({ data: entries });
  }

  /**
   * The events of the clinic's staff, and the events without a staff actor about one of the
   * clinic's patients (the patient's own through their follow-up link, the daily job's); anonymous
   * events such as failed logins stay out. A patient named by words is looked up through the
   * patient search's trigram index, then their events through the (patientId, at) index.
   */
  private where(filter: AuditFilter): Prisma.Sql {
    const clinic = Prisma.sql`${filter.clinicId}::uuid`;
    const conditions = [
      Prisma.sql`(u."clinicId" = ${clinic} OR (a."actorId" IS NULL AND a."patientId" IN (
        SELECT mine.id FROM "Patient" mine WHERE mine."clinicId" = ${clinic})))`,
    ];
    if (filter.patientId) conditions.push(Prisma.sql`a."patientId" = ${filter.patientId}::uuid`);
    if (filter.patientWords.length > 0)
      conditions.push(Prisma.sql`a."patientId" IN (
        SELECT p.id FROM "Patient" p
        WHERE p."clinicId" = ${clinic} AND ${Prisma.join(filter.patientWords.map(wordCondition), ' AND ')})`);
    if (filter.action) conditions.push(Prisma.sql`a.action = ${filter.action}`);
    if (filter.actorId) conditions.push(Prisma.sql`a."actorId" = ${filter.actorId}::uuid`);
    if (filter.from) conditions.push(Prisma.sql`a.at >= ${instant(filter.from)}`);
    if (filter.to) conditions.push(Prisma.sql`a.at < ${instant(filter.to)}`);
    return Prisma.join(conditions, ' AND ');
  }

  private rows(filter: AuditFilter, tail: Prisma.Sql): Promise<AuditRow[]> {
    return this.db.$queryRaw<AuditRow[]>`
      SELECT a.id, a.at, a."actorId", u."displayName" AS "actorName", u.email AS "actorEmail",
        u.roles::text[] AS "actorRoles", a.action, a.entity, a."entityId", a."patientId",
        own.mrn AS "patientMrn", own."givenName" AS "patientGivenName", own."familyName" AS "patientFamilyName",
        a."requestId", coalesce(a.fields, '{}') AS fields
      ${FROM}
      LEFT JOIN "Patient" own ON own.id = a."patientId" AND own."clinicId" = ${filter.clinicId}::uuid
      WHERE ${this.where(filter)}
      ${tail}`;
  }

  /** A page of events, newest first, and how many match. */
  async find(filter: AuditFilter, skip: number, take: number) {
    const rows = await this.rows(filter, Prisma.sql`ORDER BY a.id DESC LIMIT ${take} OFFSET ${skip}`);
    const [{ total }] = await this.db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total ${FROM} WHERE ${this.where(filter)}`;
    return { rows, total };
  }

  /** Every matching event, newest first, a batch at a time (keyset on the id), for an export. */
  async *each(filter: AuditFilter, batch = 1000): AsyncGenerator<AuditRow> {
    let before: bigint | undefined;
    for (;;) {
      const after = before === undefined ? Prisma.empty : Prisma.sql`AND a.id < ${before}`;
      const rows = await this.rows(filter, Prisma.sql`${after} ORDER BY a.id DESC LIMIT ${batch}`);
      yield* rows;
      if (rows.length < batch) return;
      before = rows[rows.length - 1].id;
    }
  }

  /**
   * Who has seen or changed one patient's record: reads and searches of the same thing (record
   * kind, record and fields) by the same person join one group while each comes within `minutes`
   * of the one before; every change is its own group. Newest group first.
   */
  async accessGroups(
    filter: AuditFilter & { patientId: string },
    minutes: number,
    skip: number,
    take: number,
  ): Promise<{ rows: AccessGroupRow[]; total: number }> {
    const statement = Prisma.sql`
      WITH events AS (
        SELECT a.id, a.at, a."actorId", a.action, a.entity, a."entityId", coalesce(a.fields, '{}') AS fields,
          -- Actorless rows are the patient's own (follow-up link) or a job's: never one group.
          CASE WHEN a."actorId" IS NULL THEN coalesce(a."requestId" LIKE 'job:%', false) END AS "byJob",
          a."requestId"
        ${FROM}
        WHERE ${this.where(filter)}
      ), starts AS (
        SELECT *, CASE
            WHEN action NOT IN ('READ', 'SEARCH') THEN 1
            WHEN lag(at) OVER same IS NULL OR at - lag(at) OVER same > ${minutes}::int * interval '1 minute' THEN 1
            ELSE 0 END AS starts
        FROM events
        WINDOW same AS (PARTITION BY "actorId", "byJob", action, entity, "entityId", fields ORDER BY at, id)
      ), numbered AS (
        SELECT *, sum(starts) OVER (
          PARTITION BY "actorId", "byJob", action, entity, "entityId", fields ORDER BY at, id) AS "group"
        FROM starts
      ), groups AS (
        SELECT "actorId", action, entity, "entityId", fields, min("requestId") AS "requestId",
          count(*)::int AS count, min(at) AS "firstAt", max(at) AS "lastAt", max(id) AS "lastId"
        FROM numbered
        GROUP BY "actorId", "byJob", action, entity, "entityId", fields, "group"
      )
      SELECT g."actorId", u."displayName" AS "actorName", u.roles::text[] AS "actorRoles", g.action, g.entity,
        g."entityId", g."requestId", g.fields, g.count, g."firstAt", g."lastAt", count(*) OVER ()::int AS total
      FROM groups g LEFT JOIN "User" u ON u.id = g."actorId"
      ORDER BY g."lastAt" DESC, g."lastId" DESC
      LIMIT ${take} OFFSET ${skip}`;
    const rows = await this.db.$queryRaw<(AccessGroupRow & { total: number })[]>(statement);
    // A page past the last counts the groups on the first.
    if (rows.length === 0 && skip > 0) return { rows, total: (await this.accessGroups(filter, minutes, 0, 1)).total };
    return { rows, total: rows[0]?.total ?? 0 };
  }

  async staffIds(clinicId: string) {
    const users = await this.db.user.findMany({ where: { clinicId }, select: { id: true } });
    return users.map((u) => u.id);
  }

  /** The clinic's patient with this MRN, if any. */
  async patientIdByMrn(clinicId: string, mrn: string): Promise<string | undefined> {
    const patient = await this.db.patient.findUnique({
      where: { clinicId_mrn: { clinicId, mrn } },
      select: { id: true },
    });
    return patient?.id;
  }

  /** The clinic's patient whose whole MRN this is, in any case (the lower(mrn) lookup the patient search uses). */
  async patientIdByWholeMrn(clinicId: string, word: string): Promise<string | undefined> {
    const [patient] = await this.db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Patient" WHERE "clinicId" = ${clinicId}::uuid AND lower(mrn) = lower(${word}) LIMIT 1`;
    return patient?.id;
  }

  /** The clinic's patient by id, as the report heads it. */
  patientOf(clinicId: string, id: string) {
    return this.db.patient.findFirst({
      where: { clinicId, id },
      select: { id: true, mrn: true, givenName: true, familyName: true },
    });
  }
}
