// Which store the suite runs on: SQLite by default; PostgreSQL when TEST_STORE=postgres (the
// test script sets it for its second pass when DATABASE_URL is set). On PostgreSQL each test app
// gets a schema of its own, so test files run in parallel without seeing each other's rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_STORE = process.env.TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** The skip reason of a suite that needs PostgreSQL, or false on the PostgreSQL pass. */
export const POSTGRES_ONLY: string | false =
  TEST_STORE === 'postgres'
    ? false
    : process.env.DATABASE_URL
      ? 'runs in the PostgreSQL pass'
      : 'needs PostgreSQL: DATABASE_URL not set';

export const REDIS_URL = process.env.REDIS_URL || undefined;
/** The skip reason of a test that needs Redis, or false when REDIS_URL is set. */
export const REDIS_ONLY: string | false = REDIS_URL ? false : 'needs Redis: REDIS_URL not set';

export interface TestDatabase {
  /** DATABASE_URL for the app; undefined on SQLite. */
  url: string | undefined;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_STORE === 'sqlite') return { url: undefined, drop: () => Promise.resolve() };
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('TEST_STORE=postgres needs DATABASE_URL');
  const schema = `kw_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(base, `create schema ${schema}`);
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    drop: () => adminQuery(base, `drop schema if exists ${schema} cascade`),
  };
}

/** Drops every schema a test made and left (test/run-suites.sh runs it before and after a pass). */
export async function dropTestSchemas(base: string): Promise<number> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "select nspname as name from pg_namespace where nspname like 'kw\\_test\\_%'",
    );
    for (const { name } of rows) await client.query(`drop schema if exists "${name}" cascade`);
    return rows.length;
  } finally {
    await client.end();
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
