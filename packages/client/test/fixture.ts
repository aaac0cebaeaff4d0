// What the verifier and middleware tests share: real keyward processes with the event stream on,
// people signed up through the client, and a fetch that counts the verifies it sends.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKeyward, type KeywardProcess } from '../../../test/helpers/keyward-process.js';
import { uniqueEmail } from '../../../test/helpers/client.js';
import { TEST_STORE, createTestDatabase } from '../../../test/helpers/test-database.js';
import { KeywardClient } from '../src/index.js';

export const STREAM_KEY = randomBytes(24).toString('hex');

export interface Deployment {
  /** Where changes are made. */
  a: KeywardProcess;
  /** Where verifiers stream from: another instance on PostgreSQL + Redis, else `a` itself. */
  b: KeywardProcess;
  /** Starts `a` again on the same port and store (after `a.close()`-less stop). */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * One instance on SQLite; on PostgreSQL (with REDIS_URL) two instances of one deployment, so that
 * a change made on one reaches verifiers that stream from the other.
 */
export async function startDeployment(extra: Record<string, string> = {}): Promise<Deployment> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-client-'));
  const database = await createTestDatabase();
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    DATABASE_URL: database.url ?? '',
    JWT_SECRET: randomBytes(32).toString('hex'),
    EVENT_STREAM_KEYS: STREAM_KEY,
    REDIS_URL: '',
    ...(TEST_STORE === 'postgres' && process.env.REDIS_URL
      ? {
          REDIS_URL: process.env.REDIS_URL,
          REDIS_KEY_PREFIX: `kw-client-${randomBytes(4).toString('hex')}:`,
        }
      : {}),
    ...extra,
  };
  const a = await startKeyward(env);
  const b = env.REDIS_URL ? await startKeyward(env) : a;
  return {
    a,
    b,
    env,
    async close() {
      await a.close();
      if (b !== a) await b.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs up on `keyward`; the client keeps the login token. */
export async function signedUp(keyward: KeywardProcess) {
  const client = new KeywardClient({ baseUrl: keyward.base });
  const email = uniqueEmail('verifier');
  const person = { username: email, name: 'Ada Lovelace', company_name: 'Acme' };
  await client.signupStart(person);
  const answer = await client.signupComplete({ ...person, otp: await keyward.smtp.codeFor(email) });
  return { client, email, auth: answer.auth };
}

/** A fetch that counts the verify requests (and event stream connections) it sends. */
export function countingFetch() {
  const counts = { verify: 0, events: 0 };
  const fetchFn: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.endsWith('/api/v1/global/verify')) counts.verify++;
    if (url.endsWith('/api/v1/global/events')) counts.events++;
    return fetch(input, init);
  };
  return { counts, fetch: fetchFn };
}

/** Resolves once `condition` holds, checking every few ms; rejects after `ms`. */
export async function until(condition: () => boolean, ms = 10_000, what = 'condition') {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
