import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Principal } from '../identity/principal.js';
import { requireManager } from '../identity/roles.js';
import { listAuditEvents, type AuditRow } from './audit.repository.js';

export interface AuditPage {
  events: AuditRow[];
  /** Pass back as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/** The audit log of the caller's company, for owners and admins, newest first. */
export class AuditService {
  constructor(private readonly db: Db) {}

  async page(principal: Principal, cursor: string | undefined, limit: number): Promise<AuditPage> {
    requireManager(principal.role);
    const rows = await listAuditEvents(
      this.db,
      principal.company.id,
      decodeCursor(cursor),
      limit + 1,
    );
    const events = rows.slice(0, limit);
    const last = events[events.length - 1];
    return {
      events,
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }
}

// The cursor is opaque to clients: the (time, id) of the last event they saw.
function encodeCursor(row: { created_at: number; id: string }): string {
  return Buffer.from(`${row.created_at}:${row.id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { created_at: number; id: string } | undefined {
  if (cursor === undefined) return undefined;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const at = text.indexOf(':');
  const createdAt = Number(text.slice(0, at));
  if (at <= 0 || !Number.isSafeInteger(createdAt)) {
    throw new AppError('VALIDATION_FAILED', {
      details: [{ path: '/cursor', message: 'invalid cursor' }],
    });
  }
  return { created_at: createdAt, id: text.slice(at + 1) };
}
