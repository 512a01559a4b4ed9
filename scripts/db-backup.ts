// npm run db:backup [-- file]: every row of the configured database (PGlite or DATABASE_URL, stored
// media included) as JSON lines, gzipped when the name ends in .gz (the default
// backups/mittaphap-<time>.jsonl.gz). Restores into either database (`npm run db:restore`).
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { createDb } from '../src/lib/server/db/client';
import { backup } from '../src/lib/server/operations/backup';

const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
const file = process.argv[2] ?? `backups/mittaphap-${stamp}.jsonl.gz`;
mkdirSync(dirname(file), { recursive: true });

const dataDir = process.env.DATA_DIR || './data';
const handle = await createDb({
	databaseUrl: process.env.DATABASE_URL || undefined,
	pgliteDir: process.env.PGLITE_DIR || `${dataDir}/pglite`
});
const out = createWriteStream(file);
const gzip = file.endsWith('.gz') ? createGzip() : null;
if (gzip) gzip.pipe(out);
const sink = gzip ?? out;
const header = await backup(handle.db, async (line) => {
	if (!sink.write(line + '\n')) await once(sink, 'drain');
});
sink.end();
await once(out, 'close');
await handle.close();
const rows = Object.values(header.tables).reduce((a, b) => a + b, 0);
console.log(
	`Backup of the ${handle.driver} database: ${rows} rows of ${Object.keys(header.tables).length} tables (${header.tables.media_blob ?? 0} stored media) in ${file}`
);
