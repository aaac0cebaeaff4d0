import fs from 'node:fs';
import path from 'node:path';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  sql,
  type DatabaseIntrospector,
  type Dialect,
} from 'kysely';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { CurrentSchemaIntrospector } from './current-schema-introspector.js';
import { migrationProvider } from './migrations/index.js';
import { SplitSqliteDialect } from './sqlite-dialect.js';
import { openSqliteFile } from './sqlite-file.js';
import { SqliteWriter } from './sqlite-writer.js';
import { withPreparedStatements } from './statement-cache.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/** Connections of the PostgreSQL pool; undefined on SQLite, which has none. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export interface Store {
  readonly db: Db;
  readonly dialect: 'sqlite' | 'postgres';
  /** Resolves when the store answers a trivial query (readiness). */
  ping(): Promise<void>;
  /** The PostgreSQL pool's connections right now; undefined on SQLite. */
  poolStats(): PoolStats | undefined;
  close(): Promise<void>;
}

export const SQLITE_FILE = 'keyward.sqlite';

/** The reader's page cache, at most: 32 MiB (SQLite's default is 2 MiB). */
const SQLITE_READER_CACHE_KIB = 32 * 1024;
/** The writer's: it touches the pages of the rows it adds or changes, and their indexes. */
const SQLITE_WRITER_CACHE_KIB = 8 * 1024;

type StoreConfig = Pick<
  Config,
  'databaseUrl' | 'dataDir' | 'databasePoolSize' | 'databaseTimeoutMs'
>;

/** PostgreSQL when DATABASE_URL is set, else SQLite under DATA_DIR. */
export function openStore(config: StoreConfig, logger?: Logger): Store {
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, config, logger)
    : openSqlite(path.join(config.dataDir, SQLITE_FILE));
}

export function openSqlite(file: string): Store {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // Verify's reads: a page cache of its own, so a verify that misses the verify cache rarely
  // needs a read(): with a million tokens such verifies reach pages all over the file, and
  // SQLite's default 2 MiB cache made them 30 % dearer than with a thousand (bench --sizes). Not
  // mmap: mapped pages count in the process's RSS, and one checkpoint of a big file lifted it by
  // 120 MB.
  const reader = withPreparedStatements(openSqliteFile(file, SQLITE_READER_CACHE_KIB));
  const writer = new SqliteWriter({ file, cacheKib: SQLITE_WRITER_CACHE_KIB });
  return kyselyStore(
    new SplitSqliteDialect(reader, writer),
    'sqlite',
    () => undefined,
    () => writer.assertRunning(),
  );
}

const INT8_OID = 20;
const parseInt8 = (value: string): number => Number(value);

export function openPostgres(
  url: string,
  options: Pick<Config, 'databasePoolSize' | 'databaseTimeoutMs'>,
  logger?: Logger,
): Store {
  let pool: pg.Pool | undefined;
  // pg loads with the first query: an instance on SQLite never pays for it.
  const createPool = async (): Promise<pg.Pool> => {
    const { default: pg } = await import('pg');
    // Times are bigint columns: milliseconds fit a JS number exactly, so read them as numbers.
    const bigintAsNumber = ((oid: number, format?: 'text' | 'binary') =>
      oid === INT8_OID
        ? parseInt8
        : (pg.types.getTypeParser(oid, format ?? 'text') as (
            value: string,
          ) => unknown)) as typeof pg.types.getTypeParser;
    pool = new pg.Pool({
      connectionString: url,
      max: options.databasePoolSize,
      // A request waits this long for a connection, then fails fast (503) instead of hanging.
      connectionTimeoutMillis: options.databaseTimeoutMs,
      statement_timeout: options.databaseTimeoutMs,
      idle_in_transaction_session_timeout: options.databaseTimeoutMs * 2,
      types: { getTypeParser: bigintAsNumber },
    });
    // An idle connection dropped by the server (restart, pg_terminate_backend) must not crash
    // the process: the pool discards it and the next request opens a new one.
    pool.on('error', (err) => logger?.warn({ err }, 'idle PostgreSQL connection lost'));
    // A connection can also drop while checked out between two queries; pg then emits 'error'
    // on the client, which would be an uncaught exception without a listener of its own.
    pool.on('connect', (client) => {
      client.on('error', (err) => logger?.warn({ err }, 'PostgreSQL connection lost'));
    });
    return pool;
  };
  return kyselyStore(new OneSchemaPostgresDialect({ pool: createPool }), 'postgres', () => ({
    total: pool?.totalCount ?? 0,
    idle: pool?.idleCount ?? 0,
    waiting: pool?.waitingCount ?? 0,
  }));
}

/** PostgreSQL, introspected only in the schema keyward works in (see CurrentSchemaIntrospector). */
class OneSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db);
  }
}

/** `assertWriting`: throws when the store can no longer write although it still reads. */
function kyselyStore(
  dialect: Dialect,
  kind: Store['dialect'],
  poolStats: Store['poolStats'],
  assertWriting?: () => void,
): Store {
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    dialect: kind,
    poolStats,
    ping: async () => {
      assertWriting?.();
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

/**
 * Brings the schema up to date; the same migrator serves start-up and the tests. On PostgreSQL,
 * Kysely holds an advisory lock while it migrates, so instances starting together don't race.
 */
export async function migrate(store: Store): Promise<void> {
  if (store.dialect === 'sqlite') return runMigrations(store.db, undefined);
  // One connection, without the statement timeout: waiting for another instance's migration
  // lock, or a long migration, must not fail the start-up.
  await store.db.connection().execute(async (db) => {
    await sql`set statement_timeout = 0`.execute(db);
    try {
      // Kysely looks for its bookkeeping tables in every schema unless told which one: name the
      // schema the connection works in (search_path), so keyward schemas can share a database.
      const current = await sql<{
        schema: string | null;
      }>`select current_schema() as schema`.execute(db);
      const schema = current.rows[0]?.schema;
      if (!schema) throw new Error('the search_path names no existing schema');
      await runMigrations(db, schema);
    } finally {
      await sql`reset statement_timeout`.execute(db);
    }
  });
}

async function runMigrations(db: Db, migrationTableSchema: string | undefined): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? `: ${error.message}` : '';
    throw new Error(`migration ${failed?.migrationName ?? ''} failed${reason}`, { cause: error });
  }
}
