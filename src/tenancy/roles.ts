import type { Role } from '../db/schema.js';
import { AppError } from '../errors.js';

/** Owners and admins manage members, workspaces and every token of their company. */
export const isManager = (role: Role): boolean => role === 'owner' || role === 'admin';

export function requireManager(role: Role): void {
  if (!isManager(role)) throw new AppError('FORBIDDEN');
}
