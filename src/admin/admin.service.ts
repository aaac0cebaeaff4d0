// What the operator's CLI does to the store: plain functions over the feature repositories, with
// the same audit trail as the API. Errors are AdminError with a message for the terminal.
import { randomBytes } from 'node:crypto';
import { normalizeEmail } from '../accounts/email.js';
import {
  findApiTokenById,
  listApiTokens,
  revokeApiToken,
  type ApiTokenListing,
} from '../api-tokens/api-tokens.repository.js';
import {
  listLatestAuditEvents,
  recordAudit,
  type AuditTailRow,
  type RequestContext,
} from '../audit/audit.repository.js';
import type { JwtKey } from '../config.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { findUserByEmail, summarizeMemberships } from '../tenancy/tenancy.repository.js';
import { companyExists, setUserDisabled } from './admin.repository.js';

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
 * Suspends or restores a whole account. Its sessions and API tokens are refused from the next
 * request on (every instance within its verify cache's TTL, at most 1 s) and work again once it
 * is enabled: disabling is a suspension, not a deletion.
 */
export async function setUserEnabled(
  db: Db,
  clock: Clock,
  rawEmail: string,
  enabled: boolean,
): Promise<{ id: string; email: string; changed: boolean }> {
  let email: string;
  try {
    email = normalizeEmail(rawEmail);
  } catch {
    throw new AdminError(`"${rawEmail}" is not an email address`);
  }
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user) throw new AdminError(`no user with the address ${email}`, true);
    const changed = (user.disabled_at === null) === enabled ? false : true;
    if (!changed) return { id: user.id, email, changed };
    await setUserDisabled(trx, user.id, enabled ? null : now);
    for (const { company_id } of await summarizeMemberships(trx, user.id)) {
      await recordAudit(
        trx,
        {
          action: enabled ? 'user_enabled' : 'user_disabled',
          companyId: company_id,
          actorUserId: null,
          targetId: user.id,
        },
        CLI_CONTEXT,
        now,
      );
    }
    return { id: user.id, email, changed };
  });
}

/** Revokes one API token by id, whoever owns it. */
export async function revokeTokenById(db: Db, clock: Clock, id: string): Promise<void> {
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    const token = await findApiTokenById(trx, id);
    if (!token) throw new AdminError(`no API token with the id ${id}`, true);
    if (token.revoked_at !== null) throw new AdminError(`API token ${id} is already revoked`);
    await revokeApiToken(trx, id, { companyId: token.company_id }, now);
    await recordAudit(
      trx,
      { action: 'token_revoked', companyId: token.company_id, actorUserId: null, targetId: id },
      CLI_CONTEXT,
      now,
    );
  });
}

/** Every live API token of a company (never a token or its hash). */
export async function listCompanyTokens(db: Db, companyId: string): Promise<ApiTokenListing[]> {
  if (!(await companyExists(db, companyId))) {
    throw new AdminError(`no company with the id ${companyId}`, true);
  }
  return listApiTokens(db, { companyId });
}

export function latestAuditEvents(
  db: Db,
  limit: number,
  companyId?: string,
): Promise<AuditTailRow[]> {
  return listLatestAuditEvents(db, limit, companyId);
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
