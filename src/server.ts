// Process entry: read the config, open and migrate the store, build the app, listen.
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { migrate, openStore } from './db/database.js';
import { createLogger } from './logger.js';
import { loadKeyring } from './sessions/keyring.js';
import { mailLine, storeLine } from './startup-report.js';

// V8's young generation is left to grow under load (`--semi-space-growth-factor=1` kept it at its
// first size and saved about 16 MB idle, but cost verify 10-30 % of its throughput in the bench).

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const keyring = loadKeyring(config, logger);
  const store = openStore(config, logger);
  await migrate(store);
  logger.info(storeLine(config));
  const mailer = config.smtpUrl
    ? (await import('./mail/smtp-mailer.js')).createSmtpMailer(config.smtpUrl, config.mailFrom)
    : (await import('./mail/log-mailer.js')).createLogMailer(logger);
  if (config.smtpUrl) logger.info(mailLine(config));
  else logger.warn(mailLine(config));

  // Logs the Redis line once it knows whether Redis answers.
  const app = await buildApp({ config, store, mailer, keyring, logger });
  // Fastify logs the one line with the address it serves.
  await app.listen({
    host: config.host,
    port: config.port,
    listenTextResolver: (address) => `keyward listening on ${address}`,
  });

  // SIGTERM: stop listening, let requests in flight finish (new requests on open connections are
  // still served, with `Connection: close`), then flush buffers and close the store. Requests
  // still running after the grace are cut off, so a stuck client can't hold the process up.
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down');
    // A keep-alive connection whose request was in flight falls idle after the close began:
    // close those too, or an idle client would hold the process for the whole grace.
    setInterval(() => app.server.closeIdleConnections(), 50).unref();
    setTimeout(() => {
      logger.warn('shutdown grace is over: closing the connections still open');
      app.server.closeAllConnections();
      setTimeout(() => process.exit(1), 5000).unref();
    }, config.shutdownGraceMs).unref();
    void app
      .close()
      .then(() => store.close())
      .then(() => mailer.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

/** An error and the chain of causes behind it, one per line. */
function describe(err: unknown): string {
  const lines: string[] = [];
  let e: unknown = err;
  while (e instanceof Error && lines.length < 5) {
    lines.push(e.stack ?? e.message);
    e = e.cause;
  }
  if (e !== undefined && lines.length < 5) lines.push(JSON.stringify(e) ?? 'unknown error');
  return lines.join('\ncaused by: ');
}

main().catch((err: unknown) => {
  // A bad setting is the operator's to fix: say what is wrong, without a stack trace.
  if (err instanceof ConfigError) {
    process.stderr.write(`keyward: ${err.message}\n`);
  } else {
    process.stderr.write(`keyward: failed to start: ${describe(err)}\n`);
  }
  process.exit(1);
});
