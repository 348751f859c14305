import { Injectable } from '@nestjs/common';
import type { Prisma, Protocol as ProtocolRow } from '@prisma/client';
import { PrismaService } from '../../common/prisma/prisma.service';
import { AuditEntry, insertAudit } from '../audit/audit-entry';

export type ProtocolRecord = ProtocolRow;

export interface NewProtocolVersion {
  key: string;
  name: string;
  route: ProtocolRow['route'];
  setting: ProtocolRow['setting'];
  /** The record to store, given the version number it will be published as. */
  definition: (version: number) => object;
}

@Injectable()
export class ProtocolsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The newest active version of each protocol key. */
  latestActive(): Promise<ProtocolRecord[]> {
    return this.prisma.protocol.findMany({
      where: { active: true },
      distinct: ['key'],
      orderBy: [{ key: 'asc' }, { version: 'desc' }],
    });
  }

  find(id: string): Promise<ProtocolRecord | null> {
    return this.prisma.protocol.findUnique({ where: { id } });
  }

  /**
   * Publishes the next version of `key` with its audit row. Publishing one key is serialised by a
   * transaction-scoped advisory lock, so two admins cannot both take the same version number.
   */
  publish(
    input: NewProtocolVersion,
    publishedById: string,
    audit: (id: string) => AuditEntry,
  ): Promise<ProtocolRecord> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`protocol:${input.key}`}))`;
      const latest = await tx.protocol.findFirst({
        where: { key: input.key },
        orderBy: { version: 'desc' },
        select: { version: true },
      });
      const version = (latest?.version ?? 0) + 1;
      const created = await tx.protocol.create({
        data: {
          key: input.key,
          version,
          name: input.name,
          route: input.route,
          setting: input.setting,
          definition: input.definition(version) as Prisma.InputJsonObject,
          publishedById,
        },
      });
      await insertAudit(tx, audit(created.id));
      return created;
    });
  }
}
