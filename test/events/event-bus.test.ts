// The event bus between instances: what one publishes, every instance of the same deployment
// hears; a deployment with another REDIS_KEY_PREFIX on the same Redis hears nothing of it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventBus } from '../../src/events/event-bus.js';
import type { KeywardEvent } from '../../src/events/events.js';
import { createLogger } from '../../src/logger.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { REDIS_ONLY, REDIS_URL as redisUrl } from '../helpers/test-database.js';

const logger = createLogger('silent');

/** Resolves with the first event `bus` hears, or undefined after `ms`. */
function nextEvent(bus: EventBus, ms: number): Promise<KeywardEvent | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    const stop = bus.subscribe((event) => {
      clearTimeout(timer);
      stop();
      resolve(event);
    });
  });
}

void describe('event bus', () => {
  void it('delivers to local listeners before publish returns', () => {
    const bus = EventBus.local(logger);
    const heard: KeywardEvent[] = [];
    bus.subscribe((event) => heard.push(event));
    bus.publish([{ type: 'token.revoked', token_id: 't1' }]);
    assert.deepEqual(heard, [{ type: 'token.revoked', token_id: 't1' }]);
  });

  void describe('through Redis', { skip: REDIS_ONLY }, () => {
    const prefix = `keyward-test-${randomBytes(4).toString('hex')}:`;
    const buses: EventBus[] = [];
    const open = async (keyPrefix: string) => {
      const bus = await EventBus.redis(redisUrl!, keyPrefix, logger);
      buses.push(bus);
      return bus;
    };
    after(() => Promise.all(buses.map((bus) => bus.close())));

    void it('reaches the other instances of the deployment, and no other deployment', async () => {
      const [a, b, stranger] = await Promise.all([
        open(prefix),
        open(prefix),
        open(`keyward-other-${randomBytes(4).toString('hex')}:`),
      ]);
      const atB = nextEvent(b, 2000);
      const atStranger = nextEvent(stranger, 1000);
      a.publish([{ type: 'session.ended', session_id: 's1' }]);
      assert.deepEqual(await atB, { type: 'session.ended', session_id: 's1' });
      assert.equal(await atStranger, undefined, 'another prefix hears nothing');
    });

    void it('does not hand an instance back its own events', async () => {
      const a = await open(prefix);
      const heard: KeywardEvent[] = [];
      a.subscribe((event) => heard.push(event));
      a.publish([{ type: 'user.changed', user_id: 'u1' }]);
      await sleep(300);
      assert.equal(heard.length, 1, 'once, locally');
    });

    void it('subscribes again after Redis comes back, and a loss mid-way rejects nothing unhandled', async () => {
      const { proxy, url: viaProxy } = await TcpProxy.inFrontOf(redisUrl!, 6379);
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        const flapping = await EventBus.redis(viaProxy, prefix, logger);
        const other = await open(prefix);
        const hearing = (hears: boolean) =>
          new Promise<void>((resolve) => {
            const stop = flapping.onHearingChange((now) => {
              if (now !== hears) return;
              stop();
              resolve();
            });
          });

        // Back: the subscription is renewed, so another instance's events arrive again.
        let heard = hearing(false);
        await proxy.down();
        await heard;
        heard = hearing(true);
        await proxy.up();
        await heard;
        const atFlapping = nextEvent(flapping, 2000);
        // The SUBSCRIBE just sent may still be on its way: publish until it is heard.
        const publishing = setInterval(
          () => other.publish([{ type: 'token.revoked', token_id: 'after-outage' }]),
          50,
        );
        try {
          assert.deepEqual(await atFlapping, { type: 'token.revoked', token_id: 'after-outage' });
        } finally {
          clearInterval(publishing);
        }

        // Lost again the moment it is back, with that SUBSCRIBE unanswered, then closed.
        heard = hearing(false);
        await proxy.down();
        await heard;
        const back = new Promise<void>((resolve) => {
          const stop = flapping.onHearingChange((now) => {
            if (!now) return;
            stop();
            void proxy.down().then(resolve);
          });
        });
        await proxy.up();
        await back;
        await flapping.close();
        await sleep(100);
        assert.deepEqual(unhandled, []);
      } finally {
        process.off('unhandledRejection', onUnhandled);
        await proxy.down();
      }
    });
  });
});
