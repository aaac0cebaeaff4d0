// What an API token can carry: scopes, metadata, a rate limit and an owner (a person or the
// workspace). Everything goes through the HTTP API of the in-process app; time is the fake
// clock's. With REDIS_URL set, rate limits are counted in Redis, as on a scaled-out deployment.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { MAX_WINDOW_SECONDS } from '../../src/lib/windows.js';
import { call, generateToken, type Answer, type Json, type Person } from '../helpers/client.js';
import { sleep } from '../helpers/load.js';
import {
  DAY_MS,
  addMember,
  assertError,
  createWorkspace,
  iso,
  listTokens,
  mint,
  removeMember,
  switchTo,
  signUpOwner,
} from '../helpers/people.js';
import { ownRedisBudgets } from '../helpers/own-redis.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const redis = ownRedisBudgets();
let t: TestApp;
before(async () => {
  t = await createTestApp(redis.env);
});
after(async () => {
  await t.close();
  await redis.forget();
});

const MINUTE_MS = 60_000;

const verifyAsking = (token: string, body?: unknown): Promise<Answer> =>
  call(t, 'POST', '/api/v1/global/verify', token, body);

async function verified(token: string, body?: unknown): Promise<Json> {
  const r = await verifyAsking(token, body);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.message, 'Token is valid');
  return r.body.data as Json;
}

async function listed(person: Person, id: string, query = ''): Promise<Json | undefined> {
  const r = await listTokens(t, person.token, query);
  assert.equal(r.status, 200, r.text);
  return (r.body.tokens as Json[]).find((row) => row.id === id);
}

/** A verify that sends the token without going through `call`, to read the headers. */
async function verifyWithHeaders(token: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/global/verify',
    headers: { token },
  });
  return { status: response.statusCode, body: response.json<Json>(), headers: response.headers };
}

