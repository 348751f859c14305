import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

/** What every infusion-day write reads of its session first, under the session's row lock. */
export const sessionHeadSelect = {
  id: true,
  clinicId: true,
  appointmentId: true,
  patientId: true,
  courseId: true,
  state: true,
  supervisingClinicianId: true,
  checkedInOn: true,
  checkInCleared: true,
  weightKg: true,
  startedAt: true,
  stoppedAt: true,
  dischargedAt: true,
  nurseSignedAt: true,
  clinicianSignedAt: true,
  version: true,
} as const;

export interface SessionHead {
  id: string;
  clinicId: string;
  appointmentId: string;
  patientId: string;
  courseId: string;
  state: 'CHECKED_IN' | 'INFUSING' | 'IN_RECOVERY' | 'DISCHARGED';
  supervisingClinicianId: string | null;
  checkedInOn: Date;
  checkInCleared: boolean;
  weightKg: { toNumber(): number } | null;
  startedAt: Date | null;
  stoppedAt: Date | null;
  dischargedAt: Date | null;
  nurseSignedAt: Date | null;
  clinicianSignedAt: Date | null;
  version: number;
}

/**
 * The infusion session row shared by the session, dosing, vitals and adverse-event modules. Writes
 * take the row lock first (`lock`), so two tablets acting on one session are serialised where the
 * state matters (start, stop, discharge, signing) and a reading never lands after the signature.
 */
@Injectable()
export class SessionRecordsRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** The session of this clinic, locked FOR UPDATE until the transaction ends; null when there is none. */
  async lock(clinicId: string, sessionId: string): Promise<SessionHead | null> {
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      SELECT id FROM "InfusionSession" WHERE id = ${sessionId}::uuid AND "clinicId" = ${clinicId}::uuid FOR UPDATE`;
    if (rows.length === 0) return null;
    return this.head(clinicId, sessionId);
  }

  /** The session of this clinic without a lock (reads). */
  head(clinicId: string, sessionId: string): Promise<SessionHead | null> {
    return this.db.infusionSession.findFirst({ where: { id: sessionId, clinicId }, select: sessionHeadSelect });
  }

  /** Bumps the version after a change to the session or its entries, so a stale edit elsewhere is refused. */
  async touch(sessionId: string): Promise<number> {
    const row = await this.db.infusionSession.update({
      where: { id: sessionId },
      data: { version: { increment: 1 } },
      select: { version: true },
    });
    return row.version;
  }
}
