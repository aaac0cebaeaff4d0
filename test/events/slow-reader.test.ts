// A reader that stops reading is dropped once its buffer passes the limit, instead of the server
// holding every event for it in memory; readers that keep up go on hearing events.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { EventBus } from '../../src/events/event-bus.js';
import { EventStream } from '../../src/events/event-stream.js';
import { createLogger } from '../../src/logger.js';
import { SseReader } from '../helpers/sse.js';

void describe('event stream: a slow reader', () => {
  const bus = EventBus.local(createLogger('silent'));
  const stream = new EventStream(
    bus,
    { maxConnections: 10, maxCacheMs: () => 60_000, maxBufferedBytes: 64 * 1024 },
    createLogger('silent'),
  );
  const server = http.createServer((_request, response) => stream.open(response, {}));
  let port: number;
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    stream.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  void it('is disconnected while a reader that keeps up stays', async () => {
    // A client that sends its request and never reads a byte of the answer.
    const stalled = net.connect(port, '127.0.0.1');
    stalled.pause();
    await new Promise((resolve) => stalled.once('connect', resolve));
    stalled.write('GET / HTTP/1.1\r\nhost: x\r\n\r\n');
    const reader = await SseReader.open(`http://127.0.0.1:${port}`, 'any');
    await reader.next((e) => e.type === 'hello');
    while (stream.size < 2) await new Promise((r) => setTimeout(r, 10));

    // Far more than the socket buffers hold: the stalled reader's buffer passes the limit.
    let published = 0;
    for (let round = 0; round < 400 && stream.size === 2; round++) {
      bus.publish(
        Array.from({ length: 250 }, () => ({
          type: 'token.revoked' as const,
          token_id: `t-${++published}-${'x'.repeat(60)}`,
        })),
      );
      await new Promise((r) => setImmediate(r));
    }
    assert.equal(stream.size, 1, `the stalled reader still connected after ${published} events`);
    const last = `t-${published}-${'x'.repeat(60)}`;
    await reader.next((e) => e.data.token_id === last, 20_000);
    reader.close();
    stalled.destroy();
  });
});
