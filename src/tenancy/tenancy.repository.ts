import type { Db } from '../db/database.js';
import type { Role, UsersTable } from '../db/schema.js';

export type UserRow = UsersTable;

export interface Placement {
  user: { id: string; email: string; name: string };
  company: { id: string; name: string };
  workspace: { id: string; name: string };
  role: Role;
}

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function insertUser(db: Db, user: UserRow): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export async function insertCompany(db: Db, id: string, name: string, now: number): Promise<void> {
  await db.insertInto('companies').values({ id, name, created_at: now }).execute();
}

export async function insertWorkspace(
  db: Db,
  workspace: { id: string; company_id: string; name: string },
  now: number,
): Promise<void> {
  await db
    .insertInto('workspaces')
    .values({ ...workspace, created_at: now })
    .execute();
}

export async function insertMembership(
  db: Db,
  membership: { user_id: string; company_id: string; role: Role },
  now: number,
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ ...membership, disabled_at: null, created_at: now })
    .execute();
}

export async function setLastWorkspace(db: Db, userId: string, workspaceId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ last_workspace_id: workspaceId })
    .where('id', '=', userId)
    .execute();
}

/**
 * Where a user lands after login: the workspace they used last if they may still enter it, else
 * the oldest workspace of their oldest active membership. Undefined when they can enter none.
 */
export async function findLandingPlacement(db: Db, user: UserRow): Promise<Placement | undefined> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('companies as c', 'c.id', 'm.company_id')
    .innerJoin('workspaces as w', 'w.company_id', 'm.company_id')
    .select([
      'm.role',
      'c.id as company_id',
      'c.name as company_name',
      'w.id as workspace_id',
      'w.name as workspace_name',
    ])
    .where('m.user_id', '=', user.id)
    .where('m.disabled_at', 'is', null)
    .orderBy('m.created_at')
    .orderBy('w.created_at')
    .orderBy('w.id')
    .execute();
  const row = rows.find((r) => r.workspace_id === user.last_workspace_id) ?? rows[0];
  if (!row) return undefined;
  return {
    user: { id: user.id, email: user.email, name: user.name },
    company: { id: row.company_id, name: row.company_name },
    workspace: { id: row.workspace_id, name: row.workspace_name },
    role: row.role,
  };
}
