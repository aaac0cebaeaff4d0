import { AppError } from '../errors.js';

const MAX_EMAIL_LENGTH = 254;
// Deliberately plain: one @, no spaces or control characters, a dotted domain. Whether the
// address really exists is proven by the code mailed to it, not by a regex.
const EMAIL_PATTERN = /^[^\s@\p{Cc}]{1,64}@[^\s@\p{Cc}]+\.[^\s@\p{Cc}.]{2,}$/u;

/** Trims and lower-cases an address (so Ada@X.com and ada@x.com are one account), or refuses it. */
export function normalizeEmail(raw: string | undefined): string {
  const email = (raw ?? '').trim().toLowerCase();
  if (email === '') throw new AppError('USERNAME_REQUIRED');
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(email)) {
    throw new AppError('INVALID_USERNAME');
  }
  return email;
}
