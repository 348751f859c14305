import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@prisma/client';
import type { ScreeningKind } from '@cadence/domain';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';

export interface TemplateRecord {
  id: string;
  key: string;
  kind: ScreeningKind;
  version: number;
  title: string;
  definition: unknown;
  publishedAt: Date;
}

export interface NewTemplateVersion {
  clinicId: string;
  key: string;
  kind: ScreeningKind;
  version: number;
  title: string;
  definition: object;
  publishedById: string;
}

const templateFields = {
  id: true,
  key: true,
  kind: true,
  version: true,
  title: true,
  definition: true,
  publishedAt: true,
} as const;

/** A clinic's screening checklists. Every read names the clinic: no clinic sees another's versions. */
@Injectable()
export class ScreeningTemplatesRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  /** The clinic's checklists, newest version of each key first. */
  list(clinicId: string): Promise<TemplateRecord[]> {
    return this.db.screeningTemplate.findMany({
      where: { clinicId },
      orderBy: [{ key: 'asc' }, { version: 'desc' }],
      select: templateFields,
    });
  }

  find(clinicId: string, id: string): Promise<TemplateRecord | null> {
    return this.db.screeningTemplate.findFirst({ where: { id, clinicId }, select: templateFields });
  }

  /** The newest version of the clinic's key, if it has one. */
  latest(clinicId: string, key: string): Promise<TemplateRecord | null> {
    return this.db.screeningTemplate.findFirst({
      where: { clinicId, key },
      orderBy: { version: 'desc' },
      select: templateFields,
    });
  }

  /** Serialises publishing of one clinic's key until the open transaction ends. */
  async lockKey(clinicId: string, key: string): Promise<void> {
    await this.db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`screening-template:${clinicId}:${key}`}))`;
  }

  create(input: NewTemplateVersion): Promise<TemplateRecord> {
    return this.db.screeningTemplate.create({
      data: { ...input, definition: input.definition as Prisma.InputJsonObject },
      select: templateFields,
    });
  }
}
