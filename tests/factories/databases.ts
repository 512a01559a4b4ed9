import { afterAll, beforeAll, describe } from 'vitest';
import postgres from 'postgres';
import { createDb, type DB, type DbHandle } from '$lib/server/db/client';
import { connectDomains } from '$lib/server/connect';

type Opened = DbHandle & { dispose: () => Promise<void> };

/** Embedded PGlite always; real PostgreSQL too when TEST_DATABASE_URL is set. */
function databases(): { name: string; open: () => Promise<Opened> }[] {
	const list = [
		{
			name: 'pglite',
			open: async () => {
				const handle = await createDb({ pgliteDir: 'memory://' });
				return { ...handle, dispose: handle.close };
			}
		}
	];
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (serverUrl) list.push({ name: 'postgres', open: () => openPostgres(serverUrl) });
	return list;
}

/** A database of its own on the server, dropped again by `dispose`. */
async function openPostgres(serverUrl: string): Promise<Opened> {
	const name = `mittaphap_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(serverUrl, { onnotice: () => {}, max: 1 });
	await admin.unsafe(`create database "${name}"`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const handle = await createDb({ databaseUrl: url.toString() });
	return {
		...handle,
		dispose: async () => {
			await handle.close();
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end();
		}
	};
}

export type TestDatabase = { readonly db: DB };

/**
 * Runs `suite` once on each database (`<title> on pglite`, `<title> on postgres`). Each run gets a
 * database of its own, migrated from `drizzle/`, with the domains connected as the app connects
 * them (`connectDomains`), and removed afterwards. `database.db` is there from the suite's own
 * `beforeAll` on: the fixture's opens first.
 */
export function withTestDatabase(title: string, suite: (database: TestDatabase) => void): void {
	describe.each(databases())(`${title} on $name`, ({ open }) => {
		let opened: Opened | undefined;
		beforeAll(async () => {
			connectDomains();
			opened = await open();
		});
		afterAll(() => opened?.dispose());
		suite({
			get db() {
				if (!opened) throw new Error('The test database is opened in beforeAll.');
				return opened.db;
			}
		});
	});
}
