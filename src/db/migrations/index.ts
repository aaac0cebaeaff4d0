import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './2026-11-28T0400-initial.js';
import * as invitations from './2026-11-28T0500-invitations.js';
import * as purgeIndexes from './2026-11-28T0600-purge-indexes.js';
import * as tokenCapabilities from './2026-12-02T0100-token-capabilities.js';

// Listed by hand rather than read from the folder, so the same list serves the compiled build,
// tsx and the tests. Names sort in the order they were written; never edit a landed migration.
const migrations: Record<string, Migration> = {
  '2026-11-28T0400-initial': initial,
  '2026-11-28T0500-invitations': invitations,
  '2026-11-28T0600-purge-indexes': purgeIndexes,
  '2026-12-02T0100-token-capabilities': tokenCapabilities,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};
