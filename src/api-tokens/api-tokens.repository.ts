import type { Db } from '../db/database.js';
import type { ApiTokensTable } from '../db/schema.js';

export type ApiTokenRow = ApiTokensTable;

/** Tokens of one company, narrowed to one user, one workspace or one id as given. */
export interface TokenSelection {
  companyId: string;
  userId?: string;
  workspaceId?: string;
  id?: string;
}

export async function insertApiToken(db: Db, token: ApiTokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(token).execute();
}

export interface ApiTokenListing {
  id: string;
  name: string | null;
  hint: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
  workspace_id: string;
  workspace_name: string;
  user_id: string;
  email: string;
}

/** Live (unrevoked) tokens selected, newest first. Never selects the hash. */
export function listApiTokens(db: Db, selection: TokenSelection): Promise<ApiTokenListing[]> {
  let query = db
    .selectFrom('api_tokens as t')
    .innerJoin('workspaces as w', 'w.id', 't.workspace_id')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.name',
      't.hint',
      't.created_at',
      't.last_used_at',
      't.expires_at',
      't.workspace_id',
      'w.name as workspace_name',
      't.user_id',
      'u.email',
    ])
    .where('t.company_id', '=', selection.companyId)
    .where('t.revoked_at', 'is', null);
  if (selection.userId !== undefined) query = query.where('t.user_id', '=', selection.userId);
  if (selection.workspaceId !== undefined) {
    query = query.where('t.workspace_id', '=', selection.workspaceId);
  }
  if (selection.id !== undefined) query = query.where('t.id', '=', selection.id);
  return query.orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').execute();
}

/** Revokes the live tokens selected; returns their ids. */
export async function revokeApiTokens(
  db: Db,
  selection: TokenSelection,
  now: number,
): Promise<string[]> {
  let query = db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('company_id', '=', selection.companyId)
    .where('revoked_at', 'is', null);
  if (selection.userId !== undefined) query = query.where('user_id', '=', selection.userId);
  if (selection.workspaceId !== undefined) {
    query = query.where('workspace_id', '=', selection.workspaceId);
  }
  if (selection.id !== undefined) query = query.where('id', '=', selection.id);
  const rows = await query.returning('id').execute();
  return rows.map((row) => row.id);
}

/** Writes buffered last-used times; never moves a time backwards. */
export async function saveLastUsed(db: Db, times: ReadonlyMap<string, number>): Promise<void> {
  for (const [id, at] of times) {
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: at })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)]))
      .execute();
  }
}

/** A token's company and state by id (the operator's CLI revokes by id alone). Never the hash. */
export function findApiTokenById(
  db: Db,
  id: string,
): Promise<{ id: string; company_id: string; revoked_at: number | null } | undefined> {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'company_id', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}
