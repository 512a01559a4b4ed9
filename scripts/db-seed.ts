// Seeds the demo organizations and accounts into the configured database, once.
import { createDb } from '../src/lib/server/db/client';
import { demoAccountsTable, seedDemo } from '../src/lib/server/seed/demo';

const dataDir = process.env.DATA_DIR || './data';
const handle = await createDb({
	databaseUrl: process.env.DATABASE_URL || undefined,
	pgliteDir: process.env.PGLITE_DIR || `${dataDir}/pglite`
});
// Under the start-up lock: an app server starting at the same moment seeds too.
const seeded = await handle.exclusively(() => seedDemo(handle.db));
console.log(seeded ? 'Demo data seeded.' : 'Demo data was already there.');
console.log(demoAccountsTable());
await handle.close();
