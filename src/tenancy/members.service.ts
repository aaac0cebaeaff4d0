import { recordAudit, type RequestContext } from '../audit/audit.repository.js';
import type { Db } from '../db/database.js';
import type { Role } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/crypto.js';
import type { Outbox } from '../mail/outbox.js';
import type { Principal } from '../principal.js';
import type { RevocationBus } from '../revocation/revocation-bus.js';
import { normalizeEmail } from '../accounts/email.js';
import { invitationMail } from './invitation-mail.js';
import {
  countOtherActiveOwners,
  deleteInvitations,
  findInvitationsByEmail,
  findMember,
  listInvitations,
  listMembers,
  removeMembership,
  updateMembership,
  upsertInvitation,
  type InvitationRow,
  type MemberRow,
} from './members.repository.js';
import { requireManager } from './roles.js';
import { findUserByEmail, insertMembership, type UserRow } from './tenancy.repository.js';

export interface MemberChanges {
  role?: Role | undefined;
  disabled?: boolean | undefined;
}

/** Members and invitations of the caller's current company. */
export class MembersService {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly revocations: RevocationBus,
    private readonly clock: Clock,
  ) {}

  async list(
    principal: Principal,
  ): Promise<{ members: MemberRow[]; invitations: InvitationRow[] }> {
    const [members, invitations] = await Promise.all([
      listMembers(this.db, principal.company.id),
      listInvitations(this.db, principal.company.id),
    ]);
    return { members, invitations };
  }

  /**
   * Invites an address; its owner joins at their next sign-up or login. Only owners may invite
   * owners. An address that is already a member is a CONFLICT.
   */
  async invite(
    principal: Principal,
    address: string,
    role: Role,
    context: RequestContext,
  ): Promise<InvitationRow> {
    requireManager(principal.role);
    if (role === 'owner' && principal.role !== 'owner') throw new AppError('FORBIDDEN');
    const email = normalizeEmail(address);
    const now = this.clock.now();
    const invitation: InvitationRow = {
      id: newId(),
      company_id: principal.company.id,
      email,
      role,
      invited_by: principal.user.id,
      created_at: now,
    };
    await this.db.transaction().execute(async (trx) => {
      const existing = await findUserByEmail(trx, email);
      if (existing && (await findMember(trx, principal.company.id, existing.id))) {
        throw new AppError('CONFLICT');
      }
      await upsertInvitation(trx, invitation);
      await recordAudit(
        trx,
        {
          action: 'member_invited',
          companyId: principal.company.id,
          actorUserId: principal.user.id,
          targetId: invitation.id,
        },
        context,
        now,
      );
    });
    this.outbox.enqueue(invitationMail(email, principal.company.name, principal.user.name));
    return invitation;
  }

  /** Changes a member's role or suspends them (their sessions and tokens stop at once). */
  async update(
    principal: Principal,
    userId: string,
    changes: MemberChanges,
    context: RequestContext,
  ): Promise<MemberRow> {
    requireManager(principal.role);
    const now = this.clock.now();
    const updated = await this.db.transaction().execute(async (trx) => {
      const member = await this.findManageable(trx, principal, userId);
      const promotes = changes.role === 'owner' && member.role !== 'owner';
      if (promotes && principal.role !== 'owner') throw new AppError('FORBIDDEN');
      const demotes = changes.role !== undefined && changes.role !== 'owner';
      if ((demotes || changes.disabled === true) && member.role === 'owner') {
        await this.keepAnOwner(trx, principal.company.id, userId);
      }
      const set: { role?: Role; disabled_at?: number | null } = {};
      if (changes.role !== undefined) set.role = changes.role;
      if (changes.disabled !== undefined) set.disabled_at = changes.disabled ? now : null;
      if (Object.keys(set).length > 0) {
        await updateMembership(trx, principal.company.id, userId, set);
        await recordAudit(
          trx,
          {
            action: 'member_updated',
            companyId: principal.company.id,
            actorUserId: principal.user.id,
            targetId: userId,
          },
          context,
          now,
        );
      }
      return (await findMember(trx, principal.company.id, userId))!;
    });
    // A role or a suspension changes what their tokens may do: no cache may keep the old answer.
    this.revocations.notify();
    return updated;
  }

  /** Removes a member: every session and API token of theirs in this company ends at once. */
  async remove(principal: Principal, userId: string, context: RequestContext): Promise<void> {
    requireManager(principal.role);
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const member = await this.findManageable(trx, principal, userId);
      if (member.role === 'owner') await this.keepAnOwner(trx, principal.company.id, userId);
      await removeMembership(trx, principal.company.id, userId, now);
      await recordAudit(
        trx,
        {
          action: 'member_removed',
          companyId: principal.company.id,
          actorUserId: principal.user.id,
          targetId: userId,
        },
        context,
        now,
      );
    });
    this.revocations.notify();
  }

  /**
   * Turns the pending invitations of a user's address into memberships (called in the login or
   * sign-up transaction, once the code has proven the address).
   */
  async acceptInvitations(db: Db, user: UserRow, context: RequestContext): Promise<void> {
    const invitations = await findInvitationsByEmail(db, user.email);
    const now = this.clock.now();
    for (const invitation of invitations) {
      if (!(await findMember(db, invitation.company_id, user.id))) {
        await insertMembership(
          db,
          { user_id: user.id, company_id: invitation.company_id, role: invitation.role },
          now,
        );
        await recordAudit(
          db,
          {
            action: 'member_added',
            companyId: invitation.company_id,
            actorUserId: invitation.invited_by,
            targetId: user.id,
          },
          context,
          now,
        );
      }
    }
    await deleteInvitations(
      db,
      invitations.map((i) => i.id),
    );
  }

  /** Another company's member, or no member at all, is NOT_FOUND. Admins can't touch owners. */
  private async findManageable(db: Db, principal: Principal, userId: string): Promise<MemberRow> {
    const member = await findMember(db, principal.company.id, userId);
    if (!member) throw new AppError('NOT_FOUND');
    if (member.role === 'owner' && principal.role !== 'owner') throw new AppError('FORBIDDEN');
    return member;
  }

  private async keepAnOwner(db: Db, companyId: string, userId: string): Promise<void> {
    if ((await countOtherActiveOwners(db, companyId, userId)) === 0) throw new AppError('CONFLICT');
  }
}
