// npm run db:restore -- file: restores a backup made by `npm run db:backup` (of PGlite or PostgreSQL)
// into the configured database, which must be new: migrated by this build (done here) and without
// data — restore before the first start of the app, which would seed the demo. All or nothing.
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { createDb } from '../src/lib/server/db/client';
import { BackupRefused, restore } from '../src/lib/server/operations/backup';

const file = process.argv[2];
if (!file || !existsSync(file)) {
	console.error('Usage: npm run db:restore -- <backup file (.jsonl or .jsonl.gz)>');
	process.exit(2);
}
const dataDir = process.env.DATA_DIR || './data';
const handle = await createDb({
	databaseUrl: process.env.DATABASE_URL || undefined,
	pgliteDir: process.env.PGLITE_DIR || `${dataDir}/pglite`
});
/** Opened just before `restore` reads it: readline drops lines emitted before it is iterated. */
function backupLines() {
	const input = createReadStream(file);
	return createInterface({
		input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input,
		crlfDelay: Infinity
	});
}
try {
	const restored = await handle.exclusively(() => restore(handle.db, backupLines()));
	const rows = Object.values(restored).reduce((a, b) => a + b, 0);
	console.log(`Restored ${rows} rows into the ${handle.driver} database from ${file}.`);
} catch (error) {
	if (!(error instanceof BackupRefused)) throw error;
	console.error(`Not restored: ${error.message}.`);
	process.exitCode = 1;
} finally {
	await handle.close();
}
