// PostgreSQL becomes unreachable under a running instance: requests that need it answer 503
// SERVICE_UNAVAILABLE, /readyz goes red, nothing crashes, and it recovers by itself.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { createTestDatabase, POSTGRES_ONLY, type TestDatabase } from '../helpers/test-database.js';
import { generateToken, get, post, signUp } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

const skip = POSTGRES_ONLY;

void describe('PostgreSQL unreachable, then back', { skip }, () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let t: TestApp;

  before(async () => {
    database = await createTestDatabase();
    let viaProxy: string;
    ({ proxy, url: viaProxy } = await TcpProxy.inFrontOf(database.url!, 5432));
    t = await createTestApp({ DATABASE_URL: viaProxy, DATABASE_TIMEOUT_MS: '1000' });
  });
  after(async () => {
    await t.close();
    await proxy.down();
    await database.drop();
  });

  void it('answers 503 while the store is down and recovers without a restart', async () => {
    const { token } = await signUp(t);
    const apiToken = (await generateToken(t, token)).body.token as string;
    assert.equal((await get(t, ROUTES.readyz)).status, 200);

    await proxy.down();
    const ready = await get(t, ROUTES.readyz);
    assert.deepEqual(
      [ready.status, ready.body.error, ready.body.message],
      [503, true, 'SERVICE_UNAVAILABLE'],
    );
    const verify = await post(t, ROUTES.verify, {}, { token: apiToken });
    assert.deepEqual([verify.status, verify.body.message], [503, 'SERVICE_UNAVAILABLE']);
    const generate = await generateToken(t, token);
    assert.deepEqual([generate.status, generate.body.message], [503, 'SERVICE_UNAVAILABLE']);
    const login = await post(t, ROUTES.login, { username: 'someone@example.test' });
    assert.deepEqual([login.status, login.body.message], [503, 'SERVICE_UNAVAILABLE']);
    assert.equal((await get(t, ROUTES.healthz)).status, 200, 'the process itself is up');

    await proxy.up();
    assert.equal((await get(t, ROUTES.readyz)).status, 200);
    assert.equal((await post(t, ROUTES.verify, {}, { token: apiToken })).status, 200);
    const after = await generateToken(t, token);
    assert.equal(after.status, 200);
    // Nothing half-written while it was down: only the tokens whose 200 was sent exist.
    const rows = await t.store.db.selectFrom('api_tokens').select('id').execute();
    assert.equal(rows.length, 2);
  });
});
