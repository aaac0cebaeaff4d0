// Redis becomes unreachable under a running instance: nothing needs it to answer (rate limits
// fall back to this instance's memory, revocations to the 1 s cache TTL), and it comes back.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { generateToken, post, signUp } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';
import { REDIS_ONLY, REDIS_URL as redisUrl } from '../helpers/test-database.js';

void describe('Redis unreachable, then back', { skip: REDIS_ONLY }, () => {
  let proxy: TcpProxy;
  let t: TestApp;

  before(async () => {
    let viaProxy: string;
    ({ proxy, url: viaProxy } = await TcpProxy.inFrontOf(redisUrl!, 6379));
    t = await createTestApp({
      REDIS_URL: viaProxy,
      REDIS_KEY_PREFIX: `keyward-test-${randomBytes(4).toString('hex')}:`,
    });
  });
  after(async () => {
    await t.close();
    await proxy.down();
  });

  void it('keeps serving sign-up, generate-token, verify and revocation without Redis', async () => {
    const { token } = await signUp(t);
    await proxy.down();
    const generated = await generateToken(t, token);
    assert.equal(generated.status, 200);
    const apiToken = generated.body.token as string;
    assert.equal((await post(t, ROUTES.verify, {}, { token: apiToken })).status, 200);
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: ROUTES.token(generated.body.id),
      headers: { token },
    });
    assert.equal(revoked.statusCode, 200);
    const refused = await post(t, ROUTES.verify, {}, { token: apiToken });
    assert.deepEqual([refused.status, refused.body.message], [401, 'INVALID_TOKEN']);

    await proxy.up();
    assert.equal((await generateToken(t, token)).status, 200);
  });
});
