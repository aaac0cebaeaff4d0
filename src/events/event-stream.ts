// The open event streams of this instance (Server-Sent Events): every event the bus carries, this
// instance's and every other's, written to each of them as it is heard, and a ping every 15 s so
// that proxies keep the connections open and clients notice a dead one.
import type { ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { EventBus } from './event-bus.js';
import type { KeywardEvent } from './events.js';

/** How often an idle stream hears `ping`. */
export const PING_MS = 15_000;

/**
 * What may wait in one connection's buffer: a reader this far behind is dropped (it reconnects
 * and drops its cache on `hello`) rather than held in memory without end.
 */
export const MAX_BUFFERED_BYTES = 256 * 1024;

export interface EventStreamOptions {
  maxConnections: number;
  /**
   * How long a client may keep a verify answer while its stream is connected (`hello`): asked at
   * each connection, since it depends on whether the other instances' changes reach this one.
   */
  maxCacheMs: () => number;
  pingMs?: number;
  maxBufferedBytes?: number;
}

export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private sequence = 0;
  private readonly unsubscribe: () => void;
  private readonly pinger: NodeJS.Timeout;
  private readonly maxBufferedBytes: number;

  constructor(
    bus: EventBus,
    private readonly options: EventStreamOptions,
    private readonly logger: Logger,
  ) {
    this.maxBufferedBytes = options.maxBufferedBytes ?? MAX_BUFFERED_BYTES;
    const unsubscribe = bus.subscribe((event) => this.broadcast(event.type, fieldsOf(event)));
    // Redis lost: what the clients cache may now miss other instances' changes; Redis back: they
    // missed some. Either way they reconnect, drop their cache on `hello`, and hear the new limit.
    const unwatch = bus.onHearingChange((hears) => {
      this.logger.info({ streams: this.clients.size, hears }, 'event streams restarted');
      this.endAll();
    });
    this.unsubscribe = () => {
      unsubscribe();
      unwatch();
    };
    this.pinger = setInterval(() => this.broadcast('ping', {}), options.pingMs ?? PING_MS);
    this.pinger.unref();
  }

  /** Streams open right now. */
  get size(): number {
    return this.clients.size;
  }

  get full(): boolean {
    return this.clients.size >= this.options.maxConnections;
  }

  /** Takes over a response whose headers are not sent yet: `hello` first, then every event. */
  open(response: ServerResponse, headers: Record<string, string | number | string[]>): void {
    response.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // nginx buffers proxied answers by default, which would hold events back.
      'x-accel-buffering': 'no',
    });
    response.socket?.setNoDelay(true);
    this.clients.add(response);
    response.on('close', () => this.clients.delete(response));
    this.send(response, 'hello', { max_cache_ms: this.options.maxCacheMs() });
  }

  /** Ends every stream (shutdown): clients reconnect to another instance. */
  close(): void {
    this.unsubscribe();
    clearInterval(this.pinger);
    this.endAll();
  }

  private endAll(): void {
    for (const response of this.clients) response.end();
    this.clients.clear();
  }

  private broadcast(type: string, data: object): void {
    for (const response of this.clients) this.send(response, type, data);
  }

  private send(response: ServerResponse, type: string, data: object): void {
    if (response.destroyed) return;
    response.write(`id: ${++this.sequence}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    if (response.writableLength > this.maxBufferedBytes) {
      this.logger.warn(
        { buffered: response.writableLength },
        'an event stream reader fell too far behind: dropped',
      );
      this.clients.delete(response);
      response.destroy();
    }
  }
}

/** An event's wire form: its ids, without the type (that is the `event:` line). */
function fieldsOf(event: KeywardEvent): object {
  const { type: _type, ...fields } = event;
  return fields;
}
