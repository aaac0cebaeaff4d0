import type { Logger } from 'pino';
import { deleteAuditEventsBefore } from '../audit/audit.repository.js';
import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { Clock } from '../lib/clock.js';
import { purgeExpiredCodes } from '../otp/otp.service.js';
import { deleteEndedSessions } from '../sessions/sessions.repository.js';

const DAY_MS = 86_400_000;
/** Expired codes are kept this long, so a late try is told OTP_EXPIRED rather than INVALID_OTP. */
const EXPIRED_CODES_KEPT_MS = DAY_MS;
/** Rows per DELETE: short statements, so SQLite's single writer is never held for long. */
const BATCH = 1000;
/** The first purge runs this soon after start-up (or one interval, if shorter): an instance that
 * is restarted more often than the interval still purges. */
const FIRST_RUN_MS = 60_000;

export interface PurgeCounts {
  codes: number;
  sessions: number;
  auditEvents: number;
}

/**
 * Deletes what nobody can use any more: expired codes, ended sessions, and audit events past
 * their retention. Every instance runs it on its own timer; the deletes are idempotent, so
 * instances sharing one PostgreSQL don't need to agree on who does it.
 */
export class Housekeeping {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly db: Db,
    private readonly config: Pick<Config, 'housekeepingIntervalMs' | 'auditRetentionDays'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async purge(): Promise<PurgeCounts> {
    const now = this.clock.now();
    const codes = await inBatches((n) =>
      purgeExpiredCodes(this.db, now - EXPIRED_CODES_KEPT_MS, n),
    );
    const sessions = await inBatches((n) => deleteEndedSessions(this.db, now, n));
    const days = this.config.auditRetentionDays;
    const auditEvents =
      days === 0
        ? 0
        : await inBatches((n) => deleteAuditEventsBefore(this.db, now - days * DAY_MS, n));
    return { codes, sessions, auditEvents };
  }

  /** Purges every HOUSEKEEPING_INTERVAL_MS (never when it is 0). */
  start(): void {
    const interval = this.config.housekeepingIntervalMs;
    if (interval === 0 || this.timer) return;
    this.schedule(Math.min(interval, FIRST_RUN_MS));
  }

  /** Stops the timer and waits for a purge under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.purge()
        .then((counts) => this.logger.info({ purged: counts }, 'housekeeping done'))
        // A store that is down now will be up for a later run.
        .catch((err: unknown) => this.logger.warn({ err }, 'housekeeping failed; will retry'))
        .finally(() => this.schedule(this.config.housekeepingIntervalMs));
    }, delayMs);
    // The timer must not keep a stopping process alive.
    this.timer.unref();
  }
}

async function inBatches(deleteBatch: (batch: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch(BATCH);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}
