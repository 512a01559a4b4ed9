import type { DbOrTx } from '$lib/server/db/client';
import { organization } from '$lib/server/db/schema';

/** Admin owns the organizations: every write to them is here. */
export async function insertOrganizations(
	db: DbOrTx,
	rows: (typeof organization.$inferInsert)[]
): Promise<void> {
	await db.insert(organization).values(rows);
}
