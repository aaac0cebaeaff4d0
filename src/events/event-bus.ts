import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { closeRedis, connectRedis, REDIS_WAIT_MS } from '../redis/connect-redis.js';
import type { KeywardEvent } from './events.js';

type Listener = (event: KeywardEvent) => void;

/**
 * Carries changes (a token revoked, a session ended, a member removed…) to whatever caches what
 * they affect. Locally the listeners run before `publish` returns: the instance that made the
 * change refuses a revoked token on the very next request. With Redis, the other instances hear
 * it within milliseconds; without, their cache TTL (1 s) bounds how long they can still accept it.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();
  private readonly hearingListeners = new Set<(hears: boolean) => void>();
  private hears = true;
  private readonly instanceId = randomUUID();

  private constructor(
    private readonly logger: Logger,
    private readonly redis?: { publisher: Redis; subscriber: Redis; channel: string },
    private readonly forward?: (events: readonly KeywardEvent[]) => void,
  ) {}

  /**
   * A bus for one process; `forward`, when given, also hands each publication to other processes
   * by some other way (the CLI's event files on SQLite).
   */
  static local(logger: Logger, forward?: (events: readonly KeywardEvent[]) => void): EventBus {
    return new EventBus(logger, undefined, forward);
  }

  /** A bus shared by every instance that uses the same Redis and key prefix. */
  static async redis(url: string, keyPrefix: string, logger: Logger): Promise<EventBus> {
    const whileDown = 'other instances learn of changes within the verify cache TTL';
    const [publisher, subscriber] = await Promise.all([
      connectRedis(url, logger, { purpose: 'events', whileDown }),
      connectRedis(url, logger, { purpose: 'event subscription', whileDown, subscriber: true }),
    ]);
    const channel = `${keyPrefix}events`;
    const bus = new EventBus(logger, { publisher, subscriber, channel });
    subscriber.on('message', (_channel: string, message: string) => bus.receive(message));
    const subscribe = () =>
      subscriber
        .subscribe(channel)
        .catch((err: unknown) => logger.warn({ err }, 'could not subscribe to events'));
    bus.hears = subscriber.status === 'ready';
    // Every reconnection starts unsubscribed (see connectRedis): subscribe again.
    subscriber.on('ready', () => {
      void subscribe();
      bus.hearing(true);
    });
    subscriber.on('close', () => bus.hearing(false));
    // Up already: subscribe now and wait a little. Not yet: the first 'ready' subscribes.
    if (bus.hears) {
      await Promise.race([subscribe(), new Promise((r) => setTimeout(r, REDIS_WAIT_MS).unref())]);
    }
    return bus;
  }

  /** Hears every event, this instance's and (with Redis) every other's; returns an unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Whether this instance hears the other instances' changes right now: always without Redis
   * (there are none to hear, or nothing carries them), with Redis while its subscription is up.
   */
  get hearsOthers(): boolean {
    return this.hears;
  }

  /** Told when `hearsOthers` changes (Redis lost or back); returns an unsubscribe. */
  onHearingChange(listener: (hears: boolean) => void): () => void {
    this.hearingListeners.add(listener);
    return () => this.hearingListeners.delete(listener);
  }

  /** Call once the change is committed. */
  publish(events: readonly KeywardEvent[]): void {
    if (events.length === 0) return;
    for (const event of events) this.deliver(event);
    if (this.forward) {
      try {
        this.forward(events);
      } catch (err) {
        this.logger.warn({ err }, 'could not hand events to the other processes');
      }
    }
    if (!this.redis) return;
    const message = JSON.stringify({ from: this.instanceId, events });
    this.redis.publisher.publish(this.redis.channel, message).catch((err: unknown) => {
      // The other instances' cache TTL still bounds how long they can miss it.
      this.logger.warn({ err }, 'could not publish events');
    });
  }

  /** Events another process published, heard by some other way: delivered here only. */
  relay(events: readonly KeywardEvent[]): void {
    for (const event of events) this.deliver(event);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.hearingListeners.clear();
    if (!this.redis) return;
    await Promise.all([closeRedis(this.redis.publisher), closeRedis(this.redis.subscriber)]);
  }

  private hearing(hears: boolean): void {
    if (this.hears === hears) return;
    this.hears = hears;
    for (const listener of this.hearingListeners) listener(hears);
  }

  private receive(message: string): void {
    let parsed: { from?: unknown; events?: unknown };
    try {
      parsed = JSON.parse(message) as typeof parsed;
    } catch {
      return;
    }
    if (parsed.from === this.instanceId || !Array.isArray(parsed.events)) return;
    for (const event of parsed.events as KeywardEvent[]) this.deliver(event);
  }

  private deliver(event: KeywardEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.logger.error({ err, event: event.type }, 'an event listener failed');
      }
    }
  }
}
