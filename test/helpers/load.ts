// Concurrent request loops against a real server process, and what each request came to: the
// fault tests (kill -9, SIGTERM) judge every request by its own fate, not by totals alone.
import type { ServerProcess } from './keyward-process.js';

/** The error code behind a failed fetch: ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET… */
export function networkCode(err: unknown): string {
  const cause = (err as { cause?: { code?: string } }).cause;
  return cause?.code ?? (err as { code?: string }).code ?? String(err);
}

/**
 * `concurrency` loops, each running `step` again and again until `stop()` or until the server
 * refuses connections (it is gone or no longer listening). A step reports through its own
 * closure; a network failure is recorded here with its code.
 */
export class Load {
  readonly failures: string[] = [];
  private readonly stopping = new AbortController();
  private readonly loops: Promise<void>[];

  constructor(concurrency: number, step: (loop: number) => Promise<void>) {
    this.whenStopped.catch(() => undefined);
    this.loops = Array.from({ length: concurrency }, async (_, loop) => {
      while (!this.stopped) {
        try {
          await step(loop);
        } catch (err) {
          const code = networkCode(err);
          if (code === 'ECONNREFUSED') return;
          this.failures.push(code);
        }
      }
    });
  }

  /** Resolves once every loop has ended by itself (server gone). */
  async done(): Promise<void> {
    await Promise.all(this.loops);
  }

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  /** `promise`, or a rejection as soon as the load is stopped (for steps that wait on mail). */
  unlessStopped<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.whenStopped]);
  }

  private readonly whenStopped = new Promise<never>((_, reject) => {
    this.stopping.signal.addEventListener('abort', () => reject(new Error('stopped')));
  });

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.all(this.loops);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Every JSON log line a server process wrote so far. */
export function logLines(server: ServerProcess): Record<string, any>[] {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, any>);
}

/** Settings that keep a load test from spending the rate-limit budgets of one client IP. */
export const NO_RATE_LIMITS = {
  RATE_LIMIT_OTP_SEND_PER_ADDRESS: 'off',
  RATE_LIMIT_OTP_SEND_PER_IP: 'off',
  RATE_LIMIT_OTP_CHECK_PER_IP: 'off',
  RATE_LIMIT_GENERATE_TOKEN_PER_USER: 'off',
};
