// GET /api/v1/global/events: off without keys, the key in the `token` header, `hello` first, and
// the event each change causes, read over real HTTP from a listening app.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';
import { call, logIn } from '../helpers/client.js';
import {
  addMember,
  assertError,
  createWorkspace,
  mint,
  patchMember,
  removeMember,
  revoke,
  signUpOwner,
  switchTo,
} from '../helpers/people.js';
import { SseReader, type StreamEvent } from '../helpers/sse.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const KEY = 'k'.repeat(40);
const OTHER_KEY = 'o'.repeat(32);
const EVENTS = '/api/v1/global/events';

async function listening(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

void describe('event stream: off', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  void it('answers 404 NOT_FOUND while EVENT_STREAM_KEYS is unset, key or not', async () => {
    assertError(await call(t, 'GET', EVENTS), 404, 'NOT_FOUND');
    assertError(await call(t, 'GET', EVENTS, KEY), 404, 'NOT_FOUND');
  });
});

void describe('event stream: settings', () => {
  void it('refuses to start with a key under 32 characters', () => {
    assert.throws(
      () => loadConfig({ EVENT_STREAM_KEYS: `${KEY},short-key` }),
      (err: unknown) => err instanceof ConfigError && /key 2 is too short/.test(err.message),
    );
    assert.deepEqual(loadConfig({ EVENT_STREAM_KEYS: ` ${KEY} , ${OTHER_KEY}` }).eventStreamKeys, [
      KEY,
      OTHER_KEY,
    ]);
  });
});

