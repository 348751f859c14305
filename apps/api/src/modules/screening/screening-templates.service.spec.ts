import { SCREENING_TEMPLATES } from '@cadence/domain';
import type { Actor, RequestMeta } from '../../common/auth/current-user';
import type { Transactions } from '../../common/prisma/transactions';
import type { AuditEntry } from '../audit/audit-entry';
import type { AuditRepository } from '../audit/audit.repository';
import type { PublishTemplateDto } from './dto/screening.dto';
import type {
  NewTemplateVersion,
  ScreeningTemplatesRepository,
  TemplateRecord,
} from './screening-templates.repository';
import { ScreeningTemplatesService } from './screening-templates.service';

const A = 'clinic-a';
const B = 'clinic-b';
const meta: RequestMeta = { requestId: 'req-1', ip: '127.0.0.1' };
const adminOf = (clinicId: string): Actor => ({ id: `admin-${clinicId}`, clinicId, email: 'a@x', roles: ['ADMIN'] });

/** An in-memory set of checklists with the repository's clinic scoping. */
class FakeTemplates {
  rows: (TemplateRecord & { clinicId: string })[] = [];
  constructor(private readonly steps: string[]) {}
  list(clinicId: string) {
    return Promise.resolve(
      this.rows
        .filter((r) => r.clinicId === clinicId)
        .sort((x, y) => x.key.localeCompare(y.key) || y.version - x.version),
    );
  }
  find(clinicId: string, id: string) {
    return Promise.resolve(this.rows.find((r) => r.id === id && r.clinicId === clinicId) ?? null);
  }
  async latest(clinicId: string, key: string) {
    this.steps.push('read latest');
    return (await this.list(clinicId)).find((r) => r.key === key) ?? null;
  }
  lockKey(clinicId: string, key: string) {
    this.steps.push(`lock ${clinicId}:${key}`);
    return Promise.resolve();
  }
  create(input: NewTemplateVersion) {
    this.steps.push(`create v${input.version}`);
    const row = { ...input, id: `t-${this.rows.length + 1}`, publishedAt: new Date(0) };
    this.rows.push(row);
    return Promise.resolve(row);
  }
}

function setUp() {
  const steps: string[] = [];
  const templates = new FakeTemplates(steps);
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
  const service = new ScreeningTemplatesService(
    templates as unknown as ScreeningTemplatesRepository,
    auditRepository as unknown as AuditRepository,
    transactions as unknown as Transactions,
  );
  return { service, templates, audit, steps };
}

const general = SCREENING_TEMPLATES.find((t) => t.key === 'general')!;
const seed = (templates: FakeTemplates, clinicId: string, version = 1) =>
  templates.create({
    clinicId,
    key: general.key,
    kind: general.kind,
    version,
    title: general.title,
    definition: general,
    publishedById: 'seed',
  });
const publishGeneral = (overrides: Partial<PublishTemplateDto> = {}): PublishTemplateDto => ({
  key: general.key,
  kind: general.kind,
  title: general.title,
  definition: { items: general.items } as unknown as Record<string, unknown>,
  ...overrides,
});

describe('ScreeningTemplatesService', () => {
  it("publishes version max+1 of the admin's own clinic's key, with a PUBLISH audit row, in one transaction", async () => {
    const { service, templates, audit, steps } = setUp();
    await seed(templates, A);
    await seed(templates, B);
    steps.length = 0;

    const published = await service.publish(adminOf(B), meta, publishGeneral());

    expect(published).toMatchObject({ key: 'general', version: 2, definition: { key: 'general', version: 2 } });
    expect((await templates.list(A)).map((t) => t.version)).toEqual([1]);
    expect(steps).toEqual(['begin', `lock ${B}:general`, 'read latest', 'create v2', 'audit PUBLISH', 'commit']);
    expect(audit).toEqual([
      expect.objectContaining({ action: 'PUBLISH', entity: 'ScreeningTemplate', entityId: published.id }),
    ]);
  });

  it('refuses a version that changes the kind of its key, writing nothing', async () => {
    const { service, templates, audit, steps } = setUp();
    await seed(templates, A);
    steps.length = 0;
    const cardiovascular = SCREENING_TEMPLATES.find((t) => t.kind === 'CARDIOVASCULAR')!;
    await expect(
      service.publish(
        adminOf(A),
        meta,
        publishGeneral({ kind: 'CARDIOVASCULAR', definition: { items: cardiovascular.items } as never }),
      ),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: 'kind', rule: 'sameKind' })],
    });
    expect(steps).toEqual(['begin', `lock ${A}:general`, 'read latest']);
    expect(templates.rows).toHaveLength(1);
    expect(audit).toEqual([]);
  });

  it('refuses an invalid definition before opening a transaction', async () => {
    const { service, steps } = setUp();
    await expect(
      service.publish(adminOf(A), meta, publishGeneral({ definition: { items: [{ id: 'x' }] } as never })),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: expect.arrayContaining([expect.objectContaining({ rule: 'templateDefinition' })]),
    });
    expect(steps).toEqual([]);
  });

  it("gives a new screening only the clinic's own latest version of a checklist", async () => {
    const { service, templates } = setUp();
    const v1 = await seed(templates, A);
    const v2 = await seed(templates, A, 2);
    const inB = await seed(templates, B);

    await expect(service.forNewScreening(A, v2.id)).resolves.toMatchObject({ id: v2.id });
    await expect(service.forNewScreening(A, v1.id)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: 'templateId', rule: 'latestVersion' })],
    });
    await expect(service.forNewScreening(A, inB.id)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [expect.objectContaining({ field: 'templateId', rule: 'exists' })],
    });
  });

  it("lists the clinic's latest versions (or all of them) and reads none of another clinic's", async () => {
    const { service, templates } = setUp();
    const v1 = await seed(templates, A);
    const v2 = await seed(templates, A, 2);
    const inB = await seed(templates, B);

    expect((await service.list(adminOf(A), false)).items.map((t) => t.id)).toEqual([v2.id]);
    expect((await service.list(adminOf(A), true)).items.map((t) => t.id)).toEqual([v2.id, v1.id]);
    await expect(service.get(adminOf(A), v1.id)).resolves.toMatchObject({ id: v1.id, version: 1 });
    await expect(service.get(adminOf(A), inB.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
