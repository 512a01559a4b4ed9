import { building } from '$app/environment';
import { env } from '$env/dynamic/private';
import { createDb, type DB, type DbHandle } from './client';

// Kept on globalThis so vite-dev SSR reloads reuse one connection instead of opening another.
const g = globalThis as unknown as { __dbHandle?: Promise<DbHandle> };

// SvelteKit imports server modules during `vite build` to analyse them: never open a database then.
/** The committed SQL migrations, resolved from the working directory (deployed beside `build/`). */
export const migrationsFolder = env.MIGRATIONS_DIR || 'drizzle';

if (!building && !g.__dbHandle) {
	g.__dbHandle = createDb({
		databaseUrl: env.DATABASE_URL || undefined,
		pgliteDir: env.PGLITE_DIR || `${env.DATA_DIR || './data'}/pglite`,
		migrationsFolder
	});
}

/** Closes the database: the built server's last step when it stops (operations/shutdown.ts). */
export async function closeDatabase(): Promise<void> {
	await (await g.__dbHandle)?.close();
}

const handle = building ? undefined : await g.__dbHandle;

export const db = handle?.db as DB;
export const driver = handle?.driver;
/** Start-up work (seeding) that one app server does while the others wait: see `DbHandle`. */
export const exclusively = <T>(work: () => Promise<T>): Promise<T> =>
	handle ? handle.exclusively(work) : work();
