import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

export interface OccupancyRow {
  date: string;
  openMinutes: number;
  bookedMinutes: number;
  closed: boolean;
}

/**
 * How full each clinic-local day of a month is, computed in PostgreSQL (the month's appointments
 * are summed there, never loaded). Opening windows are placed on each date in the clinic's zone,
 * so a window across a clock change counts its real minutes. Beds are left out on both sides:
 * they keep no opening hours.
 */
@Injectable()
export class OccupancyRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  /** `firstDay` is the month's first date, YYYY-MM-01; one row per day of that month. */
  month(clinicId: string, firstDay: string): Promise<OccupancyRow[]> {
    return this.transactions.tx.$queryRaw<OccupancyRow[]>`
      WITH clinic AS (
        SELECT timezone AS tz FROM "Clinic" WHERE id = ${clinicId}::uuid
      ), days AS (
        SELECT d::date AS day
        FROM generate_series(${firstDay}::date, (${firstDay}::date + interval '1 month' - interval '1 day'), interval '1 day') d
      ), seats AS (
        SELECT count(*)::int AS n FROM "Chair" WHERE "clinicId" = ${clinicId}::uuid AND active AND kind <> 'BED'
      ), shut AS (
        SELECT days.day, EXISTS (
          SELECT 1 FROM "Closure" c
          WHERE c."clinicId" = ${clinicId}::uuid AND days.day BETWEEN c."startsOn" AND c."endsOn"
        ) AS closed
        FROM days
      ), open AS (
        SELECT days.day,
          COALESCE(sum(extract(epoch FROM
            ((days.day + h."closesAt"::time) AT TIME ZONE clinic.tz) -
            ((days.day + h."opensAt"::time) AT TIME ZONE clinic.tz)) / 60), 0) AS minutes
        FROM days
        CROSS JOIN clinic
        LEFT JOIN "OpeningHours" h ON h."clinicId" = ${clinicId}::uuid AND h.weekday = extract(isodow FROM days.day)
        GROUP BY days.day
      ), booked AS (
        SELECT (a."startsAt" AT TIME ZONE clinic.tz)::date AS day,
          sum(extract(epoch FROM a."endsAt" - a."startsAt") / 60) AS minutes
        FROM "Appointment" a
        JOIN "Chair" ch ON ch.id = a."chairId"
        CROSS JOIN clinic
        WHERE a."clinicId" = ${clinicId}::uuid
          AND a.status <> 'CANCELLED'
          AND ch.kind <> 'BED'
          AND a."startsAt" >= (${firstDay}::date::timestamp AT TIME ZONE clinic.tz)
          AND a."startsAt" < ((${firstDay}::date + interval '1 month')::timestamp AT TIME ZONE clinic.tz)
        GROUP BY 1
      )
      SELECT to_char(days.day, 'YYYY-MM-DD') AS "date",
        (CASE WHEN shut.closed THEN 0 ELSE round(open.minutes) * seats.n END)::int AS "openMinutes",
        COALESCE(round(booked.minutes), 0)::int AS "bookedMinutes",
        shut.closed AS "closed"
      FROM days
      JOIN shut ON shut.day = days.day
      JOIN open ON open.day = days.day
      CROSS JOIN seats
      LEFT JOIN booked ON booked.day = days.day
      ORDER BY days.day`;
  }
}
