// Every refusal, and every failure to get an answer at all, is one error type with a code.

/**
 * Codes the client uses of its own, for failures that never got a keyward answer. Any other
 * `code` is the server's (the `message` of its error body, e.g. `INVALID_LOGIN_TOKEN`).
 */
export const CLIENT_ERROR_CODES = {
  /** The request never got an answer: DNS, refused connection, reset, abort (status 0). */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** An answer that isn't keyward's JSON (a proxy's HTML error page, say). */
  UNEXPECTED_RESPONSE: 'UNEXPECTED_RESPONSE',
} as const;

export interface KeywardErrorInit {
  code: string;
  status: number;
  requestId?: string | undefined;
  retryAfter?: number | undefined;
  details?: unknown;
  cause?: unknown;
}

export class KeywardError extends Error {
  override name = 'KeywardError';
  /** The server's error code (`SESSIONEXPIRED`, `TOO_MANY_REQUESTS`…) or one of CLIENT_ERROR_CODES. */
  readonly code: string;
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;
  /** The server's id for the request (body `request_id` or `x-request-id`): quote it to support. */
  readonly requestId: string | undefined;
  /** Seconds to wait before trying again, from `Retry-After`. */
  readonly retryAfter: number | undefined;
  /** What failed validation, for VALIDATION_FAILED. */
  readonly details: unknown;

  constructor(init: KeywardErrorInit) {
    super(
      init.requestId === undefined ? init.code : `${init.code} (request ${init.requestId})`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.retryAfter = init.retryAfter;
    this.details = init.details;
  }
}

/** `Retry-After` in seconds, from either of its forms (seconds, or an HTTP date). */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}