void describe('event stream: on', () => {
  let t: TestApp;
  let base: string;
  const readers: SseReader[] = [];
  const open = async (key: string | undefined = KEY) => {
    const reader = await SseReader.open(base, key);
    readers.push(reader);
    return reader;
  };
  /** Opens a stream once the server has noticed that earlier ones closed (their slots are free). */
  const openWhenFree = async () => {
    for (let i = 0; ; i++) {
      const reader = await open();
      if (reader.status !== 503 || i === 100) return reader;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  before(async () => {
    t = await createTestApp(
      { EVENT_STREAM_KEYS: `${KEY},${OTHER_KEY}`, EVENT_STREAM_MAX_CONNECTIONS: '3' },
      { eventStreamPingMs: 100 },
    );
    base = await listening(t);
  });
  after(async () => {
    for (const reader of readers) reader.close();
    await t.close();
  });

  void it('wants a key: none is 400 TOKEN_REQUIRED, a wrong one 401 INVALID_TOKEN', async () => {
    assertError(await call(t, 'GET', EVENTS), 400, 'TOKEN_REQUIRED');
    for (const wrong of [KEY.slice(1), `${KEY}k`, 'x', KEY.toUpperCase()]) {
      assertError(await call(t, 'GET', EVENTS, wrong), 401, 'INVALID_TOKEN', wrong);
    }
    // Over real HTTP too, and any of the keys opens it.
    const refused = await open('x'.repeat(40));
    assert.equal(refused.status, 401);
    assert.equal(((await refused.response.json()) as { message: string }).message, 'INVALID_TOKEN');
    const second = await open(OTHER_KEY);
    assert.equal(second.status, 200);
    second.close();
  });

  void it('answers HEAD without holding a connection', async () => {
    const head = await t.app.inject({ method: 'HEAD', url: EVENTS, headers: { token: KEY } });
    assert.equal(head.statusCode, 200);
    assert.match(String(head.headers['content-type']), /^text\/event-stream/);
  });

  void it('starts with hello and max_cache_ms, numbers its events, and pings', async () => {
    const reader = await open();
    assert.equal(reader.status, 200);
    assert.match(reader.response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.ok(reader.response.headers.get('x-request-id'));
    const hello = await reader.next(() => true);
    assert.equal(hello.type, 'hello');
    assert.equal(typeof hello.data.max_cache_ms, 'number');
    assert.ok((hello.data.max_cache_ms as number) > 0);
    const pings = [
      await reader.next((e) => e.type === 'ping'),
      await reader.next((e) => e.type === 'ping', 5000, reader.events.length),
    ];
    assert.deepEqual(pings[0]!.data, {});
    const ids = reader.events.map((e) => Number(e.id));
    assert.ok(
      ids.every((id, i) => i === 0 || id > ids[i - 1]!),
      `ids ${ids.join(',')}`,
    );
    reader.close();
  });

  void it('refuses a connection past EVENT_STREAM_MAX_CONNECTIONS with 503 and Retry-After', async () => {
    // Earlier tests' readers have closed; wait until the server has seen them go.
    const held = [await open(), await open(), await open()];
    for (const reader of held) await reader.next((e) => e.type === 'hello');
    const refused = await open();
    assert.equal(refused.status, 503);
    assert.ok(Number(refused.response.headers.get('retry-after')) > 0);
    const body = (await refused.response.json()) as { error: boolean; message: string };
    assert.deepEqual([body.error, body.message], [true, 'SERVICE_UNAVAILABLE']);
    held[0]!.close();
    const again = await openWhenFree();
    assert.equal(again.status, 200);
    for (const reader of [...held, again]) reader.close();
  });

  void it('carries the event of every change that makes a verify answer stale', async () => {
    const reader = await openWhenFree();
    await reader.next((e) => e.type === 'hello');
    const expect = async (type: string, data: Record<string, unknown>) => {
      const event = await reader.next(
        (e: StreamEvent) => e.type === type && JSON.stringify(e.data) === JSON.stringify(data),
      );
      assert.ok(event, `${type} ${JSON.stringify(data)}`);
    };

    const owner = await signUpOwner(t);
    const companyId = owner.auth.company.id as string;

    // Revoke, PATCH, rotate with a grace, rotate with none.
    const revoked = await mint(t, owner.token);
    assert.equal((await revoke(t, owner.token, revoked.id as string)).status, 200);
    await expect('token.revoked', { token_id: revoked.id });
    const patched = await mint(t, owner.token);
    const patch = await call(t, 'PATCH', `/api/v1/global/tokens/${patched.id}`, owner.token, {
      name: 'renamed',
    });
    assert.equal(patch.status, 200, patch.text);
    await expect('token.updated', { token_id: patched.id });
    const graced = await call(
      t,
      'POST',
      `/api/v1/global/tokens/${patched.id}/rotate`,
      owner.token,
      {
        grace_seconds: 60,
      },
    );
    assert.equal(graced.status, 200, graced.text);
    await expect('token.updated', { token_id: patched.id });
    const rotated = await call(
      t,
      'POST',
      `/api/v1/global/tokens/${graced.body.id}/rotate`,
      owner.token,
      { grace_seconds: 0 },
    );
    assert.equal(rotated.status, 200, rotated.text);
    await expect('token.revoked', { token_id: graced.body.id });

    // Logout, and a switch of workspace, end sessions.
    const again = await logIn(t, owner.email);
    assert.equal((await call(t, 'POST', '/api/logout', again.token)).status, 200);
    await expect('session.ended', { session_id: again.auth.session.id });
    const other = await createWorkspace(t, owner, 'Other');
    const moved = await switchTo(t, owner, other);
    await expect('session.ended', { session_id: owner.auth.session.id });

    // A member's role changed, suspended, then removed (sessions and tokens with them).
    const member = await addMember(t, moved, 'member');
    const memberToken = await mint(t, member.token);
    const changed = { user_id: member.id, company_id: companyId };
    assert.equal((await patchMember(t, moved, member.id, { role: 'admin' })).status, 200);
    await expect('member.changed', changed);
    const before = reader.events.length;
    assert.equal((await patchMember(t, moved, member.id, { disabled: true })).status, 200);
    await reader.next((e) => e.type === 'member.changed', 5000, before);
    assert.equal((await removeMember(t, moved, member.id)).status, 200);
    await expect('session.ended', { session_id: member.auth.session.id });
    await expect('token.revoked', { token_id: memberToken.id });

    // An account deleted, alone in its company: the user and the company's workspaces.
    const loner = await signUpOwner(t, 'Solo', 'Only');
    assert.equal((await call(t, 'DELETE', '/api/v1/global/me', loner.token)).status, 200);
    await expect('user.changed', { user_id: loner.id });
    await expect('workspace.changed', { workspace_id: loner.auth.workspace.id });

    // Ids only: no token, hash or address ever.
    const wire = JSON.stringify(reader.events);
    assert.ok(!wire.includes(owner.email) && !wire.includes(String(revoked.token)), wire);
    reader.close();
  });

  void it('ends open streams when the app closes, without waiting for the grace', async () => {
    const extra = await createTestApp({ EVENT_STREAM_KEYS: KEY });
    const extraBase = await listening(extra);
    const reader = await SseReader.open(extraBase, KEY);
    await reader.next((e) => e.type === 'hello');
    const started = performance.now();
    await extra.close();
    await reader.closed();
    console.log(
      `app.close() with an open stream took ${Math.round(performance.now() - started)} ms`,
    );
  });
});
