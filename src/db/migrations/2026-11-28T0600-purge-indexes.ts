import type { Kysely } from 'kysely';

// Housekeeping deletes by time: without these, each purge read every audit event, session and
// code to find the few past their time (a full scan of the audit log every hour, and with
// SQLite a write lock held all the while). Found by the bench: the first purge, 60 s after
// start-up, pulled the whole audit table of a busy store into memory.
const INDEXES = [
  { name: 'audit_events_time_idx', table: 'audit_events', column: 'created_at' },
  { name: 'sessions_expiry_idx', table: 'sessions', column: 'expires_at' },
  { name: 'sessions_revoked_idx', table: 'sessions', column: 'revoked_at' },
  { name: 'otp_codes_expiry_idx', table: 'otp_codes', column: 'expires_at' },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const { name, table, column } of INDEXES) {
    await db.schema.createIndex(name).on(table).column(column).execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const { name } of INDEXES) await db.schema.dropIndex(name).execute();
}
