// Concurrent token mints share commits, and each answer still means "on disk".
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GroupCommit } from '../../src/db/group-commit.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { generateToken, post, signUp } from '../helpers/client.js';
import { ROUTES } from '../helpers/routes.js';

void describe('group commit', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  void it('mints 60 tokens at once: every 200 is a distinct token that verifies', async () => {
    const { token } = await signUp(t);
    const answers = await Promise.all(Array.from({ length: 60 }, () => generateToken(t, token)));
    assert.ok(answers.every((a) => a.status === 200));
    const tokens = new Set(answers.map((a) => a.body.token as string));
    assert.equal(tokens.size, 60);
    for (const apiToken of tokens) {
      assert.equal((await post(t, ROUTES.verify, {}, { token: apiToken })).status, 200);
    }
    const events = await t.store.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'token_generated')
      .execute();
    assert.ok(events.length >= 60, 'each mint has its audit event');
  });

  void it('fails only the caller whose write fails, not the rest of its batch', async () => {
    const writes = new GroupCommit(t.store.db);
    const now = Date.now();
    const company = (id: string) => (trx: typeof t.store.db) =>
      trx
        .insertInto('companies')
        .values({ id, name: id, created_at: now })
        .execute()
        .then(() => undefined);
    const results = await Promise.allSettled([
      writes.run(company('gc-a')),
      writes.run(company('gc-a')), // the same primary key again: refused
      writes.run(company('gc-b')),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    const rows = await t.store.db
      .selectFrom('companies')
      .select('id')
      .where('id', 'in', ['gc-a', 'gc-b'])
      .execute();
    assert.deepEqual(rows.map((r) => r.id).sort(), ['gc-a', 'gc-b']);
  });
});
