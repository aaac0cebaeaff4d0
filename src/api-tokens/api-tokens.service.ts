import { recordAudit, type RequestContext } from '../audit/audit.repository.js';
import type { Db } from '../db/database.js';
import { GroupCommit } from '../db/group-commit.js';
import { AppError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import type { TtlCache } from '../lib/ttl-cache.js';
import type { RevocationBus } from '../revocation/revocation-bus.js';
import { newId, randomHex32, sha256Hex } from '../lib/crypto.js';
import type { Principal } from '../principal.js';
import { isManager, requireManager } from '../tenancy/roles.js';
import {
  findApiTokenForAuth,
  insertApiToken,
  listApiTokens,
  revokeApiToken,
  type ApiTokenForAuth,
  type ApiTokenListing,
} from './api-tokens.repository.js';
import type { LastUsedBuffer } from './last-used-buffer.js';

const DAY_MS = 86_400_000;

/** What an API token looks like on the wire: 256 bits as 64 lowercase hex characters. */
export const API_TOKEN_PATTERN = /^[0-9a-f]{64}$/;

export interface NewApiToken {
  id: string;
  token: string;
  name: string | null;
  expires_at: number | null;
}

export class ApiTokensService {
  private readonly writes: GroupCommit;

  constructor(
    private readonly db: Db,
    private readonly lastUsed: LastUsedBuffer,
    /** Rows by token hash; emptied on every revocation notice. */
    private readonly cache: TtlCache<ApiTokenForAuth>,
    private readonly revocations: RevocationBus,
    private readonly clock: Clock,
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
      await recordAudit(
        trx,
        {
          action: 'token_generated',
          companyId: principal.company.id,
          actorUserId: principal.user.id,
          targetId: created.id,
        },
        context,
        now,
      );
    });
    return created;
  }

  /** The principal behind an API token; every refusal is the same INVALID_TOKEN. */
  async authenticate(token: string): Promise<Principal> {
    if (!API_TOKEN_PATTERN.test(token)) throw new AppError('INVALID_TOKEN');
    const hash = sha256Hex(token);
    // A cache hit is read without an await: verify's hot path pays for promises only on a miss.
    const row = this.cache.get(hash) ?? (await this.loadForAuth(hash));
    const now = this.clock.now();
    // One answer for every refusal; the error's cause (logs, metrics) tells them apart.
    if (!row) throw new AppError('INVALID_TOKEN', { cause: 'invalid' });
    if (
      row.revoked_at !== null ||
      row.user_disabled_at !== null ||
      row.role === null ||
      row.membership_disabled_at !== null
    ) {
      throw new AppError('INVALID_TOKEN', { cause: 'revoked' });
    }
    if (row.expires_at !== null && now >= row.expires_at) {
      throw new AppError('INVALID_TOKEN', { cause: 'expired' });
    }
    this.lastUsed.record(row.id, now);
    return {
      kind: 'api',
      tokenId: row.id,
      user: { id: row.user_id, email: row.email, name: row.user_name },
      company: { id: row.company_id, name: row.company_name },
      workspace: { id: row.workspace_id, name: row.workspace_name },
      role: row.role,
      session: null,
    };
  }

  /**
   * The caller's live tokens in their current workspace, or with `all` (owners and admins) every
   * live token of the company. Last-used times include what this instance has not written yet.
   */
  async list(principal: Principal, all: boolean): Promise<ApiTokenListing[]> {
    if (all) requireManager(principal.role);
    const rows = await listApiTokens(
      this.db,
      all
        ? { companyId: principal.company.id }
        : {
            companyId: principal.company.id,
            userId: principal.user.id,
            workspaceId: principal.workspace.id,
          },
    );
    return rows.map((row) => {
      const buffered = this.lastUsed.peek(row.id);
      return buffered !== undefined && buffered > (row.last_used_at ?? 0)
        ? { ...row, last_used_at: buffered }
        : row;
    });
  }

  /**
   * Revokes a token of the caller's company: their own, or anyone's for owners and admins. Any
   * other id, another company's included, is TOKEN_NOT_FOUND: existence is not confirmed.
   */
  async revoke(principal: Principal, id: string, context: RequestContext): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction().execute(async (trx) => {
      const revoked = await revokeApiToken(
        trx,
        id,
        isManager(principal.role)
          ? { companyId: principal.company.id }
          : { companyId: principal.company.id, userId: principal.user.id },
        now,
      );
      if (!revoked) throw new AppError('TOKEN_NOT_FOUND');
      await recordAudit(
        trx,
        {
          action: 'token_revoked',
          companyId: principal.company.id,
          actorUserId: principal.user.id,
          targetId: id,
        },
        context,
        now,
      );
    });
    this.revocations.notify();
  }

  /** The token's row from the store, cached unless a revocation came meanwhile. */
  private async loadForAuth(hash: string): Promise<ApiTokenForAuth | undefined> {
    const generation = this.cache.generation;
    const row = await findApiTokenForAuth(this.db, hash);
    if (row !== undefined) this.cache.set(hash, row, generation);
    return row;
  }
}
