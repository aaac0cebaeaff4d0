import { compiledOnce } from '../db/compiled-once.js';
import type { Db } from '../db/database.js';
import type { Role, SessionsTable } from '../db/schema.js';

export type SessionRow = SessionsTable;

export interface SessionForAuth {
  id: string;
  user_id: string;
  company_id: string;
  workspace_id: string;
  expires_at: number;
  last_seen_at: number;
  revoked_at: number | null;
  email: string;
  user_name: string;
  user_disabled_at: number | null;
  company_name: string;
  workspace_name: string;
  /** Null when the membership is gone. */
  role: Role | null;
  membership_disabled_at: number | null;
}

export async function insertSession(db: Db, session: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/** The session with everything a request must re-check: user, membership, workspace. */
export const findSessionForAuth = compiledOnce<SessionForAuth>((db, id) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .innerJoin('companies as c', 'c.id', 's.company_id')
    .innerJoin('workspaces as w', 'w.id', 's.workspace_id')
    .leftJoin('memberships as m', (join) =>
      join.onRef('m.user_id', '=', 's.user_id').onRef('m.company_id', '=', 's.company_id'),
    )
    .select([
      's.id',
      's.user_id',
      's.company_id',
      's.workspace_id',
      's.expires_at',
      's.last_seen_at',
      's.revoked_at',
      'u.email',
      'u.name as user_name',
      'u.disabled_at as user_disabled_at',
      'c.name as company_name',
      'w.name as workspace_name',
      'm.role',
      'm.disabled_at as membership_disabled_at',
    ])
    .where('s.id', '=', id),
);

export async function touchSession(db: Db, id: string, now: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export type LogoutScope = 'this' | 'others' | 'all';

/** Ends sessions of the user; returns how many were still live. */
export async function revokeSessions(
  db: Db,
  userId: string,
  currentId: string,
  scope: LogoutScope,
  now: number,
): Promise<number> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  switch (scope) {
    case 'this':
      query = query.where('id', '=', currentId);
      break;
    case 'others':
      query = query.where('id', '!=', currentId);
      break;
    case 'all':
      break;
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Deletes up to `batch` ended sessions: revoked ones, and those past their absolute expiry (a
 * login token past `exp` is SESSIONEXPIRED before its row is looked up). Sessions that only sat
 * idle stay until then, so their tokens keep answering SESSIONEXPIRED.
 */
export async function deleteEndedSessions(db: Db, now: number, batch: number): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where(
      'id',
      'in',
      db
        .selectFrom('sessions')
        .select('id')
        // Revoked by now, rather than `is not null`: a range both stores can read from an index.
        .where((eb) => eb.or([eb('expires_at', '<=', now), eb('revoked_at', '<=', now)]))
        .limit(batch),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
