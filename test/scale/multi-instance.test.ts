// Two real server processes on one PostgreSQL: whatever one instance does, the other sees.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SmtpSink } from '../helpers/smtp-sink.js';
import {
  createTestDatabase,
  POSTGRES_ONLY,
  REDIS_ONLY,
  REDIS_URL,
  type TestDatabase,
} from '../helpers/test-database.js';
import { call, logIn, signUp, uniqueEmail } from '../helpers/client.js';
import { startServer, stopServer, type ServerProcess } from '../helpers/keyward-process.js';
import { ROUTES } from '../helpers/routes.js';

const skip = POSTGRES_ONLY;

/**
 * Polls until `check` holds and returns how long it took; fails if a check that started after
 * `limitMs` still does not hold.
 */
async function within(limitMs: number, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  for (;;) {
    const checkStarted = performance.now() - started;
    if (await check()) return performance.now() - started;
    if (checkStarted > limitMs) assert.fail(`not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

void describe('two instances on one PostgreSQL', { skip }, () => {
  let smtp: SmtpSink;
  let database: TestDatabase;
  const dirs: string[] = [];
  let a: ServerProcess;
  let b: ServerProcess;

  before(async () => {
    smtp = await SmtpSink.start();
    database = await createTestDatabase();
    const shared = {
      DATABASE_URL: database.url!,
      SMTP_URL: smtp.url,
      JWT_SECRET: randomBytes(32).toString('hex'),
      REDIS_URL: REDIS_URL ?? '',
      // A budget of its own in Redis, small enough to spend in a test.
      REDIS_KEY_PREFIX: `keyward-test-${randomBytes(4).toString('hex')}:`,
      RATE_LIMIT_GENERATE_TOKEN_PER_USER: '3/1m',
    };
    const instance = () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-multi-'));
      dirs.push(dir);
      return startServer({ ...shared, DATA_DIR: dir }, ['node', 'dist/server.js']);
    };
    // Started together: the migration lock must keep them from racing.
    [a, b] = await Promise.all([instance(), instance()]);
  });
  after(async () => {
    await Promise.all([a, b].filter(Boolean).map((s) => stopServer(s)));
    await smtp.close();
    await database.drop();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  const signUpOn = async (server: ServerProcess, email: string) =>
    (await signUp({ ...server, smtp }, email, { name: 'Multi', company_name: 'Multi Co' })).token;
  const logInOn = async (server: ServerProcess, email: string) =>
    (await logIn({ ...server, smtp }, email)).token;

  void it('signs up on A and logs in on B; a token generated on A verifies on B', async () => {
    const email = uniqueEmail('multi');
    const loginA = await signUpOn(a, email);
    const loginB = await logInOn(b, email);
    assert.equal((await call(a, 'GET', ROUTES.me, loginB)).status, 200);
    const generated = await call(a, 'POST', ROUTES.generateToken, loginA);
    assert.equal(generated.status, 200);
    const verified = await call(b, 'POST', ROUTES.verify, generated.body.token as string);
    assert.equal(verified.status, 200);
    assert.equal(verified.body.data.user.email, email);
  });

  void it('a token revoked on B is refused by A within 1 s', async () => {
    const login = await signUpOn(a, uniqueEmail('revoke'));
    const generated = await call(a, 'POST', ROUTES.generateToken, login);
    const token = generated.body.token as string;
    assert.equal((await call(a, 'POST', ROUTES.verify, token)).status, 200);
    const revoked = await call(b, 'DELETE', ROUTES.token(generated.body.id), login);
    assert.deepEqual(revoked, { status: 200, body: { message: 'API token revoked' } });
    const delay = await within(1000, async () => {
      const r = await call(a, 'POST', ROUTES.verify, token);
      return r.status === 401 && r.body.message === 'INVALID_TOKEN';
    });
    console.log(
      `revocation on B refused by A after ${delay.toFixed(1)} ms (${REDIS_URL ? 'Redis notice' : 'no Redis: cache TTL'})`,
    );
  });

  void it('a session logged out on A is refused by B', async () => {
    const email = uniqueEmail('logout');
    await signUpOn(a, email);
    const login = await logInOn(a, email);
    assert.equal((await call(b, 'GET', ROUTES.me, login)).status, 200);
    assert.equal((await call(a, 'POST', ROUTES.logout, login)).status, 200);
    const delay = await within(1000, async () => {
      const r = await call(b, 'GET', ROUTES.me, login);
      return r.status === 401 && r.body.message === 'INVALID_LOGIN_TOKEN';
    });
    console.log(`logout on A refused by B after ${delay.toFixed(1)} ms`);
  });

  void it('a member removed on A loses their tokens on B', async () => {
    const owner = await signUpOn(a, uniqueEmail('owner'));
    const memberEmail = uniqueEmail('member');
    const invited = await call(a, 'POST', ROUTES.members, owner, {
      email: memberEmail,
      role: 'member',
    });
    assert.equal(invited.status, 201);
    await smtp.waitForMail(memberEmail);
    const memberLogin = await logInOn(b, memberEmail);
    const me = await call(b, 'GET', ROUTES.me, memberLogin);
    const memberApi = (await call(b, 'POST', ROUTES.generateToken, memberLogin)).body
      .token as string;
    assert.equal((await call(a, 'DELETE', ROUTES.member(me.body.auth.user.id), owner)).status, 200);
    await within(1000, async () => {
      const r = await call(b, 'POST', ROUTES.verify, memberApi);
      return r.status === 401 && r.body.message === 'INVALID_TOKEN';
    });
    await within(1000, async () => {
      const r = await call(b, 'GET', ROUTES.me, memberLogin);
      return r.status === 401 && r.body.message === 'INVALID_LOGIN_TOKEN';
    });
  });

  void it(
    'a rate limit spent on A is spent on B',
    {
      // Without Redis, budgets are per instance.
      skip: REDIS_ONLY,
    },
    async () => {
      const login = await signUpOn(a, uniqueEmail('budget'));
      for (let i = 0; i < 3; i++) {
        const r = await call(a, 'POST', ROUTES.generateToken, login);
        assert.equal(r.status, 200);
      }
      const refused = await call(b, 'POST', ROUTES.generateToken, login);
      assert.deepEqual([refused.status, refused.body.message], [429, 'TOO_MANY_REQUESTS']);
    },
  );
});
