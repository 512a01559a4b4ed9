// Seeds the demo organizations and accounts into the configured database, once.
import { createDb } from '../src/lib/server/db/client';
import { demoAccountsTable, seedDemo } from '../src/lib/server/seed/demo';

const dataDir = process.env.DATA_DIR || './data';
const handle = await createDb({
	databaseUrl: process.env.DATABASE_URL || undefined,
	pgliteDir: process.env.PGLITE_DIR || `${dataDir}/pglite`
});
console.log((await seedDemo(handle.db)) ? 'Demo data seeded.' : 'Demo data was already there.');
console.log(demoAccountsTable());
await handle.close();
