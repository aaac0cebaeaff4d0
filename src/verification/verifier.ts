// How a credential is verified, in one place: its shape, the caches in front of the store, the
// checks every answer depends on, the events that make cached answers stale, and the record of
// use. Routes ask `verify(raw)` and get an Outcome; nobody else reads credentials.
import type { LastUsedBuffer } from '../api-tokens/last-used-buffer.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import { touches, type KeywardEvent } from '../events/events.js';
import type { Principal } from '../identity/principal.js';
import type { Clock } from '../lib/clock.js';
import { sha256Hex } from '../lib/crypto.js';
import { TtlCache } from '../lib/ttl-cache.js';
import type { Keyring } from '../sessions/keyring.js';
import { verifyLoginToken, type VerifiedClaims } from '../sessions/login-token.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import {
  findApiTokenGrant,
  findSessionGrant,
  type Grant,
  type SessionGrant,
} from './grants.repository.js';
import type { CredentialKind, Outcome } from './outcome.js';

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

export interface VerifierDeps {
  db: Db;
  keyring: Keyring;
  config: Pick<Config, 'authCacheTtlMs' | 'sessionIdleTtl'>;
  sessions: Pick<SessionsService, 'touch'>;
  lastUsed: LastUsedBuffer;
  events: EventBus;
  clock: Clock;
}

export class Verifier {
  /** Stored API tokens by hash. */
  private readonly tokens: TtlCache<Grant>;
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
   * beyond learning whether it is a real one (for the audit log), and its use is not recorded.
   */
  verify(raw: string, options: { loginOnly?: boolean } = {}): Outcome | Promise<Outcome> {
    if (credentialKind(raw) === 'login') return this.verifyLoginToken(raw);
    if (!MINTED_API_TOKEN.test(raw)) return { kind: 'invalid', credential: 'api' };
    const hash = sha256Hex(raw);
    // A cached answer is judged without an await: verify's hot path pays for promises only on
    // a miss.
    const grant = this.tokens.get(hash);
    if (grant !== undefined) return this.judgeApiToken(grant, options.loginOnly === true);
    if (this.unknown.get(hash)) return { kind: 'invalid', credential: 'api' };
    return this.loadApiToken(hash).then((loaded) =>
      loaded === undefined
        ? { kind: 'invalid', credential: 'api' }
        : this.judgeApiToken(loaded, options.loginOnly === true),
    );
  }

  /** A token was just minted: a guess at it that was refused before must not linger. */
  minted(token: string): void {
    this.unknown.delete(sha256Hex(token));
  }

  close(): void {
    this.unsubscribe();
  }

  private judgeApiToken(grant: Grant, loginOnly: boolean): Outcome {
    const apiToken = { id: grant.id, companyId: grant.company_id, userId: grant.user_id };
    if (loginOnly) return { kind: 'invalid', credential: 'api', apiToken };
    if (!isLive(grant)) return { kind: 'revoked', credential: 'api', apiToken };
    const now = this.deps.clock.now();
    if (grant.expires_at !== null && now >= grant.expires_at) {
      return { kind: 'expired', credential: 'api', apiToken };
    }
    this.deps.lastUsed.record(grant.id, now);
    return { kind: 'valid', principal: principalOf(grant, 'api', null) };
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
    if (!isLive(grant)) return { kind: 'revoked', credential: 'login' };
    const idleMs = this.deps.config.sessionIdleTtl * 1000;
    if (now >= grant.expires_at || (idleMs > 0 && now - grant.last_seen_at >= idleMs)) {
      return { kind: 'expired', credential: 'login' };
    }
    if (await this.deps.sessions.touch(grant.id, grant.last_seen_at, now)) {
      grant.last_seen_at = now; // the cached copy too
    }
    const session = { id: grant.id, expires_at: grant.expires_at };
    return { kind: 'valid', principal: principalOf(grant, 'login', session) };
  }

  /** The token's row from the store, cached unless an event came meanwhile. */
  private async loadApiToken(hash: string): Promise<Grant | undefined> {
    const generation = this.tokens.generation;
    const grant = await findApiTokenGrant(this.deps.db, hash);
    if (grant === undefined) this.unknown.set(hash, true, this.unknown.generation);
    else this.tokens.set(hash, grant, generation);
    return grant;
  }

  private async loadSession(id: string): Promise<SessionGrant | undefined> {
    const generation = this.sessions.generation;
    const grant = await findSessionGrant(this.deps.db, id);
    if (grant !== undefined) this.sessions.set(id, grant, generation);
    return grant;
  }

  /** Drops every cached answer the event makes stale. */
  private forget(event: KeywardEvent): void {
    this.tokens.evict((grant) => touches(event, holderOf(grant, null)));
    this.sessions.evict((grant) => touches(event, holderOf(grant, grant.id)));
  }
}

/** Not revoked, and its user and membership still there and enabled. */
const isLive = (grant: Grant): boolean =>
  grant.revoked_at === null &&
  grant.user_disabled_at === null &&
  grant.role !== null &&
  grant.membership_disabled_at === null;

function principalOf(
  grant: Grant,
  kind: Principal['kind'],
  session: Principal['session'],
): Principal {
  return {
    kind,
    tokenId: grant.id,
    user: { id: grant.user_id, email: grant.email, name: grant.user_name },
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
