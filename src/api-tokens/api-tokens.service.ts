import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { Db } from '../db/database.js';
import { GroupCommit } from '../db/group-commit.js';
import type { TokenOwner } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import type { KeywardEvent } from '../events/events.js';
import type { Principal } from '../identity/principal.js';
import type { RequestContext } from '../identity/request-context.js';
import { isManager, requireManager } from '../identity/roles.js';
import type { Clock } from '../lib/clock.js';
import { newId, randomHex32, sha256Hex } from '../lib/crypto.js';
import {
  findApiTokenById,
  findLiveApiToken,
  insertApiToken,
  listApiTokens,
  revokeApiTokens,
  updateApiToken,
  type ApiTokenListing,
  type ApiTokenRow,
  type TokenSelection,
} from './api-tokens.repository.js';
import { storedCapabilities, type CapabilityInput } from './capabilities.js';
import type { LastUsedBuffer } from './last-used-buffer.js';

const DAY_MS = 86_400_000;

/** How long the old token of a rotation keeps working, unless the rotation says otherwise. */
export const DEFAULT_GRACE_S = 3600;
export const MAX_GRACE_S = 7 * 86_400;

export interface NewTokenOptions extends CapabilityInput {
  name?: string | undefined;
  expiresInDays?: number | undefined;
  owner?: TokenOwner | undefined;
}

export interface TokenChanges extends CapabilityInput {
  name?: string | undefined;
}

export interface NewApiToken {
  id: string;
  token: string;
  name: string | null;
  expires_at: number | null;
}

export interface RotatedApiToken extends NewApiToken {
  previous: { id: string; expires_at: number };
}

/** API tokens: minted, listed, changed, rotated and revoked here; the only writer of `api_tokens`. */
export class ApiTokensService {
  private readonly writes: GroupCommit;

  constructor(
    private readonly db: Db,
    private readonly lastUsed: LastUsedBuffer,
    private readonly audit: AuditRecorder,
    private readonly events: EventBus,
    private readonly clock: Clock,
    /** Told of each new token, so no cached "unknown token" answer outlives its minting. */
    private readonly onMinted: (token: string) => void = () => undefined,
  ) {
    this.writes = new GroupCommit(db);
  }

  /**
   * Mints a token in the principal's workspace: theirs, or with `owner: 'workspace'` (owners and
   * admins only) the workspace's own, which outlives whoever made it. Shown only here.
   */
  async generate(
    principal: Principal,
    options: NewTokenOptions,
    context: RequestContext,
  ): Promise<NewApiToken> {
    const owner = options.owner ?? 'user';
    if (owner === 'workspace') requireManager(principal.role);
    const capabilities = storedCapabilities(options);
    const now = this.clock.now();
    const token = randomHex32();
    const row: ApiTokenRow = {
      id: newId(),
      token_hash: sha256Hex(token),
      hint: token.slice(-4),
      name: options.name ?? null,
      owner,
      user_id: owner === 'user' ? principal.user.id : null,
      created_by: principal.user.id,
      company_id: principal.company.id,
      workspace_id: principal.workspace.id,
      scopes: capabilities.scopes ?? null,
      metadata: capabilities.metadata ?? null,
      rate_limit: capabilities.rate_limit ?? null,
      created_at: now,
      expires_at: options.expiresInDays ? now + options.expiresInDays * DAY_MS : null,
      revoked_at: null,
      last_used_at: null,
    };
    // Concurrent mints share a commit (one fsync); this resolves once ours is on disk.
    await this.writes.run(async (trx) => {
      await insertApiToken(trx, row);
      await this.audit.byPrincipal(trx, 'token_generated', principal, row.id, context);
    });
    this.onMinted(token);
    return { id: row.id, token, name: row.name, expires_at: row.expires_at };
  }

  /**
   * The caller's live tokens in their current workspace (with the workspace's own tokens, for
   * owners and admins), or with `all` (owners and admins) every live token of the company.
   * Last-used times include what this instance has not written yet.
   */
  async list(principal: Principal, all: boolean): Promise<ApiTokenListing[]> {
    if (all) requireManager(principal.role);
    return this.listed(
      all
        ? { companyId: principal.company.id }
        : {
            companyId: principal.company.id,
            workspaceId: principal.workspace.id,
            holderId: principal.user.id,
            andWorkspaceTokens: isManager(principal.role),
          },
    );
  }

  /** Every live token of a company (the operator's CLI). */
  listCompany(companyId: string): Promise<ApiTokenListing[]> {
    return this.listed({ companyId });
  }

  /** Renames a token or changes what it carries; null clears scopes, metadata or rate limit. */
  async update(
    principal: Principal,
    id: string,
    changes: TokenChanges,
    context: RequestContext,
  ): Promise<ApiTokenListing> {
    const selection = { ...manageable(principal), id };
    const stored = storedCapabilities(changes);
    await this.db.transaction().execute(async (trx) => {
      if (!(await findLiveApiToken(trx, selection))) throw new AppError('TOKEN_NOT_FOUND');
      await updateApiToken(trx, id, {
        ...stored,
        ...(changes.name === undefined ? {} : { name: changes.name }),
      });
      await this.audit.byPrincipal(trx, 'token_updated', principal, id, context);
    });
    this.events.publish([{ type: 'token.updated', token_id: id }]);
    const [row] = await this.listed(selection);
    return row!;
  }

