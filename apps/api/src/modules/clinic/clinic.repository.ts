import { Injectable } from '@nestjs/common';
import { Prisma } from '@prisma/client';
import { PrismaService } from '../../common/prisma/prisma.service';
import { AuditEntry, insertAudit } from '../audit/audit-entry';
import type { ChairKind } from './dto/clinic.dto';
import { isUniqueViolation } from '../../common/prisma/pg-errors';

export interface ClinicSettings {
  name: string;
  timezone: string;
  maxInfusionsPerNurse: number;
  bpReviewSystolic: number;
  bpReviewDiastolic: number;
  bpBlockSystolic: number;
  bpBlockDiastolic: number;
  screeningValidityDays: number;
}

export interface Window {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

export interface NewNurseShift {
  weekday: number | null;
  /** Clinic-local date, YYYY-MM-DD. */
  date: string | null;
  startsAt: string;
  endsAt: string;
  nurses: number;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const chairFields = { id: true, name: true, kind: true, active: true } as const;

/** What an admin needs to call the patient of a booking a capacity change strands. */
const affectedSelect = {
  id: true,
  patientId: true,
  startsAt: true,
  endsAt: true,
  sessionNumber: true,
  chair: { select: { name: true, kind: true } },
  course: { select: { sessionCount: true } },
  patient: { select: { givenName: true, familyName: true, mrn: true } },
} satisfies Prisma.AppointmentSelect;

export type AffectedRecord = Prisma.AppointmentGetPayload<{ select: typeof affectedSelect }>;

@Injectable()
export class ClinicRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The clinic with its opening hours, closures, nurse shifts and chairs: one round trip per list. */
  read(clinicId: string) {
    return this.prisma.clinic.findUnique({
      where: { id: clinicId },
      include: {
        hours: { orderBy: [{ weekday: 'asc' }, { opensAt: 'asc' }] },
        closures: { orderBy: [{ startsOn: 'asc' }, { id: 'asc' }] },
        nurseShifts: { orderBy: [{ weekday: 'asc' }, { date: 'asc' }, { startsAt: 'asc' }] },
        chairs: { select: chairFields, orderBy: [{ kind: 'asc' }, { name: 'asc' }] },
      },
    });
  }

  settings(clinicId: string): Promise<ClinicSettings | null> {
    return this.prisma.clinic.findUnique({
      where: { id: clinicId },
      select: {
        name: true,
        timezone: true,
        maxInfusionsPerNurse: true,
        bpReviewSystolic: true,
        bpReviewDiastolic: true,
        bpBlockSystolic: true,
        bpBlockDiastolic: true,
        screeningValidityDays: true,
      },
    });
  }

  updateSettings(clinicId: string, changes: Partial<ClinicSettings>, audit: AuditEntry) {
    return this.prisma.$transaction(async (tx) => {
      await tx.clinic.update({ where: { id: clinicId }, data: changes });
      await insertAudit(tx, audit);
    });
  }

  replaceOpeningHours(clinicId: string, windows: Window[], audit: AuditEntry) {
    return this.prisma.$transaction(async (tx) => {
      await tx.openingHours.deleteMany({ where: { clinicId } });
      await tx.openingHours.createMany({ data: windows.map((w) => ({ ...w, clinicId })) });
      await insertAudit(tx, audit);
    });
  }

  addClosure(
    clinicId: string,
    closure: { startsOn: string; endsOn: string; reason: string },
    audit: (id: string) => AuditEntry,
  ) {
    return this.prisma.$transaction(async (tx) => {
      const created = await tx.closure.create({
        data: { clinicId, startsOn: day(closure.startsOn), endsOn: day(closure.endsOn), reason: closure.reason },
      });
      await insertAudit(tx, audit(created.id));
      return created;
    });
  }

  /** Deletes a closure of this clinic with its audit row; false when there is none. */
  deleteClosure(clinicId: string, id: string, audit: AuditEntry): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.closure.deleteMany({ where: { id, clinicId } });
      if (count > 0) await insertAudit(tx, audit);
      return count > 0;
    });
  }

  addNurseShift(clinicId: string, shift: NewNurseShift, audit: (id: string) => AuditEntry) {
    return this.prisma.$transaction(async (tx) => {
      const created = await tx.nurseShift.create({
        data: { ...shift, clinicId, date: shift.date ? day(shift.date) : null },
      });
      await insertAudit(tx, audit(created.id));
      return created;
    });
  }

  deleteNurseShift(clinicId: string, id: string, audit: AuditEntry): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.nurseShift.deleteMany({ where: { id, clinicId } });
      if (count > 0) await insertAudit(tx, audit);
      return count > 0;
    });
  }

  /** Creates a chair; undefined when the clinic already has one of that name. */
  async addChair(clinicId: string, chair: { name: string; kind: ChairKind }, audit: (id: string) => AuditEntry) {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const created = await tx.chair.create({ data: { ...chair, clinicId }, select: chairFields });
        await insertAudit(tx, audit(created.id));
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  /** The clinic's BOOKED appointments on a chair, bed or room that overlap [start, end): one query. */
  liveAppointmentsOverlapping(clinicId: string, span: { start: Date; end: Date }): Promise<AffectedRecord[]> {
    return this.prisma.appointment.findMany({
      where: {
        clinicId,
        status: 'BOOKED',
        chairId: { not: null },
        startsAt: { lt: span.end },
        endsAt: { gt: span.start },
      },
      select: affectedSelect,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** The clinic's BOOKED appointments on one chair that start after `after`: one query. */
  liveAppointmentsOnChair(clinicId: string, chairId: string, after: Date): Promise<AffectedRecord[]> {
    return this.prisma.appointment.findMany({
      where: { clinicId, chairId, status: 'BOOKED', startsAt: { gt: after } },
      select: affectedSelect,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** Renames or (de)activates a chair of this clinic; 'NOT_FOUND' or 'NAME_TAKEN' when it cannot. */
  async updateChair(clinicId: string, id: string, changes: { name?: string; active?: boolean }, audit: AuditEntry) {
    try {
      return await this.prisma.$transaction(async (tx) => {
        const { count } = await tx.chair.updateMany({ where: { id, clinicId }, data: changes });
        if (count === 0) return 'NOT_FOUND' as const;
        await insertAudit(tx, audit);
        return tx.chair.findUniqueOrThrow({ where: { id }, select: chairFields });
      });
    } catch (error) {
      if (isUniqueViolation(error)) return 'NAME_TAKEN' as const;
      throw error;
    }
  }
}
