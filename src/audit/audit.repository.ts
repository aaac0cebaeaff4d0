import type { Db } from '../db/database.js';
import type { AuditEventsTable } from '../db/schema.js';

/** Every kind of audit event. */
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
  // By the operator, with the CLI: a whole account suspended or restored.
  'user_disabled',
  'user_enabled',
  // Abuse: a spent rate-limit budget, an address locked after too many wrong codes, a real API
  // token refused (revoked, expired, owner gone, or used where a login token is required).
  'rate_limited',
  'otp_locked',
  'token_refused',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEventRow = AuditEventsTable;

export async function insertAuditEvent(db: Db, row: AuditEventRow): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
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

/** Deletes up to `batch` events older than `before` (audit retention). */
export async function deleteAuditEventsBefore(
  db: Db,
  before: number,
  batch: number,
): Promise<number> {
  const result = await db
    .deleteFrom('audit_events')
    .where(
      'id',
      'in',
      db.selectFrom('audit_events').select('id').where('created_at', '<', before).limit(batch),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface AuditTailRow extends AuditRow {
  company_id: string | null;
}

/** The latest events of every company (or of one), newest first: the operator's view. */
export function listLatestAuditEvents(
  db: Db,
  limit: number,
  companyId?: string,
): Promise<AuditTailRow[]> {
  let query = db
    .selectFrom('audit_events')
    .select([
      'id',
      'company_id',
      'action',
      'actor_user_id',
      'target_id',
      'ip',
      'user_agent',
      'created_at',
    ]);
  if (companyId !== undefined) query = query.where('company_id', '=', companyId);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}
