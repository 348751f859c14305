/**
 * What the log may say about an unexpected error: its class, its codes and the model, table,
 * column or constraint it names — never its message, `detail` or `meta` beyond those names.
 * Prisma builds messages from the query's arguments and PostgreSQL's `detail` quotes the row
 * ("Key (mrn)=(…) already exists"), so either would put patient data into the log.
 */
export interface ErrorSummary {
  errorClass: string;
  code?: string;
  model?: string;
  target?: string | string[];
  table?: string;
  column?: string;
  constraint?: string;
  /** Stack frames only (code locations), without the message lines that head a stack. */
  frames?: string[];
  cause?: ErrorSummary;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.$]{0,62}$/;
const CODE = /^[A-Z0-9_]{1,32}$/i;
const FRAME = /^\s+at [^\n]{1,300}$/;

export function summarizeError(error: unknown, depth = 0): ErrorSummary {
  if (error === null || typeof error !== 'object') return { errorClass: typeof error };
  const record = error as Record<string, unknown>;
  const meta = (record.meta ?? {}) as Record<string, unknown>;
  const summary: ErrorSummary = { errorClass: (error as object).constructor?.name ?? 'Object' };
  const code = pick(record.code, CODE) ?? pick(record.errorCode, CODE);
  if (code) summary.code = code;
  const model = pick(meta.modelName, NAME);
  if (model) summary.model = model;
  const target = names(meta.target);
  if (target) summary.target = target;
  for (const key of ['table', 'column', 'constraint'] as const) {
    const name = pick(record[key], NAME);
    if (name) summary[key] = name;
  }
  if (typeof record.stack === 'string') {
    const frames = record.stack
      .split('\n')
      .filter((line) => FRAME.test(line))
      .slice(0, 12)
      .map((line) => line.trim());
    if (frames.length) summary.frames = frames;
  }
  // The driver's error under Prisma's carries the SQLSTATE and the constraint's name.
  const cause = record.cause ?? meta.driverAdapterError;
  if (cause && depth < 3) summary.cause = summarizeError(cause, depth + 1);
  return summary;
}

function pick(value: unknown, shape: RegExp): string | undefined {
  return typeof value === 'string' && shape.test(value) ? value : undefined;
}

function names(value: unknown): string | string[] | undefined {
  if (typeof value === 'string') return pick(value, NAME);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' && NAME.test(v))) return value as string[];
  return undefined;
}
