// Verify answers from a short-lived cache: a revocation through the API empties it at once; a
// change the instance can't hear about (another instance without Redis) lasts at most 1 s.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TtlCache } from '../../src/lib/ttl-cache.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { TestClock } from '../helpers/test-app.js';
import { generateToken, post, signUp } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

void describe('verify cache', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const verify = (token: string) => post(t, ROUTES.verify, {}, { token });

  void it('keeps a change made behind its back for at most AUTH_CACHE_TTL_MS (1 s)', async () => {
    const { token } = await signUp(t);
    const generated = await generateToken(t, token);
    const apiToken = generated.body.token as string;
    assert.equal((await verify(apiToken)).status, 200);
    // As another instance without Redis would: straight to the store, no notice.
    await t.store.db
      .updateTable('api_tokens')
      .set({ revoked_at: t.clock.now() })
      .where('id', '=', generated.body.id as string)
      .execute();
    assert.equal((await verify(apiToken)).status, 200, 'served from the cache');
    t.clock.advance(1000);
    const refused = await verify(apiToken);
    assert.deepEqual([refused.status, refused.body.message], [401, 'INVALID_TOKEN']);
  });

  void it('is emptied by a revocation through the API: refused on the very next request', async () => {
    const { token } = await signUp(t);
    const generated = await generateToken(t, token);
    const apiToken = generated.body.token as string;
    assert.equal((await verify(apiToken)).status, 200);
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: ROUTES.token(generated.body.id),
      headers: { token },
    });
    assert.equal(revoked.statusCode, 200);
    assert.deepEqual((await verify(apiToken)).body.message, 'INVALID_TOKEN');
    // Logout empties it too (the login token was cached by the verifies above).
    assert.equal((await verify(token)).status, 200);
    assert.equal((await post(t, ROUTES.logout, {}, { token })).status, 200);
    assert.deepEqual((await verify(token)).body.message, 'INVALID_LOGIN_TOKEN');
  });
});

void describe('TtlCache', () => {
  void it('drops entries after the TTL and refuses a value loaded before a clear', () => {
    const clock = new TestClock(0);
    const cache = new TtlCache<string>(1000, 2, clock);
    const generation = cache.generation;
    cache.set('a', 'A', generation);
    assert.equal(cache.get('a'), 'A');
    clock.advance(999);
    assert.equal(cache.get('a'), 'A');
    clock.advance(1);
    assert.equal(cache.get('a'), undefined);

    const before = cache.generation;
    cache.clear();
    cache.set('b', 'stale', before);
    assert.equal(cache.get('b'), undefined, 'loaded before the clear: not stored');

    cache.set('x', 'X', cache.generation);
    cache.set('y', 'Y', cache.generation);
    cache.set('z', 'Z', cache.generation);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('x'), undefined, 'the oldest entry made room');
  });

  void it('stores nothing with a TTL of 0', () => {
    const cache = new TtlCache<string>(0, 10, new TestClock(0));
    cache.set('a', 'A', cache.generation);
    assert.equal(cache.get('a'), undefined);
  });
});
