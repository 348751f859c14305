import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost, type Transactions } from '../../common/prisma/transactions';
import type { StoredLink } from './follow-up.mapper';

const linkSelect = { id: true, followUpId: true, createdAt: true, expiresAt: true, usedAt: true } as const;

export interface NewLinkMessage {
  clinicId: string;
  patientId: string;
  followUpId: string;
  dedupeKey: string;
  toAddress: string | null;
  subject: string;
  body: string;
}

/** Patients' follow-up links (their hashes), the FOLLOW_UP_LINK messages queued for them, and the public routes' throttle. */
@Injectable()
export class PatientLinksRepository {
  constructor(@Inject(TransactionHost) private readonly transactions: Transactions) {}

  private get db() {
    return this.transactions.tx;
  }

  async insert(link: {
    id: string;
    followUpId: string;
    tokenHash: string;
    expiresAt: Date;
    createdById: string;
    createdAt: Date;
  }): Promise<StoredLink> {
    return this.db.followUpLink.create({ data: link, select: linkSelect });
  }

  ofFollowUps(followUpIds: string[]): Promise<StoredLink[]> {
    if (followUpIds.length === 0) return Promise.resolve([]);
    return this.db.followUpLink.findMany({
      where: { followUpId: { in: followUpIds } },
      select: linkSelect,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** The follow-up of a link still usable at `now` (unused, unexpired); undefined otherwise. */
  async usable(tokenHash: string, now: Date): Promise<{ id: string; followUpId: string } | undefined> {
    const link = await this.db.followUpLink.findFirst({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      select: { id: true, followUpId: true },
    });
    return link ?? undefined;
  }

  /**
   * Marks the link used at `now` if it is still usable: of two submissions at once the second waits
   * on the row and then finds it used. Undefined when it was not usable.
   */
  async use(tokenHash: string, now: Date): Promise<{ id: string; followUpId: string } | undefined> {
    const rows = await this.db.$queryRaw<{ id: string; followUpId: string }[]>`
      UPDATE "FollowUpLink" SET "usedAt" = ${now}
      WHERE "tokenHash" = ${tokenHash} AND "usedAt" IS NULL AND "expiresAt" > ${now}
      RETURNING id, "followUpId"`;
    return rows[0];
  }

  queueMessage(message: NewLinkMessage) {
    return this.db.message.create({
      data: { ...message, kind: 'FOLLOW_UP_LINK', status: 'QUEUED' },
      select: { id: true, status: true, toAddress: true },
    });
  }

  /**
   * The caller's requests to the link routes since `since`, after recording this one; rows older
   * than the window are pruned for this address as it goes (the (ip, at) index serves both).
   */
  async countRequest(ip: string, refused: boolean, since: Date) {
    await this.db.patientLinkRequest.deleteMany({ where: { ip, at: { lt: since } } });
    await this.db.patientLinkRequest.create({ data: { ip, refused }, select: { id: true } });
    const [all, refusals] = await Promise.all([
      this.db.patientLinkRequest.count({ where: { ip, at: { gte: since } } }),
      this.db.patientLinkRequest.count({ where: { ip, refused: true, at: { gte: since } } }),
    ]);
    return { all, refusals };
  }

  /** The oldest request of the address still in the window: when the window frees a place. */
  async oldestSince(ip: string, since: Date): Promise<Date | undefined> {
    const row = await this.db.patientLinkRequest.findFirst({
      where: { ip, at: { gte: since } },
      orderBy: { at: 'asc' },
      select: { at: true },
    });
    return row?.at;
  }
}
