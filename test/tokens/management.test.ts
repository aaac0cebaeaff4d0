// API token management: names and expiry, the listing, revocation, buffered last-used times, and
// tokens dying with their owner's membership or account. Everything goes through the HTTP API;
// the store is read only to prove what verify did NOT write. All time is the fake clock's.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  DAY_MS,
  addMember,
  assertError,
  assertVerifies,
  createWorkspace,
  iso,
  listTokens,
  listedIds,
  mint,
  revoke,
  sha256Hex,
  signUpOwner,
  sortedIds,
  switchTo,
  verify,
} from '../helpers/people.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createTestDatabase } from '../helpers/test-database.js';
import {
  call,
  logIn,
  uniqueEmail,
  type Json,
  type Method,
  type Person,
} from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

void describe('generate-token: name and expires_in_days', () => {
  void it('takes a name and an expiry in days and answers them with the token and its id', async () => {
    const owner = await signUpOwner(t);
    const now = t.clock.now();
    const r = await call(t, 'POST', ROUTES.generateToken, owner.token, {
      name: 'ci-deploy',
      expires_in_days: 30,
    });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.message, 'API token generated successfully');
    assert.match(r.body.token, /^[0-9a-f]{64}$/);
    assert.equal(typeof r.body.id, 'string');
    assert.equal(r.body.name, 'ci-deploy');
    assert.equal(r.body.expires_at, iso(now + 30 * DAY_MS));
  });

  void it('defaults to no name and no expiry', async () => {
    const owner = await signUpOwner(t);
    for (const body of [undefined, {}]) {
      const r = await call(t, 'POST', ROUTES.generateToken, owner.token, body);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.name, null);
      assert.equal(r.body.expires_at, null);
    }
  });

  void it('refuses a name or expiry out of range with 400 VALIDATION_FAILED', async () => {
    const owner = await signUpOwner(t);
    for (const body of [
      { expires_in_days: 0 },
      { expires_in_days: 3651 },
      { expires_in_days: 1.5 },
      { expires_in_days: '7' },
      { expires_in_days: null },
      { name: '' },
      { name: 'x'.repeat(101) },
      { name: 42 },
    ]) {
      const r = await call(t, 'POST', ROUTES.generateToken, owner.token, body);
      assertError(r, 400, 'VALIDATION_FAILED', JSON.stringify(body));
    }
    assert.deepEqual(await listedIds(t, owner.token), [], 'nothing was minted');
  });

  void it('accepts the edges 1 and 3650 days', async () => {
    const owner = await signUpOwner(t);
    const now = t.clock.now();
    assert.equal(
      (await mint(t, owner.token, { expires_in_days: 1 })).expires_at,
      iso(now + DAY_MS),
    );
    assert.equal(
      (await mint(t, owner.token, { expires_in_days: 3650 })).expires_at,
      iso(now + 3650 * DAY_MS),
    );
  });

  void it('an expiring token verifies until its expiry instant and is INVALID_TOKEN from then on', async () => {
    const owner = await signUpOwner(t);
    const expiring = await mint(t, owner.token, { expires_in_days: 1 });
    const forever = await mint(t, owner.token);
    t.clock.advance(DAY_MS - 1);
    await assertVerifies(t, expiring.token as string, 'one ms before expiry');
    t.clock.advance(1);
    assertError(await verify(t, expiring.token as string), 401, 'INVALID_TOKEN', 'at expiry');
    t.clock.advance(DAY_MS);
    await assertVerifies(t, forever.token as string, 'a token without expiry');
  });
});

