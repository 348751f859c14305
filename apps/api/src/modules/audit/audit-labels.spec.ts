import { AUDIT_ENTITY_LABELS, AUDIT_FIELD_LABELS, hasAuditFieldLabel } from '@cadence/domain';
import { Prisma } from '@prisma/client';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// What the audit writers can name, read from their source: the entity and field literals of every
// audit row written (auditEntry, entry, auditInsert and the raw INSERTs' arrays), and the field
// lists they keep as constants.
const SOURCE = join(__dirname, '../..');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /(?<!\.spec)(?<!\.fakes)\.ts$/.test(e.name) ? [join(dir, e.name)] : [],
  );
const sources = files(SOURCE).map((f) => readFileSync(f, 'utf8'));
const literals = (text: string) => [...text.matchAll(/'([A-Za-z0-9_.]+)'/g)].map((m) => m[1]);
const written = sources.filter((s) => /auditEntry|AuditEvent|auditInsert/.test(s));

const entities = new Set(
  written.flatMap((s) => [
    ...[...s.matchAll(/entity: '([A-Za-z]+)'/g)].map((m) => m[1]),
    ...[...s.matchAll(/auditInsert\(source, '[A-Z_]+', '([A-Za-z]+)'/g)].map((m) => m[1]),
  ]),
);
const fields = new Set(
  written.flatMap((s) => [
    ...[...s.matchAll(/fields: \[([^\]]*)\]/g)].flatMap((m) => literals(m[1])),
    ...[...s.matchAll(/auditInsert\([^[]*\[([^\]]*)\]/g)].flatMap((m) => literals(m[1])),
    ...[...s.matchAll(/const [A-Z_]*FIELDS = \[([^\]]*)\]/g)].flatMap((m) => literals(m[1])),
  ]),
);
// Rows whose fields are the keys of what changed name the columns of their model, so every
// column of an audited model needs a label.
const models = Prisma.dmmf.datamodel.models.filter((m) => entities.has(m.name));
const columns = models.flatMap((m) => m.fields.filter((f) => f.kind !== 'object').map((f) => `${m.name}.${f.name}`));

describe('audit labels', () => {
  it('finds the writers it checks', () => {
    expect(entities.size).toBeGreaterThan(30);
    expect([...entities]).toEqual(
      expect.arrayContaining(['Patient', 'Screening', 'InfusionSession', 'FollowUp', 'BoosterTask']),
    );
    expect([...fields]).toEqual(expect.arrayContaining(['worklist', 'bladderReviewQueue', 'screeningIds']));
    expect(models.length).toBeGreaterThan(20);
  });

  it('names every audited record kind', () => {
    expect([...entities].filter((e) => !Object.hasOwn(AUDIT_ENTITY_LABELS, e))).toEqual([]);
  });

  it('labels every field an audit writer names', () => {
    expect([...fields].filter((f) => !hasAuditFieldLabel(f))).toEqual([]);
  });

  it('labels every column of every audited model', () => {
    expect(columns.filter((c) => !hasAuditFieldLabel(c.split('.')[1]))).toEqual([]);
  });

  it('keeps no label for a field nothing can write', () => {
    const known = new Set([...fields, ...columns.map((c) => c.split('.')[1])]);
    // The patient search names its filters as it finds them.
    const filters = ['q', 'dateOfBirth'];
    expect(Object.keys(AUDIT_FIELD_LABELS).filter((f) => !known.has(f) && !filters.includes(f))).toEqual([]);
  });
});
