// While Redis is down an instance may miss the other instances' changes: its event streams are
// restarted with `hello` saying 1 s, and restarted again (clients drop what they cached) once
// Redis is back.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SseReader } from '../helpers/sse.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { REDIS_ONLY, REDIS_URL as redisUrl } from '../helpers/test-database.js';

const KEY = randomBytes(24).toString('hex');

void describe('event stream while Redis is down', { skip: REDIS_ONLY }, () => {
  let t: TestApp;
  let proxy: TcpProxy;
  let base: string;
  before(async () => {
    let viaProxy: string;
    ({ proxy, url: viaProxy } = await TcpProxy.inFrontOf(redisUrl!, 6379));
    t = await createTestApp({
      REDIS_URL: viaProxy,
      REDIS_KEY_PREFIX: `kw-outage-${randomBytes(4).toString('hex')}:`,
      EVENT_STREAM_KEYS: KEY,
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await t.close();
    await proxy.down();
  });

  const helloOf = async () => {
    const reader = await SseReader.open(base, KEY);
    const hello = await reader.next((e) => e.type === 'hello');
    return { reader, maxCacheMs: hello.data.max_cache_ms as number };
  };

  void it('ends the streams when Redis goes and when it comes back', async () => {
    const first = await helloOf();
    assert.ok(first.maxCacheMs > 1000, `max_cache_ms ${first.maxCacheMs}`);

    await proxy.down();
    await first.reader.closed(15_000);
    const during = await helloOf();
    assert.equal(during.maxCacheMs, 1000);

    await proxy.up();
    await during.reader.closed(30_000);
    const back = await helloOf();
    assert.equal(back.maxCacheMs, first.maxCacheMs);
    back.reader.close();
  });
});
