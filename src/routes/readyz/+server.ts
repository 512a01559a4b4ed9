import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { db, migrationsFolder } from '$lib/server/db';
import { readiness } from '$lib/server/operations/readiness';

/**
 * Readiness for a reverse proxy or orchestrator: 200 when the database answers and has every
 * migration of this build, else 503 with the reason (`$lib/server/operations/readiness.ts`). No
 * authentication, never cached.
 */
export const GET: RequestHandler = async () => {
	const state = await readiness(db, migrationsFolder);
	return json(state.ready ? { status: 'ready' } : { status: 'not ready', reason: state.reason }, {
		status: state.ready ? 200 : 503,
		headers: { 'cache-control': 'no-store' }
	});
};
