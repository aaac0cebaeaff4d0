import type { Logger } from 'pino';
import type { MailMessage, Mailer } from './mailer.js';

/**
 * Sends mail off the request path: the answer to "send me a code" must not take longer for an
 * address that has an account (which gets a mail) than for one that doesn't, or the timing would
 * tell who is registered. Pending sends are tracked so shutdown can wait for them.
 */
export class Outbox {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly mailer: Mailer,
    private readonly logger: Logger,
  ) {}

  enqueue(message: MailMessage): void {
    const sending = this.mailer
      .send(message)
      .catch((err: unknown) => {
        // The address is logged, never the body: it holds the code.
        this.logger.error({ err, to: message.to }, 'mail could not be sent');
      })
      .finally(() => this.pending.delete(sending));
    this.pending.add(sending);
  }

  /** Resolves once every queued message has been handed over (or failed). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }
}
