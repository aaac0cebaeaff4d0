import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

const CHANNEL = 'keyward:revocations';

/**
 * Tells every cache that something was revoked (a token, a session, a membership, an account),
 * so each drops what it holds. Locally the listeners run before `notify` returns: the revoking
 * instance refuses the token on the very next request. With Redis, other instances hear it within
 * milliseconds; without, their cache TTL (1 s) bounds how long they can still accept it.
 */
export class RevocationBus {
  private readonly listeners: (() => void)[] = [];
  private readonly instanceId = randomUUID();

  private constructor(
    private readonly publisher: Redis | undefined,
    private readonly subscriber: Redis | undefined,
    private readonly logger: Logger,
  ) {}

  static local(logger: Logger): RevocationBus {
    return new RevocationBus(undefined, undefined, logger);
  }

  /** A bus shared by every instance that uses the same Redis. */
  static async redis(url: string, logger: Logger): Promise<RevocationBus> {
    const options = { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false };
    const publisher = new Redis(url, options);
    const subscriber = new Redis(url, { ...options, enableOfflineQueue: true });
    for (const client of [publisher, subscriber]) {
      client.on('error', (err) => logger.warn({ err }, 'Redis connection error (revocations)'));
    }
    const bus = new RevocationBus(publisher, subscriber, logger);
    subscriber.on('message', (_channel: string, sender: string) => {
      if (sender !== bus.instanceId) bus.runListeners();
    });
    // Redis being down at start-up must not stop the instance: ioredis keeps reconnecting (and
    // re-subscribes), and until then the cache TTL bounds what this instance can miss.
    const warn = (err: unknown) => logger.warn({ err }, 'Redis unreachable (revocations)');
    // The subscription is queued until the connection is up; wait for it, but not for long.
    const subscribed = subscriber.subscribe(CHANNEL).catch(warn);
    await Promise.all([
      publisher.connect().catch(warn),
      Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, 2000).unref())]),
    ]);
    return bus;
  }

  onRevoke(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Call after the revoking transaction committed. */
  notify(): void {
    this.runListeners();
    this.publisher?.publish(CHANNEL, this.instanceId).catch((err: unknown) => {
      // The other instances' cache TTL still bounds how long they can accept what was revoked.
      this.logger.warn({ err }, 'could not publish a revocation notice');
    });
  }

  close(): Promise<void> {
    // disconnect, not quit: quit waits for a reconnection that may never come.
    this.publisher?.disconnect();
    this.subscriber?.disconnect();
    return Promise.resolve();
  }

  private runListeners(): void {
    for (const listener of this.listeners) listener();
  }
}
