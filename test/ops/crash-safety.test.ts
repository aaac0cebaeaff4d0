// kill -9 under load, then a restart on the same data: every API token whose 200 reached the
// client still verifies, and no account is half-created. Runs on the store of the suite's pass
// (SQLite file in DATA_DIR, or a PostgreSQL schema).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore, type Store } from '../../src/db/database.js';
import { Load, NO_RATE_LIMITS, sleep } from '../helpers/load.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { createTestDatabase, TEST_STORE, type TestDatabase } from '../helpers/test-database.js';
import { call, signUp, uniqueEmail } from '../helpers/client.js';
import { startServer, stopServer, type ServerProcess } from '../helpers/keyward-process.js';
import { ROUTES } from '../helpers/routes.js';

const LOAD_MS = 1500;
const CONCURRENCY = 20;

void describe(`kill -9 under load (${TEST_STORE})`, () => {
  let smtp: SmtpSink;
  let database: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;

  const start = async () => {
    server = await startServer(env, ['node', 'dist/server.js']);
    return server;
  };

  before(async () => {
    smtp = await SmtpSink.start();
    database = await createTestDatabase();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-crash-'));
    env = {
      ...NO_RATE_LIMITS,
      DATA_DIR: dataDir,
      DATABASE_URL: database.url ?? '',
      SMTP_URL: smtp.url,
      JWT_SECRET: randomBytes(32).toString('hex'),
    };
  });
  after(async () => {
    if (server) await stopServer(server, 'SIGKILL');
    await smtp.close();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  void it('loses no API token whose 200 reached the client, and half-creates no account', async () => {
    const first = await start();
    const { token: login } = await signUp({ ...first, smtp }, uniqueEmail('crash'));

    // generate-token at c=20 and whole sign-ups at c=5, together, until the kill.
    const issued: string[] = [];
    let tokensInFlight = 0;
    const tokens = new Load(CONCURRENCY, async () => {
      tokensInFlight++;
      try {
        const r = await call(first, 'POST', ROUTES.generateToken, login, {});
        assert.equal(r.status, 200, JSON.stringify(r.body));
        issued.push(r.body.token as string);
      } finally {
        tokensInFlight--;
      }
    });
    const attempted = new Set<string>();
    const signedUp = new Map<string, string>(); // email → login token
    const signups = new Load(5, async () => {
      const email = uniqueEmail('crash-signup');
      const body = { username: email, name: 'Crash', company_name: `Co ${email}` };
      const sent = await call(first, 'POST', ROUTES.signup, undefined, body);
      assert.equal(sent.status, 200, JSON.stringify(sent.body));
      const otp = await signups.unlessStopped(smtp.codeFor(email, 1));
      attempted.add(email);
      const done = await call(first, 'POST', ROUTES.signup, undefined, { ...body, otp });
      assert.equal(done.status, 201, JSON.stringify(done.body));
      signedUp.set(email, done.body.token as string);
    });
    // Kill mid-load: after LOAD_MS, and once both loads have had answers (a slow machine may need
    // longer for whole sign-ups, each waiting for its mail).
    const started = Date.now();
    while (Date.now() - started < LOAD_MS || issued.length === 0 || signedUp.size < 3) {
      assert.ok(Date.now() - started < 30_000, 'the loads got answers before the kill');
      await sleep(20);
    }
    const inFlightAtKill = tokensInFlight;
    await stopServer(first, 'SIGKILL');
    await Promise.all([tokens.stop(), signups.stop()]);
    // Requests cut off by the kill fail at the socket; no answer before it was anything else.
    for (const load of [tokens, signups]) {
      assert.ok(!load.failures.includes('ERR_ASSERTION'), load.failures.join(', '));
    }

    const second = await start();
    let verified = 0;
    const lost: string[] = [];
    const queue = [...issued];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let token = queue.pop(); token !== undefined; token = queue.pop()) {
          const r = await call(second, 'POST', ROUTES.verify, token);
          if (r.status === 200) verified++;
          else lost.push(`…${token.slice(-4)}: ${r.status} ${r.body.message}`);
        }
      }),
    );
    console.log(
      `crash test (${TEST_STORE}): ${issued.length} API tokens issued before kill -9 ` +
        `(${inFlightAtKill} generate-token requests in flight at the kill), ` +
        `${verified} verified after restart, ${lost.length} lost`,
    );
    assert.deepEqual(lost, []);
    assert.equal(verified, issued.length);

    const store: Store = openStore({
      databaseUrl: database.url,
      dataDir,
      databasePoolSize: 2,
      databaseTimeoutMs: 5000,
    });
    try {
      const { db } = store;
      const users = await db
        .selectFrom('users as u')
        .leftJoin('memberships as m', 'm.user_id', 'u.id')
        .leftJoin('companies as c', 'c.id', 'm.company_id')
        .leftJoin('workspaces as w', 'w.company_id', 'm.company_id')
        .select(['u.email', 'm.role', 'c.id as company_id', 'w.id as workspace_id'])
        .where('u.email', 'like', 'crash-signup-%')
        .execute();
      const half = users.filter(
        (u) => u.role !== 'owner' || u.company_id === null || u.workspace_id === null,
      );
      assert.deepEqual(half, [], 'every user has its company, workspace and owner membership');
      // And the other way round: no company without its owner, no workspace without its company.
      const orphanCompanies = await db
        .selectFrom('companies as c')
        .leftJoin('memberships as m', 'm.company_id', 'c.id')
        .select('c.id')
        .where('m.user_id', 'is', null)
        .execute();
      const orphanWorkspaces = await db
        .selectFrom('workspaces as w')
        .leftJoin('companies as c', 'c.id', 'w.company_id')
        .select('w.id')
        .where('c.id', 'is', null)
        .execute();
      assert.deepEqual([orphanCompanies, orphanWorkspaces], [[], []]);

      const inStore = new Set(users.map((u) => u.email));
      const missing = [...signedUp.keys()].filter((email) => !inStore.has(email));
      assert.deepEqual(missing, [], 'every sign-up answered 201 survived');
      for (const email of inStore) assert.ok(attempted.has(email));
      for (const token of signedUp.values()) {
        const me = await call(second, 'GET', ROUTES.me, token);
        assert.equal(me.status, 200, 'its login token still works');
      }
      console.log(
        `crash test (${TEST_STORE}): ${attempted.size} sign-up step 2 sent, ` +
          `${signedUp.size} answered 201 before kill -9; after restart ${inStore.size} accounts ` +
          `complete, ${half.length} half-created, ${missing.length} lost`,
      );
    } finally {
      await store.close();
    }
    await stopServer(second);
  });
});
