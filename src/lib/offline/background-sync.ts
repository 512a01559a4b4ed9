import { IdbOutboxStore, rememberedAccount } from './outbox-store';
import { flushOutbox } from './sync-engine';
import { fetchTransport } from './transport';

export { OUTBOX_SYNC_TAG } from './transport';

/**
 * Background Sync's side, for the service worker: `self.addEventListener('sync', (event) => { if (event.tag
 * === OUTBOX_SYNC_TAG) event.waitUntil(syncFromWorker()); })`. Sends the outbox of the account last signed
 * in on this phone (its session cookie goes with the requests; another account's session sends nothing, the
 * server answers 409). Rejects while records still wait for the network, so the browser tries again later.
 */
export async function syncFromWorker(): Promise<void> {
	const accountId = await rememberedAccount();
	if (!accountId) return;
	const report = await flushOutbox(new IdbOutboxStore(), fetchTransport, accountId);
	if (report.stopped === 'offline' || report.stopped === 'server')
		throw new Error('the outbox waits for the network');
}
