import type { Database as SQLiteDatabase } from 'better-sqlite3';
import SQLite from 'better-sqlite3';

/**
 * Opens keyward's SQLite file with the settings every connection to it needs. `cacheKib` is the
 * connection's own page cache (SQLite's default is 2 MiB).
 */
export function openSqliteFile(file: string, cacheKib: number): SQLiteDatabase {
  const sqlite = new SQLite(file);
  // WAL lets verify read while a token is being written; synchronous=FULL makes every commit
  // reach the disk before it returns, so a token whose 200 left the server survives a power cut.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`cache_size = -${cacheKib}`);
  return sqlite;
}
