import { Inject, Injectable } from '@nestjs/common';
import type { DomainError } from '../../common/errors/domain-error';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import { EligibilityService, type GateCaller } from '../screening/eligibility.service';
import { BookingRepository } from './booking.repository';

export type GateResult =
  { ok: true; screeningIds: string[] } | { ok: false; reason: 'NOT_ELIGIBLE'; error: DomainError };

/**
 * The first two steps of every booking write (a course, a move, later a booster), in the caller's
 * open transaction: the clinic's booking lock, then the patient's eligibility lock and the gate.
 * The caller then re-checks the plan (`PlanningService.recheck`) and writes before the locks end.
 */
@Injectable()
export class BookingService {
  constructor(
    private readonly locks: BookingRepository,
    private readonly eligibility: EligibilityService,
    @Inject(TransactionHost) private readonly transactions: Transactions,
  ) {}

  /**
   * Bookings of one clinic are serialised, so the re-check sees every booking committed before
   * this one and nurse capacity (which no constraint can express) holds under concurrent
   * requests; the exclusion constraints stay the last line. Under the patient's lock, which
   * screening state changes also take, no screening can be submitted, signed or declined between
   * the decision and the write. A refusal is returned rather than thrown, so the gate's audit row
   * commits with the transaction; any other error ends it.
   */
  async lockAndGate(clinicId: string, patientId: string, dates: string[], caller: GateCaller): Promise<GateResult> {
    if (!this.transactions.isTransactionActive())
      throw new Error('Booking locks are taken inside the booking transaction');
    await this.locks.lockClinic(clinicId);
    await this.locks.lockEligibility(patientId);
    // The gate reads and audits through the booking's open transaction.
    const gate = await this.eligibility.gate(clinicId, patientId, dates, caller);
    return gate.ok ? gate : { ok: false, reason: 'NOT_ELIGIBLE', error: gate.error };
  }
}
