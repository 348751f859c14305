import { Prisma } from '@prisma/client';

/** SQLSTATE of an exclusion-constraint violation (two live appointments overlapping). */
export const EXCLUSION_VIOLATION = '23P01';

/**
 * Whether `error` is PostgreSQL refusing a row under an exclusion constraint, optionally a named
 * one. Prisma surfaces it in several shapes depending on the client path (a known request error
 * whose meta carries the driver adapter's error, an unknown request error, a raw-query error, or
 * the pg error itself), so this looks at the SQLSTATE and the constraint wherever they appear.
 */
export function isExclusionViolation(error: unknown, constraint?: string): boolean {
  const seen = new Set<unknown>();
  let found = false;
  let named = constraint === undefined;
  const visit = (value: unknown, depth: number) => {
    if (depth > 6 || value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const key of ['code', 'originalCode', 'sqlState']) if (record[key] === EXCLUSION_VIOLATION) found = true;
    const message = typeof record.message === 'string' ? record.message : '';
    if (/violates exclusion constraint|23P01/.test(message)) found = true;
    if (constraint !== undefined) {
      if (record.constraint === constraint || message.includes(constraint)) named = true;
      const target = record.target ?? (record.constraint as Record<string, unknown> | undefined)?.name;
      if (target === constraint) named = true;
    }
    for (const key of ['meta', 'cause', 'driverAdapterError', 'constraint', 'originalError'])
      visit(record[key], depth + 1);
  };
  visit(error, 0);
  return found && named;
}

/** Whether `error` is a unique-constraint refusal (Prisma P2002): a taken MRN, email, name or version. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/**
 * SQLSTATE of integrity_constraint_violation: what the infusion-day triggers raise for an entry
 * written to a signed session record, or an edit of one.
 */
export const INTEGRITY_CONSTRAINT_VIOLATION = '23000';

/** Whether `error` is a trigger's integrity refusal, in whichever shape Prisma surfaces the pg error. */
export function isIntegrityRefusal(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): boolean => {
    if (depth > 6 || value === null || typeof value !== 'object' || seen.has(value)) return false;
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const key of ['code', 'originalCode', 'sqlState'])
      if (record[key] === INTEGRITY_CONSTRAINT_VIOLATION) return true;
    return ['meta', 'cause', 'driverAdapterError', 'originalError'].some((key) => visit(record[key], depth + 1));
  };
  return visit(error, 0);
}
