import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf, type DB } from '$lib/server/db/client';

/**
 * Whether this app server can serve: its database answers and has every migration this build ships.
 * Read by `/readyz`, which a reverse proxy or orchestrator polls before sending traffic (README,
 * "Deployment"); `/healthz` only says the process is up.
 */
export type Readiness = { ready: true } | { ready: false; reason: string };

type Journal = { entries: { tag: string; when: number }[] };

/**
 * drizzle's migrator records each applied migration with `created_at` = its journal entry's `when`,
 * and applies every entry newer than the latest record: so the database is up to date exactly when
 * its latest record is the journal's last entry (an older one: migrations pending; a newer one: the
 * database was migrated by a later build than this one).
 */
export function migrationReadiness(journal: Journal, appliedLatest: number | null): Readiness {
	const last = journal.entries.at(-1);
	if (!last) return { ready: true };
	if (appliedLatest === null) return { ready: false, reason: 'no migration applied' };
	if (appliedLatest < last.when)
		return { ready: false, reason: `migrations pending: up to ${last.tag} not applied` };
	if (appliedLatest > last.when)
		return { ready: false, reason: 'the database has migrations newer than this build' };
	return { ready: true };
}

/** `select 1`, then the latest applied migration against the journal in `migrationsFolder`. */
export async function readiness(db: DB, migrationsFolder: string): Promise<Readiness> {
	try {
		await db.execute(sql`select 1`);
	} catch {
		return { ready: false, reason: 'database unreachable' };
	}
	let journal: Journal;
	try {
		journal = JSON.parse(
			await readFile(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')
		) as Journal;
	} catch {
		return { ready: false, reason: 'migration journal not found' };
	}
	try {
		const [row] = rowsOf<{ latest: string | number | null }>(
			await db.execute(sql`select max(created_at) as latest from drizzle.__drizzle_migrations`)
		);
		const latest = row?.latest === null || row?.latest === undefined ? null : Number(row.latest);
		return migrationReadiness(journal, latest);
	} catch {
		return { ready: false, reason: 'no migration applied' };
	}
}
