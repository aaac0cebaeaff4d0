// How a credential is verified, in one place: its shape, the caches in front of the store, the
// checks every answer depends on, the events that make cached answers stale, scopes, per-token
// rate limits and the record of use. Routes ask `verify(raw)` (and, to use the token, `admit`)
// and get an Outcome; nobody else reads credentials.
import { holdsScopes, readCapabilities, type Capabilities } from '../api-tokens/capabilities.js';
import type { LastUsedBuffer } from '../api-tokens/last-used-buffer.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import { touches, type KeywardEvent } from '../events/events.js';
import type { Caller } from '../identity/principal.js';
import type { Clock } from '../lib/clock.js';
import { sha256Hex } from '../lib/crypto.js';
import { TtlCache } from '../lib/ttl-cache.js';
import type { RateLimit } from '../lib/windows.js';
import type { Keyring } from '../sessions/keyring.js';
import { verifyLoginToken, type VerifiedClaims } from '../sessions/login-token.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import {
  findApiTokenGrant,
  findSessionGrant,
  type ApiTokenGrant,
  type Grant,
  type SessionGrant,
} from './grants.repository.js';
import type { CredentialKind, Outcome, Valid } from './outcome.js';

/**
 * Anything shaped like an API token, in any letter case, is judged as one: an uppercase copy of
 * a real token is an unknown API token, not a malformed login token. Tokens are minted lowercase,
 * and only lowercase is looked up.
 */
const API_TOKEN_SHAPE = /^[0-9a-f]{64}$/i;
const MINTED_API_TOKEN = /^[0-9a-f]{64}$/;

export const credentialKind = (raw: string): CredentialKind =>
  API_TOKEN_SHAPE.test(raw) ? 'api' : 'login';

/** Entries per cache; the oldest goes first, so a flood of new tokens cannot grow memory. */
export const VERIFY_CACHE_SIZE = 10_000;

/** Where a token stands in its own rate limit after one more verify. */
export interface TokenBudget {
  allowed: boolean;
  limit: number;
  remaining: number;
  resetSeconds: number;
}

export interface VerifierDeps {
  db: Db;
  keyring: Keyring;
  config: Pick<Config, 'authCacheTtlMs' | 'sessionIdleTtlS'>;
  sessions: Pick<SessionsService, 'touch'>;
  lastUsed: LastUsedBuffer;
  /** Counts successful verifies of tokens that have a rate limit (across instances with Redis). */
  tokenLimits: { consumeToken(tokenId: string, limit: RateLimit): Promise<TokenBudget> };
  events: EventBus;
  clock: Clock;
}

/** A stored API token, with what it carries read once per store read. */
interface CachedToken {
  grant: ApiTokenGrant;
  capabilities: Capabilities;
}

