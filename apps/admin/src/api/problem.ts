/** One field-level complaint in an application/problem+json response. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

/** The body of an application/problem+json response (RFC 9457 plus Cadence's extensions). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  correlationId?: string;
  errors?: FieldProblem[];
  /** On 429 TOO_MANY_ATTEMPTS: when sign-in may be tried again. */
  retryAfterSeconds?: number;
  /** On a refused clinical rule (409/422): the domain's reasons, each with its rule. */
  reasons?: { code?: string; ruleId?: string; severity?: 'ABSOLUTE' | 'RELATIVE'; message: string }[];
  /** On 409 STALE_VERSION: the version now stored. */
  currentVersion?: number;
}

/**
 * A failed API call. Thrown by every feature's api layer so TanStack Query sees a real error
 * (never a swallowed one) and components can branch on `status` and `code`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly retryAfterSeconds: number | null;

  constructor(status: number, problem: Problem, retryAfterSeconds: number | null = null) {
    super(problem.detail ?? problem.title ?? `Request failed with status ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds =
      retryAfterSeconds ?? (typeof problem.retryAfterSeconds === 'number' ? problem.retryAfterSeconds : null);
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  get fieldErrors(): FieldProblem[] {
    return this.problem.errors ?? [];
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

function asProblem(body: unknown, status: number): Problem {
  if (body && typeof body === 'object') return body as Problem;
  if (typeof body === 'string' && body.trim()) return { status, title: body.slice(0, 200) };
  return { status };
}

function retryAfter(response: Response): number | null {
  const header = response.headers.get('Retry-After');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - Date.now()) / 1000));
}

/**
 * Turns an openapi-fetch result into its data or a thrown ApiError.
 * Use for operations whose success has a body.
 */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  const { data, error, response } = result;
  if (!response.ok || data === undefined) {
    throw new ApiError(response.status, asProblem(error, response.status), retryAfter(response));
  }
  return data;
}

/** Like `unwrap` for operations that answer 204 No Content. */
export function ensureOk(result: { error?: unknown; response: Response }): void {
  const { error, response } = result;
  if (!response.ok) {
    throw new ApiError(response.status, asProblem(error, response.status), retryAfter(response));
  }
}

/** A sentence a receptionist can act on, for errors that are not mapped onto a form. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return 'Your account does not have access to this.';
    if (error.status === 404) return 'That record was not found. It may have been removed.';
    if (error.status >= 500) {
      const ref = error.problem.correlationId ? ` (reference ${error.problem.correlationId})` : '';
      return `The server could not complete the request${ref}. Please try again.`;
    }
    return error.problem.detail ?? error.problem.title ?? error.message;
  }
  if (error instanceof TypeError) return 'Cannot reach the Cadence server. Check the connection and try again.';
  return error instanceof Error ? error.message : 'Something went wrong.';
}
