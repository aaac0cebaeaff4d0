// The rate limits in front of the code, token and verify endpoints, and the audit trail of abuse:
// locks, spent budgets and refused API tokens. Sits between the HTTP layer and the services; it
// never sees a request object, only the address, user or IP a budget is kept for.
import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { AuditAction } from '../audit/audit.repository.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { AppError, tooMany } from '../errors.js';
import { normalizeEmail } from '../identity/email.js';
import type { RequestContext } from '../identity/request-context.js';
import type { TenancyService } from '../tenancy/tenancy.service.js';
import type { KnownApiToken } from '../verification/outcome.js';
import type { Budget, LimitName, RateLimits } from './rate-limits.js';

/** A request without a known client address still gets a budget, shared with its kind. */
const ipKey = (context: RequestContext): string => context.ip ?? 'unknown';

export class AbuseGuard {
  constructor(
    private readonly limits: RateLimits,
    private readonly config: Pick<Config, 'rateLimits' | 'otpLockS'>,
    private readonly db: Db,
    private readonly tenancy: TenancyService,
    private readonly audit: AuditRecorder,
  ) {}

  /**
   * Login or sign-up step 1: at most so many code requests per IP and mails per address. Known
   * and unknown addresses draw from the same budgets, so a 429 tells nothing about an account.
   * A locked address is told so (TOO_MANY_ATTEMPTS) and mailed nothing: a code it could not use
   * would look like success. A send refused by the code service (resend cooldown, burnt code)
   * gives its address point back: only mails count.
   */
  async sendCode(
    username: string | undefined,
    context: RequestContext,
    send: () => Promise<void>,
  ): Promise<void> {
    const email = normalizeEmail(username);
    await this.spend('otpSendPerIp', ipKey(context), context, null);
    await this.refuseLocked(email);
    await this.spend('otpSendPerAddress', email, context, email);
    try {
      await send();
    } catch (err) {
      if (err instanceof AppError && err.status === 429) {
        await this.limits.refund('otpSendPerAddress', email);
      }
      throw err;
    }
  }

  /**
   * Login or sign-up step 2: at most so many checks per IP, and a locked address is refused
   * before its code is looked at. Each wrong code counts against the address, across resends;
   * the one that spends the budget locks it, and so does every further wrong code in the same
   * window once the lock is over, so the budget holds however long the lock. A right code starts
   * the count afresh.
   */
  async checkCode<T>(
    username: string | undefined,
    context: RequestContext,
    check: () => Promise<T>,
  ): Promise<T> {
    const email = normalizeEmail(username);
    await this.spend('otpCheckPerIp', ipKey(context), context, null);
    await this.refuseLocked(email);
    let result: T;
    try {
      result = await check();
    } catch (err) {
      if (err instanceof AppError && err.code === 'INVALID_OTP')
        await this.wrongCode(email, context);
      throw err;
    }
    await this.limits.reset('otpWrongPerAddress', email);
    return result;
  }

  /** generate-token: at most so many new API tokens per user. */
  async mintToken(userId: string, context: RequestContext): Promise<void> {
    await this.spend('generateTokenPerUser', userId, context, null, userId);
  }

  /** Whether verify counts failed tries per IP (off by default); if not, verify skips the guard. */
  get guardsVerify(): boolean {
    return this.limits.isOn('verifyFailedPerIp');
  }

  /** verify: an IP that spent its budget of failed verifies is refused up front. */
  async beforeVerify(context: RequestContext): Promise<void> {
    const standing = await this.limits.peek('verifyFailedPerIp', ipKey(context));
    if (!standing.allowed) throw tooMany('TOO_MANY_REQUESTS', standing);
  }

  /** verify failed: one point of the IP's budget; the failure that spends it is audited. */
  async verifyFailed(context: RequestContext): Promise<void> {
    const budget = await this.limits.consume('verifyFailedPerIp', ipKey(context));
    if (budget.consumed === budget.limit)
      await this.recordAbuse('rate_limited', null, null, context);
  }

  /**
   * A real API token was refused (revoked, expired, its owner gone, or used where a login token
   * is required): its company's audit log says so, at most once a minute per token.
   */
  async tokenRefused(token: KnownApiToken, context: RequestContext): Promise<void> {
    const budget = await this.limits.consume('refusedTokenAudit', token.id);
    if (!budget.allowed) return;
    const actor = { companyId: token.companyId, userId: token.userId };
    await this.audit.record(this.db, 'token_refused', actor, token.id, context);
  }

  /** 429 TOO_MANY_ATTEMPTS while the address's wrong codes keep it locked. */
  private async refuseLocked(email: string): Promise<void> {
    const lock = await this.limits.peek('otpLock', email);
    if (!lock.allowed) {
      throw tooMany('TOO_MANY_ATTEMPTS', {
        limit: this.config.rateLimits.otpWrongPerAddress?.points ?? lock.limit,
        resetSeconds: lock.resetSeconds,
      });
    }
  }

  private async wrongCode(email: string, context: RequestContext): Promise<void> {
    const budget = await this.limits.consume('otpWrongPerAddress', email);
    if (budget.consumed < budget.limit) return;
    await this.limits.lock('otpLock', email, this.config.otpLockS);
    await this.recordAbuse('otp_locked', email, null, context);
  }

  /**
   * Spends a point, or refuses with 429 TOO_MANY_REQUESTS. The first refusal of a window is
   * audited (one event per spent budget, not one per refused request).
   */
  private async spend(
    name: LimitName,
    key: string,
    context: RequestContext,
    email: string | null,
    userId: string | null = null,
  ): Promise<Budget> {
    const budget = await this.limits.consume(name, key);
    if (budget.allowed) return budget;
    if (budget.consumed === budget.limit + 1) {
      await this.recordAbuse('rate_limited', email, userId, context);
    }
    throw tooMany('TOO_MANY_REQUESTS', budget);
  }

  private async recordAbuse(
    action: Extract<AuditAction, 'rate_limited' | 'otp_locked'>,
    email: string | null,
    userId: string | null,
    context: RequestContext,
  ): Promise<void> {
    const user =
      userId ?? (email ? ((await this.tenancy.findUser(this.db, email))?.id ?? null) : null);
    await this.audit.record(this.db, action, { companyId: null, userId: user }, user, context);
  }
}
