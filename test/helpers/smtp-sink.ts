// A real SMTP server on loopback that keeps what it receives, so tests read codes from real mail.
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
}

export class SmtpSink {
  readonly messages: ReceivedMail[] = [];
  private waiters: (() => void)[] = [];
  private server!: SMTPServer;
  port = 0;

  private constructor() {}

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          sink.receive({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    // A client that vanishes mid-mail (a server process killed by a test) is not the sink's fault.
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.server.address();
    if (!address || typeof address === 'string') throw new Error('SMTP sink did not bind');
    sink.server = server;
    sink.port = address.port;
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Messages sent to `to` so far. */
  mailTo(to: string): ReceivedMail[] {
    return this.messages.filter((m) => m.to.includes(to));
  }

  /** Waits for the `nth` (1-based) message to `to` and returns it. */
  async waitForMail(to: string, nth = 1, timeoutMs = 5000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const mail = this.mailTo(to)[nth - 1];
      if (mail) return mail;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no mail #${nth} to ${to} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The 6-digit code of the `nth` message to `to`. */
  async codeFor(to: string, nth = 1): Promise<string> {
    const mail = await this.waitForMail(to, nth);
    const body = mail.raw
      .replace(/=\r?\n/g, '')
      .split(/\r?\n\r?\n/)
      .slice(1)
      .join('\n');
    const match = /(?<!\d)(\d{6})(?!\d)/.exec(body);
    if (!match?.[1]) throw new Error(`no code in mail to ${to}`);
    return match[1];
  }

  private receive(mail: ReceivedMail): void {
    this.messages.push(mail);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
