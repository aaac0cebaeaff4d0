// Builds the real app per test file: a temp SQLite file, a real SMTP sink, a clock the test moves,
// and every log line captured so tests can check what was (not) logged. Calls to it go through
// ./client.ts, the same as calls to a spawned process.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { migrate, openStore, type Store } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { createSmtpMailer } from '../../src/mail/smtp-mailer.js';
import { loadKeyring } from '../../src/sessions/keyring.js';
import { OpenApiConformance } from './openapi-conformance.js';
import { SmtpSink } from './smtp-sink.js';
import { createTestDatabase } from './test-database.js';

export class TestClock {
  constructor(public ms = Date.now()) {}
  now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

/**
 * Every injected request comes from 127.0.0.1, and tests log the same people in again and again:
 * budgets per IP and per mailed address would spill from one test into the next. Tests of those
 * limits pass their own values (and the defaults, from RATE_LIMIT_DEFAULTS).
 */
export const RELAXED_RATE_LIMITS = {
  RATE_LIMIT_OTP_SEND_PER_ADDRESS: '1000000/1m',
  RATE_LIMIT_OTP_SEND_PER_IP: '1000000/1m',
  RATE_LIMIT_OTP_CHECK_PER_IP: '1000000/1m',
};

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  store: Store;
  smtp: SmtpSink;
  clock: TestClock;
  dataDir: string;
  /** Every log line written so far, raw. */
  logs: string[];
  /** Checks every answer `app.inject` gives against the OpenAPI document; close() fails on a miss. */
  conformance: OpenApiConformance;
  close(): Promise<void>;
}

/**
 * `env.DATA_DIR` / `env.DATABASE_URL` reuse a folder / database (kept on close); else a temp
 * folder and, on PostgreSQL, a schema of its own are made, and removed on close.
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: Pick<AppDeps, 'consoleDir' | 'eventStreamPingMs'> = {},
): Promise<TestApp> {
  const ownsDataDir = env.DATA_DIR === undefined;
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-test-'));
  const smtp = await SmtpSink.start();
  const database =
    env.DATABASE_URL === undefined
      ? await createTestDatabase()
      : { url: env.DATABASE_URL, drop: () => Promise.resolve() };
  const config = loadConfig({
    SMTP_URL: smtp.url,
    MAIL_FROM: 'keyward-test@example.test',
    LOG_LEVEL: 'debug',
    ...RELAXED_RATE_LIMITS,
    ...env,
    DATABASE_URL: database.url ?? '',
    DATA_DIR: dataDir,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createLogger(config.logLevel, sink);
  const store = openStore(config, logger);
  const clock = new TestClock();
  const mailer = createSmtpMailer(config.smtpUrl!, config.mailFrom);
  let app: FastifyInstance;
  try {
    await migrate(store);
    app = await buildApp({
      config,
      store,
      mailer,
      keyring: loadKeyring(config),
      logger,
      clock,
      ...options,
    });
  } catch (err) {
    // Close what was opened, or the open connections keep the test file from ever ending.
    await store.close();
    await database.drop();
    mailer.close();
    await smtp.close();
    throw err;
  }
  // Every answer a test receives must be one the OpenAPI document describes.
  const conformance = OpenApiConformance.attach(app);
  return {
    app,
    config,
    store,
    smtp,
    clock,
    dataDir,
    logs,
    conformance,
    async close() {
      await app.close();
      await store.close();
      await database.drop();
      mailer.close();
      await smtp.close();
      if (ownsDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      conformance.assertClean();
    },
  };
}
