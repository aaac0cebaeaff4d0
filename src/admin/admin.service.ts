// What the operator's CLI does to the store: plain functions over the feature repositories, with
// the same audit trail as the API. Errors are AdminError with a message for the terminal.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { ApiTokenListing } from '../api-tokens/api-tokens.repository.js';
import { ApiTokensService } from '../api-tokens/api-tokens.service.js';
import { LastUsedBuffer } from '../api-tokens/last-used-buffer.js';
import { AuditRecorder } from '../audit/audit-recorder.js';
import { listLatestAuditEvents, type AuditTailRow } from '../audit/audit.repository.js';
import type { JwtKey } from '../config.js';
import type { Db } from '../db/database.js';
import type { EventBus } from '../events/event-bus.js';
import { normalizeEmail } from '../identity/email.js';
import type { RequestContext } from '../identity/request-context.js';
import type { Clock } from '../lib/clock.js';
import {
  companyExists,
  listCompanies,
  type CompanyListing,
} from '../tenancy/tenancy.repository.js';
import { TenancyService } from '../tenancy/tenancy.service.js';

/** A refusal the operator can act on; `notFound` ones exit with their own code. */
export class AdminError extends Error {
  override name = 'AdminError';
  constructor(
    message: string,
    readonly notFound = false,
  ) {
    super(message);
  }
}

/** Audit events of the CLI: no IP, and a user agent that says where they came from. */
const CLI_CONTEXT: RequestContext = { ip: null, userAgent: 'keyward-cli' };

/**
 * What the operator's CLI does to the store, through the same services (and audit trail) as the
 * API. Changes are published on the event bus, which carries them to the running instances.
 */
export class AdminService {
  private readonly tenancy: TenancyService;
  private readonly audit: AuditRecorder;
  private readonly apiTokens: ApiTokensService;

  constructor(
    private readonly db: Db,
    private readonly events: EventBus,
    clock: Clock,
    logger: Logger,
  ) {
    this.tenancy = new TenancyService(clock);
    this.audit = new AuditRecorder(clock);
    // Never started: the CLI records no use, and lists what the store holds.
    const lastUsed = new LastUsedBuffer(db, logger, Infinity);
    this.apiTokens = new ApiTokensService(db, lastUsed, this.audit, events, clock);
  }

  /**
   * Suspends or restores a whole account. Its sessions and API tokens are refused from the next
   * request on and work again once it is enabled: disabling is a suspension, not a deletion.
   */
  async setUserEnabled(
    rawEmail: string,
    enabled: boolean,
  ): Promise<{ id: string; email: string; changed: boolean }> {
    const email = emailOf(rawEmail);
    const done = await this.db.transaction().execute(async (trx) => {
      const user = await this.tenancy.findUser(trx, email);
      if (!user) throw new AdminError(`no user with the address ${email}`, true);
      const companies = await this.tenancy.setDisabled(trx, user, !enabled);
      for (const companyId of companies ?? []) {
        const action = enabled ? 'user_enabled' : 'user_disabled';
        await this.audit.record(trx, action, { companyId, userId: null }, user.id, CLI_CONTEXT);
      }
      return { id: user.id, email, changed: companies !== undefined };
    });
    if (done.changed) this.events.publish([{ type: 'user.changed', user_id: done.id }]);
    return done;
  }

  /** Revokes one API token by id, whoever owns it. */
  async revokeToken(id: string): Promise<void> {
    const outcome = await this.apiTokens.revokeAsOperator(id, CLI_CONTEXT);
    if (outcome === 'unknown') throw new AdminError(`no API token with the id ${id}`, true);
    if (outcome === 'already') throw new AdminError(`API token ${id} is already revoked`);
  }

  /** Every live API token of a company (never a token or its hash). */
  async listCompanyTokens(companyId: string): Promise<ApiTokenListing[]> {
    if (!(await companyExists(this.db, companyId))) {
      throw new AdminError(`no company with the id ${companyId}`, true);
    }
    return this.apiTokens.listCompany(companyId);
  }

  /** Every company, or those the address belongs to: how an operator finds a company's id. */
  async listCompanies(rawEmail?: string): Promise<CompanyListing[]> {
    if (rawEmail === undefined) return listCompanies(this.db);
    const email = emailOf(rawEmail);
    const user = await this.tenancy.findUser(this.db, email);
    if (!user) throw new AdminError(`no user with the address ${email}`, true);
    return listCompanies(this.db, user.id);
  }

  latestAuditEvents(limit: number, companyId?: string): Promise<AuditTailRow[]> {
    return listLatestAuditEvents(this.db, limit, companyId);
  }
}

function emailOf(raw: string): string {
  try {
    return normalizeEmail(raw);
  } catch {
    throw new AdminError(`"${raw}" is not an email address`);
  }
}

/**
 * A new signing key in front of the current ones: the JWT_SECRETS value to deploy. The new kid
 * is the next free `k<n>`.
 */
export function rotatedKeyring(current: readonly JwtKey[]): { kid: string; keyring: string } {
  const taken = new Set(current.map((k) => k.kid));
  let n = Math.max(0, ...current.map((k) => Number(/^k(\d+)$/.exec(k.kid)?.[1] ?? 0))) + 1;
  while (taken.has(`k${n}`)) n++;
  const kid = `k${n}`;
  const fresh: JwtKey = { kid, secret: randomBytes(32).toString('hex') };
  return { kid, keyring: [fresh, ...current].map((k) => `${k.kid}:${k.secret}`).join(',') };
}
