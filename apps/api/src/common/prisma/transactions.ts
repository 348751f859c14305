import { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { PrismaService } from './prisma.service';

/**
 * The transaction context of one use case. Services open it (`transactions.withTransaction(() => …)`)
 * and orchestrate lock → gate → recheck → write inside; repositories read and write through
 * `transactions.tx`, which is the open transaction when there is one and the plain client otherwise,
 * so no transaction handle is passed around by hand.
 */
export type Transactions = TransactionHost<TransactionalAdapterPrisma<PrismaService>>;
export { TransactionHost };

/** How long a transaction may wait for a connection and run: booking waits behind other bookings of its clinic. */
export const TRANSACTION_OPTIONS = { maxWait: 20_000, timeout: 20_000 } as const;
