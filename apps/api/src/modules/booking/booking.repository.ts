import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

/**
 * The advisory locks of booking, taken in the open transaction and released when it ends. The
 * keys are shared with other modules: screening state changes take `eligibility:<patientId>` in
 * their own statements, so keep them as they are.
 */
@Injectable()
export class BookingRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  /** Serialises the bookings of one clinic. */
  async lockClinic(clinicId: string): Promise<void> {
    await this.transactions.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`booking:${clinicId}`}))`;
  }

  /** Serialises eligibility decisions about one patient with changes to their screenings. */
  async lockEligibility(patientId: string): Promise<void> {
    await this.transactions.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`eligibility:${patientId}`}))`;
  }

  async clinicTimezone(clinicId: string): Promise<string | undefined> {
    const clinic = await this.transactions.tx.clinic.findUnique({
      where: { id: clinicId },
      select: { timezone: true },
    });
    return clinic?.timezone;
  }
}
