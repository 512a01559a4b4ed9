import { routes } from '$lib/routes';
import type { SyncOutcome } from './outbox';
import type { SendResult, SyncTransport } from './sync-engine';

/** Background Sync's tag: the service worker's `sync` event with it asks the pages to send. */
export const OUTBOX_SYNC_TAG = 'mittaphap-outbox';

/** The app's side of the network: the outbox's batches and recordings over fetch. */
export const fetchTransport: SyncTransport = {
	async postBatch(accountId, records) {
		return send(routes.api.sync(), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				accountId,
				records: records.map(({ id, kind, payload }) => ({ id, kind, payload }))
			})
		}).then((r) =>
			r.ok ? { ok: true, value: (r.value as { results: SyncOutcome[] }).results } : r
		);
	},
	async postRecording(accountId, record) {
		const headers: Record<string, string> = {
			'content-type': record.payload.mimeType || 'audio/webm',
			'x-account-id': accountId
		};
		if (record.payload.durationMs) headers['x-duration-ms'] = String(record.payload.durationMs);
		return send(routes.api.syncRecording(record.id), {
			method: 'PUT',
			headers,
			body: record.payload.blob
		}) as Promise<SendResult<SyncOutcome>>;
	}
};

async function send(url: string, init: RequestInit): Promise<SendResult<unknown>> {
	let response: Response;
	try {
		response = await fetch(url, { ...init, credentials: 'same-origin', cache: 'no-store' });
	} catch {
		return { ok: false, failure: 'offline' };
	}
	// 401: the session expired; 409: another account is signed in. Either way nothing is sent until the
	// learner whose work it is signs in again.
	if (response.status === 401 || response.status === 409 || response.redirected)
		return { ok: false, failure: 'signed-out' };
	if (!response.ok) return { ok: false, failure: 'server' };
	try {
		return { ok: true, value: await response.json() };
	} catch {
		return { ok: false, failure: 'offline' };
	}
}
