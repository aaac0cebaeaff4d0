import { hash, timingSafeEqual } from 'node:crypto';

/**
 * Whether a presented value is one of the event stream's keys, in time that depends on neither
 * the value nor which key it is: both sides are hashed to one length, and every key is compared.
 */
export function streamKeyMatcher(keys: readonly string[]): (presented: string) => boolean {
  const digests = keys.map((key) => hash('sha256', key, 'buffer'));
  return (presented) => {
    const digest = hash('sha256', presented, 'buffer');
    let matched = false;
    for (const key of digests) matched = timingSafeEqual(key, digest) || matched;
    return matched;
  };
}
