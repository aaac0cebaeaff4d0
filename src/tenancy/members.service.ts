import type { ApiTokensService } from '../api-tokens/api-tokens.service.js';
import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import type { KeywardEvent } from '../events/events.js';
import { normalizeEmail } from '../identity/email.js';
import type { Principal } from '../identity/principal.js';
import type { RequestContext } from '../identity/request-context.js';
import { requireManager, type Role } from '../identity/roles.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/crypto.js';
import type { Outbox } from '../mail/outbox.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { invitationMail } from './invitation-mail.js';
import {
  countOtherActiveOwners,
  deleteInvitations,
  deleteMembership,
  findInvitationsByEmail,
  findMember,
  listInvitations,
  listMembers,
  updateMembership,
  upsertInvitation,
  type InvitationRow,
  type MemberRow,
} from './members.repository.js';
import { findUserByEmail, insertMembership } from './tenancy.repository.js';

export interface MemberChanges {
  role?: Role | undefined;
  disabled?: boolean | undefined;
}

/** Members and invitations of the caller's current company. */
export class MembersService {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionsService,
    private readonly apiTokens: ApiTokensService,
    private readonly audit: AuditRecorder,
    private readonly outbox: Outbox,
    private readonly events: EventBus,
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
   * owners. An address that is already a member is a CONFLICT; inviting an address again
   * refreshes its invitation (same id, the new role).
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
    const invitation = await this.db.transaction().execute(async (trx) => {
      const existing = await findUserByEmail(trx, email);
      if (existing && (await findMember(trx, principal.company.id, existing.id))) {
        throw new AppError('CONFLICT');
      }
      const stored = await upsertInvitation(trx, {
        id: newId(),
        company_id: principal.company.id,
        email,
        role,
        invited_by: principal.user.id,
        created_at: this.clock.now(),
      });
      await this.audit.byPrincipal(trx, 'member_invited', principal, stored.id, context);
      return stored;
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
      if (changes.disabled !== undefined)
        set.disabled_at = changes.disabled ? this.clock.now() : null;
      if (Object.keys(set).length > 0) {
        await updateMembership(trx, principal.company.id, userId, set);
        await this.audit.byPrincipal(trx, 'member_updated', principal, userId, context);
      }
      return (await findMember(trx, principal.company.id, userId))!;
    });
    // A role or a suspension changes what their tokens may do: no cache may keep the old answer.
    this.events.publish([memberChanged(principal.company.id, userId)]);
    return updated;
  }

  /**
   * Removes a member: every session and API token of theirs in this company ends at once (they
   * are revoked, not orphaned, so a later re-invitation does not bring them back).
   */
  async remove(principal: Principal, userId: string, context: RequestContext): Promise<void> {
    requireManager(principal.role);
    const companyId = principal.company.id;
    const ended = await this.db.transaction().execute(async (trx) => {
      const member = await this.findManageable(trx, principal, userId);
      if (member.role === 'owner') await this.keepAnOwner(trx, companyId, userId);
      const events = [
        ...(await this.sessions.end(trx, { userId, companyId })),
        ...(await this.apiTokens.revokeWhere(trx, { userId, companyId })),
      ];
      await deleteMembership(trx, companyId, userId);
      await this.audit.byPrincipal(trx, 'member_removed', principal, userId, context);
      return events;
    });
    this.events.publish([memberChanged(companyId, userId), ...ended]);
  }

  /** Whether an address has a pending invitation to any company. */
  async isInvited(db: Db, email: string): Promise<boolean> {
    return (await findInvitationsByEmail(db, email)).length > 0;
  }

  /**
   * Turns the pending invitations of a user's address into memberships (called in the login or
   * sign-up transaction, once the code has proven the address).
   */
  async acceptInvitations(
    db: Db,
    user: { id: string; email: string },
    context: RequestContext,
  ): Promise<void> {
    const invitations = await findInvitationsByEmail(db, user.email);
    for (const invitation of invitations) {
      if (!(await findMember(db, invitation.company_id, user.id))) {
        await insertMembership(
          db,
          { user_id: user.id, company_id: invitation.company_id, role: invitation.role },
          this.clock.now(),
        );
        const inviter = { companyId: invitation.company_id, userId: invitation.invited_by };
        await this.audit.record(db, 'member_added', inviter, user.id, context);
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

const memberChanged = (companyId: string, userId: string): KeywardEvent => ({
  type: 'member.changed',
  user_id: userId,
  company_id: companyId,
});
