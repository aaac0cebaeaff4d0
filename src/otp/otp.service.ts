import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { AppError, tooMany } from '../errors.js';
import type { Clock } from '../lib/clock.js';
import { hmacSha256Hex, sameHex, sixDigitCode } from '../lib/crypto.js';

export const OTP_TTL_MS = 10 * 60_000;
export const OTP_RESEND_COOLDOWN_MS = 60_000;
export const OTP_MAX_ATTEMPTS = 5;

/**
 * One-time codes: one live code per address, stored as HMAC(server key, email:code) so a copy
 * of the store can't be searched offline, single use, 5 wrong tries burn it. A burnt code locks
 * its address until it expires, and burning caps that at `lockMs` (RATE_LIMIT_OTP_LOCK).
 */
export class OtpService {
  constructor(
    private readonly db: Db,
    private readonly key: Buffer,
    private readonly clock: Clock,
    private readonly lockMs: number,
  ) {}

  /**
   * Makes a new code for the address, replacing any earlier one, and returns it for mailing.
   * Refused with TOO_MANY_REQUESTS inside the resend cooldown, unless the last code was used, and
   * with TOO_MANY_ATTEMPTS while the last code is burnt: a new code would inherit its tries and be
   * refused, so none is mailed and the lock is not prolonged.
   */
  async issue(db: Db, email: string): Promise<string> {
    const now = this.clock.now();
    const code = sixDigitCode();
    const row = {
      email,
      code_hash: this.hash(email, code),
      sent_at: now,
      expires_at: now + OTP_TTL_MS,
      attempts: 0,
      consumed_at: null,
    };
    // One statement decides the cooldown, so two concurrent sends can't both pass it. Wrong tries
    // carry over to the new code while the old one was still live: a resend must not reset them.
    const result = await db
      .insertInto('otp_codes')
      .values(row)
      .onConflict((oc) =>
        oc
          .column('email')
          .doUpdateSet({
            code_hash: row.code_hash,
            sent_at: now,
            expires_at: row.expires_at,
            consumed_at: null,
            attempts: sql<number>`case when otp_codes.consumed_at is null and otp_codes.expires_at > ${now} then otp_codes.attempts else 0 end`,
          })
          .where((eb) =>
            eb.or([
              eb('otp_codes.consumed_at', 'is not', null),
              eb('otp_codes.expires_at', '<=', now),
              eb.and([
                eb('otp_codes.sent_at', '<=', now - OTP_RESEND_COOLDOWN_MS),
                eb('otp_codes.attempts', '<', OTP_MAX_ATTEMPTS),
              ]),
            ]),
          ),
      )
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) {
      const current = await db
        .selectFrom('otp_codes')
        .select(['sent_at', 'expires_at', 'attempts'])
        .where('email', '=', email)
        .executeTakeFirst();
      if (current && current.attempts >= OTP_MAX_ATTEMPTS) {
        throw tooMany('TOO_MANY_ATTEMPTS', {
          limit: OTP_MAX_ATTEMPTS,
          resetSeconds: (current.expires_at - now) / 1000,
        });
      }
      const waitMs = (current?.sent_at ?? now) + OTP_RESEND_COOLDOWN_MS - now;
      throw tooMany('TOO_MANY_REQUESTS', { limit: 1, resetSeconds: waitMs / 1000 });
    }
    return code;
  }

  /**
   * Uses up the address's code if `code` is it. Runs on its own, outside the caller's
   * transaction: a wrong try must be counted even though the request then fails.
   */
  async consume(email: string, code: string): Promise<void> {
    const db = this.db;
    const now = this.clock.now();
    const row = await db
      .selectFrom('otp_codes')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();
    if (!row || row.consumed_at !== null) throw new AppError('INVALID_OTP');
    if (now >= row.expires_at) throw new AppError('OTP_EXPIRED');
    // A burnt code stays burnt until it expires: a resend before then inherits its tries.
    if (row.attempts >= OTP_MAX_ATTEMPTS) {
      throw tooMany('TOO_MANY_ATTEMPTS', {
        limit: OTP_MAX_ATTEMPTS,
        resetSeconds: (row.expires_at - now) / 1000,
      });
    }
    if (!sameHex(this.hash(email, code), row.code_hash)) {
      // Counts against the row that was read: a concurrent resend may have replaced it, and its
      // attempts carry over anyway.
      // The try that burns the code ends its life within the lock's length.
      const burnsAt = now + this.lockMs;
      await db
        .updateTable('otp_codes')
        .set((eb) => ({
          attempts: eb('attempts', '+', 1),
          expires_at: sql<number>`case when attempts + 1 >= ${OTP_MAX_ATTEMPTS} and expires_at > ${burnsAt} then ${burnsAt} else expires_at end`,
        }))
        .where('email', '=', email)
        .where('code_hash', '=', row.code_hash)
        .execute();
      throw new AppError('INVALID_OTP');
    }
    // The conditional update is what makes a code single-use: of two parallel correct
    // submissions only one finds consumed_at still null.
    const used = await db
      .updateTable('otp_codes')
      .set({ consumed_at: now })
      .where('email', '=', email)
      .where('code_hash', '=', row.code_hash)
      .where('consumed_at', 'is', null)
      .where('attempts', '<', OTP_MAX_ATTEMPTS)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new AppError('INVALID_OTP');
  }

  /**
   * The mail carrying `code` could not be sent: the address may ask again at once. Only that
   * code's row is touched (a newer code may have replaced it), and its wrong tries stay.
   */
  async endCooldown(email: string, code: string): Promise<void> {
    await this.db
      .updateTable('otp_codes')
      .set((eb) => ({ sent_at: eb('sent_at', '-', OTP_RESEND_COOLDOWN_MS) }))
      .where('email', '=', email)
      .where('code_hash', '=', this.hash(email, code))
      .where('consumed_at', 'is', null)
      .execute();
  }

  private hash(email: string, code: string): string {
    return hmacSha256Hex(this.key, `${email}:${code}`);
  }
}

/**
 * Deletes up to `batch` codes that expired before `before`: they can neither be used nor hold a
 * cooldown or tries (housekeeping keeps them a day longer, so a late try still hears OTP_EXPIRED).
 */
export async function purgeExpiredCodes(db: Db, before: number, batch: number): Promise<number> {
  const result = await db
    .deleteFrom('otp_codes')
    .where(
      'email',
      'in',
      db.selectFrom('otp_codes').select('email').where('expires_at', '<', before).limit(batch),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
