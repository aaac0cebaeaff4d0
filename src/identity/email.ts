import { AppError } from '../errors.js';

const MAX_EMAIL_LENGTH = 254;
// Deliberately plain: one @, no spaces, control or invisible formatting characters (zero-width,
// bidi overrides: two addresses that look the same must be the same), a dotted domain. Whether
// the address really exists is proven by the code mailed to it, not by a regex.
const EMAIL_PATTERN = /^[^\s@\p{Cc}\p{Cf}]{1,64}@[^\s@\p{Cc}\p{Cf}]+\.[^\s@\p{Cc}\p{Cf}.]{2,}$/u;

/**
 * Trims, lower-cases and NFC-normalises an address (so Ada@X.com and ada@x.com, or an "ë" typed
 * as one character or as two, are one account), or refuses it.
 */
export function normalizeEmail(raw: string | undefined): string {
  const email = (raw ?? '').normalize('NFC').trim().toLowerCase();
  if (email === '') throw new AppError('USERNAME_REQUIRED');
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(email)) {
    throw new AppError('INVALID_USERNAME');
  }
  return email;
}