void describe('GET /api/v1/global/tokens', () => {
  void it("lists the caller's live tokens in the current workspace, every field, never a secret", async () => {
    const owner = await signUpOwner(t, 'Listing Co', 'Main');
    const main = owner.auth.workspace as Json;
    const t0 = t.clock.now();
    const named = await mint(t, owner.token, { name: 'ci-deploy', expires_in_days: 30 });
    t.clock.advance(1000);
    const plain = await mint(t, owner.token);

    // A token of another workspace of the same company is not in this workspace's listing.
    const opsId = await createWorkspace(t, owner, 'Ops');
    const inOps = await switchTo(t, owner, opsId);
    const opsToken = await mint(t, inOps.token, { name: 'ops' });
    assert.deepEqual(await listedIds(t, inOps.token), [opsToken.id]);
    const back = await switchTo(t, inOps, main.id as string);

    const r = await listTokens(t, back.token);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.message, 'OK');
    const tokens = r.body.tokens as Json[];
    assert.deepEqual(tokens.map((x) => x.id as string).sort(), sortedIds(named.id, plain.id));

    const pick = (x: Json) => ({
      id: x.id,
      name: x.name,
      hint: x.hint,
      created_at: x.created_at,
      last_used_at: x.last_used_at,
      expires_at: x.expires_at,
      workspace: x.workspace,
      created_by: x.created_by,
    });
    const namedListed = tokens.find((x) => x.id === named.id)!;
    assert.deepEqual(pick(namedListed), {
      id: named.id,
      name: 'ci-deploy',
      hint: (named.token as string).slice(-4),
      created_at: iso(t0),
      last_used_at: null,
      expires_at: iso(t0 + 30 * DAY_MS),
      workspace: { id: main.id, name: 'Main' },
      created_by: { id: owner.id, email: owner.email },
    });
    const plainListed = tokens.find((x) => x.id === plain.id)!;
    assert.deepEqual(pick(plainListed), {
      id: plain.id,
      name: null,
      hint: (plain.token as string).slice(-4),
      created_at: iso(t0 + 1000),
      last_used_at: null,
      expires_at: null,
      workspace: { id: main.id, name: 'Main' },
      created_by: { id: owner.id, email: owner.email },
    });

    for (const listed of tokens) {
      for (const key of Object.keys(listed)) {
        assert.doesNotMatch(key, /token|hash|secret/i, `field ${key} in the listing`);
      }
    }
    const all = await listTokens(t, back.token, '?all=true');
    assert.equal(all.status, 200);
    for (const secret of [named.token, plain.token, opsToken.token] as string[]) {
      for (const text of [r.text, all.text]) {
        assert.ok(!text.includes(secret), 'a token in the listing');
        assert.ok(!text.includes(sha256Hex(secret)), "a token's hash in the listing");
      }
    }
  });

  void it('does not list revoked tokens', async () => {
    const owner = await signUpOwner(t);
    const kept = await mint(t, owner.token);
    const gone = await mint(t, owner.token);
    assert.equal((await revoke(t, owner.token, gone.id as string)).status, 200);
    assert.deepEqual(await listedIds(t, owner.token), [kept.id]);
    assert.deepEqual(await listedIds(t, owner.token, '?all=true'), [kept.id]);
  });

  void it('?all=true lists the whole company for owners and admins, and is 403 FORBIDDEN for members', async () => {
    const owner = await signUpOwner(t, 'All Co', 'Main');
    const admin = await addMember(t, owner, 'admin');
    const member = await addMember(t, owner, 'member');
    const ownerToken = await mint(t, owner.token);
    const adminToken = await mint(t, admin.token);
    const memberToken = await mint(t, member.token);
    const opsId = await createWorkspace(t, owner, 'Ops');
    const memberInOps = await switchTo(t, member, opsId);
    const memberOpsToken = await mint(t, memberInOps.token);
    // Another company's tokens never show up.
    const stranger = await signUpOwner(t, 'Stranger Co');
    const strangerToken = await mint(t, stranger.token);

    const everything = sortedIds(ownerToken.id, adminToken.id, memberToken.id, memberOpsToken.id);
    assert.deepEqual(await listedIds(t, owner.token, '?all=true'), everything);
    assert.deepEqual(await listedIds(t, admin.token, '?all=true'), everything);
    assert.deepEqual(await listedIds(t, stranger.token, '?all=true'), [strangerToken.id]);

    // Without all (or all=false): one's own, in the current workspace.
    assert.deepEqual(await listedIds(t, owner.token), [ownerToken.id]);
    assert.deepEqual(await listedIds(t, owner.token, '?all=false'), [ownerToken.id]);
    assert.deepEqual(await listedIds(t, admin.token), [adminToken.id]);
    assert.deepEqual(await listedIds(t, memberInOps.token), [memberOpsToken.id]);

    // Members see nobody else's tokens.
    assertError(await listTokens(t, memberInOps.token, '?all=true'), 403, 'FORBIDDEN', 'member');

    const listed = await listTokens(t, owner.token, '?all=true');
    const memberListed = (listed.body.tokens as Json[]).find((x) => x.id === memberOpsToken.id)!;
    assert.deepEqual(memberListed.created_by, { id: member.id, email: member.email });
    assert.deepEqual(memberListed.workspace, { id: opsId, name: 'Ops' });
  });

  void it('refuses an odd ?all value with 400 VALIDATION_FAILED', async () => {
    const owner = await signUpOwner(t);
    assertError(await listTokens(t, owner.token, '?all=yes'), 400, 'VALIDATION_FAILED');
  });

  void it('needs a login token: none → 400 LOGIN_TOKEN_REQUIRED, an API token → 401 INVALID_LOGIN_TOKEN', async () => {
    const owner = await signUpOwner(t);
    const api = await mint(t, owner.token);
    assertError(await listTokens(t, api.token as string), 401, 'INVALID_LOGIN_TOKEN', 'list');
    assertError(
      await listTokens(t, api.token as string, '?all=true'),
      401,
      'INVALID_LOGIN_TOKEN',
      'list all',
    );
    assertError(
      await revoke(t, api.token as string, api.id as string),
      401,
      'INVALID_LOGIN_TOKEN',
      'revoke itself',
    );
    assertError(await call(t, 'GET', ROUTES.tokens), 400, 'LOGIN_TOKEN_REQUIRED');
    assertError(
      await call(t, 'DELETE', ROUTES.token(api.id as string)),
      400,
      'LOGIN_TOKEN_REQUIRED',
    );
    await assertVerifies(t, api.token as string, 'still valid after the refused revocation');
  });
});

