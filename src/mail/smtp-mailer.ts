import type { Transporter } from 'nodemailer';
import type { MailMessage, Mailer } from './mailer.js';

/**
 * Bounds on one try, in ms: nodemailer's defaults (2 minutes to connect, 10 minutes of silence)
 * would let a stalled mail server delay a code for far longer than the outbox's retries. Query
 * parameters of SMTP_URL (`?connectionTimeout=…`) override them.
 */
export const SMTP_TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 20_000,
};

/**
 * nodemailer loads with the first mail: an instance that only verifies never pays for it. Its
 * connections are pooled and kept open between mails, so a code doesn't wait for a TCP and SMTP
 * handshake (and a server's greeting delay) each time: 100 ms less per code against a server
 * that waits 100 ms before its greeting, as many do to catch clients that talk too soon.
 */
export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  let transport: Promise<Transporter> | undefined;
  const connect = async () => {
    const { default: nodemailer } = await import('nodemailer');
    return nodemailer.createTransport({ url: smtpUrl, pool: true, ...SMTP_TIMEOUTS });
  };
  return {
    send: async (message: MailMessage) => {
      transport ??= connect();
      await (await transport).sendMail({ from, ...message });
    },
    close: () => void transport?.then((t) => t.close()),
  };
}
