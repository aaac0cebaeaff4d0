// The error-code registry: every CODE a client can see, with its HTTP status.
// Services throw `new AppError('CODE')`; the HTTP error handler turns it into
// `{"error": true, "message": CODE}` with this status. Clients match these strings exactly.
export const ERROR_STATUS = {
  LOGIN_TOKEN_REQUIRED: 400,
  TOKEN_REQUIRED: 400,
  USERNAME_REQUIRED: 400,
  INVALID_USERNAME: 400,
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  INVALID_LOGIN_TOKEN: 401,
  SESSIONEXPIRED: 401,
  INVALID_TOKEN: 401,
  INVALID_OTP: 401,
  OTP_EXPIRED: 401,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPE: 403,
  NOT_FOUND: 404,
  TOKEN_NOT_FOUND: 404,
  WORKSPACE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  EMAIL_ALREADY_REGISTERED: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_ATTEMPTS: 429,
  TOO_MANY_REQUESTS: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The budget a 429 ran out of; sent as `RateLimit-Limit`/`-Remaining`/`-Reset`. */
export interface RateLimitInfo {
  limit: number;
  remaining: number;
  /** Seconds until the budget refills. */
  reset: number;
}

export interface AppErrorOptions {
  /** Seconds until the client may try again; sent as `Retry-After`. */
  retryAfter?: number;
  rateLimit?: RateLimitInfo;
  /** Shown to the client (validation details only: never internal state). */
  details?: unknown;
  cause?: unknown;
}

export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  readonly retryAfter: number | undefined;
  readonly rateLimit: RateLimitInfo | undefined;
  readonly details: unknown;

  constructor(
    readonly code: ErrorCode,
    options: AppErrorOptions = {},
  ) {
    // A client's mistake is answered, not debugged: no stack walk for a 4xx, which a flood of
    // refused tokens would otherwise pay on every request. A 5xx keeps its stack for the log.
    const stackTraceLimit = Error.stackTraceLimit;
    if (ERROR_STATUS[code] < 500) Error.stackTraceLimit = 0;
    super(code, { cause: options.cause });
    Error.stackTraceLimit = stackTraceLimit;
    this.status = ERROR_STATUS[code];
    this.retryAfter = options.retryAfter;
    this.rateLimit = options.rateLimit;
    this.details = options.details;
  }
}

/** A 429 for a spent budget: `Retry-After` and the `RateLimit-*` headers say when to come back. */
export function tooMany(
  code: 'TOO_MANY_REQUESTS' | 'TOO_MANY_ATTEMPTS',
  budget: { limit: number; resetSeconds: number },
): AppError {
  const reset = Math.max(1, Math.ceil(budget.resetSeconds));
  return new AppError(code, {
    retryAfter: reset,
    rateLimit: { limit: budget.limit, remaining: 0, reset },
  });
}
