import { compiledOnce } from '../db/compiled-once.js';
import type { Db } from '../db/database.js';
import type { ApiTokensTable, Role } from '../db/schema.js';

export type ApiTokenRow = ApiTokensTable;

export interface ApiTokenForAuth {
  id: string;
  user_id: string;
  company_id: string;
  workspace_id: string;
  expires_at: number | null;
  revoked_at: number | null;
  email: string;
  user_name: string;
  user_disabled_at: number | null;
  company_name: string;
  workspace_name: string;
  role: Role | null;
  membership_disabled_at: number | null;
}

export async function insertApiToken(db: Db, token: ApiTokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(token).execute();
}

/**
 * One indexed read by hash, with the user, membership and workspace the token depends on: a
 * token dies with any of them. Reads only: verify never writes.
 */
export const findApiTokenForAuth = compiledOnce<ApiTokenForAuth>((db, tokenHash) =>
  db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .innerJoin('companies as c', 'c.id', 't.company_id')
    .innerJoin('workspaces as w', 'w.id', 't.workspace_id')
    .leftJoin('memberships as m', (join) =>
      join.onRef('m.user_id', '=', 't.user_id').onRef('m.company_id', '=', 't.company_id'),
    )
    .select([
      't.id',
      't.user_id',
      't.company_id',
      't.workspace_id',
      't.expires_at',
      't.revoked_at',
      'u.email',
      'u.name as user_name',
      'u.disabled_at as user_disabled_at',
      'c.name as company_name',
      'w.name as workspace_name',
      'm.role',
      'm.disabled_at as membership_disabled_at',
    ])
    .where('t.token_hash', '=', tokenHash),
);

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

/**
 * Live (unrevoked) tokens of one company, optionally of one user in one workspace, newest first.
 * Never selects the hash.
 */
export function listApiTokens(
  db: Db,
  scope: { companyId: string; userId?: string; workspaceId?: string },
): Promise<ApiTokenListing[]> {
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
    .where('t.company_id', '=', scope.companyId)
    .where('t.revoked_at', 'is', null);
  if (scope.userId !== undefined) query = query.where('t.user_id', '=', scope.userId);
  if (scope.workspaceId !== undefined)
    query = query.where('t.workspace_id', '=', scope.workspaceId);
  return query.orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').execute();
}

/** Revokes one live token of the company (of one user, unless `userId` is undefined). */
export async function revokeApiToken(
  db: Db,
  id: string,
  scope: { companyId: string; userId?: string },
  now: number,
): Promise<boolean> {
  let query = db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('company_id', '=', scope.companyId)
    .where('revoked_at', 'is', null);
  if (scope.userId !== undefined) query = query.where('user_id', '=', scope.userId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
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

/** A token's owner and state by id (the operator's CLI revokes by id alone). Never the hash. */
export function findApiTokenById(
  db: Db,
  id: string,
): Promise<
  { id: string; company_id: string; user_id: string; revoked_at: number | null } | undefined
> {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'company_id', 'user_id', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}
