import type { Db } from '../db/database.js';

// Statements only the operator's CLI runs; everything else it does goes through the feature
// repositories.

/** Suspends (a time) or restores (null) a whole account: every session and token with it. */
export async function setUserDisabled(
  db: Db,
  userId: string,
  disabledAt: number | null,
): Promise<void> {
  await db.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', userId).execute();
}

export async function companyExists(db: Db, companyId: string): Promise<boolean> {
  const row = await db
    .selectFrom('companies')
    .select('id')
    .where('id', '=', companyId)
    .executeTakeFirst();
  return row !== undefined;
}
