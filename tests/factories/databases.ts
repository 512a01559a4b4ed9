import postgres from 'postgres';
import { createDb, type DbHandle } from '$lib/server/db/client';

export type TestDatabase = {
	name: string;
	open: () => Promise<DbHandle & { dispose: () => Promise<void> }>;
};

/**
 * The databases every integration test runs on: embedded PGlite always, and real PostgreSQL when
 * TEST_DATABASE_URL is set. Each `open()` gets a database of its own, migrated from `drizzle/`,
 * and `dispose()` removes it.
 */
export function testDatabases(): TestDatabase[] {
	const list: TestDatabase[] = [
		{
			name: 'pglite',
			open: async () => {
				const handle = await createDb({ pgliteDir: 'memory://' });
				return { ...handle, dispose: handle.close };
			}
		}
	];
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (serverUrl) {
		list.push({
			name: 'postgres',
			open: async () => {
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
		});
	}
	return list;
}
