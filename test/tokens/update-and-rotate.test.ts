// Changing an API token in place (PATCH) and replacing it with a new one that the old one
// overlaps for a grace period (rotate). Everything goes through the HTTP API of the in-process
// app; time is the fake clock's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { USER_AGENT, call, logIn, type Person, type Answer, type Json } from '../helpers/client.js';
import {
  DAY_MS,
  addMember,
  assertError,
  iso,
  listTokens,
  mint,
  revoke,
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

const HOUR_MS = 3_600_000;
const DEFAULT_GRACE_MS = HOUR_MS;
const MAX_GRACE_S = 604_800;

const patch = (person: Person, id: string, body: unknown): Promise<Answer> =>
  call(t, 'PATCH', `/api/v1/global/tokens/${id}`, person.token, body);
const rotate = (person: Person, id: string, body?: unknown): Promise<Answer> =>
  call(t, 'POST', `/api/v1/global/tokens/${id}/rotate`, person.token, body);
const verify = (token: string, body?: unknown): Promise<Answer> =>
  call(t, 'POST', '/api/v1/global/verify', token, body);

async function verified(token: string, label = ''): Promise<Json> {
  const r = await verify(token);
  assert.equal(r.status, 200, `${label}: ${r.text}`);
  return r.body.data as Json;
}

const refused = async (token: string, label: string) =>
  assertError(await verify(token), 401, 'INVALID_TOKEN', label);

async function rowOf(person: Person, id: string): Promise<Json | undefined> {
  const r = await listTokens(t, person.token, '?all=true');
  assert.equal(r.status, 200, r.text);
  return (r.body.tokens as Json[]).find((row) => row.id === id);
}

/** The newest audit event of `action` about `target`, read by an owner. */
async function auditEvent(owner: Person, action: string, target: string): Promise<Json> {
  const r = await call(t, 'GET', '/api/v1/global/audit-log?limit=100', owner.token);
  assert.equal(r.status, 200, r.text);
  const event = (r.body.events as Json[]).find(
    (e) => e.action === action && e.target_id === target,
  );
  assert.ok(event, `no ${action} event for ${target}`);
  return event;
}

void describe('PATCH /api/v1/global/tokens/:id', () => {
  void it('changes only the fields sent, answers the row, and verify answers the new values at once', async () => {
    const owner = await signUpOwner(t);
    const minted = await mint(t, owner.token, {
      name: 'before',
      scopes: ['agents:read'],
      metadata: { plan: 'free' },
      rate_limit: '100/1h',
    });
    const token = minted.token as string;
    const id = minted.id as string;
    // Verified first, so the answer is cached: the change must reach the cache.
    assert.deepEqual((await verified(token)).scopes, ['agents:read']);
    assertError(await verify(token, { scopes: ['agents:write'] }), 403, 'INSUFFICIENT_SCOPE');

    const r = await patch(owner, id, { scopes: ['agents:read', 'agents:write'] });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.message, 'API token updated');
    const row = r.body.token as Json;
    assert.equal(row.id, id);
    assert.equal(row.name, 'before');
    assert.deepEqual(row.scopes, ['agents:read', 'agents:write']);
    assert.deepEqual(row.metadata, { plan: 'free' });
    assert.equal(row.rate_limit, '100/1h');
    assert.equal(row.owner, 'user');
    assert.equal(row.hint, token.slice(-4));
    assert.deepEqual(await rowOf(owner, id), row);

    const data = (await verify(token, { scopes: ['agents:write'] })).body.data as Json;
    assert.deepEqual(data.scopes, ['agents:read', 'agents:write']);

    const renamed = await patch(owner, id, {
      name: 'after',
      metadata: { plan: 'pro', seats: 5 },
      rate_limit: '2/1m',
    });
    assert.equal(renamed.status, 200, renamed.text);
    assert.deepEqual(
      [renamed.body.token.name, renamed.body.token.metadata, renamed.body.token.rate_limit],
      ['after', { plan: 'pro', seats: 5 }, '2/1m'],
    );
    const after = await verified(token);
    assert.deepEqual(after.metadata, { plan: 'pro', seats: 5 });
    assert.deepEqual([after.rate_limit.limit, after.rate_limit.remaining], [2, 1]);
    await verified(token);
    assertError(await verify(token), 429, 'TOO_MANY_REQUESTS', 'new limit spent');
  });

  void it('null clears scopes, metadata and the rate limit; an empty body changes nothing', async () => {
    const owner = await signUpOwner(t);
    const minted = await mint(t, owner.token, {
      name: 'kept',
      scopes: ['agents:read'],
      metadata: { plan: 'pro' },
      rate_limit: '1/1d',
    });
    const id = minted.id as string;
    await verified(minted.token as string);
    assertError(await verify(minted.token as string), 429, 'TOO_MANY_REQUESTS');

    const same = await patch(owner, id, {});
    assert.equal(same.status, 200, same.text);
    assert.deepEqual(
      [
        same.body.token.name,
        same.body.token.scopes,
        same.body.token.metadata,
        same.body.token.rate_limit,
      ],
      ['kept', ['agents:read'], { plan: 'pro' }, '1/1d'],
    );

    const cleared = await patch(owner, id, { scopes: null, metadata: null, rate_limit: null });
    assert.equal(cleared.status, 200, cleared.text);
    assert.deepEqual(
      [
        cleared.body.token.name,
        cleared.body.token.scopes,
        cleared.body.token.metadata,
        cleared.body.token.rate_limit,
      ],
      ['kept', null, null, null],
    );
    // No limit any more, and unrestricted.
    for (let i = 0; i < 3; i++) {
      const data = (await verify(minted.token as string, { scopes: ['anything'] })).body
        .data as Json;
      assert.deepEqual([data.scopes, data.metadata, data.rate_limit], [null, null, null]);
    }
  });

  void it("is allowed to the token's holder and to the company's owners and admins", async () => {
    const owner = await signUpOwner(t);
    const admin = await addMember(t, owner, 'admin');
    const member = await addMember(t, owner, 'member');
    const held = await mint(t, member.token, {});
    for (const [who, name] of [
      [member, 'by-holder'],
      [admin, 'by-admin'],
      [owner, 'by-owner'],
    ] as const) {
      const r = await patch(who, held.id as string, { name });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.token.name, name);
    }
    const service = await mint(t, admin.token, { owner: 'workspace' });
    const r = await patch(owner, service.id as string, { rate_limit: '10/1s' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.token.owner, 'workspace');
  });

  void it('by a stranger, on a revoked token or an unknown id: 404 TOKEN_NOT_FOUND, nothing changed', async () => {
    const owner = await signUpOwner(t);
    const member = await addMember(t, owner, 'member');
    const otherMember = await addMember(t, owner, 'member');
    const outsider = await signUpOwner(t, 'Elsewhere');
    const held = await mint(t, member.token, { name: 'mine' });
    const service = await mint(t, owner.token, { owner: 'workspace', name: 'svc' });
    const cases: [Person, string, string][] = [
      [otherMember, held.id as string, "another member's token"],
      [member, service.id as string, "a member on the workspace's token"],
      [outsider, held.id as string, "another company's owner"],
      [outsider, service.id as string, "another company's owner, workspace token"],
      [owner, 'no-such-token', 'an unknown id'],
    ];
    for (const [who, id, label] of cases) {
      assertError(await patch(who, id, { name: 'taken' }), 404, 'TOKEN_NOT_FOUND', label);
    }
    assert.equal((await rowOf(owner, held.id as string))?.name, 'mine');
    assert.equal((await rowOf(owner, service.id as string))?.name, 'svc');

    assert.equal((await revoke(t, member.token, held.id as string)).status, 200);
    assertError(await patch(member, held.id as string, { name: 'x' }), 404, 'TOKEN_NOT_FOUND');
  });

  void it('refuses bad values with 400 VALIDATION_FAILED, changing nothing', async () => {
    const owner = await signUpOwner(t);
    const minted = await mint(t, owner.token, { name: 'n', scopes: ['a'], rate_limit: '5/1m' });
    const id = minted.id as string;
    for (const body of [
      { name: '' },
      { name: null },
      { name: 'x'.repeat(101) },
      { scopes: ['Bad'] },
      { scopes: ['a', 'a'] },
      { scopes: Array.from({ length: 33 }, (_, i) => `s${i}`) },
      { metadata: [] },
      { metadata: { k: 'x'.repeat(1017) } },
      { rate_limit: '5' },
      { rate_limit: '0/1m' },
      { rate_limit: '5/31d' },
      { owner: 'workspace' },
      { expires_in_days: 1 },
      { token_hash: 'x' },
    ]) {
      assertError(
        await patch(owner, id, body),
        400,
        'VALIDATION_FAILED',
        JSON.stringify(body).slice(0, 60),
      );
    }
    const row = await rowOf(owner, id);
    assert.deepEqual(
      [row?.name, row?.scopes, row?.metadata, row?.rate_limit, row?.owner],
      ['n', ['a'], null, '5/1m', 'user'],
    );
  });

  void it('records token_updated in the audit log', async () => {
    const owner = await signUpOwner(t);
    const minted = await mint(t, owner.token, {});
    assert.equal((await patch(owner, minted.id as string, { name: 'audited' })).status, 200);
    const event = await auditEvent(owner, 'token_updated', minted.id as string);
    assert.deepEqual(event.actor, { id: owner.id });
    assert.equal(event.user_agent, USER_AGENT);
  });
});

