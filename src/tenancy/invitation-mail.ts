import type { MailMessage } from '../mail/mailer.js';

export function invitationMail(to: string, companyName: string, inviterName: string): MailMessage {
  return {
    to,
    subject: `You are invited to ${companyName} on keyward`,
    text: [
      `${inviterName} invited you to join ${companyName}.`,
      '',
      'Sign up or log in with this address to join: the invitation is accepted at your next login.',
    ].join('\n'),
  };
}
