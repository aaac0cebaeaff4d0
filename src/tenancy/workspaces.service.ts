import { recordAudit, type RequestContext } from '../audit/audit.repository.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/crypto.js';
import type { Principal } from '../principal.js';
import type { RevocationBus } from '../revocation/revocation-bus.js';
import { revokeSessions } from '../sessions/sessions.repository.js';
import type { IssuedSession, SessionsService } from '../sessions/sessions.service.js';
import { requireManager } from './roles.js';
import {
  findPlacement,
  insertWorkspace,
  listEnterableWorkspaces,
  setLastWorkspace,
  type Placement,
  type WorkspaceListing,
} from './tenancy.repository.js';

export class WorkspacesService {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionsService,
    private readonly revocations: RevocationBus,
    private readonly clock: Clock,
  ) {}

  list(principal: Principal): Promise<WorkspaceListing[]> {
    return listEnterableWorkspaces(this.db, principal.user.id);
  }

  /** A new workspace in the caller's current company (owners and admins). */
  async create(
    principal: Principal,
    name: string,
    context: RequestContext,
  ): Promise<{ id: string; name: string }> {
    requireManager(principal.role);
    const now = this.clock.now();
    const workspace = { id: newId(), name };
    await this.db.transaction().execute(async (trx) => {
      await insertWorkspace(trx, { ...workspace, company_id: principal.company.id }, now);
      await recordAudit(
        trx,
        {
          action: 'workspace_created',
          companyId: principal.company.id,
          actorUserId: principal.user.id,
          targetId: workspace.id,
        },
        context,
        now,
      );
    });
    return workspace;
  }

  /**
   * A new session in another workspace the caller may enter, in this company or another; the
   * current session ends. A workspace they can't enter is WORKSPACE_NOT_FOUND, whether or not it
   * exists.
   */
  async switchTo(
    principal: Principal,
    workspaceId: string,
    context: RequestContext,
  ): Promise<IssuedSession & { placement: Placement }> {
    const now = this.clock.now();
    const switched = await this.db.transaction().execute(async (trx) => {
      const placement = await findPlacement(trx, principal.user.id, workspaceId);
      if (!placement) throw new AppError('WORKSPACE_NOT_FOUND');
      const issued = await this.sessions.open(trx, placement, context);
      await revokeSessions(trx, principal.user.id, principal.tokenId, 'this', now);
      await setLastWorkspace(trx, principal.user.id, workspaceId);
      await recordAudit(
        trx,
        {
          action: 'workspace_switched',
          companyId: placement.company.id,
          actorUserId: principal.user.id,
          targetId: workspaceId,
        },
        context,
        now,
      );
      return { ...issued, placement };
    });
    this.revocations.notify(); // the old session ended
    return switched;
  }
}
