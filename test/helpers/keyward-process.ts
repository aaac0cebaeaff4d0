// The fixture for tests that drive a real keyward process from outside (the client package, the
// console in a browser): `node dist/server.js` on a free loopback port, a temp DATA_DIR, its own
// store (a schema of its own on the PostgreSQL pass) and mail to a real SMTP sink.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, stopServer, type ServerProcess } from './server-process.js';
import { SmtpSink } from './smtp-sink.js';
import { RELAXED_RATE_LIMITS } from './test-app.js';
import { createTestDatabase } from './test-database.js';

export interface KeywardProcess {
  /** e.g. http://127.0.0.1:40123 */
  base: string;
  smtp: SmtpSink;
  server: ServerProcess;
  close(): Promise<void>;
}

export async function startKeyward(env: Record<string, string> = {}): Promise<KeywardProcess> {
  const smtp = await SmtpSink.start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-process-'));
  const database = await createTestDatabase();
  const cleanUp = async () => {
    await smtp.close();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let server: ServerProcess;
  try {
    server = await startServer(
      {
        ...RELAXED_RATE_LIMITS,
        DATA_DIR: dataDir,
        DATABASE_URL: database.url ?? '',
        SMTP_URL: smtp.url,
        MAIL_FROM: 'keyward-test@example.test',
        ...env,
      },
      ['node', 'dist/server.js'],
    );
  } catch (err) {
    await cleanUp();
    throw err;
  }
  return {
    base: server.base,
    smtp,
    server,
    async close() {
      await stopServer(server);
      await cleanUp();
    },
  };
}
