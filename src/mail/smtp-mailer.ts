import nodemailer from 'nodemailer';
import type { MailMessage, Mailer } from './mailer.js';

export function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    send: async (message: MailMessage) => {
      await transport.sendMail({ from, ...message });
    },
    close: () => transport.close(),
  };
}
