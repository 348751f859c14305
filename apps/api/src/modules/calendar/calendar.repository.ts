import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

@Injectable()
export class CalendarRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  clinic(clinicId: string) {
    return this.db.clinic.findUnique({
      where: { id: clinicId },
      select: { name: true, address: true, timezone: true, infusionSettings: true },
    });
  }

  async patientExists(clinicId: string, id: string): Promise<boolean> {
    return (await this.db.patient.count({ where: { id, clinicId } })) > 0;
  }

  /** The patient's live appointments not yet over. */
  upcoming(clinicId: string, patientId: string, now: Date) {
    return this.db.appointment.findMany({
      where: { clinicId, patientId, status: 'BOOKED', endsAt: { gt: now } },
      select: {
        id: true,
        sessionNumber: true,
        startsAt: true,
        endsAt: true,
        version: true,
        updatedAt: true,
        chair: { select: { name: true } },
        course: { select: { sessionCount: true, protocol: { select: { name: true, definition: true } } } },
      },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    });
  }
}
