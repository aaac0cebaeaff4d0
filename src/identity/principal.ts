import type { Role } from './roles.js';

/** A person placed in a workspace: who they are, where, and with which role there. */
export interface Placement {
  user: { id: string; email: string; name: string };
  company: { id: string; name: string };
  workspace: { id: string; name: string };
  role: Role;
}

/** A person a request acts for, as proven by their login token or one of their API tokens. */
export interface Principal extends Placement {
  kind: 'login' | 'api';
  /** The session id of a login token, or the id of an API token. */
  tokenId: string;
  /** The session behind a login token; null for an API token. */
  session: { id: string; expires_at: number } | null;
}

/** A workspace's own API token (a service token): nobody stands behind it. */
export interface WorkspaceToken {
  kind: 'api';
  tokenId: string;
  user: null;
  role: null;
  company: { id: string; name: string };
  workspace: { id: string; name: string };
  session: null;
}

/** Whoever a verified token speaks for. */
export type Caller = Principal | WorkspaceToken;
