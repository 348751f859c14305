import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../common/prisma/prisma.service';
import { AuditEntry, insertAudit } from '../audit/audit-entry';

@Injectable()
export class CalendarRepository {
  constructor(private readonly prisma: PrismaService) {}

  clinic(clinicId: string) {
    return this.prisma.clinic.findUnique({ where: { id: clinicId }, select: { name: true, timezone: true } });
  }

  patientExists(clinicId: string, id: string): Promise<boolean> {
    return this.prisma.patient.count({ where: { id, clinicId } }).then((n) => n > 0);
  }

  /** The patient's live appointments not yet over, with the EXPORT audit row, in one transaction. */
  upcoming(clinicId: string, patientId: string, now: Date, audit: AuditEntry) {
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.appointment.findMany({
        where: { clinicId, patientId, status: 'BOOKED', endsAt: { gt: now } },
        select: {
          id: true,
          sessionNumber: true,
          startsAt: true,
          endsAt: true,
          chair: { select: { name: true } },
          course: { select: { sessionCount: true, protocol: { select: { name: true } } } },
        },
        orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      });
      await insertAudit(tx, audit);
      return rows;
    });
  }
}
