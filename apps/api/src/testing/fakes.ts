/**
 * Small in-memory stand-ins for unit tests of services: a transaction context that rolls the
 * fake stores back when a use case throws, and an audit trail. No database, no Prisma mocks.
 */
import type { Actor, RequestMeta } from '../common/auth/current-user';
import type { Transactions } from '../common/prisma/transactions';
import type { AuditEntry } from '../modules/audit/audit-entry';
import type { AuditRepository } from '../modules/audit/audit.repository';

/** Something whose state a rollback restores. */
export interface FakeStore {
  snapshot(): unknown;
  restore(state: unknown): void;
}

/**
 * Runs a use case as one transaction: a nested `withTransaction` joins the open one, and a throw
 * out of the outermost restores every registered store to where it was when it began.
 */
export class FakeTransactions {
  private depth = 0;
  private readonly stores: FakeStore[] = [];
  /** Stands in for the open transaction's client, which fakes never use. */
  readonly tx = Object.freeze({ fake: 'transaction client' });

  register(...stores: FakeStore[]): this {
    this.stores.push(...stores);
    return this;
  }

  async withTransaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.depth > 0) return fn();
    const saved = this.stores.map((s) => s.snapshot());
    this.depth++;
    try {
      return await fn();
    } catch (error) {
      this.stores.forEach((s, i) => s.restore(saved[i]));
      throw error;
    } finally {
      this.depth--;
    }
  }

  isTransactionActive(): boolean {
    return this.depth > 0;
  }

  get host(): Transactions {
    return this as unknown as Transactions;
  }
}

export class FakeAudit implements FakeStore, Pick<AuditRepository, 'record' | 'recordMany'> {
  entries: AuditEntry[] = [];

  async record(entry: AuditEntry): Promise<void> {
    this.entries.push(entry);
  }

  async recordMany(entries: AuditEntry[]): Promise<void> {
    this.entries.push(...entries);
  }

  snapshot() {
    return [...this.entries];
  }

  restore(state: unknown) {
    this.entries = state as AuditEntry[];
  }

  get repository(): AuditRepository {
    return this as unknown as AuditRepository;
  }

  /** action entity [entityId] for each row, in order: what a test usually asserts. */
  summary(): string[] {
    return this.entries.map((e) => [e.action, e.entity, e.entityId].filter(Boolean).join(' '));
  }
}

export const CLINIC_ID = '00000000-0000-4000-8000-00000000c001';

export const scheduler: Actor = {
  id: '00000000-0000-4000-8000-00000000a001',
  clinicId: CLINIC_ID,
  email: 'desk@clinic.test',
  roles: ['SCHEDULER'],
};

export const meta: RequestMeta = { requestId: 'req-unit-1', ip: '127.0.0.1' };

/** The DomainError a promise rejects with, for asserting its code, fields and extensions. */
export async function refusal(promise: Promise<unknown>): Promise<{
  code: string;
  errors: { field: string; rule: string }[];
  extensions: Record<string, unknown>;
}> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected a refusal, but the call succeeded');
}
