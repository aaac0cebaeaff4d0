import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { Db } from '../db/database.js';
import { GroupCommit } from '../db/group-commit.js';
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
  insertApiToken,
  listApiTokens,
  revokeApiTokens,
  type ApiTokenListing,
  type TokenSelection,
} from './api-tokens.repository.js';
import type { LastUsedBuffer } from './last-used-buffer.js';

const DAY_MS = 86_400_000;

export interface NewApiToken {
  id: string;
  token: string;
  name: string | null;
  expires_at: number | null;
}

/** API tokens: minted, listed and revoked here; the only writer of the `api_tokens` table. */
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

  /** Mints a token bound to the principal's user, company and workspace; shown only here. */
  async generate(
    principal: Principal,
    options: { name?: string | undefined; expiresInDays?: number | undefined },
    context: RequestContext,
  ): Promise<NewApiToken> {
    const now = this.clock.now();
    const token = randomHex32();
    const created: NewApiToken = {
      id: newId(),
      token,
      name: options.name ?? null,
      expires_at: options.expiresInDays ? now + options.expiresInDays * DAY_MS : null,
    };
    // Concurrent mints share a commit (one fsync); this resolves once ours is on disk.
    await this.writes.run(async (trx) => {
      await insertApiToken(trx, {
        id: created.id,
        token_hash: sha256Hex(token),
        hint: token.slice(-4),
        name: created.name,
        user_id: principal.user.id,
        company_id: principal.company.id,
        workspace_id: principal.workspace.id,
        created_at: now,
        expires_at: created.expires_at,
        revoked_at: null,
        last_used_at: null,
      });
      await this.audit.byPrincipal(trx, 'token_generated', principal, created.id, context);
    });
    this.onMinted(token);
    return created;
  }

  /**
   * The caller's live tokens in their current workspace, or with `all` (owners and admins) every
   * live token of the company. Last-used times include what this instance has not written yet.
   */
  async list(principal: Principal, all: boolean): Promise<ApiTokenListing[]> {
    if (all) requireManager(principal.role);
    return this.listed(
      all
        ? { companyId: principal.company.id }
        : {
            companyId: principal.company.id,
            userId: principal.user.id,
            workspaceId: principal.workspace.id,
          },
    );
  }

  /** Every live token of a company (the operator's CLI). */
  listCompany(companyId: string): Promise<ApiTokenListing[]> {
    return this.listed({ companyId });
  }

  /**
   * Revokes a token of the caller's company: their own, or anyone's for owners and admins. Any
   * other id, another company's included, is TOKEN_NOT_FOUND: existence is not confirmed.
   */
  async revoke(principal: Principal, id: string, context: RequestContext): Promise<void> {
    const selection: TokenSelection = isManager(principal.role)
      ? { companyId: principal.company.id, id }
      : { companyId: principal.company.id, userId: principal.user.id, id };
    const revoked = await this.db.transaction().execute(async (trx) => {
      const ids = await revokeApiTokens(trx, selection, this.clock.now());
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
   * Revokes the live tokens selected, in the caller's transaction (a member's, when they leave
   * a company); the caller publishes the events returned once it has committed.
   */
  async revokeWhere(db: Db, selection: TokenSelection): Promise<KeywardEvent[]> {
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

const tokensRevoked = (ids: readonly string[]): KeywardEvent[] =>
  ids.map((id) => ({ type: 'token.revoked', token_id: id }));