void describe('generate-token: scopes, metadata, rate_limit and owner', () => {
  void it('stores them, and verify answers them with expires_at', async () => {
    const owner = await signUpOwner(t);
    const now = t.clock.now();
    const minted = await mint(t, owner.token, {
      name: 'agents',
      expires_in_days: 30,
      scopes: ['agents:read', 'agents:write'],
      metadata: { plan: 'pro', customer: 'cus_42', seats: 3, tags: ['a'] },
      rate_limit: '1000/1m',
    });
    const data = await verified(minted.token as string);
    assert.equal(data.token_type, 'api');
    assert.equal(data.token_id, minted.id);
    assert.equal(data.owner, 'user');
    assert.deepEqual(data.scopes, ['agents:read', 'agents:write']);
    assert.deepEqual(data.metadata, { plan: 'pro', customer: 'cus_42', seats: 3, tags: ['a'] });
    assert.equal(data.expires_at, iso(now + 30 * DAY_MS));
    assert.equal(data.user.id, owner.id);
    assert.equal(data.role, 'owner');
    assert.equal(data.rate_limit.limit, 1000);
    assert.equal(data.rate_limit.remaining, 999);
    assert.ok(data.rate_limit.reset >= 1 && data.rate_limit.reset <= 60, data.rate_limit.reset);
  });

  void it('a token made without them is unrestricted, has no metadata, no limit and no end', async () => {
    const owner = await signUpOwner(t);
    for (const body of [{}, { scopes: null, metadata: null, rate_limit: null, owner: 'user' }]) {
      const minted = await mint(t, owner.token, body);
      const r = await verifyWithHeaders(minted.token as string);
      assert.equal(r.status, 200);
      const data = r.body.data as Json;
      assert.deepEqual(
        [data.owner, data.scopes, data.metadata, data.rate_limit, data.expires_at],
        ['user', null, null, null, null],
      );
      assert.equal(r.headers['ratelimit-limit'], undefined);
      // Unrestricted: it holds any scope asked for.
      await verified(minted.token as string, { scopes: ['anything:at-all'] });
    }
  });

  void it("a login token answers owner user, nulls, and its session's end as expires_at", async () => {
    const owner = await signUpOwner(t);
    const data = await verified(owner.token, { scopes: ['agents:write'] });
    assert.equal(data.token_type, 'login');
    assert.deepEqual(
      [data.owner, data.scopes, data.metadata, data.rate_limit],
      ['user', null, null, null],
    );
    assert.equal(typeof data.expires_at, 'string');
    assert.ok(Date.parse(data.expires_at as string) > t.clock.now());
  });

  void it('takes the largest values allowed: 32 scopes of 64 characters, 1 KiB of metadata', async () => {
    const owner = await signUpOwner(t);
    const scopes = Array.from(
      { length: 32 },
      (_, i) => `s${i}:` + 'x'.repeat(62 - String(i).length),
    );
    assert.ok(scopes.every((scope) => scope.length === 64));
    // {"k":"…"} is 8 bytes around the value: 1016 more make exactly 1024.
    const metadata = { k: 'x'.repeat(1016) };
    assert.equal(Buffer.byteLength(JSON.stringify(metadata)), 1024);
    const minted = await mint(t, owner.token, {
      scopes,
      metadata,
      rate_limit: `1000000000/${MAX_WINDOW_SECONDS / 86_400}d`,
    });
    const data = await verified(minted.token as string);
    assert.deepEqual(data.scopes, scopes);
    assert.deepEqual(data.metadata, metadata);
    assert.equal(data.rate_limit.limit, 1_000_000_000);
  });

  void it('refuses each bad scopes, metadata, rate_limit or owner with 400 VALIDATION_FAILED, minting nothing', async () => {
    const owner = await signUpOwner(t);
    const bad: Json[] = [
      { scopes: 'agents:read' },
      { scopes: [''] },
      { scopes: ['Agents:read'] },
      { scopes: ['_agents'] },
      { scopes: ['agents read'] },
      { scopes: ['agents/read'] },
      { scopes: ['a'.repeat(65)] },
      { scopes: [42] },
      { scopes: [null] },
      { scopes: ['agents:read', 'agents:read'] },
      { scopes: Array.from({ length: 33 }, (_, i) => `s${i}`) },
      { scopes: {} },
      { metadata: [] },
      { metadata: 'plan=pro' },
      { metadata: 1 },
      { metadata: true },
      { metadata: { k: 'x'.repeat(1017) } },
      // Bytes, not characters: 600 two-byte characters are over 1 KiB.
      { metadata: { k: 'é'.repeat(600) } },
      { rate_limit: '1000' },
      { rate_limit: '1000/' },
      { rate_limit: '/1m' },
      { rate_limit: '0/1m' },
      { rate_limit: '-1/1m' },
      { rate_limit: '10/0s' },
      { rate_limit: '10/31d' },
      { rate_limit: '10/1w' },
      { rate_limit: '1.5/1m' },
      { rate_limit: '10/1.5m' },
      { rate_limit: '10 / 1m' },
      { rate_limit: '1000000001/1m' },
      { rate_limit: '10/1M' },
      { rate_limit: 1000 },
      { rate_limit: '' },
      { owner: 'team' },
      { owner: 'WORKSPACE' },
      { owner: '' },
      { owner: null },
      { owner: 1 },
    ];
    const before = (await listTokens(t, owner.token)).body.tokens as Json[];
    for (const body of bad) {
      const r = await call(t, 'POST', '/api/v1/global/generate-token', owner.token, body);
      assertError(r, 400, 'VALIDATION_FAILED', JSON.stringify(body).slice(0, 80));
    }
    const after = (await listTokens(t, owner.token)).body.tokens as Json[];
    assert.equal(after.length, before.length);
  });

  void it('a member may make their own tokens but not a workspace token (403 FORBIDDEN)', async () => {
    const owner = await signUpOwner(t);
    const member = await addMember(t, owner, 'member');
    const r = await call(t, 'POST', '/api/v1/global/generate-token', member.token, {
      owner: 'workspace',
    });
    assertError(r, 403, 'FORBIDDEN', 'member');
    const own = await mint(t, member.token, { owner: 'user', scopes: ['agents:read'] });
    assert.equal((await verified(own.token as string)).user.id, member.id);
    const rows = (await listTokens(t, owner.token, '?all=true')).body.tokens as Json[];
    assert.deepEqual(
      rows.filter((row) => row.owner === 'workspace'),
      [],
    );
  });
});

