// Seeds the demo into the configured database, once (SEED_DEMO=accounts: organizations and accounts only).
import { createDb } from '../src/lib/server/db/client';
import { connectDomains } from '../src/lib/server/connect';
import { seedItemBanks } from '../src/lib/server/placement/banks';
import { seedCourses } from '../src/lib/server/learning/seed';
import { demoAccountsTable, seedDemo } from '../src/lib/server/seed/demo';

const dataDir = process.env.DATA_DIR || './data';
const handle = await createDb({
	databaseUrl: process.env.DATABASE_URL || undefined,
	pgliteDir: process.env.PGLITE_DIR || `${dataDir}/pglite`
});
// The demo's tests and lessons need the item banks and courses, loaded as the app loads them.
connectDomains();
// Under the start-up lock: an app server starting at the same moment seeds too.
const showcase = process.env.SEED_DEMO !== 'accounts';
const seeded = await handle.exclusively(async () => {
	await seedItemBanks(handle.db);
	await seedCourses(handle.db);
	return seedDemo(handle.db, { showcase });
});
console.log(seeded ? 'Demo data seeded.' : 'Demo data was already there.');
console.log(demoAccountsTable(showcase));
await handle.close();
