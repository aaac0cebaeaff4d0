import type { Db } from '../db/database.js';
import { newId } from '../lib/crypto.js';

/** Every kind of audit event (SPEC §5 lists the minimum). */
export const AUDIT_ACTIONS = [
  'signup',
  'login',
  'login_failed',
  'otp_sent',
  'token_generated',
  'token_revoked',
  'logout',
  'workspace_created',
  'workspace_switched',
  'member_invited',
  'member_added',
  'member_updated',
  'member_removed',
  'account_deleted',
  // Abuse: a spent rate-limit budget, an address locked after too many wrong codes, a real API
  // token refused (revoked, expired, owner gone, or used where a login token is required).
  'rate_limited',
  'otp_locked',
  'token_refused',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

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

export interface AuditRow {
  id: string;
  action: string;
  actor_user_id: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: number;
}

/** A company's events, newest first, strictly older than `before` when given. */
export function listAuditEvents(
  db: Db,
  companyId: string,
  before: { created_at: number; id: string } | undefined,
  limit: number,
): Promise<AuditRow[]> {
  let query = db
    .selectFrom('audit_events')
    .select(['id', 'action', 'actor_user_id', 'target_id', 'ip', 'user_agent', 'created_at'])
    .where('company_id', '=', companyId);
  if (before) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', before.created_at),
        eb.and([eb('created_at', '=', before.created_at), eb('id', '<', before.id)]),
      ]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