void describe('DELETE /api/v1/global/tokens/:id', () => {
  void it('revokes one of your tokens: refused on the very next verify; a second revoke is 404', async () => {
    const owner = await signUpOwner(t);
    const doomed = await mint(t, owner.token);
    const other = await mint(t, owner.token);
    await assertVerifies(t, doomed.token as string, 'before');

    const r = await revoke(t, owner.token, doomed.id as string);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body, { message: 'API token revoked' });
    assertError(await verify(t, doomed.token as string), 401, 'INVALID_TOKEN', 'after revoke');
    assertError(await revoke(t, owner.token, doomed.id as string), 404, 'TOKEN_NOT_FOUND', 'again');
    await assertVerifies(t, other.token as string, 'the other token stays valid');
    assert.deepEqual(await listedIds(t, owner.token), [other.id]);
  });

  void it('an unknown id is 404 TOKEN_NOT_FOUND', async () => {
    const owner = await signUpOwner(t);
    assertError(await revoke(t, owner.token, randomUUID()), 404, 'TOKEN_NOT_FOUND');
    assertError(await revoke(t, owner.token, 'not-an-id'), 404, 'TOKEN_NOT_FOUND');
  });

  void it("a member revoking someone else's token gets 404 TOKEN_NOT_FOUND and the token lives", async () => {
    const owner = await signUpOwner(t);
    const alice = await addMember(t, owner, 'member');
    const bob = await addMember(t, owner, 'member');
    const bobToken = await mint(t, bob.token);
    const ownerToken = await mint(t, owner.token);
    assertError(await revoke(t, alice.token, bobToken.id as string), 404, 'TOKEN_NOT_FOUND');
    assertError(await revoke(t, alice.token, ownerToken.id as string), 404, 'TOKEN_NOT_FOUND');
    await assertVerifies(t, bobToken.token as string, "bob's token");
    await assertVerifies(t, ownerToken.token as string, "the owner's token");
  });

  void it("owners and admins revoke any token of their company, the member's next verify is refused", async () => {
    const owner = await signUpOwner(t);
    const admin = await addMember(t, owner, 'admin');
    const member = await addMember(t, owner, 'member');
    const first = await mint(t, member.token);
    const second = await mint(t, member.token);
    const ownersOwn = await mint(t, owner.token);

    const byOwner = await revoke(t, owner.token, first.id as string);
    assert.equal(byOwner.status, 200, byOwner.text);
    assert.deepEqual(byOwner.body, { message: 'API token revoked' });
    assertError(await verify(t, first.token as string), 401, 'INVALID_TOKEN', 'revoked by owner');

    const byAdmin = await revoke(t, admin.token, second.id as string);
    assert.equal(byAdmin.status, 200, byAdmin.text);
    assertError(await verify(t, second.token as string), 401, 'INVALID_TOKEN', 'revoked by admin');

    // By design: owners and admins may revoke any token of their company.
    assert.equal((await revoke(t, admin.token, ownersOwn.id as string)).status, 200);
    assertError(await verify(t, ownersOwn.token as string), 401, 'INVALID_TOKEN', "owner's");
    assert.deepEqual(await listedIds(t, member.token), []);
  });

  void it("another company's token id is 404 TOKEN_NOT_FOUND, even for an owner, and it lives on", async () => {
    const ownerA = await signUpOwner(t, 'Company A');
    const ownerB = await signUpOwner(t, 'Company B');
    const tokenB = await mint(t, ownerB.token);
    assertError(await revoke(t, ownerA.token, tokenB.id as string), 404, 'TOKEN_NOT_FOUND');
    await assertVerifies(t, tokenB.token as string, "B's token after A tried to revoke it");
    assert.deepEqual(await listedIds(t, ownerB.token), [tokenB.id]);
  });

  void it('its own creator cannot revoke a token of company B from a session in company A', async () => {
    const ownerA = await signUpOwner(t, 'Company A');
    const person = await signUpOwner(t, 'Company B'); // owner of B
    const tokenB = await mint(t, person.token);
    const workspaceB = person.auth.workspace.id as string;
    // Joins A at this login, landing in B (used last); then moves to A.
    const relogged = await addMember(t, ownerA, 'member', person.email);
    assert.equal(relogged.auth.workspace.id, workspaceB);
    const inA = await switchTo(t, relogged, ownerA.auth.workspace.id as string);
    assert.equal(inA.auth.company.id, ownerA.auth.company.id);

    assertError(await revoke(t, inA.token, tokenB.id as string), 404, 'TOKEN_NOT_FOUND');
    await assertVerifies(t, tokenB.token as string, 'still valid');
    const inB = await switchTo(t, inA, workspaceB);
    assert.equal((await revoke(t, inB.token, tokenB.id as string)).status, 200);
    assertError(await verify(t, tokenB.token as string), 401, 'INVALID_TOKEN');
  });
});

