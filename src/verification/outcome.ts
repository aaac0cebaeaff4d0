import { AppError, tooMany } from '../errors.js';
import type { Caller } from '../identity/principal.js';
import type { RateLimitInfo } from '../errors.js';
import type { Capabilities } from '../api-tokens/capabilities.js';

/** The two kinds of credential the `token` header can hold. */
export type CredentialKind = 'api' | 'login';

/** A stored API token a refused credential turned out to be: whose audit log should hear of it. */
export interface KnownApiToken {
  id: string;
  companyId: string;
  /** Who holds it, or made it for a workspace; null once that account is gone. */
  userId: string | null;
}

/** What a valid credential carries, as verify answers it. */
export interface Terms {
  owner: 'user' | 'workspace';
  /** Null: unrestricted (every login token is). */
  scopes: string[] | null;
  metadata: Capabilities['metadata'];
  /** The API token's expiry, or the login token's session's; null: never. */
  expiresAt: number | null;
  /** The token's per-window limit of successful verifies, if it has one. */
  rateLimit: Capabilities['rateLimit'];
}

/**
 * How a verification ended. Refusals say why as data, for metrics and the audit log; clients
 * are only ever told the code `refusalError` gives.
 */
export type Outcome =
  | {
      kind: 'valid';
      caller: Caller;
      terms: Terms;
      /** Where the token stands in its rate limit, once a verify has spent a point of it. */
      budget?: RateLimitInfo;
    }
  /** Unknown, malformed, forged, or the wrong kind of credential for the route. */
  | { kind: 'invalid'; credential: CredentialKind; apiToken?: KnownApiToken }
  /** Genuine, but past its expiry (or, for a session, idle too long). */
  | { kind: 'expired'; credential: CredentialKind; apiToken?: KnownApiToken }
  /** Genuine, but revoked, or its user, membership or workspace is gone or disabled. */
  | { kind: 'revoked'; credential: CredentialKind; apiToken?: KnownApiToken }
  /** Genuine and live, but lacking a scope the verify asked for. */
  | { kind: 'insufficient_scope'; credential: CredentialKind }
  /** Genuine and live, but its rate limit is spent for this window. */
  | { kind: 'rate_limited'; credential: CredentialKind; limit: number; resetSeconds: number };

export type Valid = Extract<Outcome, { kind: 'valid' }>;
export type Refusal = Exclude<Outcome, { kind: 'valid' }>;

/** The documented answer to a refusal. Only a genuine login token can be SESSIONEXPIRED. */
export function refusalError(refusal: Refusal): AppError {
  switch (refusal.kind) {
    case 'insufficient_scope':
      return new AppError('INSUFFICIENT_SCOPE');
    case 'rate_limited':
      return tooMany('TOO_MANY_REQUESTS', refusal);
    case 'invalid':
    case 'expired':
    case 'revoked':
      if (refusal.credential === 'api') return new AppError('INVALID_TOKEN');
      return new AppError(refusal.kind === 'expired' ? 'SESSIONEXPIRED' : 'INVALID_LOGIN_TOKEN');
  }
}

/** Whether a refusal says the token itself is no good (a guess, a revoked token), not its use. */
export const isBadCredential = (refusal: Refusal): boolean =>
  refusal.kind === 'invalid' ||
  refusal.kind === 'revoked' ||
  (refusal.kind === 'expired' && refusal.credential === 'api');
