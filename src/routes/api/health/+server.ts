import { json } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import { db, driver } from '$lib/server/db';

/** For load balancers and the start script: the app answers and its database does too. */
export async function GET() {
	await db.execute(sql`select 1`);
	return json({ ok: true, driver }, { headers: { 'cache-control': 'no-store' } });
}
