import type { MailMessage } from '../mail/mailer.js';

export type CodeMailKind = 'signup' | 'signup-existing' | 'login';

/** The mail that carries a one-time code. The code is in the body only, never the subject. */
export function codeMail(to: string, code: string, kind: CodeMailKind): MailMessage {
  const lines = [`Your keyward code is ${code}.`, '', 'It expires in 10 minutes and works once.'];
  if (kind === 'signup-existing') {
    lines.push(
      '',
      'An account already exists for this address: you can log in with this code instead of signing up.',
    );
  }
  lines.push(
    '',
    'If you did not ask for it, ignore this mail: nobody can use it without this inbox.',
  );
  return {
    to,
    subject: kind === 'login' ? 'Your keyward login code' : 'Your keyward sign-up code',
    text: lines.join('\n'),
  };
}
