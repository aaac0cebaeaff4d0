import type { Logger } from 'pino';
import type { MailMessage, Mailer } from './mailer.js';

/**
 * Development mailer: prints the whole message, code included, to the log. The config refuses
 * it when NODE_ENV=production, since anyone who reads the log could then log in as anyone.
 */
export function createLogMailer(logger: Logger): Mailer {
  return {
    send: (message: MailMessage) => {
      logger.info({ mail: message }, `mail to ${message.to}: ${message.subject}`);
      return Promise.resolve();
    },
    close: () => undefined,
  };
}
