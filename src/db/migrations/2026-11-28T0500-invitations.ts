import type { Kysely } from 'kysely';

// Invitations by email: the invitee joins the company at their next sign-up or login.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('company_id', 'text', (c) =>
      c.notNull().references('companies.id').onDelete('cascade'),
    )
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('invitations_company_email_unique', ['company_id', 'email'])
    .execute();
  await db.schema.createIndex('invitations_email_idx').on('invitations').column('email').execute();
  // The audit log is read newest first per company, paged by (created_at, id).
  await db.schema
    .createIndex('audit_events_company_time_id_idx')
    .on('audit_events')
    .columns(['company_id', 'created_at', 'id'])
    .execute();
  await db.schema.dropIndex('audit_events_company_time_idx').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audit_events_company_time_idx')
    .on('audit_events')
    .columns(['company_id', 'created_at'])
    .execute();
  await db.schema.dropIndex('audit_events_company_time_id_idx').execute();
  await db.schema.dropTable('invitations').execute();
}