  /**
   * A new token with everything the old one carries (name, scopes, metadata, rate limit, owner,
   * holder, workspace, expiry); the old one keeps working for `graceSeconds` more, never longer
   * than it would have anyway, and 0 revokes it at once. A revoked or expired token can't be
   * rotated: TOKEN_NOT_FOUND.
   */
  async rotate(
    principal: Principal,
    id: string,
    graceSeconds: number,
    context: RequestContext,
  ): Promise<RotatedApiToken> {
    const now = this.clock.now();
    const token = randomHex32();
    const rotated = await this.db.transaction().execute(async (trx) => {
      const old = await findLiveApiToken(trx, { ...manageable(principal), id });
      if (!old || (old.expires_at !== null && now >= old.expires_at)) {
        throw new AppError('TOKEN_NOT_FOUND');
      }
      const next: ApiTokenRow = {
        ...old,
        id: newId(),
        token_hash: sha256Hex(token),
        hint: token.slice(-4),
        created_at: now,
        last_used_at: null,
      };
      await insertApiToken(trx, next);
      const end = Math.min(old.expires_at ?? Infinity, now + graceSeconds * 1000);
      if (graceSeconds === 0) {
        await revokeApiTokens(trx, { companyId: old.company_id, id: old.id }, now);
      } else {
        await updateApiToken(trx, old.id, { expires_at: end });
      }
      await this.audit.byPrincipal(trx, 'token_rotated', principal, old.id, context);
      return { next, previous: { id: old.id, expires_at: end } };
    });
    this.onMinted(token);
    // The old token's new end reaches every cache of it now (a grace of 0 revoked it).
    this.events.publish([
      graceSeconds === 0
        ? { type: 'token.revoked', token_id: id }
        : { type: 'token.updated', token_id: id },
    ]);
    const { next, previous } = rotated;
    return { id: next.id, token, name: next.name, expires_at: next.expires_at, previous };
  }

  /**
   * Revokes a token of the caller's company: their own, or any (the workspace's own included)
   * for owners and admins. Any other id, another company's included, is TOKEN_NOT_FOUND:
   * existence is not confirmed.
   */
  async revoke(principal: Principal, id: string, context: RequestContext): Promise<void> {
    const revoked = await this.db.transaction().execute(async (trx) => {
      const ids = await revokeApiTokens(trx, { ...manageable(principal), id }, this.clock.now());
      if (ids.length === 0) throw new AppError('TOKEN_NOT_FOUND');
      await this.audit.byPrincipal(trx, 'token_revoked', principal, id, context);
      return ids;
    });
    this.events.publish(tokensRevoked(revoked));
  }

  /** Revokes a token by id alone, whoever holds it (the operator's CLI). */
  async revokeAsOperator(
    id: string,
    context: RequestContext,
  ): Promise<'revoked' | 'already' | 'unknown'> {
    const outcome = await this.db.transaction().execute(async (trx) => {
      const token = await findApiTokenById(trx, id);
      if (!token) return 'unknown';
      if (token.revoked_at !== null) return 'already';
      await revokeApiTokens(trx, { companyId: token.company_id, id }, this.clock.now());
      const operator = { companyId: token.company_id, userId: null };
      await this.audit.record(trx, 'token_revoked', operator, id, context);
      return 'revoked';
    });
    if (outcome === 'revoked') this.events.publish(tokensRevoked([id]));
    return outcome;
  }

  /**
   * Revokes the live tokens a person holds in a company, in the caller's transaction (when they
   * leave it); the workspace's own tokens they made stay. The caller publishes the events
   * returned once it has committed.
   */
  async revokeHeldBy(db: Db, userId: string, companyId: string): Promise<KeywardEvent[]> {
    const selection = { companyId, holderId: userId };
    return tokensRevoked(await revokeApiTokens(db, selection, this.clock.now()));
  }

  private async listed(selection: TokenSelection): Promise<ApiTokenListing[]> {
    const rows = await listApiTokens(this.db, selection);
    return rows.map((row) => {
      const buffered = this.lastUsed.peek(row.id);
      return buffered !== undefined && buffered > (row.last_used_at ?? 0)
        ? { ...row, last_used_at: buffered }
        : row;
    });
  }
}

/** The tokens a principal may change: any of the company's for owners and admins, else theirs. */
const manageable = (principal: Principal): TokenSelection =>
  isManager(principal.role)
    ? { companyId: principal.company.id }
    : { companyId: principal.company.id, holderId: principal.user.id };

const tokensRevoked = (ids: readonly string[]): KeywardEvent[] =>
  ids.map((id) => ({ type: 'token.revoked', token_id: id }));
