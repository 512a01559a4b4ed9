import { mkdirSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

/** Both drivers expose the same query builder; code is written against this type. */
export type DB = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];
/** What a write that may run inside a caller's transaction takes. */
export type DbOrTx = DB | Tx;

export type DbHandle = { db: DB; driver: 'pglite' | 'postgres'; close: () => Promise<void> };

export type DbOptions = {
	/** postgres://… — when set, real PostgreSQL through postgres.js. */
	databaseUrl?: string;
	/** Directory of the embedded PGlite database, or 'memory://'. */
	pgliteDir?: string;
	migrationsFolder?: string;
};

/**
 * Opens the database and applies the committed drizzle migrations. No `$env` here, so scripts and
 * vitest can import it; the app's `db/index.ts` calls it with the environment.
 */
export async function createDb(opts: DbOptions = {}): Promise<DbHandle> {
	const migrationsFolder = opts.migrationsFolder ?? 'drizzle'; // resolved from cwd at run time
	if (opts.databaseUrl) {
		const { default: postgres } = await import('postgres');
		const { drizzle } = await import('drizzle-orm/postgres-js');
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		const client = postgres(opts.databaseUrl, { onnotice: () => {} });
		const db = drizzle(client, { schema });
		await migrate(db, { migrationsFolder });
		return { db: db as unknown as DB, driver: 'postgres', close: () => client.end() };
	}
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	const dir = opts.pgliteDir ?? './data/pglite';
	if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
	const client = new PGlite(dir);
	const db = drizzle(client, { schema });
	await migrate(db, { migrationsFolder });
	return { db: db as unknown as DB, driver: 'pglite', close: () => client.close() };
}

/** `db.execute()` returns an array with postgres.js but `{ rows }` with PGlite. */
export function rowsOf<T>(result: unknown): T[] {
	if (Array.isArray(result)) return result as T[];
	return ((result as { rows?: T[] }).rows ?? []) as T[];
}
