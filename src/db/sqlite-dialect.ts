import type { Statement } from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import {
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';
import type { PreparedStatements } from './statement-cache.js';
import type { SqliteWriter } from './sqlite-writer.js';

/**
 * Kysely on SQLite with two connections: reads run at once on the main thread's connection, and
 * everything that writes (each statement that changes the file, and a whole transaction, reads
 * included) runs on the writer's thread. With synchronous=FULL a commit waits for the disk; on
 * the main thread that wait stalled every verify behind it. WAL lets the reader see each commit
 * as soon as it is made, and never waits for the writer.
 */
export class SplitSqliteDialect implements Dialect {
  constructor(
    private readonly reader: PreparedStatements,
    private readonly writer: SqliteWriter,
  ) {}

  createAdapter() {
    return new SqliteAdapter();
  }
  createDriver(): Driver {
    return new SplitSqliteDriver(this.reader, this.writer);
  }
  createQueryCompiler() {
    return new SqliteQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new SqliteIntrospector(db);
  }
}

/** One writer at a time: a transaction holds it from `begin` to `commit` or `rollback`. */
class WriterLock {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves, once the writer is free, with the function that frees it again. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const freed = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.tail.then(() => release);
    this.tail = this.tail.then(() => freed);
    return acquired;
  }
}

class SplitSqliteDriver implements Driver {
  private readonly lock = new WriterLock();

  constructor(
    private readonly reader: PreparedStatements,
    private readonly writer: SqliteWriter,
  ) {}

  async init(): Promise<void> {}

  acquireConnection(): Promise<DatabaseConnection> {
    return Promise.resolve(new SplitConnection(this.reader, this.writer, this.lock));
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as SplitConnection).begin();
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as SplitConnection).end('commit');
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as SplitConnection).end('rollback');
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    await this.writer.close();
    this.reader.close();
  }
}

class SplitConnection implements DatabaseConnection {
  /** Set while this connection holds a transaction open on the writer. */
  private release: (() => void) | undefined;

  constructor(
    private readonly reader: PreparedStatements,
    private readonly writer: SqliteWriter,
    private readonly lock: WriterLock,
  ) {}

  async begin(): Promise<void> {
    const release = await this.lock.acquire();
    try {
      await this.writer.execute('begin', []);
    } catch (err) {
      release();
      throw err;
    }
    this.release = release;
  }

  async end(how: 'commit' | 'rollback'): Promise<void> {
    try {
      await this.writer.execute(how, []);
    } finally {
      this.release?.();
      this.release = undefined;
    }
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { sql, parameters } = query;
    if (this.release) return (await this.writer.execute(sql, parameters)) as QueryResult<R>;
    const statement = this.readerStatement(sql);
    if (statement?.readonly && statement.reader) return { rows: statement.all(parameters) as R[] };
    const release = await this.lock.acquire();
    try {
      return (await this.writer.execute(sql, parameters)) as QueryResult<R>;
    } finally {
      release();
    }
  }

  /** The statement on the reader's connection; undefined if it can't be prepared there (a
   * table the writer is creating right now): the writer then runs it, or says what is wrong. */
  private readerStatement(sql: string): Statement | undefined {
    try {
      return this.reader.prepare(sql);
    } catch {
      return undefined;
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('keyward does not stream SQLite queries');
  }
}
