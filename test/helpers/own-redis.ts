// In-process apps that count their budgets (API tokens' own limits included) in Redis when
// REDIS_URL is set, as a scaled-out deployment does, under a key prefix of their own so that
// test files running side by side never share a count.
import { randomBytes } from 'node:crypto';

/** The app settings for that: none without REDIS_URL (budgets in memory). */
export function ownRedisBudgets(): Record<string, string> {
  const url = process.env.REDIS_URL;
  return url
    ? { REDIS_URL: url, REDIS_KEY_PREFIX: `keyward-test-${randomBytes(4).toString('hex')}:` }
    : {};
}
