import type { Db } from '../db/database.js';
import type { UsersTable } from '../db/schema.js';
import type { Placement } from '../identity/principal.js';
import type { Role } from '../identity/roles.js';

export type UserRow = UsersTable;

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

/** Suspends (a time) or restores (null) a whole account: every session and token with it. */
export async function setUserDisabled(
  db: Db,
  userId: string,
  disabledAt: number | null,
): Promise<void> {
  await db.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', userId).execute();
}

export async function companyExists(db: Db, companyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('companies')
    .select('id')
    .where('id', '=', companyId)
    .executeTakeFirst();
  return row !== undefined;
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

export interface WorkspaceListing {
  id: string;
  name: string;
  company_id: string;
  company_name: string;
  role: Role;
}

/** Every workspace the user may enter, in every company where their membership is active. */
export function listEnterableWorkspaces(db: Db, userId: string): Promise<WorkspaceListing[]> {
  return db
    .selectFrom('memberships as m')
    .innerJoin('companies as c', 'c.id', 'm.company_id')
    .innerJoin('workspaces as w', 'w.company_id', 'm.company_id')
    .select(['w.id', 'w.name', 'c.id as company_id', 'c.name as company_name', 'm.role'])
    .where('m.user_id', '=', userId)
    .where('m.disabled_at', 'is', null)
    .orderBy('c.name')
    .orderBy('w.created_at')
    .orderBy('w.id')
    .execute();
}

/** The placement of a user in a workspace, if their membership of its company is active. */
export async function findPlacement(
  db: Db,
  userId: string,
  workspaceId: string,
): Promise<Placement | undefined> {
  const row = await db
    .selectFrom('workspaces as w')
    .innerJoin('companies as c', 'c.id', 'w.company_id')
    .innerJoin('memberships as m', (join) =>
      join.onRef('m.company_id', '=', 'w.company_id').on('m.user_id', '=', userId),
    )
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select([
      'u.id as user_id',
      'u.email',
      'u.name as user_name',
      'c.id as company_id',
      'c.name as company_name',
      'w.id as workspace_id',
      'w.name as workspace_name',
      'm.role',
    ])
    .where('w.id', '=', workspaceId)
    .where('m.disabled_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    user: { id: row.user_id, email: row.email, name: row.user_name },
    company: { id: row.company_id, name: row.company_name },
    workspace: { id: row.workspace_id, name: row.workspace_name },
    role: row.role,
  };
}

export interface MembershipSummary {
  company_id: string;
  role: Role;
  /** Active owners besides this user. */
  other_owners: number;
  /** Members besides this user, active or not. */
  other_members: number;
}

/** Each company the user belongs to, with who else is in it: what account deletion must check. */
export async function summarizeMemberships(db: Db, userId: string): Promise<MembershipSummary[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .select((eb) => [
      'm.company_id',
      'm.role',
      eb
        .selectFrom('memberships as o')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('o.company_id', '=', 'm.company_id')
        .where('o.user_id', '!=', userId)
        .where('o.role', '=', 'owner')
        .where('o.disabled_at', 'is', null)
        .as('other_owners'),
      eb
        .selectFrom('memberships as o')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('o.company_id', '=', 'm.company_id')
        .where('o.user_id', '!=', userId)
        .as('other_members'),
    ])
    .where('m.user_id', '=', userId)
    .execute();
  return rows.map((r) => ({
    company_id: r.company_id,
    role: r.role,
    other_owners: Number(r.other_owners),
    other_members: Number(r.other_members),
  }));
}

/**
 * Deletes a company; its workspaces, memberships, sessions and tokens go with it (cascade).
 * Returns the ids of the workspaces that went.
 */
export async function deleteCompany(db: Db, companyId: string): Promise<string[]> {
  const workspaces = await db
    .selectFrom('workspaces')
    .select('id')
    .where('company_id', '=', companyId)
    .execute();
  await db.deleteFrom('companies').where('id', '=', companyId).execute();
  return workspaces.map((w) => w.id);
}

/** Deletes a user; their memberships, sessions and tokens go with them (cascade). */
export async function deleteUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('users').where('id', '=', userId).execute();
}
