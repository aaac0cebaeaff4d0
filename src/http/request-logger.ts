// Each request's logger, for Fastify's `childLoggerFactory`: pino's child logger serializes and
// redacts its bindings when it is made, and Fastify makes one per request. Most requests write no
// line at the configured level (production logs at info or warn, verify writes nothing), and
// making the child anyway cost verify about 5 % of its CPU. So the child is made on the first
// line that will really be written, with the same bindings (the request id) as before.
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, LogFn, Logger } from 'pino';

type ChildLoggerFactory = NonNullable<FastifyServerOptions['childLoggerFactory']>;

class LazyRequestLogger implements FastifyBaseLogger {
  private made: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
  ) {}

  get level(): string {
    return this.parent.level;
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }

  private write(level: Level, args: unknown[]): void {
    if (!this.parent.isLevelEnabled(level)) return;
    this.logger()[level](...(args as Parameters<LogFn>));
  }

  private logger(): FastifyBaseLogger {
    return (this.made ??= this.parent.child(this.bindings));
  }
}

const isPino = (logger: FastifyBaseLogger): logger is Logger =>
  typeof (logger as Partial<Logger>).isLevelEnabled === 'function';

/**
 * Fastify's `childLoggerFactory`. `parent` is the app's pino logger as Fastify wrapped it (with
 * its `req`/`res`/`err` serializers), so lines read exactly as with Fastify's own factory. A route
 * with a log level or serializers of its own gets pino's child straight away.
 */
export const lazyRequestLoggers: ChildLoggerFactory = (parent, bindings, options) =>
  options.level === undefined && options.serializers === undefined && isPino(parent)
    ? new LazyRequestLogger(parent, bindings)
    : parent.child(bindings, options);
