// The verification core on its own: each way a credential can end, what it costs in store reads
// (the cache in front, the memory of unknown tokens), and which events drop which cached answers.
// Data comes from the real sign-up and mint flows; the verifier under test reads the same store
// through a counter of queries.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from 'kysely';
import { LastUsedBuffer } from '../../src/api-tokens/last-used-buffer.js';
import { AuditRecorder } from '../../src/audit/audit-recorder.js';
import { EventBus } from '../../src/events/event-bus.js';
import { sha256Hex } from '../../src/lib/crypto.js';
import { loadKeyring } from '../../src/sessions/keyring.js';
import { SessionsService } from '../../src/sessions/sessions.service.js';
import { Verifier } from '../../src/verification/verifier.js';
import { createLogger } from '../../src/logger.js';
import { createTestApp, TestClock, type TestApp } from '../helpers/test-app.js';
import { generateToken, signUp } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

/** Counts the queries run through it. */
class QueryCounter implements KyselyPlugin {
  reads = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs) {
    this.reads++;
    return args.result;
  }
}

void describe('Verifier', () => {
  let t: TestApp;
  let counter: QueryCounter;
  let clock: TestClock;
  let events: EventBus;
  let lastUsed: LastUsedBuffer;
  let verifier: Verifier;
  let owner: { token: string; auth: Record<string, any> };

  before(async () => {
    t = await createTestApp();
    owner = await signUp(t);
  });
  after(() => t.close());

  beforeEach(() => {
    verifier?.close();
    counter = new QueryCounter();
    clock = new TestClock(t.clock.now());
    const logger = createLogger('silent');
    events = EventBus.local(logger);
    const db = t.store.db.withPlugin(counter);
    const audit = new AuditRecorder(clock);
    const keyring = loadKeyring(t.config);
    const sessions = new SessionsService(db, keyring, t.config, audit, events, clock);
    lastUsed = new LastUsedBuffer(db, logger, 60_000);
    const tokenLimits = { consumeToken: () => Promise.reject(new Error('no rate limit here')) };
    verifier = new Verifier({
      db,
      keyring,
      config: t.config,
      sessions,
      lastUsed,
      tokenLimits,
      events,
      clock,
    });
  });

  const mint = async (body: unknown = {}) => {
    const r = await generateToken(t, owner.token, body);
    assert.equal(r.status, 200);
    return { token: r.body.token as string, id: r.body.id as string };
  };

  void it('accepts a live API token once from the store, then from memory; its use is recorded once admitted', async () => {
    const { token, id } = await mint();
    const first = await verifier.verify(token);
    assert.equal(first.kind, 'valid');
    assert.equal(first.kind === 'valid' && first.caller.tokenId, id);
    assert.equal(first.kind === 'valid' && first.caller.kind, 'api');
    assert.equal(counter.reads, 1);
    clock.advance(500);
    const second = verifier.verify(token);
    assert.ok(!(second instanceof Promise), 'a cached answer is given without a promise');
    assert.equal(second.kind, 'valid');
    assert.equal(counter.reads, 1, 'no second read');
    assert.equal(lastUsed.peek(id), undefined, 'verified, not used yet');
    assert.ok(second.kind === 'valid');
    assert.equal((await verifier.admit(second)).kind, 'valid');
    assert.equal(lastUsed.peek(id), clock.now());
    clock.advance(500);
    await verifier.verify(token);
    assert.equal(counter.reads, 2, 'read again once the TTL is over');
  });

  void it('remembers an unknown token: a flood of the same guess reads the store once', async () => {
    const guess = 'ab'.repeat(32);
    for (let i = 0; i < 5; i++) {
      assert.deepEqual(await verifier.verify(guess), { kind: 'invalid', credential: 'api' });
    }
    assert.equal(counter.reads, 1);
    const upper = (await mint()).token.toUpperCase();
    assert.deepEqual(await verifier.verify(upper), { kind: 'invalid', credential: 'api' });
    assert.equal(counter.reads, 1, 'an uppercase copy is never looked up');
  });

  void it('forgets an unknown token the moment it is minted', async () => {
    const { id } = await mint();
    const token = 'cd'.repeat(32);
    assert.equal((await verifier.verify(token)).kind, 'invalid');
    // The same token now exists (as if minted on another instance just after the guess).
    const row = await t.store.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await t.store.db
      .insertInto('api_tokens')
      .values({ ...row, id: `${id}-copy`, token_hash: sha256Hex(token) })
      .execute();
    assert.equal((await verifier.verify(token)).kind, 'invalid', 'remembered as unknown');
    verifier.minted(token);
    assert.equal((await verifier.verify(token)).kind, 'valid');
  });

  void it('tells revoked and expired tokens apart, naming the stored token for the audit log', async () => {
    const revoked = await mint();
    await t.app.inject({
      method: 'DELETE',
      url: ROUTES.token(revoked.id),
      headers: { token: owner.token },
    });
    const apiToken = {
      id: revoked.id,
      companyId: owner.auth.company.id,
      userId: owner.auth.user.id,
    };
    assert.deepEqual(await verifier.verify(revoked.token), {
      kind: 'revoked',
      credential: 'api',
      apiToken,
    });
    const expiring = await mint({ expires_in_days: 1 });
    assert.equal((await verifier.verify(expiring.token)).kind, 'valid');
    clock.advance(86_400_000);
    const expired = await verifier.verify(expiring.token);
    assert.equal(expired.kind, 'expired');
    assert.equal(expired.kind === 'expired' && expired.apiToken?.id, expiring.id);
  });

  void it('with loginOnly, names a real API token but neither accepts it nor records its use', async () => {
    const { token, id } = await mint();
    const outcome = await verifier.verify(token, { loginOnly: true });
    assert.deepEqual(outcome, {
      kind: 'invalid',
      credential: 'api',
      apiToken: { id, companyId: owner.auth.company.id, userId: owner.auth.user.id },
    });
    assert.equal(lastUsed.peek(id), undefined);
  });

  void it('checks a login token against its session: valid, forged, expired', async () => {
    const valid = await verifier.verify(owner.token);
    assert.equal(valid.kind, 'valid');
    assert.equal(valid.kind === 'valid' && valid.caller.kind, 'login');
    const reads = counter.reads;
    await verifier.verify(owner.token);
    assert.equal(counter.reads, reads, 'claims and session from memory');
    const [header, payload] = owner.token.split('.');
    assert.deepEqual(await verifier.verify(`${header}.${payload}.${'A'.repeat(43)}`), {
      kind: 'invalid',
      credential: 'login',
    });
    clock.advance(86_400_000);
    assert.deepEqual(await verifier.verify(owner.token), { kind: 'expired', credential: 'login' });
  });

  void it('drops exactly what an event makes stale', async () => {
    const a = await mint();
    const b = await mint();
    await verifier.verify(a.token);
    await verifier.verify(b.token);
    await verifier.verify(owner.token);
    const reads = counter.reads;
    events.publish([{ type: 'token.revoked', token_id: a.id }]);
    await verifier.verify(b.token);
    await verifier.verify(owner.token);
    assert.equal(counter.reads, reads, 'b and the session stay cached');
    await verifier.verify(a.token);
    assert.equal(counter.reads, reads + 1, 'a is read again');

    events.publish([
      { type: 'member.changed', user_id: owner.auth.user.id, company_id: 'another-company' },
    ]);
    await verifier.verify(b.token);
    assert.equal(counter.reads, reads + 1, 'another company: nothing dropped');
    events.publish([
      { type: 'member.changed', user_id: owner.auth.user.id, company_id: owner.auth.company.id },
    ]);
    await verifier.verify(b.token);
    await verifier.verify(owner.token);
    assert.equal(counter.reads, reads + 3, 'their token and session are read again');

    const sessionId = owner.auth.session.id as string;
    events.publish([{ type: 'session.ended', session_id: sessionId }]);
    await verifier.verify(b.token);
    assert.equal(counter.reads, reads + 3, 'a session event leaves API tokens cached');
    events.publish([{ type: 'workspace.changed', workspace_id: owner.auth.workspace.id }]);
    await verifier.verify(b.token);
    assert.equal(counter.reads, reads + 4);
    events.publish([{ type: 'user.changed', user_id: owner.auth.user.id }]);
    await verifier.verify(b.token);
    assert.equal(counter.reads, reads + 5);
  });

  void it('does not cache a row read before an event that made it stale', async () => {
    const { token, id } = await mint();
    const pending = verifier.verify(token); // reads the live row
    events.publish([{ type: 'token.revoked', token_id: id }]);
    assert.equal((await pending).kind, 'valid', 'the answer already on its way');
    await verifier.verify(token);
    assert.equal(counter.reads, 2, 'but it was not kept');
  });
});
