import { recordAudit, type RequestContext } from '../audit/audit.repository.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/crypto.js';
import type { Outbox } from '../mail/outbox.js';
import type { Principal } from '../principal.js';
import type { RevocationBus } from '../revocation/revocation-bus.js';
import type { OtpService } from '../otp/otp.service.js';
import type { IssuedSession, SessionsService } from '../sessions/sessions.service.js';
import {
  findLandingPlacement,
  findUserByEmail,
  insertCompany,
  insertMembership,
  insertUser,
  insertWorkspace,
  setLastWorkspace,
  summarizeMemberships,
  deleteCompany,
  deleteUser,
  type Placement,
  type UserRow,
} from '../tenancy/tenancy.repository.js';
import { findInvitationsByEmail } from '../tenancy/members.repository.js';
import type { MembersService } from '../tenancy/members.service.js';
import { codeMail } from './code-mail.js';
import { normalizeEmail } from './email.js';

export const DEFAULT_WORKSPACE_NAME = 'Default';

export interface SignupInput {
  username?: string | undefined;
  name: string;
  company_name: string;
  workspace_name?: string | undefined;
}

export interface SignedIn extends IssuedSession {
  placement: Placement;
}

/** Sign-up and log-in: two steps each, the second proving the address with its mailed code. */
export class AccountsService {
  constructor(
    private readonly db: Db,
    private readonly otp: OtpService,
    private readonly sessions: SessionsService,
    private readonly members: MembersService,
    private readonly outbox: Outbox,
    private readonly revocations: RevocationBus,
    private readonly clock: Clock,
  ) {}

  /** Step 1 of sign-up. Same answer whether or not the address has an account. */
  async sendSignupCode(username: string | undefined, context: RequestContext): Promise<void> {
    const email = normalizeEmail(username);
    const { code, user } = await this.issueCode(email, context);
    this.outbox.enqueue(codeMail(email, code, user ? 'signup-existing' : 'signup'), {
      kind: 'code',
      onFailed: () => this.otp.endCooldown(email, code),
    });
  }

  /**
   * Step 1 of log-in. An unknown address gets a code row too (same work, same timing) but no
   * mail, unless it has a pending invitation: then step 2 creates its account.
   */
  async sendLoginCode(username: string | undefined, context: RequestContext): Promise<void> {
    const email = normalizeEmail(username);
    const { code, user, invited } = await this.issueCode(email, context);
    if (user || invited) {
      // A code that never left must not hold the address in its resend cooldown.
      this.outbox.enqueue(codeMail(email, code, 'login'), {
        kind: 'code',
        onFailed: () => this.otp.endCooldown(email, code),
      });
    }
  }