void describe('POST /api/v1/global/tokens/:id/rotate', () => {
  void it('answers a new token carrying everything the old one did; the old one works for an hour by default', async () => {
    const owner = await signUpOwner(t);
    const old = await mint(t, owner.token, {
      name: 'deploy',
      expires_in_days: 30,
      scopes: ['agents:read'],
      metadata: { plan: 'pro' },
      rate_limit: '100/1h',
    });
    const oldToken = old.token as string;
    await verified(oldToken, 'old, before');
    const now = t.clock.now();
    const r = await rotate(owner, old.id as string);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.message, 'API token rotated');
    assert.match(r.body.token, /^[0-9a-f]{64}$/);
    assert.notEqual(r.body.token, oldToken);
    assert.notEqual(r.body.id, old.id);
    assert.equal(r.body.name, 'deploy');
    assert.equal(r.body.expires_at, old.expires_at);
    assert.deepEqual(r.body.previous, { id: old.id, expires_at: iso(now + DEFAULT_GRACE_MS) });

    const fresh = await verified(r.body.token as string, 'new');
    assert.equal(fresh.token_id, r.body.id);
    assert.deepEqual(
      [fresh.owner, fresh.scopes, fresh.metadata, fresh.expires_at, fresh.rate_limit.limit],
      ['user', ['agents:read'], { plan: 'pro' }, old.expires_at, 100],
    );
    assert.equal(fresh.user.id, owner.id);
    assert.equal(fresh.workspace.id, owner.auth.workspace.id);

    // The old token: still good, answering its new end, until the grace is over.
    const during = await verified(oldToken, 'old, in grace');
    assert.equal(during.expires_at, iso(now + DEFAULT_GRACE_MS));
    t.clock.advance(DEFAULT_GRACE_MS - 1);
    await verified(oldToken, 'old, last millisecond of grace');
    t.clock.advance(1);
    await refused(oldToken, 'old, grace over');
    await verified(r.body.token as string, 'new, after the grace');

    // Both are listed until then; the old one with its new end.
    const listed = await rowOf(owner, old.id as string);
    assert.equal(listed?.expires_at, iso(now + DEFAULT_GRACE_MS));
    const next = await rowOf(owner, r.body.id as string);
    assert.deepEqual(
      [next?.name, next?.owner, next?.scopes, next?.metadata, next?.rate_limit, next?.expires_at],
      ['deploy', 'user', ['agents:read'], { plan: 'pro' }, '100/1h', old.expires_at],
    );
  });

  void it('takes grace_seconds; the grace never outlasts the old token', async () => {
    const owner = await signUpOwner(t);
    const old = await mint(t, owner.token, { expires_in_days: 1 });
    const now = t.clock.now();
    const longer = await rotate(owner, old.id as string, { grace_seconds: MAX_GRACE_S });
    assert.equal(longer.status, 200, longer.text);
    assert.equal(longer.body.previous.expires_at, iso(now + DAY_MS));
    assert.equal(longer.body.expires_at, iso(now + DAY_MS));

    const other = await mint(t, owner.token, {});
    const short = await rotate(owner, other.id as string, { grace_seconds: 90 });
    assert.equal(short.status, 200, short.text);
    assert.equal(short.body.previous.expires_at, iso(t.clock.now() + 90_000));
    assert.equal(short.body.expires_at, null);
    t.clock.advance(89_999);
    await verified(other.token as string, 'in grace');
    t.clock.advance(1);
    await refused(other.token as string, 'grace over');
  });

  void it('with grace_seconds 0 refuses the old token at once', async () => {
    const owner = await signUpOwner(t);
    const old = await mint(t, owner.token, { name: 'now' });
    // Cached before the rotation: the rotation must reach the cache.
    await verified(old.token as string);
    const r = await rotate(owner, old.id as string, { grace_seconds: 0 });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.previous.expires_at, iso(t.clock.now()));
    await refused(old.token as string, 'old');
    await verified(r.body.token as string, 'new');
    assert.equal(await rowOf(owner, old.id as string), undefined);
  });

  void it('rotates a workspace token into a workspace token', async () => {
    const owner = await signUpOwner(t);
    const admin = await addMember(t, owner, 'admin');
    const old = await mint(t, admin.token, { owner: 'workspace', scopes: ['billing:read'] });
    const r = await rotate(owner, old.id as string, { grace_seconds: 0 });
    assert.equal(r.status, 200, r.text);
    const data = await verified(r.body.token as string);
    assert.deepEqual(
      [data.owner, data.user, data.role, data.scopes],
      ['workspace', null, null, ['billing:read']],
    );
  });

  void it("on a revoked, expired, unknown or stranger's token: 404 TOKEN_NOT_FOUND", async () => {
    const owner = await signUpOwner(t);
    const member = await addMember(t, owner, 'member');
    const otherMember = await addMember(t, owner, 'member');
    const outsider = await signUpOwner(t, 'Elsewhere');

    const revoked = await mint(t, owner.token, {});
    assert.equal((await revoke(t, owner.token, revoked.id as string)).status, 200);
    assertError(await rotate(owner, revoked.id as string), 404, 'TOKEN_NOT_FOUND', 'revoked');

    const held = await mint(t, member.token, {});
    const service = await mint(t, owner.token, { owner: 'workspace' });
    for (const [who, id, label] of [
      [otherMember, held.id, "another member's"],
      [member, service.id, "the workspace's, by a member"],
      [outsider, held.id, "another company's"],
      [owner, 'no-such-token', 'unknown'],
    ] as [Person, string, string][]) {
      assertError(await rotate(who, id), 404, 'TOKEN_NOT_FOUND', label);
    }
    await verified(held.token as string, 'untouched');

    // A token that has reached its end, and the old token of a rotation once its grace is over.
    const expiring = await mint(t, owner.token, { expires_in_days: 1 });
    const rotated = await mint(t, owner.token, {});
    assert.equal((await rotate(owner, rotated.id as string, { grace_seconds: 60 })).status, 200);
    t.clock.advance(DAY_MS);
    const later = await logIn(t, owner.email);
    assertError(await rotate(later, expiring.id as string), 404, 'TOKEN_NOT_FOUND', 'expired');
    assertError(await rotate(later, rotated.id as string), 404, 'TOKEN_NOT_FOUND', 'grace over');
  });

  void it('refuses grace_seconds out of 0..604800 with 400 VALIDATION_FAILED, rotating nothing', async () => {
    const owner = await signUpOwner(t);
    const old = await mint(t, owner.token, {});
    for (const body of [
      { grace_seconds: -1 },
      { grace_seconds: MAX_GRACE_S + 1 },
      { grace_seconds: 1.5 },
      { grace_seconds: '60' },
      { grace_seconds: null },
      { grace: 60 },
    ]) {
      assertError(
        await rotate(owner, old.id as string, body),
        400,
        'VALIDATION_FAILED',
        JSON.stringify(body),
      );
    }
    const rows = (await listTokens(t, owner.token)).body.tokens as Json[];
    assert.deepEqual(
      rows.map((row) => [row.id, row.expires_at]),
      [[old.id, null]],
    );
  });

  void it('records token_rotated in the audit log, about the old token', async () => {
    const owner = await signUpOwner(t);
    const old = await mint(t, owner.token, {});
    assert.equal((await rotate(owner, old.id as string)).status, 200);
    const event = await auditEvent(owner, 'token_rotated', old.id as string);
    assert.deepEqual(event.actor, { id: owner.id });
  });
});
