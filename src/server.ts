// Process entry: read the config, open and migrate the store, build the app, listen.
import v8 from 'node:v8';
import { ConfigError } from './config.js';

// Before the rest of keyward loads: V8 grows the young generation while modules load (their
// objects survive), up to 16 MB a semi-space, and never gives it back, so an idle keyward held
// about 30 MB of empty young generation. Kept at its first size, a scavenge comes more often
// under load but costs about the same: it copies what survives, the requests in flight, not the
// garbage (bench: RSS idle and peak, server CPU per verify). Hence the imports below are dynamic.
v8.setFlagsFromString('--semi-space-growth-factor=1');

async function main(): Promise<void> {
  const [
    { buildApp },
    { loadConfig },
    { migrate, openStore },
    { createLogger },
    { loadKeyring },
    { mailLine, storeLine },
  ] = await Promise.all([
    import('./app.js'),
    import('./config.js'),
    import('./db/database.js'),
    import('./logger.js'),
    import('./sessions/keyring.js'),
    import('./startup-report.js'),
  ]);
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
