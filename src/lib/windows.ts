// "COUNT/DURATION" windows, as settings and API tokens spell rate limits: 5/1h, 30/5m, 1000/1m.

/** `points` requests per `seconds`-long window. */
export interface RateLimit {
  readonly points: number;
  readonly seconds: number;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
/**
 * 24 days: budgets kept in memory (without Redis, or while it is down) are forgotten by a timer,
 * and Node's timers wait at most 2^31 ms (24.8 days); a longer one fires at once, which would
 * hand out a fresh budget on the next request.
 */
export const MAX_WINDOW_SECONDS = 24 * 86400;
export const MAX_POINTS = 1_000_000_000;

/** Windows could reach 30 days before: tokens stored then still hold one that long. */
const LONGEST_STORED_SECONDS = 30 * 86400;

/** "90", "90s", "15m", "1h", "1d" → seconds from 1 s to `max` (24 d); undefined for anything else. */
export function durationSeconds(text: string, max = MAX_WINDOW_SECONDS): number | undefined {
  const match = /^(\d+)([smhd]?)$/.exec(text);
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's']! : NaN;
  return seconds >= 1 && seconds <= max ? seconds : undefined;
}

/** "COUNT/DURATION" → a window; undefined for anything else. */
export function parseWindow(text: string, maxSeconds = MAX_WINDOW_SECONDS): RateLimit | undefined {
  const at = text.indexOf('/');
  const count = text.slice(0, at);
  const points = Number(count);
  if (at <= 0 || !/^\d+$/.test(count) || points < 1 || points > MAX_POINTS) return undefined;
  const seconds = durationSeconds(text.slice(at + 1), maxSeconds);
  return seconds === undefined ? undefined : { points, seconds };
}

/**
 * A token's stored window. One stored when windows could reach 30 days is counted over the
 * longest window allowed now: still a limit, never none.
 */
export function storedWindow(text: string): RateLimit | undefined {
  const window = parseWindow(text, LONGEST_STORED_SECONDS);
  return window && { ...window, seconds: Math.min(window.seconds, MAX_WINDOW_SECONDS) };
}
