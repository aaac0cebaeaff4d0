// A loopback SMTP server (the `smtp-server` package, as in the tests) that keeps the latest unread
// one-time code per address, so the sign-up and login flows can read their codes from real mail.
import { Buffer } from 'node:buffer';
import { clearTimeout, setTimeout } from 'node:timers';
import { SMTPServer } from 'smtp-server';

const CODE = /(?<!\d)(\d{6})(?!\d)/;

/** The 6-digit code in a raw message's body (quoted-printable soft breaks undone). */
export function codeOf(raw) {
  const body = raw
    .replace(/=\r?\n/g, '')
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n');
  return CODE.exec(body)?.[1];
}

export class SmtpSink {
  /** address → codes not read yet, oldest first */
  #codes = new Map();
  /** address → resolve functions of readers waiting for a code */
  #waiters = new Map();
  #server;
  received = 0;
  port = 0;

  static async start() {
    const sink = new SmtpSink();
    sink.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks = [];
        stream.on('data', (chunk) => chunks.push(chunk));
        stream.on('end', () => {
          const code = codeOf(Buffer.concat(chunks).toString('utf8'));
          for (const { address } of session.envelope.rcptTo) sink.#deliver(address, code);
          callback();
        });
      },
    });
    await new Promise((resolve) => sink.#server.listen(0, '127.0.0.1', resolve));
    sink.port = sink.#server.server.address().port;
    return sink;
  }

  get url() {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The next unread code mailed to `address`, waiting up to `timeoutMs` for it. */
  nextCode(address, timeoutMs = 10_000) {
    const queue = this.#codes.get(address);
    if (queue?.length) return Promise.resolve(this.#take(address, queue));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#removeWaiter(address, wake);
        reject(new Error(`no code mailed to ${address} within ${timeoutMs} ms`));
      }, timeoutMs);
      const wake = () => {
        clearTimeout(timer);
        resolve(this.#take(address, this.#codes.get(address)));
      };
      const waiting = this.#waiters.get(address) ?? [];
      waiting.push(wake);
      this.#waiters.set(address, waiting);
    });
  }

  close() {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  #deliver(address, code) {
    this.received++;
    if (!code) return;
    const queue = this.#codes.get(address) ?? [];
    queue.push(code);
    this.#codes.set(address, queue);
    const waiting = this.#waiters.get(address);
    const wake = waiting?.shift();
    if (waiting?.length === 0) this.#waiters.delete(address);
    wake?.();
  }

  #take(address, queue) {
    const code = queue.shift();
    if (queue.length === 0) this.#codes.delete(address);
    return code;
  }

  #removeWaiter(address, wake) {
    const waiting = this.#waiters.get(address)?.filter((w) => w !== wake) ?? [];
    if (waiting.length) this.#waiters.set(address, waiting);
    else this.#waiters.delete(address);
  }
}
