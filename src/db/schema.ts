// Row types of every table, as Kysely sees them. Times are milliseconds since the epoch
// (integers on both dialects), so comparisons are plain number comparisons.
import type { Role } from '../identity/roles.js';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  last_workspace_id: string | null;
  disabled_at: number | null;
  created_at: number;
}

export interface CompaniesTable {
  id: string;
  name: string;
  created_at: number;
}

export interface WorkspacesTable {
  id: string;
  company_id: string;
  name: string;
  created_at: number;
}

export interface MembershipsTable {
  user_id: string;
  company_id: string;
  role: Role;
  disabled_at: number | null;
  created_at: number;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  company_id: string;
  workspace_id: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  revoked_at: number | null;
  ip: string | null;
  user_agent: string | null;
}

/** One live code per address: a new code replaces the old one. */
export interface OtpCodesTable {
  email: string;
  /** HMAC-SHA-256(server key, email ":" code), hex. */
  code_hash: string;
  sent_at: number;
  expires_at: number;
  /** Wrong tries; carried over to a resent code while the old one was still live. */
  attempts: number;
  consumed_at: number | null;
}

export interface ApiTokensTable {
  id: string;
  /** SHA-256 of the token, hex: the token itself is never stored. */
  token_hash: string;
  /** The token's last 4 characters, to tell tokens apart in listings. */
  hint: string;
  name: string | null;
  user_id: string;
  company_id: string;
  workspace_id: string;
  created_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  last_used_at: number | null;
}

export interface AuditEventsTable {
  id: string;
  company_id: string | null;
  actor_user_id: string | null;
  action: string;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  created_at: number;
}

/** A pending invitation; deleted when the invitee joins. */
export interface InvitationsTable {
  id: string;
  company_id: string;
  email: string;
  role: Role;
  invited_by: string | null;
  created_at: number;
}

export interface Database {
  users: UsersTable;
  companies: CompaniesTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  otp_codes: OtpCodesTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  invitations: InvitationsTable;
}
