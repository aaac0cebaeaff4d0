// verify's store reads on a cache miss: each SQL text is prepared once by SQLite, and the two
// lookups verify makes are built by Kysely once and run with new parameters.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { compiledOnce } from '../../src/db/compiled-once.js';
import { withPreparedStatements } from '../../src/db/statement-cache.js';
import { findApiTokenGrant as findApiTokenForAuth } from '../../src/verification/grants.repository.js';
import { sha256Hex } from '../../src/lib/crypto.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { generateToken, signUp } from '../helpers/client.js';

void describe('SQLite statements', () => {
  void it('are prepared once per SQL text, and give each run its own parameters', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keyward-stmt-'));
    const sqlite = new SQLite(path.join(dir, 'db.sqlite'));
    try {
      let prepared = 0;
      const prepare = sqlite.prepare.bind(sqlite);
      sqlite.prepare = (text: string) => {
        prepared++;
        return prepare(text);
      };
      const db = withPreparedStatements(sqlite);
      db.prepare('create table t (v text)').run([]);
      const insert = db.prepare('insert into t values (?)');
      insert.run(['a']);
      db.prepare('insert into t values (?)').run(['b']);
      assert.equal(db.prepare('insert into t values (?)'), insert, 'the same statement');
      assert.deepEqual(db.prepare('select v from t order by v').all([]), [{ v: 'a' }, { v: 'b' }]);
      assert.deepEqual(db.prepare('select v from t where v = ?').all(['b']), [{ v: 'b' }]);
      assert.deepEqual(db.prepare('select v from t where v = ?').all(['a']), [{ v: 'a' }]);
      assert.equal(prepared, 4, 'create, insert, and the two selects: once each');
    } finally {
      sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

void describe('queries compiled once', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  void it('find each token by its own hash, and nothing for an unknown one', async () => {
    const { token: login } = await signUp(t);
    const tokens = await Promise.all([1, 2, 3].map(() => generateToken(t, login)));
    for (const answer of tokens) {
      const row = await findApiTokenForAuth(t.store.db, sha256Hex(answer.body.token as string));
      assert.equal(row?.id, answer.body.id);
    }
    assert.equal(await findApiTokenForAuth(t.store.db, sha256Hex('unknown')), undefined);
    // Inside a transaction (another Kysely instance) too.
    await t.store.db.transaction().execute(async (trx) => {
      const row = await findApiTokenForAuth(trx, sha256Hex(tokens[0]!.body.token as string));
      assert.equal(row?.id, tokens[0]!.body.id);
    });
  });

  void it('refuse a query whose SQL does not have exactly one parameter', async () => {
    const none = compiledOnce((db) => db.selectNoFrom(sql<number>`1`.as('one')));
    await assert.rejects(none(t.store.db, 'x'), /exactly one parameter/);
    const two = compiledOnce((db, p) =>
      db.selectNoFrom([sql<string>`${p}`.as('a'), sql<string>`${p}`.as('b')]),
    );
    await assert.rejects(two(t.store.db, 'x'), /exactly one parameter/);
  });
});
