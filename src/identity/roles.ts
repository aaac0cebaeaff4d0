import { AppError } from '../errors.js';

export type Role = 'owner' | 'admin' | 'member';

/** Owners and admins manage members, workspaces and every token of their company. */
export const isManager = (role: Role): boolean => role === 'owner' || role === 'admin';

export function requireManager(role: Role): void {
  if (!isManager(role)) throw new AppError('FORBIDDEN');
}
