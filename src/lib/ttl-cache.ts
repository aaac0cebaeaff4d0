import type { Clock } from './clock.js';

/**
 * A small in-process cache whose entries live at most `ttlMs`, for what verify reads on every
 * request. `clear()` and `evict()` bump a generation: a reader that loaded a value before them
 * must not store it after (see `set`), or a revoked token could come back for one TTL.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private currentGeneration = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly clock: Clock,
  ) {}

  get generation(): number {
    return this.currentGeneration;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.clock.now() >= entry.expiresAt) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Stores `value` unless the cache was cleared since `generation` was read. */
  set(key: string, value: V, generation: number): void {
    if (this.ttlMs <= 0 || generation !== this.currentGeneration) return;
    if (this.entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: this.clock.now() + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops the entries `stale` picks (a revocation's), and whatever is being loaded meanwhile. */
  evict(stale: (value: V) => boolean): void {
    for (const [key, entry] of this.entries) if (stale(entry.value)) this.entries.delete(key);
    this.currentGeneration++;
  }

  clear(): void {
    this.entries.clear();
    this.currentGeneration++;
  }

  get size(): number {
    return this.entries.size;
  }
}