  async signup(input: SignupInput, otp: string, context: RequestContext): Promise<SignedIn> {
    const email = normalizeEmail(input.username);
    await this.otp.consume(email, otp);
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      // Told only now that the code proved the caller owns the address.
      if (await findUserByEmail(trx, email)) throw new AppError('EMAIL_ALREADY_REGISTERED');
      const placement: Placement = {
        user: { id: newId(), email, name: input.name },
        company: { id: newId(), name: input.company_name },
        workspace: { id: newId(), name: input.workspace_name ?? DEFAULT_WORKSPACE_NAME },
        role: 'owner',
      };
      await insertUser(trx, {
        ...placement.user,
        last_workspace_id: placement.workspace.id,
        disabled_at: null,
        created_at: now,
      });
      await insertCompany(trx, placement.company.id, placement.company.name, now);
      await insertWorkspace(trx, { ...placement.workspace, company_id: placement.company.id }, now);
      await insertMembership(
        trx,
        { user_id: placement.user.id, company_id: placement.company.id, role: 'owner' },
        now,
      );
      await this.members.acceptInvitations(
        trx,
        { ...placement.user, last_workspace_id: null, disabled_at: null, created_at: now },
        context,
      );
      const issued = await this.sessions.open(trx, placement, context);
      await recordAudit(
        trx,
        {
          action: 'signup',
          companyId: placement.company.id,
          actorUserId: placement.user.id,
          targetId: placement.user.id,
        },
        context,
        now,
      );
      return { ...issued, placement };
    });
  }

  async login(
    username: string | undefined,
    otp: string,
    context: RequestContext,
  ): Promise<SignedIn> {
    const email = normalizeEmail(username);
    try {
      await this.otp.consume(email, otp);
    } catch (err) {
      await this.recordFailedLogin(email, context);
      throw err;
    }
    return this.db.transaction().execute(async (trx) => {
      // An address with no account but a pending invitation gets its account now.
      const user =
        (await findUserByEmail(trx, email)) ?? (await this.createInvitedUser(trx, email));
      // Nobody was mailed a code for an unknown address, so a right guess there is still wrong.
      if (!user) throw new AppError('INVALID_OTP');
      if (user.disabled_at !== null) throw new AppError('FORBIDDEN');
      await this.members.acceptInvitations(trx, user, context);
      const placement = await findLandingPlacement(trx, user);
      if (!placement) throw new AppError('FORBIDDEN');
      const issued = await this.sessions.open(trx, placement, context);
      await setLastWorkspace(trx, user.id, placement.workspace.id);
      await recordAudit(
        trx,
        {
          action: 'login',
          companyId: placement.company.id,
          actorUserId: user.id,
          targetId: issued.session.id,
        },
        context,
        this.clock.now(),
      );
      return { ...issued, placement };
    });
  }

  /**
   * Deletes the caller's account: sessions, tokens and memberships die with it. A company they
   * are the last owner of must be handed over first (CONFLICT), unless nobody else is in it: then
   * it goes too.
   */
  async deleteAccount(principal: Principal, context: RequestContext): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const memberships = await summarizeMemberships(trx, principal.user.id);
      const lastOwnerOf = memberships.filter((m) => m.role === 'owner' && m.other_owners === 0);
      if (lastOwnerOf.some((m) => m.other_members > 0)) throw new AppError('CONFLICT');
      for (const { company_id } of lastOwnerOf) await deleteCompany(trx, company_id);
      await deleteUser(trx, principal.user.id);
      for (const { company_id } of memberships) {
        await recordAudit(
          trx,
          {
            action: 'account_deleted',
            companyId: company_id,
            actorUserId: principal.user.id,
            targetId: principal.user.id,
          },
          context,
          now,
        );
      }
    });
    this.revocations.notify();
  }

  /**
   * Code row and audit event in one transaction, for known and unknown addresses alike, so
   * neither the answer nor the time it takes tells whether an account exists.
   */
  private async issueCode(email: string, context: RequestContext) {
    return this.db.transaction().execute(async (trx) => {
      const user = await findUserByEmail(trx, email);
      const invited = (await findInvitationsByEmail(trx, email)).length > 0;
      const code = await this.otp.issue(trx, email);
      await recordAudit(
        trx,
        {
          action: 'otp_sent',
          companyId: null,
          actorUserId: user?.id ?? null,
          targetId: user?.id ?? null,
        },
        context,
        this.clock.now(),
      );
      return { code, user, invited };
    });
  }

  /** The account of an invited address that never signed up; undefined if nobody invited it. */
  private async createInvitedUser(db: Db, email: string): Promise<UserRow | undefined> {
    if ((await findInvitationsByEmail(db, email)).length === 0) return undefined;
    const user: UserRow = {
      id: newId(),
      email,
      // They never gave a name: the address's local part stands in until they change it.
      name: email.slice(0, email.indexOf('@')),
      last_workspace_id: null,
      disabled_at: null,
      created_at: this.clock.now(),
    };
    await insertUser(db, user);
    return user;
  }

  private async recordFailedLogin(email: string, context: RequestContext): Promise<void> {
    // Written for unknown addresses too, so a wrong code costs the same either way.
    const user = await findUserByEmail(this.db, email);
    await recordAudit(
      this.db,
      {
        action: 'login_failed',
        companyId: null,
        actorUserId: user?.id ?? null,
        targetId: user?.id ?? null,
      },
      context,
      this.clock.now(),
    );
  }
}
