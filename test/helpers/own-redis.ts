// In-process apps and server processes that count their budgets (API tokens' own limits
// included) in Redis when REDIS_URL is set, as a scaled-out deployment does, under a key prefix
// of their own so that test files running side by side never share a count.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export interface OwnRedis {
  /** The settings for that: none without REDIS_URL (budgets in memory). */
  env: Record<string, string>;
  /** Deletes every key under the prefix: a token's window can be days long. */
  forget(): Promise<void>;
}

export function ownRedisBudgets(): OwnRedis {
  const url = process.env.REDIS_URL;
  if (!url) return { env: {}, forget: () => Promise.resolve() };
  const prefix = `keyward-test-${randomBytes(4).toString('hex')}:`;
  return {
    env: { REDIS_URL: url, REDIS_KEY_PREFIX: prefix },
    async forget() {
      const redis = new Redis(url, { lazyConnect: true });
      await redis.connect();
      try {
        for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
          if ((keys as string[]).length > 0) await redis.unlink(...(keys as string[]));
        }
      } finally {
        redis.disconnect();
      }
    },
  };
}
