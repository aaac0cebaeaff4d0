import type { AuditRecorder } from '../audit/audit-recorder.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/event-bus.js';
import type { Placement, Principal } from '../identity/principal.js';
import type { RequestContext } from '../identity/request-context.js';
import { requireManager } from '../identity/roles.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/crypto.js';
import type { IssuedSession, SessionsService } from '../sessions/sessions.service.js';
import {
  findPlacement,
  insertWorkspace,
  listEnterableWorkspaces,
  setLastWorkspace,
  type WorkspaceListing,
} from './tenancy.repository.js';

export class WorkspacesService {
  constructor(
    private readonly db: Db,
    private readonly sessions: SessionsService,
    private readonly audit: AuditRecorder,
    private readonly events: EventBus,
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
    const workspace = { id: newId(), name };
    await this.db.transaction().execute(async (trx) => {
      const row = { ...workspace, company_id: principal.company.id };
      await insertWorkspace(trx, row, this.clock.now());
      await this.audit.byPrincipal(trx, 'workspace_created', principal, workspace.id, context);
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
    const userId = principal.user.id;
    const { events, ...switched } = await this.db.transaction().execute(async (trx) => {
      const placement = await findPlacement(trx, userId, workspaceId);
      if (!placement) throw new AppError('WORKSPACE_NOT_FOUND');
      const issued = await this.sessions.open(trx, placement, context);
      const ended = await this.sessions.end(trx, { userId, only: principal.tokenId });
      await setLastWorkspace(trx, userId, workspaceId);
      const actor = { companyId: placement.company.id, userId };
      await this.audit.record(trx, 'workspace_switched', actor, workspaceId, context);
      return { ...issued, placement, events: ended };
    });
    this.events.publish(events);
    return switched;
  }
}
