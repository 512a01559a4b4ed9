// Applies the committed migrations to the configured database (the server also does this at start-up).
import { createDb } from '../src/lib/server/db/client';

const dataDir = process.env.DATA_DIR || './data';
const handle = await createDb({
	databaseUrl: process.env.DATABASE_URL || undefined,
	pgliteDir: process.env.PGLITE_DIR || `${dataDir}/pglite`
});
console.log(`Migrations applied (${handle.driver}).`);
await handle.close();
