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
import { KeywardClient, KeywardError } from '../../packages/client/src/index.js';
import { uniqueEmail } from '../helpers/client.js';
import { startServer, stopServer, type ServerProcess } from '../helpers/keyward-process.js';
import { within } from '../helpers/within.js';

const skip = POSTGRES_ONLY;

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

  // Each instance is reached the way a service would reach it: through @keyward/client.
  const clientOf = (server: ServerProcess, token?: string) =>
    new KeywardClient({ baseUrl: server.base, token });

  /** The status and code a refused call ends with. */
  async function refusal(promise: Promise<unknown>): Promise<[number, string]> {
    try {
      await promise;
    } catch (err) {
      assert.ok(err instanceof KeywardError, String(err));
      return [err.status, err.code];
    }
    return [200, 'OK'];
  }

  async function signUpOn(server: ServerProcess, email: string): Promise<KeywardClient> {
    const client = clientOf(server);
    const person = { username: email, name: 'Multi', company_name: 'Multi Co' };
    const before = smtp.mailTo(email).length;
    await client.signupStart(person);
    await client.signupComplete({ ...person, otp: await smtp.codeFor(email, before + 1) });
    return client;
  }

  async function logInOn(server: ServerProcess, email: string): Promise<KeywardClient> {
    const client = clientOf(server);
    const before = smtp.mailTo(email).length;
    await client.loginStart(email);
    await client.loginComplete(email, await smtp.codeFor(email, before + 1));
    return client;
  }

  void it('signs up on A and logs in on B; a token generated on A verifies on B', async () => {
    const email = uniqueEmail('multi');
    const onA = await signUpOn(a, email);
    const onB = await logInOn(b, email);
    assert.equal((await clientOf(a, onB.token).me()).auth.user?.email, email);
    const generated = await onA.generateToken();
    const verified = await clientOf(b).verify(generated.token);
    assert.equal(verified.data.user?.email, email);
  });

  void it('a token revoked on B is refused by A within 1 s', async () => {
    const onA = await signUpOn(a, uniqueEmail('revoke'));
    const generated = await onA.generateToken();
    await clientOf(a).verify(generated.token);
    const revoked = await clientOf(b, onA.token).revokeToken(generated.id);
    assert.deepEqual(revoked, { message: 'API token revoked' });
    const delay = await within(1000, async () => {
      const [status, code] = await refusal(clientOf(a).verify(generated.token));
      return status === 401 && code === 'INVALID_TOKEN';
    });
    console.log(
      `revocation on B refused by A after ${delay.toFixed(1)} ms (${REDIS_URL ? 'Redis notice' : 'no Redis: cache TTL'})`,
    );
  });

  void it('a session logged out on A is refused by B', async () => {
    const email = uniqueEmail('logout');
    await signUpOn(a, email);
    const onA = await logInOn(a, email);
    const login = onA.token!;
    await clientOf(b, login).me();
    await onA.logout();
    const delay = await within(1000, async () => {
      const [status, code] = await refusal(clientOf(b, login).me());
      return status === 401 && code === 'INVALID_LOGIN_TOKEN';
    });
    console.log(`logout on A refused by B after ${delay.toFixed(1)} ms`);
  });

  void it('a member removed on A loses their tokens on B', async () => {
    const owner = await signUpOn(a, uniqueEmail('owner'));
    const memberEmail = uniqueEmail('member');
    await owner.inviteMember(memberEmail, 'member');
    await smtp.waitForMail(memberEmail);
    const member = await logInOn(b, memberEmail);
    const me = await member.me();
    const memberApi = (await member.generateToken()).token;
    assert.ok(me.auth.user);
    await owner.removeMember(me.auth.user.id);
    await within(1000, async () => {
      const [status, code] = await refusal(clientOf(b).verify(memberApi));
      return status === 401 && code === 'INVALID_TOKEN';
    });
    await within(1000, async () => {
      const [status, code] = await refusal(member.me());
      return status === 401 && code === 'INVALID_LOGIN_TOKEN';
    });
  });

  void it(
    'a rate limit spent on A is spent on B',
    {
      // Without Redis, budgets are per instance.
      skip: REDIS_ONLY,
    },
    async () => {
      const onA = await signUpOn(a, uniqueEmail('budget'));
      for (let i = 0; i < 3; i++) await onA.generateToken();
      const onB = clientOf(b, onA.token);
      assert.deepEqual(await refusal(onB.generateToken()), [429, 'TOO_MANY_REQUESTS']);
    },
  );
});
