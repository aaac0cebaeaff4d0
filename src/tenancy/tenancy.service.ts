import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Placement } from '../identity/principal.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/crypto.js';
import {
  deleteCompany,
  deleteUser,
  findLandingPlacement,
  findUserByEmail,
  insertCompany,
  insertMembership,
  insertUser,
  insertWorkspace,
  setLastWorkspace,
  setUserDisabled,
  summarizeMemberships,
  type UserRow,
} from './tenancy.repository.js';

export const DEFAULT_WORKSPACE_NAME = 'Default';

export interface NewCompany {
  email: string;
  name: string;
  companyName: string;
  workspaceName?: string | undefined;
}

/**
 * People, companies, workspaces and memberships: the only writer of their tables. Methods that
 * take a `db` run in the caller's transaction.
 */
export class TenancyService {
  constructor(private readonly clock: Clock) {}

  findUser(db: Db, email: string): Promise<UserRow | undefined> {
    return findUserByEmail(db, email);
  }

  /** A new person with a new company they own and its first workspace. */
  async createCompanyWithOwner(db: Db, input: NewCompany): Promise<Placement> {
    const now = this.clock.now();
    const placement: Placement = {
      user: { id: newId(), email: input.email, name: input.name },
      company: { id: newId(), name: input.companyName },
      workspace: { id: newId(), name: input.workspaceName ?? DEFAULT_WORKSPACE_NAME },
      role: 'owner',
    };
    await insertUser(db, {
      ...placement.user,
      last_workspace_id: placement.workspace.id,
      disabled_at: null,
      created_at: now,
    });
    await insertCompany(db, placement.company.id, placement.company.name, now);
    await insertWorkspace(db, { ...placement.workspace, company_id: placement.company.id }, now);
    await insertMembership(
      db,
      { user_id: placement.user.id, company_id: placement.company.id, role: 'owner' },
      now,
    );
    return placement;
  }

  /** A person with no company yet (an invitee); the address's local part stands in as name. */
  async createUser(db: Db, email: string): Promise<UserRow> {
    const user: UserRow = {
      id: newId(),
      email,
      name: email.slice(0, email.indexOf('@')),
      last_workspace_id: null,
      disabled_at: null,
      created_at: this.clock.now(),
    };
    await insertUser(db, user);
    return user;
  }

  /** Where a user lands after login (and is remembered to have landed). */
  async land(db: Db, user: UserRow): Promise<Placement | undefined> {
    const placement = await findLandingPlacement(db, user);
    if (placement) await setLastWorkspace(db, user.id, placement.workspace.id);
    return placement;
  }

  /**
   * Deletes an account with its memberships, sessions and tokens; a company it is the last
   * owner of goes too, unless someone else is in it (CONFLICT: hand it over first). Returns the
   * companies it was in.
   */
  async deleteAccount(
    db: Db,
    userId: string,
  ): Promise<{ companies: string[]; deletedWorkspaces: string[] }> {
    const memberships = await summarizeMemberships(db, userId);
    const lastOwnerOf = memberships.filter((m) => m.role === 'owner' && m.other_owners === 0);
    if (lastOwnerOf.some((m) => m.other_members > 0)) throw new AppError('CONFLICT');
    const deletedWorkspaces: string[] = [];
    for (const { company_id } of lastOwnerOf) {
      deletedWorkspaces.push(...(await deleteCompany(db, company_id)));
    }
    await deleteUser(db, userId);
    return { companies: memberships.map((m) => m.company_id), deletedWorkspaces };
  }

  /**
   * Suspends or restores a whole account (the operator's CLI). Returns the companies it is in,
   * or undefined when it already was so.
   */
  async setDisabled(db: Db, user: UserRow, disabled: boolean): Promise<string[] | undefined> {
    if ((user.disabled_at !== null) === disabled) return undefined;
    await setUserDisabled(db, user.id, disabled ? this.clock.now() : null);
    return (await summarizeMemberships(db, user.id)).map((m) => m.company_id);
  }
}
