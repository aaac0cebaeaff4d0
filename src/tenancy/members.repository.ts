import type { Db } from '../db/database.js';
import type { InvitationsTable } from '../db/schema.js';
import type { Role } from '../identity/roles.js';

export interface MemberRow {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  disabled_at: number | null;
  created_at: number;
}

/** Members of one company with their user's address and name. */
const membersOf = (db: Db, companyId: string) =>
  db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.user_id', 'u.email', 'u.name', 'm.role', 'm.disabled_at', 'm.created_at'])
    .where('m.company_id', '=', companyId);

export function listMembers(db: Db, companyId: string): Promise<MemberRow[]> {
  return membersOf(db, companyId).orderBy('m.created_at').orderBy('m.user_id').execute();
}

export function findMember(
  db: Db,
  companyId: string,
  userId: string,
): Promise<MemberRow | undefined> {
  return membersOf(db, companyId).where('m.user_id', '=', userId).executeTakeFirst();
}

/** Active owners of a company other than `exceptUserId`: the last owner must stay. */
export async function countOtherActiveOwners(
  db: Db,
  companyId: string,
  exceptUserId: string,
): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('company_id', '=', companyId)
    .where('role', '=', 'owner')
    .where('disabled_at', 'is', null)
    .where('user_id', '!=', exceptUserId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function updateMembership(
  db: Db,
  companyId: string,
  userId: string,
  changes: { role?: Role; disabled_at?: number | null },
): Promise<void> {
  await db
    .updateTable('memberships')
    .set(changes)
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteMembership(db: Db, companyId: string, userId: string): Promise<void> {
  await db
    .deleteFrom('memberships')
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .execute();
}

export type InvitationRow = InvitationsTable;

export function listInvitations(db: Db, companyId: string): Promise<InvitationRow[]> {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('company_id', '=', companyId)
    .orderBy('created_at')
    .execute();
}

export function findInvitationsByEmail(db: Db, email: string): Promise<InvitationRow[]> {
  return db.selectFrom('invitations').selectAll().where('email', '=', email).execute();
}

/**
 * Adds an invitation, or refreshes the one for the same company and address (which keeps its
 * id); returns the invitation as stored.
 */
export function upsertInvitation(db: Db, invitation: InvitationRow): Promise<InvitationRow> {
  return db
    .insertInto('invitations')
    .values(invitation)
    .onConflict((oc) =>
      oc.columns(['company_id', 'email']).doUpdateSet({
        role: invitation.role,
        invited_by: invitation.invited_by,
        created_at: invitation.created_at,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteInvitations(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('invitations').where('id', 'in', ids).execute();
}
