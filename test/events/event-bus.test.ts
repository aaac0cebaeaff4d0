// The event bus between instances: what one publishes, every instance of the same deployment
// hears; a deployment with another REDIS_KEY_PREFIX on the same Redis hears nothing of it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { EventBus } from '../../src/events/event-bus.js';
import type { KeywardEvent } from '../../src/events/events.js';
import { createLogger } from '../../src/logger.js';
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
  });
});
