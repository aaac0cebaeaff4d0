// createVerifier against real keyward processes: cached answers dropped by the event stream, one
// request for many concurrent verifies, what is never cached, the LRU bound, and the fallback to
// a 1 s cache (said once) while the stream is down.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startKeyward } from '../../../test/helpers/keyward-process.js';
import { stopServer } from '../../../test/helpers/keyward-process.js';
import { TEST_STORE } from '../../../test/helpers/test-database.js';
import { FALLBACK_CACHE_MS, KeywardError, createVerifier, type Verifier } from '../src/index.js';
import {
  STREAM_KEY,
  countingFetch,
  signedUp,
  startDeployment,
  until,
  type Deployment,
} from './fixture.js';

const pairSkip =
  TEST_STORE === 'postgres' && !process.env.REDIS_URL
    ? 'PostgreSQL instances share events through Redis: needs REDIS_URL'
    : false;

/** A request the typed client has no method for yet, as raw JSON. */
async function call(base: string, method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function refusal(promise: Promise<unknown>): Promise<KeywardError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof KeywardError, String(err));
    return err;
  }
  assert.fail('expected a refusal');
}

void describe('createVerifier', { skip: pairSkip }, () => {
  let deployment: Deployment;
  const verifiers: Verifier[] = [];
  const open = (options: Partial<Parameters<typeof createVerifier>[0]> = {}) => {
    const verifier = createVerifier({
      baseUrl: deployment.b.base,
      eventStreamKey: STREAM_KEY,
      ...options,
    });
    verifiers.push(verifier);
    return verifier;
  };
  before(async () => {
    deployment = await startDeployment();
  });
  after(async () => {
    for (const verifier of verifiers) verifier.close();
    await deployment?.close();
  });

  void it('refuses a cached token within moments of its revocation on another instance', async () => {
    const { client } = await signedUp(deployment.a);
    const minted = await client.generateToken({ name: 'cached' });
    const { counts, fetch } = countingFetch();
    const verifier = open({ fetch });
    await until(() => verifier.streaming, 10_000, 'stream connected');
    assert.equal((await verifier.verify(minted.token)).token_id, minted.id);
    await verifier.verify(minted.token);
    assert.equal(counts.verify, 1, 'the second verify is answered from the cache');

    await client.revokeToken(minted.id);
    const revokedAt = performance.now();
    let refused: KeywardError | undefined;
    while (!refused) {
      try {
        await verifier.verify(minted.token);
        assert.ok(performance.now() - revokedAt < 30_000, 'still accepted after 30 s');
        await sleep(1);
      } catch (err) {
        refused = err as KeywardError;
      }
    }
    const delay = performance.now() - revokedAt;
    assert.equal(refused.code, 'INVALID_TOKEN');
    console.log(
      `revoked on ${deployment.a === deployment.b ? 'the instance' : 'instance A'}, refused by a ` +
        `verifier streaming from ${deployment.a === deployment.b ? 'it' : 'B'} (${TEST_STORE}` +
        `${deployment.env.REDIS_URL ? ' + Redis' : ''}) after ${delay.toFixed(1)} ms`,
    );
  });

  void it('sends one request for 1,000 concurrent verifies of a new token', async () => {
    const { client } = await signedUp(deployment.a);
    const minted = await client.generateToken();
    const { counts, fetch } = countingFetch();
    const verifier = open({ fetch });
    const answers = await Promise.all(
      Array.from({ length: 1000 }, () => verifier.verify(minted.token)),
    );
    assert.equal(counts.verify, 1);
    assert.ok(answers.every((data) => data.token_id === minted.id));
    // Refusals share one request too, and are not kept.
    const unknown = 'f'.repeat(64);
    const refusals = await Promise.allSettled(
      Array.from({ length: 100 }, () => verifier.verify(unknown)),
    );
    assert.ok(refusals.every((r) => r.status === 'rejected'));
    assert.equal(counts.verify, 2);
    await refusal(verifier.verify(unknown));
    assert.equal(counts.verify, 3);
  });

  void it('drops what an event names: PATCH, logout, member removal', async () => {
    const { client } = await signedUp(deployment.a);
    const { counts, fetch } = countingFetch();
    const verifier = open({ fetch });
    await until(() => verifier.streaming, 10_000, 'stream connected');

    const minted = await client.generateToken({ name: 'before', metadata: { plan: 'free' } });
    assert.deepEqual((await verifier.verify(minted.token)).metadata, { plan: 'free' });
    const patched = await call(
      deployment.a.base,
      'PATCH',
      `/api/v1/global/tokens/${minted.id}`,
      client.token!,
      { metadata: { plan: 'pro' } },
    );
    assert.equal(patched.status, 200);
    await until(() => verifier.size === 0, 10_000, 'token.updated');
    assert.deepEqual((await verifier.verify(minted.token)).metadata, { plan: 'pro' });

    // A login token's answer, dropped by its session's end.
    const loginToken = client.token!;
    assert.equal((await verifier.verify(loginToken)).token_type, 'login');
    await verifier.verify(loginToken);
    const before = counts.verify;
    await client.logout();
    await until(() => verifier.size === 1, 10_000, 'session.ended');
    assert.equal((await refusal(verifier.verify(loginToken))).code, 'INVALID_LOGIN_TOKEN');
    assert.equal(counts.verify, before + 1);
  });

  void it('never keeps a rate-limited answer, nor a login token past 1 s', async () => {
    const { client } = await signedUp(deployment.a);
    const limited = await client.generateToken({ rate_limit: '1000/1m' });
    const { counts, fetch } = countingFetch();
    const verifier = open({ fetch });
    await until(() => verifier.streaming, 10_000, 'stream connected');
    await verifier.verify(limited.token);
    await verifier.verify(limited.token);
    assert.equal(counts.verify, 2, 'each verify of a rate-limited token reaches keyward');

    await verifier.verify(client.token!);
    await verifier.verify(client.token!);
    assert.equal(counts.verify, 3, 'a login token is kept');
    await sleep(FALLBACK_CACHE_MS + 100);
    await verifier.verify(client.token!);
    assert.equal(counts.verify, 4, 'but not past 1 s, even with the stream connected');
  });

  void it('checks asked-for scopes against a cached answer as keyward would', async () => {
    const { client } = await signedUp(deployment.a);
    const minted = await client.generateToken({ scopes: ['agents:read'] });
    const { counts, fetch } = countingFetch();
    const verifier = open({ fetch });
    await until(() => verifier.streaming, 10_000, 'stream connected');
    const first = await refusal(verifier.verify(minted.token, { scopes: ['agents:write'] }));
    assert.deepEqual([first.status, first.code], [403, 'INSUFFICIENT_SCOPE']);
    await verifier.verify(minted.token, { scopes: ['agents:read'] });
    const cached = await refusal(verifier.verify(minted.token, { scopes: ['agents:write'] }));
    assert.deepEqual([cached.status, cached.code], [403, 'INSUFFICIENT_SCOPE']);
    await verifier.verify(minted.token);
    assert.equal(counts.verify, 2);
  });

  void it('keeps at most maxEntries answers, the least recently used going first', async () => {
    const { client } = await signedUp(deployment.a);
    const tokens = await Promise.all([1, 2, 3].map(() => client.generateToken()));
    const { counts, fetch } = countingFetch();
    const verifier = open({ fetch, maxEntries: 2 });
    // `hello` drops everything kept before it: start once it is heard.
    await until(() => verifier.streaming, 10_000, 'stream connected');
    await verifier.verify(tokens[0]!.token);
    await verifier.verify(tokens[1]!.token);
    await verifier.verify(tokens[0]!.token); // now the most recently used
    await verifier.verify(tokens[2]!.token); // pushes out tokens[1]
    assert.equal(verifier.size, 2);
    assert.equal(counts.verify, 3);
    await verifier.verify(tokens[0]!.token);
    assert.equal(counts.verify, 3);
    await verifier.verify(tokens[1]!.token);
    assert.equal(counts.verify, 4);
  });

  void it('without a connected stream keeps answers 1 s at most, and says so once', async () => {
    const { client } = await signedUp(deployment.a);
    const minted = await client.generateToken();
    const { counts, fetch } = countingFetch();
    const said: string[] = [];
    const verifier = open({
      fetch,
      eventStreamKey: 'not-the-key-but-long-enough-0123456789',
      reconnectMs: { min: 20, max: 50 },
      log: (message) => said.push(message),
    });
    await verifier.verify(minted.token);
    await verifier.verify(minted.token);
    assert.equal(counts.verify, 1);
    await sleep(FALLBACK_CACHE_MS + 100);
    await verifier.verify(minted.token);
    assert.equal(counts.verify, 2);
    assert.ok(counts.events > 3, `only ${counts.events} attempts to connect`);
    assert.equal(verifier.streaming, false);
    assert.deepEqual(said, [
      'keyward event stream unavailable: verify answers are cached for 1 s until it is back',
    ]);
  });
});

