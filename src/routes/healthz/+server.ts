import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * Liveness for an orchestrator or reverse proxy: the process answers. Nothing else is asked (not
 * even the database), so a database outage does not get healthy app servers restarted; readiness is
 * `/readyz`. No authentication, never cached.
 */
export const GET: RequestHandler = () =>
	json(
		{ status: 'ok', uptimeSeconds: Math.round(process.uptime()) },
		{ headers: { 'cache-control': 'no-store' } }
	);
