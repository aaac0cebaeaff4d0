// Two real keyward processes on one PostgreSQL and one Redis: a token's rate limit is one budget
// for both, a change made on one is served by the other within a second, and the old token of a
// rotation is refused by the other as soon as its grace is over. Prints what it measures.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { call, signUp, uniqueEmail, type Answer } from '../helpers/client.js';
import { startServer, stopServer, type ServerProcess } from '../helpers/keyward-process.js';
import { NO_RATE_LIMITS, sleep } from '../helpers/load.js';
import { ROUTES } from '../helpers/routes.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { ownRedisBudgets } from '../helpers/own-redis.js';
import { within } from '../helpers/within.js';
import {
  createTestDatabase,
  POSTGRES_ONLY,
  REDIS_ONLY,
  type TestDatabase,
} from '../helpers/test-database.js';

const skip =
  POSTGRES_ONLY ||
  (REDIS_ONLY && 'needs REDIS_URL: without Redis each instance counts a limit on its own');

const CLIENTS = 100;
const LIMIT = 1000;
/** Half as many verifies again as the limit, so every client keeps asking after it is spent. */
const VERIFIES = 1.5 * LIMIT;

void describe('token limits and changes across two instances', { skip }, () => {
  let smtp: SmtpSink;
  let database: TestDatabase;
  const dirs: string[] = [];
  let a: ServerProcess;
  let b: ServerProcess;
  let login: string;
  const redis = ownRedisBudgets();

  before(async () => {
    smtp = await SmtpSink.start();
    database = await createTestDatabase();
    const shared = {
      ...NO_RATE_LIMITS,
      DATABASE_URL: database.url!,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'keyward-test@example.test',
      JWT_SECRET: randomBytes(32).toString('hex'),
      ...redis.env,
    };
    const instance = () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-scale-'));
      dirs.push(dir);
      return startServer({ ...shared, DATA_DIR: dir }, ['node', 'dist/server.js']);
    };
    a = await instance();
    b = await instance();
    login = (await signUp({ base: a.base, smtp }, uniqueEmail('limits'))).token;
  });
  after(async () => {
    await Promise.all([a, b].filter(Boolean).map((s) => stopServer(s)));
    await smtp?.close();
    await database?.drop();
    await redis.forget();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  const mintOn = async (server: ServerProcess, body: unknown) => {
    const r = await call(server, 'POST', ROUTES.generateToken, login, body);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body as { token: string; id: string };
  };
  const verifyOn = (server: ServerProcess, token: string, body?: unknown): Promise<Answer> =>
    call(server, 'POST', ROUTES.verify, token, body);

  void it(`${CLIENTS} concurrent clients on both instances admit at most 1 % over the limit`, async () => {
    // A window far longer than the test, so that it is all one window.
    const { token } = await mintOn(a, { rate_limit: `${LIMIT}/24d` });
    let next = 0;
    const statuses = new Map<number, number>();
    const clients = Array.from({ length: CLIENTS }, async (_, client) => {
      const server = client % 2 === 0 ? a : b;
      while (next < VERIFIES) {
        next++;
        const r = await verifyOn(server, token);
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    });
    const started = performance.now();
    await Promise.all(clients);
    const seconds = (performance.now() - started) / 1000;
    const admitted = statuses.get(200) ?? 0;
    const refused = statuses.get(429) ?? 0;
    const over = admitted - LIMIT;
    console.log(
      `limit ${LIMIT}, ${VERIFIES} verifies by ${CLIENTS} clients on 2 instances in ` +
        `${seconds.toFixed(1)} s: ${admitted} admitted, ${refused} refused with 429; ` +
        `over-admission ${over} (${((100 * over) / LIMIT).toFixed(2)} %)`,
    );
    assert.deepEqual([...statuses.keys()].sort(), [200, 429]);
    assert.ok(admitted <= LIMIT * 1.01, `${admitted} admitted for a limit of ${LIMIT}`);
    // Nor under: a refusal spends nothing that a later verify would have had.
    assert.ok(admitted >= LIMIT, `${admitted} admitted for a limit of ${LIMIT}`);
    // Both instances see the budget spent.
    for (const server of [a, b]) {
      assert.equal((await verifyOn(server, token)).status, 429);
    }
  });

  void it('a PATCH on A is served by B within 1 s', async () => {
    const { token, id } = await mintOn(a, { scopes: ['agents:read'], metadata: { plan: 'free' } });
    // B has the old values cached.
    const first = await verifyOn(b, token);
    assert.equal(first.status, 200);
    assert.deepEqual(first.body.data.metadata, { plan: 'free' });
    const patched = await call(a, 'PATCH', ROUTES.token(id), login, {
      scopes: ['agents:read', 'agents:write'],
      metadata: { plan: 'pro' },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    const delay = await within(1000, async () => {
      const r = await verifyOn(b, token, { scopes: ['agents:write'] });
      return r.status === 200 && r.body.data.metadata.plan === 'pro';
    });
    console.log(`PATCH on A served by B after ${delay.toFixed(1)} ms`);
  });

  void it("a rotation's old token is refused by B as soon as its grace is over", async () => {
    const { token: old, id } = await mintOn(a, { name: 'rotated' });
    assert.equal((await verifyOn(b, old)).status, 200);
    const rotated = await call(a, 'POST', ROUTES.rotateToken(id), login, { grace_seconds: 3 });
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    const graceEnds = Date.parse(rotated.body.previous.expires_at as string);
    // B learns of the old token's new end (it had it cached without one)…
    await within(1000, async () => {
      const r = await verifyOn(b, old);
      assert.equal(r.status, 200, 'refused during its grace');
      return r.body.data.expires_at === rotated.body.previous.expires_at;
    });
    assert.equal((await verifyOn(b, rotated.body.token as string)).status, 200);
    // …and refuses it from the moment the grace is over, without another notice.
    while (Date.now() < graceEnds) await sleep(graceEnds - Date.now());
    const r = await verifyOn(b, old);
    assert.deepEqual([r.status, r.body.message], [401, 'INVALID_TOKEN']);
    assert.equal((await verifyOn(b, rotated.body.token as string)).status, 200);
  });
});
