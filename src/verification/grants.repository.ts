// What verify reads: a credential's row (an API token by hash, a session by id) with the user,
// company, membership and workspace it depends on, in one indexed read. Reads only: verify never
// writes (last-used times and session activity are written elsewhere, in batches or at most once
// a minute).
import { sql } from 'kysely';
import { compiledOnce } from '../db/compiled-once.js';
import type { Db } from '../db/database.js';
import type { Role } from '../identity/roles.js';

/** The columns API tokens and sessions share that verify reads. */
interface CredentialColumns {
  id: string;
  user_id: string;
  company_id: string;
  workspace_id: string;
  expires_at: number | null;
  revoked_at: number | null;
}

/** A credential with everything that must still hold for it to be accepted. */
export interface Grant extends CredentialColumns {
  email: string;
  user_name: string;
  user_disabled_at: number | null;
  company_name: string;
  workspace_name: string;
  /** Null when the membership is gone. */
  role: Role | null;
  membership_disabled_at: number | null;
}

export interface SessionGrant extends Grant {
  expires_at: number;
  last_seen_at: number;
}

/** One join for both kinds of credential: each dies with its user, membership or workspace. */
function grantQuery(
  db: Db,
  table: 'api_tokens' | 'sessions',
  key: 'token_hash' | 'id',
  value: string,
) {
  return db
    .selectFrom(sql<CredentialColumns>`${sql.table(table)}`.as('g'))
    .innerJoin('users as u', 'u.id', 'g.user_id')
    .innerJoin('companies as c', 'c.id', 'g.company_id')
    .innerJoin('workspaces as w', 'w.id', 'g.workspace_id')
    .leftJoin('memberships as m', (join) =>
      join.onRef('m.user_id', '=', 'g.user_id').onRef('m.company_id', '=', 'g.company_id'),
    )
    .select([
      'g.id',
      'g.user_id',
      'g.company_id',
      'g.workspace_id',
      'g.expires_at',
      'g.revoked_at',
      'u.email',
      'u.name as user_name',
      'u.disabled_at as user_disabled_at',
      'c.name as company_name',
      'w.name as workspace_name',
      'm.role',
      'm.disabled_at as membership_disabled_at',
    ])
    .where(sql.ref(`g.${key}`), '=', value);
}

export const findApiTokenGrant = compiledOnce<Grant>((db, tokenHash) =>
  grantQuery(db, 'api_tokens', 'token_hash', tokenHash),
);

export const findSessionGrant = compiledOnce<SessionGrant>((db, id) =>
  grantQuery(db, 'sessions', 'id', id).select(sql<number>`g.last_seen_at`.as('last_seen_at')),
);
