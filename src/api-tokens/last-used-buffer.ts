import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import { saveLastUsed } from './api-tokens.repository.js';

/**
 * Last-used times of API tokens, kept in memory and written in batches, so verify never writes
 * to the store (Better Auth writes on every verify; that is what makes it slow). The listing reads
 * the store and this buffer together, so it is exact on this instance and within one flush
 * interval on the others.
 */
export class LastUsedBuffer {
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly flushIntervalMs: number,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.flushIntervalMs);
    // The timer must not keep a stopping process alive; shutdown flushes explicitly.
    this.timer.unref();
  }

  record(tokenId: string, at: number): void {
    this.pending.set(tokenId, at);
  }

  /** The buffered time of a token not yet written, if any. */
  peek(tokenId: string): number | undefined {
    return this.pending.get(tokenId);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Writes what is buffered in one transaction; on failure the times stay for the next try. */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.db.transaction().execute((trx) => saveLastUsed(trx, batch));
    } catch (err) {
      for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
      this.logger.warn({ err, tokens: batch.size }, 'could not save last-used times; will retry');
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