void describe('verify: scopes asked for', () => {
  void it('passes a restricted token that holds every scope asked for, else 403 INSUFFICIENT_SCOPE', async () => {
    const owner = await signUpOwner(t);
    const minted = await mint(t, owner.token, { scopes: ['agents:read', 'agents:write'] });
    const token = minted.token as string;
    await verified(token);
    await verified(token, {});
    await verified(token, { scopes: [] });
    await verified(token, { scopes: ['agents:read'] });
    await verified(token, { scopes: ['agents:write', 'agents:read'] });
    for (const scopes of [['agents:admin'], ['agents:read', 'agents:admin'], ['agents']]) {
      assertError(
        await verifyAsking(token, { scopes }),
        403,
        'INSUFFICIENT_SCOPE',
        scopes.join(','),
      );
    }
  });

  void it('a token with an empty list of scopes holds none', async () => {
    const owner = await signUpOwner(t);
    const minted = await mint(t, owner.token, { scopes: [] });
    assert.deepEqual((await verified(minted.token as string)).scopes, []);
    assertError(
      await verifyAsking(minted.token as string, { scopes: ['agents:read'] }),
      403,
      'INSUFFICIENT_SCOPE',
    );
  });

  void it('refuses a malformed scopes request with 400 VALIDATION_FAILED', async () => {
    const owner = await signUpOwner(t);
    const minted = await mint(t, owner.token, { scopes: ['agents:read'] });
    for (const body of [
      { scopes: 'agents:read' },
      { scopes: [1] },
      { scopes: Array.from({ length: 33 }, (_, i) => `s${i}`) },
      { scopes: ['x'.repeat(65)] },
      { scope: ['agents:read'] },
    ]) {
      assertError(
        await verifyAsking(minted.token as string, body),
        400,
        'VALIDATION_FAILED',
        JSON.stringify(body).slice(0, 60),
      );
    }
  });

  void it('an unknown token asking for scopes is 401 INVALID_TOKEN, not 403', async () => {
    assertError(
      await verifyAsking(randomBytes(32).toString('hex'), { scopes: ['agents:read'] }),
      401,
      'INVALID_TOKEN',
    );
  });
});

void describe('workspace tokens', () => {
  async function company() {
    const owner = await signUpOwner(t);
    const admin = await addMember(t, owner, 'admin');
    const member = await addMember(t, owner, 'member');
    return { owner, admin, member };
  }

  void it('are made by owners and admins, and verify answers them with user and role null', async () => {
    const { owner, admin } = await company();
    for (const maker of [owner, admin]) {
      const minted = await mint(t, maker.token, {
        owner: 'workspace',
        name: 'billing-service',
        scopes: ['invoices:read'],
      });
      const data = await verified(minted.token as string);
      assert.equal(data.token_type, 'api');
      assert.equal(data.owner, 'workspace');
      assert.equal(data.user, null);
      assert.equal(data.role, null);
      assert.equal(data.company.id, owner.auth.company.id);
      assert.equal(data.workspace.id, owner.auth.workspace.id);
      assert.deepEqual(data.scopes, ['invoices:read']);
      const me = await call(t, 'GET', '/api/v1/global/me', minted.token as string);
      assert.equal(me.status, 200, me.text);
      assert.deepEqual([me.body.auth.user, me.body.auth.role], [null, null]);
      const row = await listed(owner, minted.id as string);
      assert.equal(row?.owner, 'workspace');
      assert.deepEqual(row?.created_by, { id: maker.id, email: maker.email });
    }
  });

  void it("are listed for the workspace's owners and admins, not for members; ?all=true lists every workspace's", async () => {
    const { owner: first, admin, member } = await company();
    const here = await mint(t, admin.token, { owner: 'workspace' });
    const otherWorkspace = await createWorkspace(t, first, 'Other');
    // Switching ends the session it came from: back again with a new one.
    const ownerThere = await switchTo(t, first, otherWorkspace);
    const there = await mint(t, ownerThere.token, { owner: 'workspace' });
    const owner = await switchTo(t, ownerThere, first.auth.workspace.id as string);
    assert.ok(await listed(owner, here.id as string));
    assert.ok(await listed(admin, here.id as string));
    assert.equal(await listed(member, here.id as string), undefined);
    assert.equal(await listed(owner, there.id as string), undefined);
    assert.ok(await listed(owner, there.id as string, '?all=true'));
  });

  void it('stay valid after their creator is removed from the company', async () => {
    const { owner, admin } = await company();
    const service = await mint(t, admin.token, { owner: 'workspace' });
    const personal = await mint(t, admin.token, {});
    await verified(service.token as string);
    await verified(personal.token as string);
    assert.equal((await removeMember(t, owner, admin.id)).status, 200);
    assertError(await verifyAsking(personal.token as string), 401, 'INVALID_TOKEN', 'personal');
    const data = await verified(service.token as string);
    assert.deepEqual([data.owner, data.user, data.role], ['workspace', null, null]);
    // Still listed, still made by that person (whose account is still there).
    const row = await listed(owner, service.id as string);
    assert.deepEqual(row?.created_by, { id: admin.id, email: admin.email });
  });

  void it('stay valid after their creator deletes the account; created_by becomes null', async () => {
    const { owner, admin } = await company();
    const service = await mint(t, admin.token, { owner: 'workspace' });
    const personal = await mint(t, admin.token, {});
    await verified(service.token as string);
    const deleted = await call(t, 'DELETE', '/api/v1/global/me', admin.token);
    assert.equal(deleted.status, 200, deleted.text);
    assertError(await verifyAsking(personal.token as string), 401, 'INVALID_TOKEN', 'personal');
    assert.equal((await verified(service.token as string)).owner, 'workspace');
    const row = await listed(owner, service.id as string);
    assert.equal(row?.created_by, null);
  });

  void it('die with their company (its last owner deleting the account)', async () => {
    const owner = await signUpOwner(t);
    const service = await mint(t, owner.token, { owner: 'workspace' });
    // Verified once, so this instance has the answer cached: the deletion must reach it too.
    await verified(service.token as string);
    const deleted = await call(t, 'DELETE', '/api/v1/global/me', owner.token);
    assert.equal(deleted.status, 200, deleted.text);
    assertError(await verifyAsking(service.token as string), 401, 'INVALID_TOKEN', 'company gone');
  });

  void it('die with their workspace', async () => {
    const owner = await signUpOwner(t);
    const kept = await mint(t, owner.token, { owner: 'workspace' });
    const otherWorkspace = await createWorkspace(t, owner, 'Doomed');
    const ownerThere = await switchTo(t, owner, otherWorkspace);
    const doomed = await mint(t, ownerThere.token, { owner: 'workspace' });
    await verified(doomed.token as string);
    // No route deletes a workspace yet: the store does, as an operator would. Past the verify
    // cache's time, the next verify reads the store.
    await t.store.db.deleteFrom('workspaces').where('id', '=', otherWorkspace).execute();
    t.clock.advance(MINUTE_MS);
    assertError(await verifyAsking(doomed.token as string), 401, 'INVALID_TOKEN', 'workspace gone');
    await verified(kept.token as string);
  });
});