export class Verifier {
  /** Stored API tokens by hash. */
  private readonly tokens: TtlCache<CachedToken>;
  /** Hashes the store has no token for: a repeated unknown token costs no read. */
  private readonly unknown: TtlCache<true>;
  /** Sessions by id. */
  private readonly sessions: TtlCache<SessionGrant>;
  /**
   * Login tokens whose signature was checked, by token: a signature stays valid, so no event
   * touches this (the session answers for revocation); only `exp` is checked again.
   */
  private readonly claims: TtlCache<VerifiedClaims>;
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: VerifierDeps) {
    const { authCacheTtlMs: ttl } = deps.config;
    this.tokens = new TtlCache(ttl, VERIFY_CACHE_SIZE, deps.clock);
    this.unknown = new TtlCache(ttl, VERIFY_CACHE_SIZE, deps.clock);
    this.sessions = new TtlCache(ttl, VERIFY_CACHE_SIZE, deps.clock);
    this.claims = new TtlCache(ttl, VERIFY_CACHE_SIZE, deps.clock);
    this.unsubscribe = deps.events.subscribe((event) => this.forget(event));
  }

  /**
   * Judges the `token` header of a request. With `loginOnly`, an API token is not looked at
   * beyond learning whether it is a real one (for the audit log).
   */
  verify(raw: string, options: { loginOnly?: boolean } = {}): Outcome | Promise<Outcome> {
    if (credentialKind(raw) === 'login') return this.verifyLoginToken(raw);
    if (!MINTED_API_TOKEN.test(raw)) return { kind: 'invalid', credential: 'api' };
    const hash = sha256Hex(raw);
    const loginOnly = options.loginOnly === true;
    // A cached answer is judged without an await: verify's hot path pays for promises only on
    // a miss.
    const cached = this.tokens.get(hash);
    if (cached !== undefined) return this.judgeApiToken(cached, loginOnly);
    if (this.unknown.get(hash)) return { kind: 'invalid', credential: 'api' };
    return this.loadApiToken(hash).then((loaded) =>
      loaded === undefined
        ? { kind: 'invalid', credential: 'api' }
        : this.judgeApiToken(loaded, loginOnly),
    );
  }

  /**
   * Uses a valid token: it must hold every scope asked for, then it spends one verify of its
   * rate limit, if it has one. Nothing is spent or recorded for a refusal.
   */
  admit(valid: Valid, scopes: readonly string[] = []): Outcome | Promise<Outcome> {
    const credential = valid.caller.kind;
    if (!holdsScopes(valid.terms.scopes, scopes)) return { kind: 'insufficient_scope', credential };
    const limit = valid.terms.rateLimit;
    if (limit === null) return this.used(valid);
    return this.deps.tokenLimits.consumeToken(valid.caller.tokenId, limit).then((budget) => {
      if (!budget.allowed) {
        const { limit: points, resetSeconds } = budget;
        return { kind: 'rate_limited', credential, limit: points, resetSeconds };
      }
      const reset = Math.max(1, Math.ceil(budget.resetSeconds));
      return this.used({
        ...valid,
        budget: { limit: budget.limit, remaining: budget.remaining, reset },
      });
    });
  }

  /** A token was just minted: a guess at it that was refused before must not linger. */
  minted(token: string): void {
    this.unknown.delete(sha256Hex(token));
  }

  close(): void {
    this.unsubscribe();
  }

  private used(valid: Valid): Valid {
    if (valid.caller.kind === 'api') {
      this.deps.lastUsed.record(valid.caller.tokenId, this.deps.clock.now());
    }
    return valid;
  }

  private judgeApiToken({ grant, capabilities }: CachedToken, loginOnly: boolean): Outcome {
    const apiToken = {
      id: grant.id,
      companyId: grant.company_id,
      userId: grant.user_id ?? grant.created_by,
    };
    if (loginOnly) return { kind: 'invalid', credential: 'api', apiToken };
    const workspaceToken = grant.owner === 'workspace';
    if (grant.revoked_at !== null || (!workspaceToken && !personIsLive(grant))) {
      return { kind: 'revoked', credential: 'api', apiToken };
    }
    if (grant.expires_at !== null && this.deps.clock.now() >= grant.expires_at) {
      return { kind: 'expired', credential: 'api', apiToken };
    }
    const caller: Caller = workspaceToken
      ? {
          kind: 'api',
          tokenId: grant.id,
          user: null,
          role: null,
          company: { id: grant.company_id, name: grant.company_name },
          workspace: { id: grant.workspace_id, name: grant.workspace_name },
          session: null,
        }
      : personOf(grant, 'api', null);
    const terms = {
      owner: grant.owner,
      scopes: capabilities.scopes,
      metadata: capabilities.metadata,
      expiresAt: grant.expires_at,
      rateLimit: capabilities.rateLimit,
    };
    return { kind: 'valid', caller, terms };
  }

  private async verifyLoginToken(raw: string): Promise<Outcome> {
    const now = this.deps.clock.now();
    let claims = this.claims.get(raw);
    if (claims === undefined) {
      try {
        claims = await verifyLoginToken(this.deps.keyring, raw, now);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        // Only a token whose signature holds can be SESSIONEXPIRED.
        return { kind: err.code === 'SESSIONEXPIRED' ? 'expired' : 'invalid', credential: 'login' };
      }
      this.claims.set(raw, claims, this.claims.generation);
    }
    if (now >= claims.exp * 1000) return { kind: 'expired', credential: 'login' };
    const grant = this.sessions.get(claims.sid) ?? (await this.loadSession(claims.sid));
    if (
      !grant ||
      grant.user_id !== claims.sub ||
      grant.company_id !== claims.cid ||
      grant.workspace_id !== claims.wid
    ) {
      return { kind: 'invalid', credential: 'login' };
    }
    if (grant.revoked_at !== null || !personIsLive(grant)) {
      return { kind: 'revoked', credential: 'login' };
    }
    const idleMs = this.deps.config.sessionIdleTtlS * 1000;
    if (now >= grant.expires_at || (idleMs > 0 && now - grant.last_seen_at >= idleMs)) {
      return { kind: 'expired', credential: 'login' };
    }
    if (await this.deps.sessions.touch(grant.id, grant.last_seen_at, now)) {
      grant.last_seen_at = now; // the cached copy too
    }
    const session = { id: grant.id, expires_at: grant.expires_at };
    return {
      kind: 'valid',
      caller: personOf(grant, 'login', session),
      terms: {
        owner: 'user',
        scopes: null,
        metadata: null,
        expiresAt: grant.expires_at,
        rateLimit: null,
      },
    };
  }

  /** The token's row from the store, cached unless an event came meanwhile. */
  private async loadApiToken(hash: string): Promise<CachedToken | undefined> {
    const generation = this.tokens.generation;
    const grant = await findApiTokenGrant(this.deps.db, hash);
    if (grant === undefined) {
      this.unknown.set(hash, true, this.unknown.generation);
      return undefined;
    }
    const cached = { grant, capabilities: readCapabilities(grant) };
    this.tokens.set(hash, cached, generation);
    return cached;
  }

  private async loadSession(id: string): Promise<SessionGrant | undefined> {
    const generation = this.sessions.generation;
    const grant = await findSessionGrant(this.deps.db, id);
    if (grant !== undefined) this.sessions.set(id, grant, generation);
    return grant;
  }

  /** Drops every cached answer the event makes stale. */
  private forget(event: KeywardEvent): void {
    this.tokens.evict(({ grant }) => touches(event, holderOf(grant, null)));
    this.sessions.evict((grant) => touches(event, holderOf(grant, grant.id)));
  }
}

/** The holder's account and membership are there and enabled. */
const personIsLive = (grant: Grant): boolean =>
  grant.email !== null &&
  grant.user_disabled_at === null &&
  grant.role !== null &&
  grant.membership_disabled_at === null;

function personOf(
  grant: Grant,
  kind: 'login' | 'api',
  session: { id: string; expires_at: number } | null,
): Caller {
  return {
    kind,
    tokenId: grant.id,
    // personIsLive held: the account and membership are there.
    user: { id: grant.user_id!, email: grant.email!, name: grant.user_name! },
    company: { id: grant.company_id, name: grant.company_name },
    workspace: { id: grant.workspace_id, name: grant.workspace_name },
    role: grant.role!,
    session,
  };
}

const holderOf = (grant: Grant, sessionId: string | null) => ({
  tokenId: grant.id,
  sessionId,
  userId: grant.user_id,
  companyId: grant.company_id,
  workspaceId: grant.workspace_id,
});
