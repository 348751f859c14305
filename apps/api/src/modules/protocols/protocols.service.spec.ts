import { PROTOCOL_CATALOGUE } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import type { Transactions } from '../../common/prisma/transactions';
import type { AuditEntry } from '../audit/audit-entry';
import type { AuditRepository } from '../audit/audit.repository';
import type { PublishProtocolDto } from './dto/protocol.dto';
import type { NewProtocolVersion, ProtocolRecord, ProtocolsRepository } from './protocols.repository';
import { ProtocolsService } from './protocols.service';

const A = 'clinic-a';
const B = 'clinic-b';
const meta: RequestMeta = { requestId: 'req-1', ip: '127.0.0.1' };
const adminOf = (clinicId: string): Actor => ({ id: `admin-${clinicId}`, clinicId, email: 'a@x', roles: ['ADMIN'] });

/** What happened, in order: transactions opened and closed, locks, reads, writes and audit rows. */
type Step = string;

/** An in-memory catalogue with the repository's clinic scoping. */
class FakeProtocols {
  rows: ProtocolRecord[] = [];
  constructor(private readonly steps: Step[]) {}
  latestActive(clinicId: string) {
    const newest = new Map<string, ProtocolRecord>();
    for (const row of this.rows.filter((r) => r.clinicId === clinicId && r.active)) {
      if ((newest.get(row.key)?.version ?? 0) < row.version) newest.set(row.key, row);
    }
    return Promise.resolve([...newest.values()]);
  }
  find(clinicId: string, id: string) {
    return Promise.resolve(this.rows.find((r) => r.id === id && r.clinicId === clinicId) ?? null);
  }
  lockKey(clinicId: string, key: string) {
    this.steps.push(`lock ${clinicId}:${key}`);
    return Promise.resolve();
  }
  latestVersion(clinicId: string, key: string) {
    this.steps.push('read latest');
    return Promise.resolve(
      Math.max(0, ...this.rows.filter((r) => r.clinicId === clinicId && r.key === key).map((r) => r.version)),
    );
  }
  create(input: NewProtocolVersion) {
    this.steps.push(`create v${input.version}`);
    const row = { ...input, id: `p-${this.rows.length + 1}`, active: true, publishedAt: new Date(0) } as ProtocolRecord;
    this.rows.push(row);
    return Promise.resolve(row);
  }
}

function setUp() {
  const steps: Step[] = [];
  const protocols = new FakeProtocols(steps);
  const audit: AuditEntry[] = [];
  const auditRepository = {
    record: (entry: AuditEntry) => {
      steps.push(`audit ${entry.action}`);
      audit.push(entry);
      return Promise.resolve({ id: BigInt(audit.length) });
    },
  };
  const transactions = {
    withTransaction: async <T>(work: () => Promise<T>) => {
      steps.push('begin');
      const result = await work();
      steps.push('commit');
      return result;
    },
  };
  const service = new ProtocolsService(
    protocols as unknown as ProtocolsRepository,
    auditRepository as unknown as AuditRepository,
    transactions as unknown as Transactions,
  );
  return { service, protocols, audit, steps };
}

const single = PROTOCOL_CATALOGUE.find((p) => p.key === 'IV_SINGLE_INFUSION')!;
const { key, version: _version, name, route, setting, ...definition } = single;
const publishSingle = (overrides: Partial<PublishProtocolDto> = {}): PublishProtocolDto => ({
  key,
  name,
  route,
  setting,
  definition: definition as unknown as Record<string, unknown>,
  ...overrides,
});

describe('ProtocolsService', () => {
  it("publishes the next version of the admin's own clinic's key, with a PUBLISH audit row, in one transaction", async () => {
    const { service, protocols, audit, steps } = setUp();
    await protocols.create({ ...publishSingle(), clinicId: A, version: 1, definition: single, publishedById: 'x' });
    await protocols.create({ ...publishSingle(), clinicId: B, version: 1, definition: single, publishedById: 'x' });
    steps.length = 0;

    const published = await service.publish(adminOf(B), meta, publishSingle());

    expect(published).toMatchObject({ key, version: 2, definition: expect.objectContaining({ key, version: 2 }) });
    expect(protocols.rows.filter((r) => r.clinicId === A).map((r) => r.version)).toEqual([1]);
    expect(steps).toEqual([`begin`, `lock ${B}:${key}`, 'read latest', 'create v2', 'audit PUBLISH', 'commit']);
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: adminOf(B).id,
        action: 'PUBLISH',
        entity: 'Protocol',
        entityId: published.id,
        requestId: 'req-1',
      }),
    ]);
  });

  it('refuses a definition that disagrees with its header, or is no valid protocol, before opening a transaction', async () => {
    const { service, protocols, steps } = setUp();
    await expect(
      service.publish(adminOf(A), meta, publishSingle({ definition: { ...definition, route: 'ORAL' } })),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: 'definition.route', rule: 'matchesProtocol' })],
    });
    await expect(
      service.publish(adminOf(A), meta, publishSingle({ definition: { ...definition, minutesPerSession: -5 } })),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: expect.arrayContaining([expect.objectContaining({ rule: 'protocol' })]),
    });
    expect(steps).toEqual([]);
    expect(protocols.rows).toEqual([]);
  });

  it("lists and reads only the actor's clinic's versions; another clinic's id is not found", async () => {
    const { service, protocols } = setUp();
    const inA = await protocols.create({
      ...publishSingle(),
      clinicId: A,
      version: 1,
      definition: single,
      publishedById: 'x',
    });
    const inB = await protocols.create({
      ...publishSingle(),
      clinicId: B,
      version: 1,
      definition: single,
      publishedById: 'x',
    });

    expect((await service.list(adminOf(A))).items.map((p) => p.id)).toEqual([inA.id]);
    await expect(service.get(adminOf(A), inA.id)).resolves.toMatchObject({ id: inA.id });
    await expect(service.get(adminOf(A), inB.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
