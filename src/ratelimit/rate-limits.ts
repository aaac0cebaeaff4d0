// Named request budgets (rate-limiter-flexible), in this process's memory by default or in Redis
// when REDIS_URL is set, so that every instance draws from one budget. The limiters count in wall
// time, not the injected clock: tests use small budgets instead of moving time.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Config, RateLimit, RateLimitsConfig } from '../config.js';
import { closeRedis, connectRedis } from '../redis/connect-redis.js';

/**
 * Every budget by name. `otpLock` is the lock that spending `otpWrongPerAddress` sets (held, not
 * counted); `refusedTokenAudit` only thins out audit events. Clients never see either name.
 */
export type LimitName = keyof RateLimitsConfig | 'otpLock' | 'refusedTokenAudit';

/** One audit event per refused API token per minute is enough to see it is being tried. */
const REFUSED_TOKEN_AUDIT: RateLimit = { points: 1, seconds: 60 };

/** Where a key stands in its budget. */
export interface Budget {
  /** Whether this request fits (consume), or the next one would (peek). */
  allowed: boolean;
  limit: number;
  /** Points used in the current window, this request included; above `limit` once refused. */
  consumed: number;
  remaining: number;
  /** Seconds until the window (or a lock) ends. */
  resetSeconds: number;
}

/** A limit that is switched off: every request fits. */
const UNLIMITED: Budget = {
  allowed: true,
  limit: Infinity,
  consumed: 0,
  remaining: Infinity,
  resetSeconds: 0,
};

export class RateLimits {
  /** API tokens' own limits, one limiter per distinct window (e.g. 1000/1m), made when needed. */
  private readonly tokenLimiters = new Map<string, RateLimiterAbstract>();

  private constructor(
    private readonly limiters: ReadonlyMap<
      LimitName,
      { limiter: RateLimiterAbstract; points: number }
    >,
    private readonly logger: Logger,
    private readonly redis: Redis | undefined,
    private readonly keyPrefix: string,
  ) {}

  /** Budgets from the config: in Redis when `redisUrl` is set, else in memory (per app). */
  static async create(
    config: Pick<Config, 'rateLimits' | 'otpLockS' | 'redisUrl' | 'redisKeyPrefix'>,
    logger: Logger,
  ): Promise<RateLimits> {
    const redis = config.redisUrl
      ? await connectRedis(config.redisUrl, logger, {
          purpose: 'rate limits',
          whileDown: 'rate limits are counted per instance',
        })
      : undefined;
    const { otpWrongPerAddress } = config.rateLimits;
    const settings: [LimitName, RateLimit | null][] = [
      ...(Object.entries(config.rateLimits) as [keyof RateLimitsConfig, RateLimit | null][]),
      ['otpLock', otpWrongPerAddress && { points: 1, seconds: config.otpLockS }],
      ['refusedTokenAudit', REFUSED_TOKEN_AUDIT],
    ];
    const limiters = new Map<LimitName, { limiter: RateLimiterAbstract; points: number }>();
    for (const [name, limit] of settings) {
      if (!limit) continue;
      limiters.set(name, {
        limiter: limiterFor(limit, `${config.redisKeyPrefix}rl:${name}`, redis),
        points: limit.points,
      });
    }
    return new RateLimits(limiters, logger, redis, config.redisKeyPrefix);
  }

  /**
   * One successful verify of an API token that has a rate limit of its own. With Redis the count
   * is one atomic increment shared by every instance, so together they admit no more than the
   * limit.
   */
  async consumeToken(tokenId: string, limit: RateLimit): Promise<Budget> {
    const window = `${limit.points}/${limit.seconds}`;
    let limiter = this.tokenLimiters.get(window);
    if (limiter === undefined) {
      limiter = limiterFor(limit, `${this.keyPrefix}rl:token:${window}`, this.redis);
      this.tokenLimiters.set(window, limiter);
    }
    try {
      return budgetOf(await limiter.consume(tokenId), limit.points);
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return budgetOf(outcome, limit.points);
      return this.failOpen('token', outcome);
    }
  }

  /** Whether a budget is kept at all (`off` in the config means every request fits). */
  isOn(name: LimitName): boolean {
    return this.limiters.has(name);
  }

  /** Whether the budget is shared through Redis. */
  get shared(): boolean {
    return this.redis !== undefined;
  }

  /** Whether Redis answers right now. */
  get redisConnected(): boolean {
    return this.redis?.status === 'ready';
  }

  /** Spends one point; `allowed` is false once the budget is spent. */
  async consume(name: LimitName, key: string): Promise<Budget> {
    const entry = this.limiters.get(name);
    if (!entry) return UNLIMITED;
    try {
      return budgetOf(await entry.limiter.consume(key), entry.points);
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return budgetOf(outcome, entry.points);
      return this.failOpen(name, outcome);
    }
  }

  /** Where the key stands, spending nothing; `allowed` says whether one more point fits. */
  async peek(name: LimitName, key: string): Promise<Budget> {
    const entry = this.limiters.get(name);
    if (!entry) return UNLIMITED;
    try {
      const res = await entry.limiter.get(key);
      return res
        ? budgetOf(res, entry.points, res.consumedPoints < entry.points)
        : { ...UNLIMITED, limit: entry.points, remaining: entry.points };
    } catch (err) {
      return this.failOpen(name, err);
    }
  }

  /** Gives one point back (a request that turned out not to count). */
  async refund(name: LimitName, key: string): Promise<void> {
    const entry = this.limiters.get(name);
    if (!entry) return;
    try {
      await entry.limiter.reward(key);
    } catch (err) {
      this.failOpen(name, err);
    }
  }

  /** Spends the whole budget for `seconds`, whatever the window: a lock. */
  async lock(name: LimitName, key: string, seconds: number): Promise<Budget> {
    const entry = this.limiters.get(name);
    if (!entry) return UNLIMITED;
    try {
      return budgetOf(await entry.limiter.block(key, seconds), entry.points, false);
    } catch (err) {
      return this.failOpen(name, err);
    }
  }

  /** Forgets the key: a fresh budget. */
  async reset(name: LimitName, key: string): Promise<void> {
    const entry = this.limiters.get(name);
    if (!entry) return;
    try {
      await entry.limiter.delete(key);
    } catch (err) {
      this.failOpen(name, err);
    }
  }

  async close(): Promise<void> {
    if (this.redis) await closeRedis(this.redis);
  }

  /**
   * Neither Redis nor the in-memory insurance answered (not expected: memory always does). A
   * broken limiter must not take the service down with it, so the request goes through.
   */
  private failOpen(name: LimitName | 'token', err: unknown): Budget {
    this.logger.error({ err, limit: name }, 'rate limiter failed; request let through');
    return UNLIMITED;
  }
}

/** In Redis, with this process's memory as insurance, or in memory alone. */
function limiterFor(
  limit: RateLimit,
  keyPrefix: string,
  redis: Redis | undefined,
): RateLimiterAbstract {
  const options = { points: limit.points, duration: limit.seconds, keyPrefix };
  const memory = new RateLimiterMemory(options);
  if (!redis) return memory;
  return new RateLimiterRedis({
    ...options,
    storeClient: redis,
    // While Redis is unreachable each instance counts on its own rather than failing every
    // request or letting every request through.
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  });
}

function budgetOf(
  res: RateLimiterRes,
  points: number,
  allowed = res.consumedPoints <= points,
): Budget {
  return {
    allowed,
    limit: points,
    consumed: res.consumedPoints,
    remaining: Math.max(0, points - res.consumedPoints),
    resetSeconds: Math.max(0, res.msBeforeNext) / 1000,
  };
}
