import type { ErrorCode } from '../errors.js';
import type { Principal } from '../identity/principal.js';

/** The two kinds of credential the `token` header can hold. */
export type CredentialKind = 'api' | 'login';

/** A stored API token a refused credential turned out to be: whose audit log should hear of it. */
export interface KnownApiToken {
  id: string;
  companyId: string;
  userId: string;
}

/**
 * How a verification ended. Refusals say why as data, for metrics and the audit log; clients
 * are only ever told the code `refusalCode` gives.
 */
export type Outcome =
  | { kind: 'valid'; principal: Principal }
  /** Unknown, malformed, forged, or the wrong kind of credential for the route. */
  | { kind: 'invalid'; credential: CredentialKind; apiToken?: KnownApiToken }
  /** Genuine, but past its expiry (or, for a session, idle too long). */
  | { kind: 'expired'; credential: CredentialKind; apiToken?: KnownApiToken }
  /** Genuine, but revoked, or its user, membership or workspace is gone or disabled. */
  | { kind: 'revoked'; credential: CredentialKind; apiToken?: KnownApiToken };

export type Refusal = Exclude<Outcome, { kind: 'valid' }>;

/** The contract's answer to a refusal. Only a genuine login token can be SESSIONEXPIRED. */
export function refusalCode(refusal: Refusal): ErrorCode {
  if (refusal.credential === 'api') return 'INVALID_TOKEN';
  return refusal.kind === 'expired' ? 'SESSIONEXPIRED' : 'INVALID_LOGIN_TOKEN';
}
