// A verify that costs microseconds: answers are kept in memory, and keyward's event stream says
// at once which of them a change (a revocation, a logout, a suspension…) has made stale.
import { KeywardClient } from './client.js';
import { KeywardError } from './errors.js';
import { SseParser } from './sse.js';
import type { VerifyData } from './types.js';

/** How long an answer may be kept without a connected event stream: nothing tells of changes. */
export const FALLBACK_CACHE_MS = 1000;
const DEFAULT_CACHE_MS = 60_000;
const DEFAULT_MAX_ENTRIES = 10_000;
/** keyward pings every 15 s: this long without a byte means the connection is dead. */
const STREAM_SILENCE_MS = 40_000;

export interface VerifierOptions {
  /** Where keyward answers, e.g. `https://auth.example.com`. */
  baseUrl: string;
  /**
   * One of keyward's `EVENT_STREAM_KEYS`. With it, answers are kept up to `cacheMs` while the
   * event stream is connected; without it (or while it is down), 1 s at most.
   */
  eventStreamKey?: string | undefined;
  /** Longest a valid answer is kept while the stream is connected (60 s; keyward may lower it). */
  cacheMs?: number;
  /** Most answers kept; the least recently used goes first (10,000). */
  maxEntries?: number;
  /** Hears what the verifier has to say: the stream lost (once per loss), and back. */
  log?: (message: string) => void;
  /** Waits between reconnection attempts: from `min` doubling up to `max` (0.5 s … 30 s). */
  reconnectMs?: { min?: number; max?: number };
  /** A `fetch` of your own; the global one otherwise. */
  fetch?: typeof globalThis.fetch;
}

export interface VerifyOptions {
  /** Every scope the token must hold (403 INSUFFICIENT_SCOPE otherwise). */
  scopes?: readonly string[] | undefined;
}

interface Entry {
  data: VerifyData;
  expiresAt: number;
  tokenId: string | null;
  sessionId: string | null;
  userId: string | null;
  companyId: string;
  workspaceId: string;
}

export interface Verifier {
  /** verify's `data` for a valid token; a refusal throws `KeywardError`. */
  verify(token: string, options?: VerifyOptions): Promise<VerifyData>;
  /**
   * The answer held for `token` that passes `options`, without waiting for anything; undefined:
   * call `verify`. What the middleware answers most requests with.
   */
  cached(token: string, options?: VerifyOptions): VerifyData | undefined;
  /** Whether the event stream is connected (answers are kept up to `cacheMs`). */
  readonly streaming: boolean;
  /** Answers held right now. */
  readonly size: number;
  /** Ends the event stream; verify still works, keeping answers 1 s at most. */
  close(): void;
}

export function createVerifier(options: VerifierOptions): Verifier {
  return new CachingVerifier(options);
}

class CachingVerifier implements Verifier {
  private readonly client: KeywardClient;
  private readonly cache = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<VerifyData>>();
  private readonly maxEntries: number;
  private readonly cacheMs: number;
  private readonly log: (message: string) => void;
  /** Bumped by every event that drops answers: an answer fetched across one is not kept. */
  private generation = 0;
  private streamCacheMs = 0;
  private connected = false;
  private everConnected = false;
  /** The stream's loss is told once, not at each attempt to reconnect. */
  private saidDown = false;
  private closed = false;
  private abort: AbortController | undefined;
  private wakeUp: (() => void) | undefined;

  constructor(private readonly options: VerifierOptions) {
    const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.client = new KeywardClient({ baseUrl: options.baseUrl, fetch: fetchFn });
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.cacheMs = options.cacheMs ?? DEFAULT_CACHE_MS;
    this.log = options.log ?? (() => undefined);
    if (options.eventStreamKey !== undefined) void this.follow(options.eventStreamKey, fetchFn);
  }

  get streaming(): boolean {
    return this.connected;
  }

  get size(): number {
    return this.cache.size;
  }

  cached(token: string, options: VerifyOptions = {}): VerifyData | undefined {
    const entry = this.held(token);
    return entry !== undefined && holdsAll(entry.data, options.scopes) ? entry.data : undefined;
  }

