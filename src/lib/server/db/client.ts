import { mkdirSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

/** Both drivers expose the same query builder; code is written against this type. */
export type DB = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];
/** What a write that may run inside a caller's transaction takes. */
export type DbOrTx = DB | Tx;

export type DbHandle = {
	db: DB;
	driver: 'pglite' | 'postgres';
	close: () => Promise<void>;
	/**
	 * Runs `work` while no other app server of this database runs start-up work (migrations, seeding):
	 * a PostgreSQL advisory lock on PostgreSQL, nothing on PGlite (one process owns its directory).
	 */
	exclusively: <T>(work: () => Promise<T>) => Promise<T>;
};

/**
 * The advisory lock key of start-up work, the same in every app server and script of any version
 * ('mitt' in ASCII, 0x6d697474): PostgreSQL's advisory locks are one namespace per database.
 */
export const STARTUP_LOCK_KEY = 1_835_627_636;

export type DbOptions = {
	/** postgres://… — when set, real PostgreSQL through postgres.js. */
	databaseUrl?: string;
	/** Directory of the embedded PGlite database, or 'memory://'. */
	pgliteDir?: string;
	migrationsFolder?: string;
};

/**
 * Opens the database and applies the committed drizzle migrations (once, however many app servers
 * start together). No `$env` here, so scripts and vitest can import it; the app's `db/index.ts`
 * calls it with the environment.
 */
export async function createDb(opts: DbOptions = {}): Promise<DbHandle> {
	const migrationsFolder = opts.migrationsFolder ?? 'drizzle'; // resolved from cwd at run time
	if (opts.databaseUrl) {
		const { default: postgres } = await import('postgres');
		const { drizzle } = await import('drizzle-orm/postgres-js');
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		const client = postgres(opts.databaseUrl, { onnotice: () => {} });
		const db = drizzle(client, { schema });
		/**
		 * Servers started together would otherwise all create drizzle's migrations table and apply the
		 * same migrations at once (one crashed on pg_type's unique index). The lock is held by a connection
		 * of its own, reserved from the pool, so a server that dies holding it releases it with its
		 * connection; `work` runs on the pool's other connections, and the next server then finds
		 * everything done.
		 */
		const exclusively = async <T>(work: () => Promise<T>): Promise<T> => {
			const holder = await client.reserve();
			try {
				await holder`select pg_advisory_lock(${STARTUP_LOCK_KEY})`;
				try {
					return await work();
				} finally {
					await holder`select pg_advisory_unlock(${STARTUP_LOCK_KEY})`;
				}
			} finally {
				holder.release();
			}
		};
		await exclusively(() => migrate(db, { migrationsFolder }));
		// end() with no timeout waits for every query the pool ever queued: a server told to stop after
		// clients gave up on their requests under load kept running for many minutes (bench:load).
		// By now adapter-node has answered or closed every request, so what is left is abandoned.
		const close = () => client.end({ timeout: 5 });
		return { db: db as unknown as DB, driver: 'postgres', close, exclusively };
	}
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	const dir = opts.pgliteDir ?? './data/pglite';
	if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
	const client = new PGlite(dir);
	const db = drizzle(client, { schema });
	await migrate(db, { migrationsFolder });
	return {
		db: db as unknown as DB,
		driver: 'pglite',
		close: () => client.close(),
		exclusively: (work) => work()
	};
}

/** `db.execute()` returns an array with postgres.js but `{ rows }` with PGlite. */
export function rowsOf<T>(result: unknown): T[] {
	if (Array.isArray(result)) return result as T[];
	return ((result as { rows?: T[] }).rows ?? []) as T[];
}
