import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDb, rowsOf, type DbHandle } from '$lib/server/db/client';
import { connectDomains } from '$lib/server/connect';
import { seedItemBanks } from '$lib/server/placement/banks';
import { seedCourses } from '$lib/server/learning/seed';
import { importSeedAudio } from '$lib/server/media/service';
import { seedDemo } from '$lib/server/seed/demo';
import { backup, BackupRefused, restore } from '$lib/server/operations/backup';

const FIXTURES = 'tests/fixtures/courses';

async function* linesOf(lines: string[]): AsyncIterable<string> {
	yield* lines;
}

async function backupLines(handle: DbHandle): Promise<string[]> {
	const lines: string[] = [];
	await backup(handle.db, (line) => void lines.push(line));
	return lines;
}

/** Every table's rows as PostgreSQL prints them, media bytes included, in a stable order. */
const rowsOnly = (lines: string[]) => lines.slice(1).sort();

async function mediaDigest(handle: DbHandle) {
	return rowsOf<{ id: string; digest: string }>(
		await handle.db.execute(
			sql`select media_id as id, md5(bytes) as digest from media_blob order by media_id`
		)
	);
}

describe('backup and restore', () => {
	let source: DbHandle;
	let lines: string[];

	beforeAll(async () => {
		connectDomains();
		source = await createDb({ pgliteDir: 'memory://' });
		await seedItemBanks(source.db);
		await seedCourses(source.db, FIXTURES);
		await seedDemo(source.db, { showcase: false });
		await importSeedAudio(source.db, FIXTURES);
		lines = await backupLines(source);
	}, 120_000);
	afterAll(() => source?.close());

	it('a PGlite backup holds every table, stored media included', async () => {
		const header = JSON.parse(lines[0]) as { tables: Record<string, number> };
		expect(header.tables.media_blob).toBeGreaterThan(0);
		expect(header.tables.user).toBeGreaterThanOrEqual(4);
		expect(header.tables.lesson).toBeGreaterThan(0);
		expect(lines.length - 1).toBe(Object.values(header.tables).reduce((a, b) => a + b, 0));
	});

	it('restores into a new PGlite database row for row, and a second restore is refused', async () => {
		const target = await createDb({ pgliteDir: 'memory://' });
		try {
			const restored = await restore(target.db, linesOf(lines));
			expect(restored).toEqual(JSON.parse(lines[0]).tables);
			expect(rowsOnly(await backupLines(target))).toEqual(rowsOnly(lines));
			expect(await mediaDigest(target)).toEqual(await mediaDigest(source));
			await expect(restore(target.db, linesOf(lines))).rejects.toThrow(BackupRefused);
		} finally {
			await target.close();
		}
	});

	it('refuses a file that is not a backup, changing nothing', async () => {
		const target = await createDb({ pgliteDir: 'memory://' });
		try {
			await expect(restore(target.db, linesOf(['{"hello":1}']))).rejects.toThrow(BackupRefused);
			const [{ n }] = rowsOf<{ n: number }>(
				await target.db.execute(sql`select count(*)::int as n from "user"`)
			);
			expect(n).toBe(0);
		} finally {
			await target.close();
		}
	});

	// A school that starts on one laptop (PGlite) moves to a server (PostgreSQL) without losing anything.
	it.skipIf(!process.env.TEST_DATABASE_URL)(
		'restores the PGlite backup into PostgreSQL, and PostgreSQL’s backup back into PGlite',
		async () => {
			const serverUrl = process.env.TEST_DATABASE_URL!;
			const name = `mittaphap_backup_${Date.now().toString(36)}`;
			const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
			await admin.unsafe(`create database "${name}"`);
			const url = new URL(serverUrl);
			url.pathname = `/${name}`;
			const server = await createDb({ databaseUrl: url.toString() });
			const laptop = await createDb({ pgliteDir: 'memory://' });
			try {
				await restore(server.db, linesOf(lines));
				const fromServer = await backupLines(server);
				expect(rowsOnly(fromServer)).toEqual(rowsOnly(lines));
				expect(await mediaDigest(server)).toEqual(await mediaDigest(source));
				await restore(laptop.db, linesOf(fromServer));
				expect(rowsOnly(await backupLines(laptop))).toEqual(rowsOnly(lines));
			} finally {
				await server.close();
				await laptop.close();
				await admin.unsafe(`drop database if exists "${name}" with (force)`);
				await admin.end();
			}
		},
		120_000
	);
});