void describe('last-used times: buffered, never written by verify', () => {
  void it('the listing shows the time of the last verify while the store row is still untouched', async () => {
    const owner = await signUpOwner(t);
    const api = await mint(t, owner.token);
    const other = await mint(t, owner.token);
    const rowOf = async (id: string) =>
      t.store.db
        .selectFrom('api_tokens')
        .select(['last_used_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
    const listedLastUsed = async (query = '') => {
      const r = await listTokens(t, owner.token, query);
      assert.equal(r.status, 200, r.text);
      const tokens = r.body.tokens as Json[];
      return Object.fromEntries(tokens.map((x) => [x.id as string, x.last_used_at as unknown]));
    };

    assert.deepEqual(await listedLastUsed(), { [api.id]: null, [other.id]: null });

    t.clock.advance(5_000);
    const firstUse = t.clock.now();
    await assertVerifies(t, api.token as string, 'first use');
    assert.deepEqual(await listedLastUsed(), { [api.id]: iso(firstUse), [other.id]: null });
    assert.deepEqual(await listedLastUsed('?all=true'), {
      [api.id]: iso(firstUse),
      [other.id]: null,
    });
    assert.equal((await rowOf(api.id as string)).last_used_at, null, 'verify wrote the store');

    t.clock.advance(7_000);
    const secondUse = t.clock.now();
    await assertVerifies(t, api.token as string, 'second use');
    assert.equal((await listedLastUsed())[api.id as string], iso(secondUse));
    assert.equal((await rowOf(api.id as string)).last_used_at, null, 'verify wrote the store');

    // A refused verify and a login-token verify leave the times alone.
    await verify(t, `${(other.token as string).slice(0, 60)}0000`);
    assert.equal((await verify(t, owner.token)).status, 200);
    assert.deepEqual(await listedLastUsed(), { [api.id]: iso(secondUse), [other.id]: null });
  });

  void it('are written to the store when the app shuts down, and listed by the next instance', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-last-used-'));
    const database = await createTestDatabase();
    const env = {
      DATA_DIR: dataDir,
      ...(database.url ? { DATABASE_URL: database.url } : {}),
    };
    try {
      const first = await createTestApp(env);
      let owner: Person;
      let used: Json;
      let unused: Json;
      let usedAt: number;
      try {
        owner = await signUpOwner(first);
        used = await mint(first, owner.token);
        unused = await mint(first, owner.token);
        first.clock.advance(3_000);
        usedAt = first.clock.now();
        await assertVerifies(first, used.token as string, 'on the first instance');
        const row = await first.store.db
          .selectFrom('api_tokens')
          .select('last_used_at')
          .where('id', '=', used.id as string)
          .executeTakeFirstOrThrow();
        assert.equal(row.last_used_at, null, 'verify wrote the store');
      } finally {
        await first.close();
      }

      const second = await createTestApp(env);
      try {
        const rows = await second.store.db
          .selectFrom('api_tokens')
          .select(['id', 'last_used_at'])
          .execute();
        const byId = Object.fromEntries(rows.map((r) => [r.id, r.last_used_at]));
        assert.equal(byId[used.id as string], usedAt, 'flushed on shutdown');
        assert.equal(byId[unused.id as string], null);

        const relogged = await logIn(second, owner.email);
        const r = await listTokens(second, relogged.token);
        assert.equal(r.status, 200, r.text);
        const listed = (r.body.tokens as Json[]).find((x) => x.id === used.id)!;
        assert.equal(listed.last_used_at, iso(usedAt));
      } finally {
        await second.close();
      }
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  });
});

void describe('a token dies with its membership or account (verify side)', () => {
  void it("a removed member's API token is INVALID_TOKEN at once, gone from the listing, and stays dead after a re-invitation", async () => {
    const owner = await signUpOwner(t);
    const member = await addMember(t, owner, 'member');
    const api = await mint(t, member.token);
    await assertVerifies(t, api.token as string, 'before removal');

    const removed = await call(t, 'DELETE', ROUTES.member(member.id), owner.token);
    assert.equal(removed.status, 200, removed.text);
    assertError(await verify(t, api.token as string), 401, 'INVALID_TOKEN', 'after removal');
    assertError(await verify(t, member.token), 401, 'INVALID_LOGIN_TOKEN', 'login token');
    assert.ok(!(await listedIds(t, owner.token, '?all=true')).includes(api.id as string));

    const back = await addMember(t, owner, 'member', member.email);
    assert.equal(back.auth.company.id, owner.auth.company.id);
    assertError(await verify(t, api.token as string), 401, 'INVALID_TOKEN', 'after re-invite');
    assertError(await verify(t, member.token), 401, 'INVALID_LOGIN_TOKEN', 'old login token');
    const fresh = await mint(t, back.token);
    await assertVerifies(t, fresh.token as string, 'a new token after rejoining');
  });

  void it("verify reports the member's role as it is now, not as it was when the token was made", async () => {
    const owner = await signUpOwner(t);
    const member = await addMember(t, owner, 'member');
    const api = (await mint(t, member.token)).token as string;
    assert.equal((await assertVerifies(t, api, 'as member')).role, 'member');
    const r = await call(t, 'PATCH', ROUTES.member(member.id), owner.token, {
      role: 'admin',
    });
    assert.equal(r.status, 200, r.text);
    assert.equal((await assertVerifies(t, api, 'as admin')).role, 'admin');
  });

  void it("a disabled member's API token is INVALID_TOKEN until they are enabled again", async () => {
    const owner = await signUpOwner(t);
    const member = await addMember(t, owner, 'member');
    const api = await mint(t, member.token);
    const patch = (disabled: boolean) =>
      call(t, 'PATCH', ROUTES.member(member.id), owner.token, { disabled });

    assert.equal((await patch(true)).status, 200);
    assertError(await verify(t, api.token as string), 401, 'INVALID_TOKEN', 'disabled');
    assert.equal((await patch(false)).status, 200);
    await assertVerifies(t, api.token as string, 're-enabled');
  });

  void it('removal from one company leaves the same person’s tokens of another company alive', async () => {
    const ownerA = await signUpOwner(t, 'Company A');
    const person = await signUpOwner(t, 'Company B');
    const tokenB = await mint(t, person.token);
    const joined = await addMember(t, ownerA, 'member', person.email);
    const switched = await switchTo(t, joined, ownerA.auth.workspace.id as string);
    const tokenA = await mint(t, switched.token);
    assert.equal(
      (await assertVerifies(t, tokenA.token as string, 'A')).company.id,
      ownerA.auth.company.id,
    );

    const removed = await call(t, 'DELETE', ROUTES.member(person.id), ownerA.token);
    assert.equal(removed.status, 200, removed.text);
    assertError(await verify(t, tokenA.token as string), 401, 'INVALID_TOKEN', 'A token');
    await assertVerifies(t, tokenB.token as string, 'B token');
  });

  void it('deleting an account kills its API tokens at once', async () => {
    const owner = await signUpOwner(t);
    const member = await addMember(t, owner, 'member');
    const memberApi = await mint(t, member.token);
    const deleted = await call(t, 'DELETE', ROUTES.me, member.token);
    assert.equal(deleted.status, 200, deleted.text);
    assertError(await verify(t, memberApi.token as string), 401, 'INVALID_TOKEN', 'member');

    const solo = await signUpOwner(t);
    const soloApi = await mint(t, solo.token);
    assert.equal((await call(t, 'DELETE', ROUTES.me, solo.token)).status, 200);
    assertError(await verify(t, soloApi.token as string), 401, 'INVALID_TOKEN', 'solo owner');
  });
});

void describe('an API token cannot mint tokens or manage anything', () => {
  void it('is 401 INVALID_LOGIN_TOKEN on every management endpoint, and nothing changes', async () => {
    const owner = await signUpOwner(t);
    const member = await addMember(t, owner, 'member');
    const api = (await mint(t, owner.token)).token as string;
    const memberApi = await mint(t, member.token);
    const invitee = uniqueEmail('invitee');
    const attempts: [Method, string, unknown?][] = [
      ['POST', ROUTES.generateToken, { name: 'more' }],
      ['GET', ROUTES.tokens],
      ['GET', `${ROUTES.tokens}?all=true`],
      ['DELETE', ROUTES.token(memberApi.id as string)],
      ['GET', ROUTES.members],
      ['POST', ROUTES.members, { email: invitee, role: 'owner' }],
      ['PATCH', ROUTES.member(member.id), { role: 'owner' }],
      ['PATCH', ROUTES.member(member.id), { disabled: true }],
      ['DELETE', ROUTES.member(member.id)],
      ['GET', ROUTES.workspaces],
      ['POST', ROUTES.workspaces, { name: 'Sneaky' }],
      ['POST', ROUTES.switchWorkspace, { workspace_id: owner.auth.workspace.id }],
      ['GET', ROUTES.auditLog],
      ['DELETE', ROUTES.me],
    ];
    for (const [method, url, body] of attempts) {
      assertError(
        await call(t, method, url, api, body),
        401,
        'INVALID_LOGIN_TOKEN',
        `${method} ${url}`,
      );
    }

    // Nothing happened: no token minted, nobody invited, changed or removed, no workspace made.
    await assertVerifies(t, api, 'the API token itself');
    await assertVerifies(t, memberApi.token as string, "the member's token");
    assert.equal((await listTokens(t, owner.token, '?all=true')).body.tokens.length, 2);
    const members = await call(t, 'GET', ROUTES.members, owner.token);
    assert.deepEqual(members.body.invitations, []);
    const memberRow = (members.body.members as Json[]).find((m) => m.user.id === member.id)!;
    assert.equal(memberRow.role, 'member');
    assert.equal(memberRow.disabled, false);
    assert.equal(t.smtp.mailTo(invitee).length, 0);
    const workspaces = await call(t, 'GET', ROUTES.workspaces, owner.token);
    assert.equal((workspaces.body.workspaces as Json[]).length, 1);
    assert.equal((await call(t, 'GET', ROUTES.me, owner.token)).status, 200);
  });
});
