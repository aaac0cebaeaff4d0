// What changed, as every cache of a verify answer needs to hear it: ids only, never a token, a
// hash or an address. Expiry is not an event: nothing caches past a token's or session's end.

export type KeywardEvent =
  /** Revoked (or rotated with no grace): refused from now on. */
  | { type: 'token.revoked'; token_id: string }
  /** Its name, scopes, metadata or rate limit changed. */
  | { type: 'token.updated'; token_id: string }
  /** Logged out, switched away from, or ended with its membership. */
  | { type: 'session.ended'; session_id: string }
  /** Removed from a company, suspended, restored, or given another role. */
  | { type: 'member.changed'; user_id: string; company_id: string }
  /** An account disabled, enabled or deleted. */
  | { type: 'user.changed'; user_id: string }
  /** A workspace renamed or deleted (with its company). */
  | { type: 'workspace.changed'; workspace_id: string };

export type EventType = KeywardEvent['type'];

/** Whose answers an event makes stale: what a cached verify answer is matched against. */
export interface Holder {
  tokenId: string;
  sessionId: string | null;
  userId: string | null;
  companyId: string;
  workspaceId: string;
}

/** Whether a cached answer for `holder` must be dropped because of `event`. */
export function touches(event: KeywardEvent, holder: Holder): boolean {
  switch (event.type) {
    case 'token.revoked':
    case 'token.updated':
      return holder.tokenId === event.token_id;
    case 'session.ended':
      return holder.sessionId === event.session_id;
    case 'member.changed':
      return holder.userId === event.user_id && holder.companyId === event.company_id;
    case 'user.changed':
      return holder.userId === event.user_id;
    case 'workspace.changed':
      return holder.workspaceId === event.workspace_id;
  }
}
