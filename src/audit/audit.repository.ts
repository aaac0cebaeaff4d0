import type { Db } from '../db/database.js';
import { newId } from '../lib/crypto.js';

export type AuditAction =
  'signup' | 'login' | 'login_failed' | 'otp_sent' | 'token_generated' | 'token_revoked' | 'logout';

/** Who did it, from where: passed from the HTTP layer to services as plain data. */
export interface RequestContext {
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEvent {
  action: AuditAction;
  companyId: string | null;
  actorUserId: string | null;
  targetId: string | null;
}

/**
 * Written with the same transaction (`db` may be one) as the change it records, so the trail
 * never claims a change that rolled back. Never pass a secret here: only ids.
 */
export async function recordAudit(
  db: Db,
  event: AuditEvent,
  context: RequestContext,
  now: number,
): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      id: newId(),
      company_id: event.companyId,
      actor_user_id: event.actorUserId,
      action: event.action,
      target_id: event.targetId,
      ip: context.ip,
      user_agent: context.userAgent?.slice(0, 512) ?? null,
      created_at: now,
    })
    .execute();
}
