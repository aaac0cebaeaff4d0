import type { Placement } from './tenancy/tenancy.repository.js';

/** Who a request acts for, as proven by its `token` header. */
export interface Principal extends Placement {
  kind: 'login' | 'api';
  /** The session id of a login token, or the id of an API token. */
  tokenId: string;
  /** The session behind a login token; null for an API token. */
  session: { id: string; expires_at: number } | null;
}
