import { sql, type Kysely } from 'kysely';

// API tokens that carry scopes, metadata and a rate limit, and tokens that belong to a workspace
// rather than a person. A workspace token must outlive the person who made it, so `user_id` (the
// holder, whose removal ends the token) becomes nullable and `created_by` (set null when that
// person's account goes) is added. Changing a column's nullability and foreign key needs a new
// table on SQLite; the same steps run on PostgreSQL.
const COPIED = [
  'id',
  'token_hash',
  'hint',
  'name',
  'user_id',
  'company_id',
  'workspace_id',
  'created_at',
  'expires_at',
  'revoked_at',
  'last_used_at',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_tokens_next')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('hint', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    // 'user': held by user_id, ends with their membership; 'workspace': a service token.
    .addColumn('owner', 'text', (c) => c.notNull().defaultTo('user'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('company_id', 'text', (c) =>
      c.notNull().references('companies.id').onDelete('cascade'),
    )
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    // JSON text: a list of scopes (null: unrestricted) and an object handed back by verify.
    .addColumn('scopes', 'text')
    .addColumn('metadata', 'text')
    // COUNT/DURATION, e.g. 1000/1m; null: no limit.
    .addColumn('rate_limit', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .execute();
  const columns = sql.join(COPIED.map((column) => sql.ref(column)));
  await sql`insert into api_tokens_next (${columns}, owner, created_by)
    select ${columns}, 'user', user_id from api_tokens`.execute(db);
  await db.schema.dropTable('api_tokens').execute();
  await db.schema.alterTable('api_tokens_next').renameTo('api_tokens').execute();
  await createIndexes(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Workspace tokens have no holder to fall back to: they go.
  await sql`delete from api_tokens where user_id is null`.execute(db);
  await db.schema
    .createTable('api_tokens_prev')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('hint', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('company_id', 'text', (c) =>
      c.notNull().references('companies.id').onDelete('cascade'),
    )
    .addColumn('workspace_id', 'text', (c) =>
      c.notNull().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('last_used_at', 'bigint')
    .execute();
  const columns = sql.join(COPIED.map((column) => sql.ref(column)));
  await sql`insert into api_tokens_prev (${columns}) select ${columns} from api_tokens`.execute(db);
  await db.schema.dropTable('api_tokens').execute();
  await db.schema.alterTable('api_tokens_prev').renameTo('api_tokens').execute();
  await db.schema
    .createIndex('api_tokens_owner_idx')
    .on('api_tokens')
    .columns(['user_id', 'workspace_id'])
    .execute();
  await db.schema
    .createIndex('api_tokens_company_idx')
    .on('api_tokens')
    .column('company_id')
    .execute();
}

async function createIndexes(db: Kysely<unknown>): Promise<void> {
  // The holder's tokens in a workspace (the default listing), the company's (`?all=true`,
  // removals), and a workspace's own tokens.
  await db.schema
    .createIndex('api_tokens_owner_idx')
    .on('api_tokens')
    .columns(['user_id', 'workspace_id'])
    .execute();
  await db.schema
    .createIndex('api_tokens_company_idx')
    .on('api_tokens')
    .column('company_id')
    .execute();
  await db.schema
    .createIndex('api_tokens_workspace_idx')
    .on('api_tokens')
    .columns(['workspace_id', 'owner'])
    .execute();
}