void describe('createVerifier while keyward restarts', () => {
  void it('falls back to 1 s, says so once, and reconnects by itself', async () => {
    const deployment = await startDeployment();
    const port = new URL(deployment.a.base).port;
    const said: string[] = [];
    const verifier = createVerifier({
      baseUrl: deployment.a.base,
      eventStreamKey: STREAM_KEY,
      reconnectMs: { min: 20, max: 100 },
      log: (message) => said.push(message),
    });
    let again: Awaited<ReturnType<typeof startKeyward>> | undefined;
    try {
      const { client } = await signedUp(deployment.a);
      const minted = await client.generateToken();
      await until(() => verifier.streaming, 10_000, 'stream connected');
      await verifier.verify(minted.token);
      assert.equal(verifier.size, 1);

      await stopServer(deployment.a.server);
      await until(() => !verifier.streaming, 10_000, 'stream lost');
      assert.equal(verifier.size, 0, 'what was kept while streaming is dropped');
      assert.equal((await refusal(verifier.verify(minted.token))).code, 'NETWORK_ERROR');
      await sleep(300); // several attempts to reconnect, all refused

      again = await startKeyward({ ...deployment.env, PORT: port });
      await until(() => verifier.streaming, 15_000, 'stream back');
      assert.equal((await verifier.verify(minted.token)).token_id, minted.id);
      assert.deepEqual(said, [
        'keyward event stream connected: verify answers are cached',
        'keyward event stream lost: verify answers are cached for 1 s until it is back',
        'keyward event stream connected: verify answers are cached',
      ]);
    } finally {
      verifier.close();
      await again?.close();
      await deployment.close();
    }
    assert.equal(verifier.streaming, false);
    assert.equal(said.length, 3, 'close() is not a loss');
  });
});