  verify(token: string, options: VerifyOptions = {}): Promise<VerifyData> {
    const entry = this.held(token);
    if (entry !== undefined) {
      return holdsAll(entry.data, options.scopes)
        ? Promise.resolve(entry.data)
        : Promise.reject(new KeywardError({ code: 'INSUFFICIENT_SCOPE', status: 403 }));
    }
    const key = options.scopes?.length
      ? `${token}\n${[...options.scopes].sort().join(' ')}`
      : token;
    let pending = this.inFlight.get(key);
    if (pending === undefined) {
      pending = this.fetchAnswer(token, options.scopes).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** The live entry for `token`, moved to the back: the least recently used goes first. */
  private held(token: string): Entry | undefined {
    const entry = this.cache.get(token);
    if (entry === undefined) return undefined;
    this.cache.delete(token);
    if (entry.expiresAt <= Date.now()) return undefined;
    this.cache.set(token, entry);
    return entry;
  }

  close(): void {
    this.closed = true;
    this.abort?.abort();
    this.wakeUp?.();
    this.setConnected(false);
  }

  private async fetchAnswer(token: string, scopes?: readonly string[]): Promise<VerifyData> {
    const generation = this.generation;
    const { data } = await this.client.verify(
      token,
      scopes === undefined ? {} : { scopes: [...scopes] },
    );
    if (generation === this.generation) this.keep(token, data);
    return data;
  }

  private keep(token: string, data: VerifyData): void {
    // A rate-limited token's every verify must reach keyward to be counted.
    if (data.rate_limit !== null) return;
    let ms = this.connected ? Math.min(this.cacheMs, this.streamCacheMs) : FALLBACK_CACHE_MS;
    // A session's idle timeout ends it with no event.
    if (data.token_type === 'login') ms = Math.min(ms, FALLBACK_CACHE_MS);
    ms = Math.min(ms, this.cacheMs);
    if (ms <= 0) return;
    let expiresAt = Date.now() + ms;
    if (data.expires_at !== null) expiresAt = Math.min(expiresAt, Date.parse(data.expires_at));
    const api = data.token_type === 'api';
    this.cache.delete(token);
    this.cache.set(token, {
      data,
      expiresAt,
      tokenId: api ? data.token_id : null,
      sessionId: api ? null : data.token_id,
      userId: data.user?.id ?? null,
      companyId: data.company.id,
      workspaceId: data.workspace.id,
    });
    if (this.cache.size > this.maxEntries) {
      this.cache.delete(this.cache.keys().next().value as string);
    }
  }

  private dropAll(): void {
    this.generation++;
    this.cache.clear();
  }

  private dropWhere(stale: (entry: Entry) => boolean): void {
    this.generation++;
    for (const [token, entry] of this.cache) if (stale(entry)) this.cache.delete(token);
  }

  private hear(type: string, data: Record<string, unknown>): void {
    const id = (name: string) => (typeof data[name] === 'string' ? data[name] : undefined);
    switch (type) {
      case 'hello': {
        const max = data.max_cache_ms;
        this.streamCacheMs = typeof max === 'number' && max >= 0 ? max : FALLBACK_CACHE_MS;
        // Whatever was kept before is from a time no event covers.
        this.dropAll();
        this.setConnected(true);
        this.everConnected = true;
        return;
      }
      case 'token.revoked':
      case 'token.updated': {
        const tokenId = id('token_id');
        return this.dropWhere((e) => e.tokenId === tokenId);
      }
      case 'session.ended': {
        const sessionId = id('session_id');
        return this.dropWhere((e) => e.sessionId === sessionId);
      }
      case 'member.changed': {
        const [userId, companyId] = [id('user_id'), id('company_id')];
        return this.dropWhere((e) => e.userId === userId && e.companyId === companyId);
      }
      case 'user.changed': {
        const userId = id('user_id');
        return this.dropWhere((e) => e.userId === userId);
      }
      case 'workspace.changed': {
        const workspaceId = id('workspace_id');
        return this.dropWhere((e) => e.workspaceId === workspaceId);
      }
      case 'ping':
        return;
      default:
        // A kind of change this version does not know: drop everything rather than miss it.
        return this.dropAll();
    }
  }

  private setConnected(connected: boolean): void {
    if (connected) {
      if (!this.connected) this.log('keyward event stream connected: verify answers are cached');
      this.connected = true;
      this.saidDown = false;
      return;
    }
    // Answers kept while connected may miss an event sent while the stream was down.
    if (this.connected) this.dropAll();
    this.connected = false;
    if (this.closed || this.saidDown) return;
    this.saidDown = true;
    this.log(
      `keyward event stream ${this.everConnected ? 'lost' : 'unavailable'}: verify answers are cached for 1 s until it is back`,
    );
  }

  /** Keeps the event stream open for as long as the verifier lives, reconnecting with backoff. */
  private async follow(key: string, fetchFn: typeof globalThis.fetch): Promise<void> {
    const minMs = this.options.reconnectMs?.min ?? 500;
    const maxMs = this.options.reconnectMs?.max ?? 30_000;
    let failures = 0;
    while (!this.closed) {
      const heard = await this.listen(key, fetchFn);
      this.setConnected(false);
      if (this.closed) return;
      failures = heard ? 0 : failures + 1;
      const backoff = Math.min(maxMs, minMs * 2 ** Math.min(failures, 16));
      // Jitter, so that many services don't all come back to a restarted keyward at once.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backoff * (0.5 + Math.random() / 2));
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** One connection, until it ends; whether it got as far as `hello`. */
  private async listen(key: string, fetchFn: typeof globalThis.fetch): Promise<boolean> {
    const abort = new AbortController();
    this.abort = abort;
    let silence: ReturnType<typeof setTimeout> | undefined;
    const watch = () => {
      clearTimeout(silence);
      silence = setTimeout(() => abort.abort(), STREAM_SILENCE_MS);
      // Node: the watchdog alone must not keep a process alive.
      (silence as { unref?: () => void }).unref?.();
    };
    let greeted = false;
    try {
      watch();
      const response = await fetchFn(`${this.client.baseUrl}/api/v1/global/events`, {
        headers: { accept: 'text/event-stream', token: key },
        signal: abort.signal,
      });
      if (!response.ok || response.body === null) {
        await response.body?.cancel();
        throw new KeywardError({ code: `HTTP ${response.status}`, status: response.status });
      }
      const parser = new SseParser((type, data) => {
        if (type === 'hello') greeted = true;
        this.hear(type, data);
      });
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        watch();
        parser.push(value);
      }
    } catch {
      // Refused, unreachable, cut or silent: the caller reconnects.
    } finally {
      clearTimeout(silence);
    }
    return greeted;
  }
}

/** Whether a token passes a check for `scopes`, as keyward decides it: unrestricted ones do. */
function holdsAll(data: VerifyData, scopes: readonly string[] | undefined): boolean {
  const held = data.scopes;
  return scopes === undefined || held === null || scopes.every((scope) => held.includes(scope));
}
