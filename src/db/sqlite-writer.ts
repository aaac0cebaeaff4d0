import { Worker } from 'node:worker_threads';
import type { QueryResult } from 'kysely';

/** What the writer's thread is started with. */
export interface WriterSetup {
  file: string;
  cacheKib: number;
}

export type WriterRequest = { id: number; sql: string; parameters: readonly unknown[] } | 'close';

export type WriterReply =
  | { id: number; rows: unknown[] }
  | { id: number; changes: number; lastInsertRowid: bigint }
  | { id: number; error: { message: string; code: string | undefined } };

/** An error SQLite raised on the writer's thread, with its code (SQLITE_CONSTRAINT_…, SQLITE_BUSY). */
export class SqliteWriteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'SqliteError';
  }
}

/**
 * The thread's heap: it holds one statement's rows at a time, so a small young generation
 * (V8's default lets it grow to 48 MB, all of it resident) and a bounded old one.
 */
const THREAD_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 };

/**
 * The writer's thread: the compiled build runs its .js file. Under tsx (the tests, `npm run dev`)
 * the source is .ts, and a worker does not inherit tsx's loader: it registers it first.
 */
function startThread(setup: WriterSetup): Worker {
  const source = import.meta.url.endsWith('.ts');
  const thread = new URL(`./sqlite-writer-thread.${source ? 'ts' : 'js'}`, import.meta.url);
  const options = { workerData: setup, resourceLimits: THREAD_LIMITS };
  if (!source) return new Worker(thread, options);
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(thread.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/**
 * The main thread's end of the writer: sends one statement at a time and resolves with what
 * SQLite answered. The thread keeps the process alive only while a statement is on its way, so
 * a store nobody closed does not hold a finished process open.
 */
export class SqliteWriter {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve: (result: QueryResult<unknown>) => void; reject: (err: Error) => void }
  >();
  private nextId = 0;
  private failure: Error | undefined;
  private readonly exited: Promise<void>;

  constructor(setup: WriterSetup) {
    this.worker = startThread(setup);
    this.worker.unref();
    this.worker.on('message', (reply: WriterReply) => this.settle(reply));
    this.worker.on('error', (err) => this.fail(err));
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', () => {
        this.fail(new SqliteWriteError('the SQLite writer thread has stopped', 'SQLITE_IOERR'));
        resolve();
      });
    });
  }

  /**
   * Throws once the thread has stopped (it crashed, or the store was closed): every write would
   * fail from then on, so readiness says so and a process manager can replace the process.
   */
  assertRunning(): void {
    if (this.failure) throw this.failure;
  }

  execute(sql: string, parameters: readonly unknown[]): Promise<QueryResult<unknown>> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, sql, parameters } satisfies WriterRequest);
    });
  }

  /** Closes the thread's connection once the statements already sent have run. */
  async close(): Promise<void> {
    if (!this.failure) this.worker.postMessage('close' satisfies WriterRequest);
    this.worker.ref();
    await this.exited;
  }

  private settle(reply: WriterReply): void {
    const waiter = this.pending.get(reply.id);
    if (waiter === undefined) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if ('error' in reply)
      waiter.reject(new SqliteWriteError(reply.error.message, reply.error.code));
    else if ('rows' in reply) waiter.resolve({ rows: reply.rows });
    else
      waiter.resolve({
        rows: [],
        numAffectedRows: BigInt(reply.changes),
        insertId: reply.lastInsertRowid,
      });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const waiter of this.pending.values()) waiter.reject(err);
    this.pending.clear();
  }
}
