import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { EventBus } from '../events/event-bus.js';
import type { KeywardEvent } from '../events/events.js';
import type { Placement, Principal } from '../identity/principal.js';
import type { RequestContext } from '../identity/request-context.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/crypto.js';
import type { Keyring } from './keyring.js';
import { signLoginToken } from './login-token.js';
import {
  endSessions,
  insertSession,
  touchSession,
  type SessionSelection,
} from './sessions.repository.js';

/** Idle time is tracked to the minute, so an active session writes at most once a minute. */
const TOUCH_INTERVAL_MS = 60_000;

export type LogoutScope = 'this' | 'others' | 'all';

export interface IssuedSession {
  token: string;
  session: { id: string; expires_at: number };
}

/** Sessions and their login tokens: the only writer of the `sessions` table. */
export class SessionsService {
  constructor(
    private readonly db: Db,
    private readonly keyring: Keyring,
    private readonly config: Pick<Config, 'loginTokenTtl'>,
    private readonly audit: AuditRecorder,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

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

  /**
   * Records that a session is in use, at most once a minute (idle expiry needs no finer grain).
   * Returns whether it wrote.
   */
  async touch(id: string, lastSeenAt: number, now: number): Promise<boolean> {
    if (now - lastSeenAt < TOUCH_INTERVAL_MS) return false;
    await touchSession(this.db, id, now);
    return true;
  }

  async logout(principal: Principal, scope: LogoutScope, context: RequestContext): Promise<void> {
    const now = this.clock.now();
    const selection: SessionSelection =
      scope === 'this'
        ? { userId: principal.user.id, only: principal.tokenId }
        : scope === 'others'
          ? { userId: principal.user.id, except: principal.tokenId }
          : { userId: principal.user.id };
    const ended = await this.db.transaction().execute(async (trx) => {
      const ids = await endSessions(trx, selection, now);
      const target = scope === 'this' ? principal.tokenId : principal.user.id;
      await this.audit.byPrincipal(trx, 'logout', principal, target, context);
      return ids;
    });
    this.events.publish(sessionsEnded(ended));
  }

  /**
   * Ends sessions in the caller's transaction; the caller publishes the events returned once it
   * has committed.
   */
  async end(db: Db, selection: SessionSelection): Promise<KeywardEvent[]> {
    return sessionsEnded(await endSessions(db, selection, this.clock.now()));
  }
}

const sessionsEnded = (ids: readonly string[]): KeywardEvent[] =>
  ids.map((id) => ({ type: 'session.ended', session_id: id }));
