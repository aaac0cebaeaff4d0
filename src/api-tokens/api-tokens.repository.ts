import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db/database.js';
import type { ApiTokensTable, Database, TokenOwner } from '../db/schema.js';

export type ApiTokenRow = ApiTokensTable;

/**
 * Tokens of one company, narrowed as given. `holderId` keeps the tokens that person holds (a
 * workspace token has no holder), plus, with `andWorkspaceTokens`, the workspace's own tokens.
 */
export interface TokenSelection {
  companyId: string;
  id?: string;
  workspaceId?: string;
  holderId?: string;
  andWorkspaceTokens?: boolean;
}

/** The selection as a condition on `api_tokens as t`. */
function selected(selection: TokenSelection) {
  return (eb: ExpressionBuilder<Database & { t: ApiTokensTable }, 't'>) => {
    const conditions = [eb('t.company_id', '=', selection.companyId)];
    if (selection.id !== undefined) conditions.push(eb('t.id', '=', selection.id));
    if (selection.workspaceId !== undefined) {
      conditions.push(eb('t.workspace_id', '=', selection.workspaceId));
    }
    if (selection.holderId !== undefined) {
      const held = eb('t.user_id', '=', selection.holderId);
      conditions.push(
        selection.andWorkspaceTokens ? eb.or([held, eb('t.owner', '=', 'workspace')]) : held,
      );
    }
    return eb.and(conditions);
  };
}

export async function insertApiToken(db: Db, token: ApiTokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(token).execute();
}

/** A token as listings show it: never its hash. */
export interface ApiTokenListing {
  id: string;
  name: string | null;
  hint: string;
  owner: TokenOwner;
  user_id: string | null;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
  workspace_id: string;
  workspace_name: string;
  created_by: string | null;
  created_by_email: string | null;
  scopes: string | null;
  metadata: string | null;
  rate_limit: string | null;
}

/** Live (unrevoked) tokens selected, newest first. */
export function listApiTokens(db: Db, selection: TokenSelection): Promise<ApiTokenListing[]> {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('workspaces as w', 'w.id', 't.workspace_id')
    .leftJoin('users as creator', 'creator.id', 't.created_by')
    .select([
      't.id',
      't.name',
      't.hint',
      't.owner',
      't.user_id',
      't.created_at',
      't.last_used_at',
      't.expires_at',
      't.workspace_id',
      'w.name as workspace_name',
      't.created_by',
      'creator.email as created_by_email',
      't.scopes',
      't.metadata',
      't.rate_limit',
    ])
    .where(selected(selection))
    .where('t.revoked_at', 'is', null)
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .execute();
}

/** The live token selected, with what a rotation copies; never its hash. */
export function findLiveApiToken(
  db: Db,
  selection: TokenSelection,
): Promise<ApiTokenRow | undefined> {
  return db
    .selectFrom('api_tokens as t')
    .selectAll('t')
    .where(selected(selection))
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Revokes the live tokens selected; returns their ids. */
export async function revokeApiTokens(
  db: Db,
  selection: TokenSelection,
  now: number,
): Promise<string[]> {
  const rows = await db
    .updateTable('api_tokens as t')
    .set({ revoked_at: now })
    .where(selected(selection))
    .where('t.revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/** Changes one token's columns (name, capabilities, expiry). */
export async function updateApiToken(
  db: Db,
  id: string,
  changes: Partial<Pick<ApiTokenRow, 'name' | 'scopes' | 'metadata' | 'rate_limit' | 'expires_at'>>,
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.updateTable('api_tokens').set(changes).where('id', '=', id).execute();
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
