import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import { normalizeEmail } from '../identity/email.js';
import type { Placement, Principal } from '../identity/principal.js';
import type { RequestContext } from '../identity/request-context.js';
import type { Outbox } from '../mail/outbox.js';
import type { OtpService } from '../otp/otp.service.js';
import type { IssuedSession, SessionsService } from '../sessions/sessions.service.js';
import type { MembersService } from '../tenancy/members.service.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import { codeMail } from './code-mail.js';

export interface SignupInput {
  username?: string | undefined;
  name: string;
  company_name: string;
  workspace_name?: string | undefined;
}

export interface SignedIn extends IssuedSession {
  placement: Placement;
}

/**
 * Sign-up, log-in and account deletion: two steps each for the first two, the second proving the
 * address with its mailed code. Owns no table: it asks codes, tenancy, members and sessions.
 */
export class AccountsService {
  constructor(
    private readonly db: Db,
    private readonly otp: OtpService,
    private readonly tenancy: TenancyService,
    private readonly members: MembersService,
    private readonly sessions: SessionsService,
    private readonly audit: AuditRecorder,
    private readonly outbox: Outbox,
    private readonly events: EventBus,
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
    return this.db.transaction().execute(async (trx) => {
      // Told only now that the code proved the caller owns the address.
      if (await this.tenancy.findUser(trx, email)) throw new AppError('EMAIL_ALREADY_REGISTERED');
      const placement = await this.tenancy.createCompanyWithOwner(trx, {
        email,
        name: input.name,
        companyName: input.company_name,
        workspaceName: input.workspace_name,
      });
      await this.members.acceptInvitations(trx, placement.user, context);
      const issued = await this.sessions.open(trx, placement, context);
      const user = placement.user.id;
      await this.audit.record(
        trx,
        'signup',
        { companyId: placement.company.id, userId: user },
        user,
        context,
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
        (await this.tenancy.findUser(trx, email)) ??
        ((await this.members.isInvited(trx, email))
          ? await this.tenancy.createUser(trx, email)
          : undefined);
      // Nobody was mailed a code for an unknown address, so a right guess there is still wrong.
      if (!user) throw new AppError('INVALID_OTP');
      if (user.disabled_at !== null) throw new AppError('FORBIDDEN');
      await this.members.acceptInvitations(trx, user, context);
      const placement = await this.tenancy.land(trx, user);
      if (!placement) throw new AppError('FORBIDDEN');
      const issued = await this.sessions.open(trx, placement, context);
      const actor = { companyId: placement.company.id, userId: user.id };
      await this.audit.record(trx, 'login', actor, issued.session.id, context);
      return { ...issued, placement };
    });
  }

  /**
   * Deletes the caller's account: sessions, tokens and memberships die with it. A company they
   * are the last owner of must be handed over first (CONFLICT), unless nobody else is in it: then
   * it goes too.
   */
  async deleteAccount(principal: Principal, context: RequestContext): Promise<void> {
    const user = principal.user.id;
    const deleted = await this.db.transaction().execute(async (trx) => {
      const gone = await this.tenancy.deleteAccount(trx, user);
      for (const companyId of gone.companies) {
        await this.audit.record(trx, 'account_deleted', { companyId, userId: user }, user, context);
      }
      return gone.deletedWorkspaces;
    });
    // A deleted company's workspace tokens belong to no user: only their workspace names them.
    this.events.publish([
      { type: 'user.changed', user_id: user },
      ...deleted.map((id) => ({ type: 'workspace.changed' as const, workspace_id: id })),
    ]);
  }

  /**
   * Code row and audit event in one transaction, for known and unknown addresses alike, so
   * neither the answer nor the time it takes tells whether an account exists.
   */
  private async issueCode(email: string, context: RequestContext) {
    return this.db.transaction().execute(async (trx) => {
      const user = await this.tenancy.findUser(trx, email);
      const invited = await this.members.isInvited(trx, email);
      const code = await this.otp.issue(trx, email);
      const id = user?.id ?? null;
      await this.audit.record(trx, 'otp_sent', { companyId: null, userId: id }, id, context);
      return { code, user, invited };
    });
  }

  private async recordFailedLogin(email: string, context: RequestContext): Promise<void> {
    // Written for unknown addresses too, so a wrong code costs the same either way.
    const id = (await this.tenancy.findUser(this.db, email))?.id ?? null;
    await this.audit.record(this.db, 'login_failed', { companyId: null, userId: id }, id, context);
  }
}
