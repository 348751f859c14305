import { Inject, Injectable } from '@nestjs/common';
import type { AdverseEvent, Prisma } from '@prisma/client';
import { isIntegrityRefusal } from '../../common/prisma/pg-errors';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

export type AdverseEventRow = AdverseEvent;

/** What an event's edit, confirmation or dismissal may change. */
export type AdverseEventChanges = Pick<
  Prisma.AdverseEventUpdateInput,
  | 'term'
  | 'grade'
  | 'onsetAt'
  | 'actions'
  | 'outcome'
  | 'serious'
  | 'description'
  | 'status'
  | 'dismissReason'
  | 'decidedById'
  | 'decidedAt'
>;

export type ChangeWrite = 'CHANGED' | 'STALE' | 'SIGNED';

@Injectable()
export class AdverseEventsRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** Any event with this id, whichever session it is on (a client id is unique everywhere). */
  byId(id: string): Promise<AdverseEventRow | null> {
    return this.db.adverseEvent.findUnique({ where: { id } });
  }

  /** The session of this clinic's event, to lock before the event is changed. */
  async sessionOf(clinicId: string, id: string): Promise<string | undefined> {
    const row = await this.db.adverseEvent.findFirst({
      where: { id, session: { clinicId } },
      select: { sessionId: true },
    });
    return row?.sessionId;
  }

  forSession(sessionId: string): Promise<AdverseEventRow[]> {
    return this.db.adverseEvent.findMany({ where: { sessionId }, orderBy: [{ onsetAt: 'asc' }, { createdAt: 'asc' }] });
  }

  /** Null when the trigger refused it: the record was signed meanwhile. */
  async create(data: Prisma.AdverseEventUncheckedCreateInput): Promise<AdverseEventRow | null> {
    try {
      return await this.db.adverseEvent.create({ data });
    } catch (error) {
      if (isIntegrityRefusal(error)) return null;
      throw error;
    }
  }

  /** Applies the changes only at `version`, bumping it; the check and the write are one UPDATE. */
  async change(id: string, version: number, changes: AdverseEventChanges): Promise<ChangeWrite> {
    try {
      const { count } = await this.db.adverseEvent.updateMany({
        where: { id, version },
        data: { ...changes, version: { increment: 1 } } as Prisma.AdverseEventUpdateManyMutationInput,
      });
      return count === 1 ? 'CHANGED' : 'STALE';
    } catch (error) {
      if (isIntegrityRefusal(error)) return 'SIGNED';
      throw error;
    }
  }
}
