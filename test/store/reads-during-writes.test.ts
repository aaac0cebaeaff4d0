// Reads never wait for a write: while a transaction is open (on SQLite, on the writer's thread,
// where its commit waits for the disk), a read outside it answers at once with what was
// committed before, and sees the transaction's rows as soon as it commits.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

void describe('reads during a write', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const company = (id: string) =>
    t.store.db.selectFrom('companies').select('id').where('id', '=', id).execute();

  // With one connection for both, the read below waits for the commit, which waits for the read:
  // the limit turns that deadlock into a failure instead of a hung suite.
  void it(
    'answer while a transaction is open, without its uncommitted rows',
    { timeout: 30_000 },
    async () => {
      const id = `rw-${Date.now()}`;
      await t.store.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('companies')
          .values({ id, name: id, created_at: Date.now() })
          .execute();
        // Outside the transaction.
        assert.deepEqual(await company(id), []);
        assert.equal(
          (await trx.selectFrom('companies').select('id').where('id', '=', id).execute()).length,
          1,
        );
      });
      assert.deepEqual(await company(id), [{ id }]);
    },
  );

  void it('a write outside any transaction waits for the open one, then lands', async () => {
    const first = `rw-a-${Date.now()}`;
    const second = `rw-b-${Date.now()}`;
    let outside: Promise<unknown> | undefined;
    await t.store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('companies')
        .values({ id: first, name: first, created_at: Date.now() })
        .execute();
      outside = t.store.db
        .insertInto('companies')
        .values({ id: second, name: second, created_at: Date.now() })
        .execute();
    });
    await outside;
    assert.equal((await company(first)).length + (await company(second)).length, 2);
  });

  void it('a refused write says why, with the store’s own error code', async () => {
    const id = `rw-dup-${Date.now()}`;
    const insert = () =>
      t.store.db.insertInto('companies').values({ id, name: id, created_at: Date.now() }).execute();
    await insert();
    await assert.rejects(insert(), (err: { code?: string }) =>
      /^SQLITE_CONSTRAINT|^23505$/.test(err.code ?? ''),
    );
  });
});
