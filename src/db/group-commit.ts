import type { Db } from './database.js';

type Write = (trx: Db) => Promise<void>;

/** Writes that commit together at most. */
const MAX_BATCH = 256;

/**
 * Group commit: writes that arrive while a commit is on its way to disk wait, then share the next
 * transaction, so concurrent callers pay for one fsync instead of one each (with SQLite's
 * synchronous=FULL the fsync is most of a write's cost). Each caller's promise resolves only after
 * the transaction holding its write committed, so an answer sent then is still durable. A batch
 * that fails is retried one write at a time, so one bad write fails only its own caller.
 */
export class GroupCommit {
  private queue: { write: Write; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  run(write: Write): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    // Let the requests already read off the sockets in this turn of the event loop queue their
    // writes first: SQLite commits synchronously, so nothing joins a batch once it is running.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.commit(batch.map((item) => item.write));
        for (const item of batch) item.resolve();
      } catch (err) {
        if (batch.length === 1) {
          batch[0]!.reject(err);
          continue;
        }
        for (const item of batch) {
          await this.commit([item.write]).then(item.resolve, item.reject);
        }
      }
    }
    this.running = false;
  }

  private commit(writes: Write[]): Promise<void> {
    return this.db.transaction().execute(async (trx) => {
      for (const write of writes) await write(trx);
    });
  }
}
