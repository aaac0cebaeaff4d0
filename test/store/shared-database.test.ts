// Several keyward schemas (or other applications' schemas) in one PostgreSQL database: each
// instance reads and migrates only the schema its search_path names, so a start-up never scans
// the others, however many there are.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrate, openPostgres, type Store } from '../../src/db/database.js';
import { createTestDatabase, POSTGRES_ONLY, type TestDatabase } from '../helpers/test-database.js';

const options = { databasePoolSize: 2, databaseTimeoutMs: 5000 };

void describe('two keyward schemas in one PostgreSQL database', { skip: POSTGRES_ONLY }, () => {
  const databases: TestDatabase[] = [];
  const stores: Store[] = [];

  before(async () => {
    for (let i = 0; i < 2; i++) {
      const database = await createTestDatabase();
      databases.push(database);
      stores.push(openPostgres(database.url!, options));
    }
  });
  after(async () => {
    for (const store of stores) await store.close();
    for (const database of databases) await database.drop();
  });

  void it('each migrates its own schema, and sees only its own tables', async () => {
    const [first, second] = stores as [Store, Store];
    await migrate(first);
    const own = await first.db.introspection.getTables();
    const schemas = new Set(own.map((table) => table.schema));
    assert.equal(schemas.size, 1, 'one schema');
    assert.ok(own.some((table) => table.name === 'api_tokens'));
    assert.ok(!own.some((table) => table.name.startsWith('kysely_')), 'no bookkeeping tables');
    const withBookkeeping = await first.db.introspection.getTables({
      withInternalKyselyTables: true,
    });
    assert.ok(withBookkeeping.some((table) => table.name === 'kysely_migration'));
    const apiTokens = own.find((table) => table.name === 'api_tokens')!;
    assert.ok(apiTokens.columns.some((column) => column.name === 'token_hash'));

    // The second schema is empty although the first is migrated: it migrates all the same.
    assert.deepEqual(await second.db.introspection.getTables(), []);
    await migrate(second);
    const theirs = await second.db.introspection.getTables();
    assert.deepEqual(
      theirs.map((table) => table.name),
      own.map((table) => table.name),
    );
    assert.notDeepEqual(theirs[0]?.schema, own[0]?.schema);

    // Migrating again finds nothing to do.
    await migrate(first);
    const { count } = await first.db
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count), 0);
  });
});
