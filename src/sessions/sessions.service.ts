import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { TtlCache } from '../lib/ttl-cache.js';
import type { RevocationBus } from '../revocation/revocation-bus.js';
import { newId } from '../lib/crypto.js';
import type { Principal } from '../principal.js';
import type { Placement } from '../tenancy/tenancy.repository.js';
import { recordAudit, type RequestContext } from '../audit/audit.repository.js';
import type { Keyring } from './keyring.js';
import { signLoginToken, verifyLoginToken, type VerifiedClaims } from './login-token.js';
import {
  findSessionForAuth,
  insertSession,
  revokeSessions,
  touchSession,
  type LogoutScope,
  type SessionForAuth,
} from './sessions.repository.js';

/** Checked login tokens remembered for up to AUTH_CACHE_TTL_MS. */
const VERIFIED_TOKENS_CACHED = 10_000;

/** Idle time is tracked to the minute, so an active session writes at most once a minute. */
const TOUCH_INTERVAL_MS = 60_000;

export interface IssuedSession {
  token: string;
  session: { id: string; expires_at: number };
}

export class SessionsService {
  constructor(
    private readonly db: Db,
    private readonly keyring: Keyring,
    private readonly config: Pick<Config, 'loginTokenTtl' | 'sessionIdleTtl' | 'authCacheTtlMs'>,
    /** Session rows by id; emptied on every revocation notice. */
    private readonly cache: TtlCache<SessionForAuth>,
    private readonly revocations: RevocationBus,
    private readonly clock: Clock,
  ) {
    this.verified = new TtlCache(config.authCacheTtlMs, VERIFIED_TOKENS_CACHED, clock);
  }

  /**
   * Tokens whose signature was checked, by token: a signature stays valid, so no revocation
   * touches this (the session row answers for that); only `exp` is checked again.
   */
  private readonly verified: TtlCache<VerifiedClaims>;

  /** Opens a session (in the caller's transaction) and signs its login token. */
  async open(db: Db, placement: Placement, context: RequestContext): Promise<IssuedSession> {
    const now = this.clock.now();
    // The token carries whole seconds; the row keeps the same instant so both expire together.
    const expiresAt = (Math.floor(now / 1000) + this.config.loginTokenTtl) * 1000;
    const id = newId();
    await insertSession(db, {
      id,
      user_id: placement.user.id,
      company_id: placement.company.id,
      workspace_id: placement.workspace.id,
      created_at: now,
      expires_at: expiresAt,
      last_seen_at: now,
      revoked_at: null,
      ip: context.ip,
      user_agent: context.userAgent?.slice(0, 512) ?? null,
    });
    const token = await signLoginToken(
      this.keyring,
      { sub: placement.user.id, sid: id, cid: placement.company.id, wid: placement.workspace.id },
      now,
      expiresAt,
    );
    return { token, session: { id, expires_at: expiresAt } };
  }

  /** The principal behind a login token, re-checked against the store on every request. */
  async authenticate(token: string): Promise<Principal> {
    const now = this.clock.now();
    // Cache hits are read without an await: verify's hot path pays for promises only on a miss.
    const claims = this.verified.get(token) ?? (await this.verifyClaims(token, now));
    if (now >= claims.exp * 1000) throw new AppError('SESSIONEXPIRED');
    const row = this.cache.get(claims.sid) ?? (await this.loadForAuth(claims.sid));
    if (
      !row ||
      row.user_id !== claims.sub ||
      row.company_id !== claims.cid ||
      row.workspace_id !== claims.wid
    ) {
      throw new AppError('INVALID_LOGIN_TOKEN', { cause: 'invalid' });
    }
    // Same answer as an unknown session; the cause (logs, metrics) says it was ended.
    if (
      row.revoked_at !== null ||
      row.user_disabled_at !== null ||
      row.role === null ||
      row.membership_disabled_at !== null
    ) {
      throw new AppError('INVALID_LOGIN_TOKEN', { cause: 'revoked' });
    }
    const idleMs = this.config.sessionIdleTtl * 1000;
    if (now >= row.expires_at || (idleMs > 0 && now - row.last_seen_at >= idleMs)) {
      throw new AppError('SESSIONEXPIRED');
    }
    if (now - row.last_seen_at >= TOUCH_INTERVAL_MS) {
      await touchSession(this.db, row.id, now);
      row.last_seen_at = now; // the cached copy too
    }
    return {
      kind: 'login',
      tokenId: row.id,
      user: { id: row.user_id, email: row.email, name: row.user_name },
      company: { id: row.company_id, name: row.company_name },
      workspace: { id: row.workspace_id, name: row.workspace_name },
      role: row.role,
      session: { id: row.id, expires_at: row.expires_at },
    };
  }

  async logout(principal: Principal, scope: LogoutScope, context: RequestContext): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      await revokeSessions(trx, principal.user.id, principal.tokenId, scope, now);
      await recordAudit(
        trx,
        {
          action: 'logout',
          companyId: principal.company.id,
          actorUserId: principal.user.id,
          targetId: scope === 'this' ? principal.tokenId : principal.user.id,
        },
        context,
        now,
      );
    });
    this.revocations.notify();
  }

  /** Checks a login token not seen within the cache's TTL, and caches its claims. */
  private async verifyClaims(token: string, now: number): Promise<VerifiedClaims> {
    const claims = await verifyLoginToken(this.keyring, token, now);
    this.verified.set(token, claims, this.verified.generation);
    return claims;
  }

  /** The session's row from the store, cached unless a revocation came meanwhile. */
  private async loadForAuth(id: string): Promise<SessionForAuth | undefined> {
    const generation = this.cache.generation;
    const row = await findSessionForAuth(this.db, id);
    if (row !== undefined) this.cache.set(id, row, generation);
    return row;
  }
}
