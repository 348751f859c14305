// Shared by the bad-input suites: a refused write answers 400 application/problem+json naming the
// field and the rule, and changes no row anywhere.
import { rowCounts, TestContext, TestUser } from './context';

export const LONG = 'x'.repeat(10_000);

export interface Case {
  name: string;
  body?: unknown;
  path?: string;
  /** A field the errors must name (omitted for bodies that are not objects at all). */
  field?: string;
  rule?: string;
}

/**
 * The generic cases for a body: each required field missing, an unknown field, and for each
 * string field 10,000 characters, a number and an object; then bodies that are not objects.
 */
export function fieldCases(
  valid: Record<string, unknown>,
  strings: string[],
  options: { optional?: string[]; dates?: string[] } = {},
): Case[] {
  const cases: Case[] = [];
  for (const field of Object.keys(valid)) {
    if (options.optional?.includes(field)) continue;
    const { [field]: _omitted, ...rest } = valid;
    cases.push({ name: `missing ${field}`, body: rest, field });
  }
  cases.push({ name: 'an unknown field', body: { ...valid, isAdmin: true }, field: 'isAdmin', rule: 'unknownField' });
  for (const field of strings) {
    cases.push({ name: `10,000 characters in ${field}`, body: { ...valid, [field]: LONG }, field });
    cases.push({ name: `a number as ${field}`, body: { ...valid, [field]: 42 }, field });
    cases.push({ name: `an object as ${field}`, body: { ...valid, [field]: { $gt: '' } }, field });
  }
  for (const field of options.dates ?? []) {
    for (const bad of [
      '2023-02-30',
      '2023-13-01',
      '2023-02-29',
      '02/04/1980',
      '1980-04-02T00:00:00Z',
      '2999-01-01',
      '1800-01-01',
    ]) {
      cases.push({ name: `${bad} as ${field}`, body: { ...valid, [field]: bad }, field, rule: 'isDateOfBirth' });
    }
  }
  cases.push({ name: 'a JSON array', body: [valid] });
  cases.push({ name: 'a JSON string', body: '"text"' });
  return cases;
}

export async function expectRefused(
  ctx: TestContext,
  method: 'post' | 'patch' | 'put' | 'delete',
  path: string,
  user: TestUser | undefined,
  c: Case,
): Promise<void> {
  const before = await rowCounts(ctx.prisma);
  const http = ctx.http();
  let req = http[method](c.path ?? path).set('Content-Type', 'application/json');
  if (user) req = req.set('Cookie', user.cookie);
  const res = await req.send(typeof c.body === 'string' ? c.body : JSON.stringify(c.body ?? {}));
  expect({ status: res.status, body: res.body }).toMatchObject({ status: 400 });
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body).toMatchObject({ status: 400, correlationId: expect.any(String) });
  if (c.field) {
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: c.field, ...(c.rule ? { rule: c.rule } : {}) })]),
    );
  }
  expect(await rowCounts(ctx.prisma)).toEqual(before);
}