void describe('per-token rate limit on verify', () => {
  void it('answers data.rate_limit on every 200, then 429 with Retry-After and RateLimit-*, and 200 again in the next window', async () => {
    const owner = await signUpOwner(t);
    const minted = await mint(t, owner.token, { rate_limit: '3/1m' });
    const token = minted.token as string;
    for (const remaining of [2, 1, 0]) {
      const r = await verifyWithHeaders(token);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const limit = r.body.data.rate_limit as Json;
      assert.deepEqual([limit.limit, limit.remaining], [3, remaining]);
      assert.ok(limit.reset >= 1 && limit.reset <= 60, String(limit.reset));
      assert.equal(r.headers['ratelimit-limit'], '3');
      assert.equal(r.headers['ratelimit-remaining'], String(remaining));
      assert.equal(r.headers['ratelimit-reset'], String(limit.reset));
    }
    const refused = await verifyWithHeaders(token);
    assert.deepEqual(
      [refused.status, refused.body.error, refused.body.message],
      [429, true, 'TOO_MANY_REQUESTS'],
    );
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, String(refused.headers['retry-after']));
    assert.equal(refused.headers['ratelimit-limit'], '3');
    assert.equal(refused.headers['ratelimit-remaining'], '0');
    assert.equal(refused.headers['ratelimit-reset'], String(retryAfter));
    // Still refused in the window's last second.
    t.clock.advance((retryAfter - 1) * 1000);
    assertError(await verifyAsking(token), 429, 'TOO_MANY_REQUESTS', 'last second');
    // The next window: a fresh budget.
    t.clock.advance(MINUTE_MS);
    const again = await verified(token);
    assert.equal(again.rate_limit.limit, 3);
    assert.equal(again.rate_limit.remaining, 2);
  });

  void it('holds over the longest window accepted, and refuses a longer one', async () => {
    const owner = await signUpOwner(t);
    const days = MAX_WINDOW_SECONDS / 86_400;
    const token = (await mint(t, owner.token, { rate_limit: `1/${days}d` })).token as string;
    await verified(token);
    // Counts in memory are forgotten by timers; one longer than Node's timers can wait would fire
    // at once, and the next verify would find a fresh budget.
    await sleep(20);
    assertError(await verifyAsking(token), 429, 'TOO_MANY_REQUESTS', `1/${days}d spent`);
    const longer = await generateToken(t, owner.token, { rate_limit: `1/${days + 1}d` });
    assertError(longer, 400, 'VALIDATION_FAILED', `1/${days + 1}d`);
  });

  void it('still limits a token stored with a window of up to 30 days (allowed before)', async () => {
    const owner = await signUpOwner(t);
    const minted = await mint(t, owner.token);
    await t.store.db
      .updateTable('api_tokens')
      .set({ rate_limit: '1/30d' })
      .where('id', '=', minted.id as string)
      .execute();
    const token = minted.token as string;
    assert.equal((await verified(token)).rate_limit.remaining, 0);
    await sleep(20);
    assertError(await verifyAsking(token), 429, 'TOO_MANY_REQUESTS', 'stored 1/30d spent');
  });

  void it('counts each token on its own', async () => {
    const owner = await signUpOwner(t);
    const first = (await mint(t, owner.token, { rate_limit: '1/1h' })).token as string;
    const second = (await mint(t, owner.token, { rate_limit: '1/1h' })).token as string;
    await verified(first);
    assertError(await verifyAsking(first), 429, 'TOO_MANY_REQUESTS', 'first spent');
    assert.equal((await verified(second)).rate_limit.remaining, 0);
  });

  void it('a verify refused for another reason spends nothing', async () => {
    const owner = await signUpOwner(t);
    const minted = await mint(t, owner.token, { rate_limit: '2/1h', scopes: ['agents:read'] });
    const token = minted.token as string;
    for (let i = 0; i < 5; i++) {
      assertError(
        await verifyAsking(token, { scopes: ['agents:write'] }),
        403,
        'INSUFFICIENT_SCOPE',
      );
      assertError(await verifyAsking(token, { scopes: 'agents:read' }), 400, 'VALIDATION_FAILED');
    }
    assert.equal((await verified(token, { scopes: ['agents:read'] })).rate_limit.remaining, 1);
    assert.equal((await verified(token)).rate_limit.remaining, 0);
    assertError(await verifyAsking(token), 429, 'TOO_MANY_REQUESTS');
    // Once spent, a scope still missing is the answer that says so, and spends nothing more.
    assertError(await verifyAsking(token, { scopes: ['agents:write'] }), 403, 'INSUFFICIENT_SCOPE');
  });

  void it('the verify cache never skips the count', async () => {
    const owner = await signUpOwner(t);
    const token = (await mint(t, owner.token, { rate_limit: '5/1h' })).token as string;
    // The clock stands still: every verify after the first is answered from the cache.
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) remaining.push((await verified(token)).rate_limit.remaining);
    assert.deepEqual(remaining, [4, 3, 2, 1, 0]);
    assertError(await verifyAsking(token), 429, 'TOO_MANY_REQUESTS');
  });

  void it('concurrent verifies admit exactly the limit', async () => {
    const owner = await signUpOwner(t);
    const token = (await mint(t, owner.token, { rate_limit: '20/1h' })).token as string;
    const answers = await Promise.all(Array.from({ length: 50 }, () => verifyAsking(token)));
    const statuses = answers.map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 200).length, 20);
    assert.equal(statuses.filter((s) => s === 429).length, 30);
  });

  void it('a workspace token has a rate limit too', async () => {
    const owner = await signUpOwner(t);
    const token = (await mint(t, owner.token, { owner: 'workspace', rate_limit: '1/1d' }))
      .token as string;
    assert.equal((await verified(token)).rate_limit.remaining, 0);
    assertError(await verifyAsking(token), 429, 'TOO_MANY_REQUESTS');
    t.clock.advance(DAY_MS);
    assert.equal((await verified(token)).rate_limit.remaining, 0);
  });
});

void describe('listings carry the new fields', () => {
  void it('owner, scopes, metadata and the rate limit in its string form', async () => {
    const owner = await signUpOwner(t);
    const restricted = await mint(t, owner.token, {
      scopes: ['agents:read'],
      metadata: { plan: 'pro' },
      rate_limit: '100/1h',
    });
    const service = await mint(t, owner.token, { owner: 'workspace', rate_limit: '5/30s' });
    const plain = await mint(t, owner.token, {});
    for (const query of ['', '?all=true']) {
      const rows = (await listTokens(t, owner.token, query)).body.tokens as Json[];
      const byId = new Map(rows.map((row) => [row.id as string, row]));
      const pick = (row: Json | undefined) => [
        row?.owner,
        row?.scopes,
        row?.metadata,
        row?.rate_limit,
      ];
      assert.deepEqual(pick(byId.get(restricted.id as string)), [
        'user',
        ['agents:read'],
        { plan: 'pro' },
        '100/1h',
      ]);
      assert.deepEqual(pick(byId.get(service.id as string)), ['workspace', null, null, '5/30s']);
      assert.deepEqual(pick(byId.get(plain.id as string)), ['user', null, null, null]);
    }
  });
});
