import type { Db } from '../db/database.js';
import type { SessionsTable } from '../db/schema.js';

export type SessionRow = SessionsTable;

export async function insertSession(db: Db, session: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

export async function touchSession(db: Db, id: string, now: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

/** Live sessions of one user: all, only one, all but one, or those in one company. */
export interface SessionSelection {
  userId: string;
  companyId?: string;
  only?: string;
  except?: string;
}

/** Ends the live sessions selected; returns their ids. */
export async function endSessions(
  db: Db,
  selection: SessionSelection,
  now: number,
): Promise<string[]> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', selection.userId)
    .where('revoked_at', 'is', null);
  if (selection.companyId !== undefined)
    query = query.where('company_id', '=', selection.companyId);
  if (selection.only !== undefined) query = query.where('id', '=', selection.only);
  if (selection.except !== undefined) query = query.where('id', '!=', selection.except);
  const rows = await query.returning('id').execute();
  return rows.map((row) => row.id);
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
