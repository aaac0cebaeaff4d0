import type { Database as SQLiteDatabase, Statement } from 'better-sqlite3';

/** A connection whose statements are prepared once per SQL text. */
export interface PreparedStatements {
  prepare(sql: string): Statement;
  close(): void;
}

/** Distinct SQL texts kept prepared; the oldest goes first (IN lists of new lengths add texts). */
const MAX_STATEMENTS = 500;

/**
 * better-sqlite3 with each SQL text prepared once. The store prepares for every query, and preparing verify's five-table join was most of a cache miss's
 * cost (bench --sizes, cache off: about 170 µs of CPU per verify). A statement is only ever run
 * to completion (`all` or `run`; keyward never streams), so one can serve every query of its text.
 * SQLite prepares a statement again by itself when a migration changes the schema.
 */
export function withPreparedStatements(sqlite: SQLiteDatabase): PreparedStatements {
  const statements = new Map<string, Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = sqlite.prepare(sql);
        if (statements.size >= MAX_STATEMENTS) {
          const oldest = statements.keys().next();
          if (!oldest.done) statements.delete(oldest.value);
        }
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}
