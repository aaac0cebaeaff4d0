// What the middleware answers when a request can't go on: keyward's own error body and status.
import { KeywardError } from './errors.js';
import type { VerifyData } from './types.js';
import type { Verifier } from './verifier.js';

export interface MiddlewareOptions {
  verifier: Verifier;
  /** Every scope the token must hold (403 INSUFFICIENT_SCOPE otherwise). */
  scopes?: readonly string[];
}

export interface Refusal {
  status: number;
  body: { error: true; message: string };
  /** Seconds, for `Retry-After` (a spent rate limit). */
  retryAfter: number | undefined;
}

/** The credential, from the `token` header or its alias `api_access_token`, as keyward reads it. */
export function tokenOf(value: string | string[] | null | undefined): string | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text === '' ? undefined : text;
}

export type Outcome = { data: VerifyData } | { refusal: Refusal };

/**
 * verify's `data`, or the answer to send instead: at once for a token whose answer is held (most
 * requests, with no promise at all), else once keyward has answered.
 */
export function check(
  options: MiddlewareOptions,
  token: string | undefined,
): Outcome | Promise<Outcome> {
  if (token === undefined) return { refusal: refusalOf('TOKEN_REQUIRED', 400) };
  const held = options.verifier.cached(token, options);
  if (held !== undefined) return { data: held };
  return options.verifier.verify(token, options).then(
    (data) => ({ data }),
    (err: unknown) =>
      // keyward unreachable, or an answer that isn't its own: not the caller's fault.
      err instanceof KeywardError && err.status >= 400 && err.status < 500
        ? { refusal: refusalOf(err.code, err.status, err.retryAfter) }
        : { refusal: refusalOf('SERVICE_UNAVAILABLE', 503) },
  );
}

function refusalOf(message: string, status: number, retryAfter?: number): Refusal {
  return { status, body: { error: true, message }, retryAfter };
}
