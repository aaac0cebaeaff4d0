// The one way keyward connects to Redis (rate limits, events). Redis is shared state, never the
// only copy of anything: while it is down each instance carries on alone, so commands fail fast
// instead of queueing, and start-up waits for it a little, not forever.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** How long to wait for Redis to connect or answer before going on without it. */
export const REDIS_WAIT_MS = 2000;

export interface RedisOptions {
  /** What the connection is for, in its log lines ("rate limits", "events"). */
  purpose: string;
  /** What this instance does while Redis is down, said once per outage. */
  whileDown: string;
  /**
   * A subscriber subscribes itself on every connection (see EventBus), its SUBSCRIBE held over a
   * loss and sent again; a command connection fails at once instead.
   */
  subscriber?: boolean;
}

/** Connects (waiting at most REDIS_WAIT_MS); the connection reconnects by itself afterwards. */
export async function connectRedis(
  url: string,
  logger: Logger,
  options: RedisOptions,
): Promise<Redis> {
  // ioredis loads only where REDIS_URL is set.
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: options.subscriber === true,
    maxRetriesPerRequest: 1,
    // ioredis's own resubscription after a reconnection leaves its promise unhandled: lost again
    // before Redis answered, it would be an unhandled rejection, which ends a Node process.
    autoResubscribe: false,
    connectTimeout: REDIS_WAIT_MS,
    // A Redis that accepts connections but doesn't answer must not hold requests either.
    commandTimeout: options.subscriber ? undefined : REDIS_WAIT_MS,
  });
  let down = false;
  const warn = (err: unknown) => {
    // Reconnection is automatic; say so once per outage, not once per retry.
    if (!down) logger.warn({ err }, `Redis unreachable (${options.purpose}): ${options.whileDown}`);
    down = true;
  };
  redis.on('error', warn);
  redis.on('ready', () => {
    if (down) logger.info(`Redis reachable again (${options.purpose})`);
    down = false;
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer from Redis')), REDIS_WAIT_MS);
  });
  try {
    await Promise.race([redis.connect(), timeout]);
  } catch (err) {
    warn(err);
  } finally {
    clearTimeout(timer);
  }
  return redis;
}

/** Closes a connection without waiting for a reconnection that may never come. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit().catch(() => undefined);
  redis.disconnect();
}
