import type { Role } from './roles.js';

/** A person placed in a workspace: who they are, where, and with which role there. */
export interface Placement {
  user: { id: string; email: string; name: string };
  company: { id: string; name: string };
  workspace: { id: string; name: string };
  role: Role;
}

/** Who a request acts for, as proven by its `token` header. */
export interface Principal extends Placement {
  kind: 'login' | 'api';
  /** The session id of a login token, or the id of an API token. */
  tokenId: string;
  /** The session behind a login token; null for an API token. */
  session: { id: string; expires_at: number } | null;
}
