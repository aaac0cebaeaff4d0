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
export function findApiTokenForAuth(
  db: Db,
  tokenHash: string,
): Promise<ApiTokenForAuth | undefined> {
  return db
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
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}
