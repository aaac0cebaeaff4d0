// Reads a Server-Sent Events stream over real HTTP, for tests of GET /api/v1/global/events.
export interface StreamEvent {
  id: string | undefined;
  type: string;
  data: Record<string, unknown>;
  /** performance.now() when it was read. */
  at: number;
}

export class SseReader {
  readonly events: StreamEvent[] = [];
  private waiters: (() => void)[] = [];
  private ended = false;

  private constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {
    void this.pump();
  }

  /** Opens the stream; `status` tells whether it did (a refusal's body is in `response`). */
  static async open(base: string, key: string | undefined): Promise<SseReader> {
    const abort = new AbortController();
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (key !== undefined) headers.token = key;
    const response = await fetch(`${base}/api/v1/global/events`, {
      headers,
      signal: abort.signal,
    });
    return new SseReader(response, abort);
  }

  get status(): number {
    return this.response.status;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** The first event (from `from` on) that `match` accepts; rejects after `ms`. */
  async next(match: (event: StreamEvent) => boolean, ms = 5000, from = 0): Promise<StreamEvent> {
    const deadline = performance.now() + ms;
    for (;;) {
      const found = this.events.slice(from).find(match);
      if (found) return found;
      if (this.ended) throw new Error(`stream ended; events: ${this.describe()}`);
      const left = deadline - performance.now();
      if (left <= 0)
        throw new Error(`no matching event within ${ms} ms; events: ${this.describe()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves once the server has ended the stream. */
  async closed(ms = 5000): Promise<void> {
    const deadline = performance.now() + ms;
    while (!this.ended) {
      if (performance.now() > deadline) throw new Error('the stream is still open');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.abort.abort();
  }

  private describe(): string {
    return this.events.map((e) => `${e.type} ${JSON.stringify(e.data)}`).join('; ');
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private async pump(): Promise<void> {
    if (!this.response.ok || !this.response.body) {
      this.ended = true;
      return;
    }
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of this.response.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of frame.split('\n')) {
            const colon = line.indexOf(':');
            if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
          }
          this.events.push({
            id: fields.get('id'),
            type: fields.get('event') ?? 'message',
            data: JSON.parse(fields.get('data') ?? '{}') as Record<string, unknown>,
            at: performance.now(),
          });
        }
        this.wake();
      }
    } catch {
      // aborted, or the connection was cut
    }
    this.ended = true;
    this.wake();
  }
}
