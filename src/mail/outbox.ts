import type { Logger } from 'pino';
import type { MailKind, Metrics } from '../metrics/metrics.js';
import type { MailMessage, Mailer } from './mailer.js';

/**
 * Tries per mail: the first, then retries after 1, 4 and 16 times MAIL_RETRY_BASE_MS (2 s: 2 s,
 * 8 s, 32 s). So a mail server that is down for less than 42 s delays a code, it doesn't lose it;
 * each try is bounded too (SMTP_TIMEOUTS), so a mail is sent or given up on within about two
 * minutes of the request, well inside the code's 10 minutes.
 */
export const MAIL_ATTEMPTS = 4;

export interface EnqueueOptions {
  /** For the metrics. */
  kind?: MailKind;
  /** Called once when the mail is given up on: after the last try, or a permanent refusal. */
  onFailed?: () => Promise<void>;
}

/**
 * Sends mail off the request path: the answer to "send me a code" must not take longer for an
 * address that has an account (which gets a mail) than for one that doesn't, or the timing would
 * tell who is registered. A failed send is retried with backoff; pending sends are tracked so
 * shutdown can wait for them (and cut the backoff short: one last try each).
 */
export class Outbox {
  private readonly pending = new Set<Promise<void>>();
  private readonly backoffs = new Set<() => void>();
  private closing = false;

  constructor(
    private readonly mailer: Mailer,
    private readonly logger: Logger,
    private readonly retryBaseMs: number,
    private readonly metrics?: Metrics,
  ) {}

  /** Mails being sent or waiting for a retry. */
  get size(): number {
    return this.pending.size;
  }

  enqueue(message: MailMessage, options: EnqueueOptions = {}): void {
    const sending = this.deliver(message, options).finally(() => this.pending.delete(sending));
    this.pending.add(sending);
  }

  /** Resolves once every queued message has been handed over (or given up on). */
  async drain(): Promise<void> {
    this.closing = true;
    for (const wake of this.backoffs) wake();
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  private async deliver(message: MailMessage, options: EnqueueOptions): Promise<void> {
    const kind = options.kind ?? 'other';
    for (let attempt = 1; ; attempt++) {
      try {
        await this.mailer.send(message);
        this.metrics?.mails.inc({ kind, result: 'sent' });
        return;
      } catch (err) {
        // The address is logged, never the body: it holds the code.
        if (isPermanent(err) || attempt >= MAIL_ATTEMPTS || this.closing) {
          this.metrics?.mails.inc({ kind, result: 'failed' });
          this.logger.error({ err, to: message.to, attempts: attempt }, 'mail could not be sent');
          await options.onFailed?.().catch((cause: unknown) => {
            this.logger.error({ err: cause, to: message.to }, 'could not undo a failed mail');
          });
          return;
        }
        const retryInMs = this.retryBaseMs * 4 ** (attempt - 1);
        this.metrics?.mails.inc({ kind, result: 'retried' });
        this.logger.warn({ err, to: message.to, attempt, retryInMs }, 'mail not sent; will retry');
        await this.backoff(retryInMs);
      }
    }
  }

  /** Waits `ms`, or less if shutdown begins meanwhile. */
  private backoff(ms: number): Promise<void> {
    if (this.closing) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.backoffs.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      timer.unref();
      this.backoffs.add(wake);
    });
  }
}

/** A 5xx reply (mailbox unknown, message refused, bad credentials) will not change on a retry. */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
