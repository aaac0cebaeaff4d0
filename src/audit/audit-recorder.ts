import type { Db } from '../db/database.js';
import type { Principal } from '../identity/principal.js';
import type { RequestContext } from '../identity/request-context.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/crypto.js';
import { insertAuditEvent, type AuditAction } from './audit.repository.js';

/** Whose log an event goes to and who did it; null where there is none (an operator, a stranger). */
export interface Actor {
  companyId: string | null;
  userId: string | null;
}

/**
 * Writes the audit trail. Each event goes into the same transaction (`db` may be one) as the
 * change it records, so the trail never claims a change that rolled back. Only ids are recorded:
 * never a secret.
 */
export class AuditRecorder {
  constructor(private readonly clock: Clock) {}

  async record(
    db: Db,
    action: AuditAction,
    actor: Actor,
    targetId: string | null,
    context: RequestContext,
  ): Promise<void> {
    await insertAuditEvent(db, {
      id: newId(),
      company_id: actor.companyId,
      actor_user_id: actor.userId,
      action,
      target_id: targetId,
      ip: context.ip,
      user_agent: context.userAgent?.slice(0, 512) ?? null,
      created_at: this.clock.now(),
    });
  }

  /** What a principal did, in the log of its current company. */
  byPrincipal(
    db: Db,
    action: AuditAction,
    principal: Principal,
    targetId: string | null,
    context: RequestContext,
  ): Promise<void> {
    const actor = { companyId: principal.company.id, userId: principal.user.id };
    return this.record(db, action, actor, targetId, context);
  }
}
