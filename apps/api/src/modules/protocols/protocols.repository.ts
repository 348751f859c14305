import { Inject, Injectable } from '@nestjs/common';
import type { Prisma, Protocol as ProtocolRow } from '@prisma/client';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

export type ProtocolRecord = ProtocolRow;

export interface NewProtocolVersion {
  clinicId: string;
  key: string;
  version: number;
  name: string;
  route: ProtocolRow['route'];
  setting: ProtocolRow['setting'];
  definition: object;
  publishedById: string;
}

/** A clinic's protocol catalogue. Every read names the clinic: no clinic sees another's versions. */
@Injectable()
export class ProtocolsRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** The newest active version of each of the clinic's protocol keys. */
  latestActive(clinicId: string): Promise<ProtocolRecord[]> {
    return this.db.protocol.findMany({
      where: { clinicId, active: true },
      distinct: ['key'],
      orderBy: [{ key: 'asc' }, { version: 'desc' }],
    });
  }

  find(clinicId: string, id: string): Promise<ProtocolRecord | null> {
    return this.db.protocol.findFirst({ where: { id, clinicId } });
  }

  /** Serialises publishing of one clinic's key until the open transaction ends. */
  async lockKey(clinicId: string, key: string): Promise<void> {
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`protocol:${clinicId}:${key}`}))`;
  }

  /** The highest version number of the clinic's key, 0 when it has none. */
  async latestVersion(clinicId: string, key: string): Promise<number> {
    const latest = await this.db.protocol.findFirst({
      where: { clinicId, key },
      orderBy: { version: 'desc' },
      select: { version: true },
    });
    return latest?.version ?? 0;
  }

  create(input: NewProtocolVersion): Promise<ProtocolRecord> {
    return this.db.protocol.create({
      data: { ...input, definition: input.definition as Prisma.InputJsonObject },
    });
  }
}
