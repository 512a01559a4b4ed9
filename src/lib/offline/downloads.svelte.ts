/**
 * Downloads for offline on this phone, as shared state (the course map shows and drives it; the learner
 * area refreshes it at each connection): what is downloaded, the size of a download before it starts
 * next to the free space, its progress, removing one, and replacing lessons a newer published version
 * changed. Stores into Cache Storage (`CACHES.downloads`, read by the service worker) and remembers
 * what it stored in IndexedDB (downloads-db.ts).
 */
import { SvelteMap } from 'svelte/reactivity';
import { routes } from '$lib/routes';
import { CACHES, DOWNLOAD_HEADER } from './cache-rules';
import {
	bytesStillNeeded,
	bytesToFetch,
	fitsInFreeSpace,
	resourcesFor,
	staleLessons,
	urlsToDelete,
	type ManifestResource,
	type OfflineManifest,
	type OfflineSizes
} from './download-plan';
import { allDownloads, deleteDownload, saveDownload, type DownloadRecord } from './downloads-db';

export type DownloadProblem = 'failed' | 'no-space' | 'offline' | 'unsupported';

export type DownloadProgress = {
	/** The unit being downloaded, or null for the whole course. */
	unitId: string | null;
	done: number;
	total: number;
	bytes: number;
};

const supported = () =>
	typeof window !== 'undefined' && 'caches' in window && 'indexedDB' in window;

/** Fetches one resource for the downloads cache; the worker lets it through (DOWNLOAD_HEADER). */
async function fetchInto(cache: Cache, url: string): Promise<number> {
	const response = await fetch(url, {
		credentials: 'same-origin',
		headers: { [DOWNLOAD_HEADER]: '1' }
	});
	// A redirect (session expired → login) or an error is not the page: the download stops.
	if (!response.ok || response.redirected) throw new Error(`${url}: ${response.status}`);
	const body = await response.blob();
	await cache.put(url, new Response(body, { headers: response.headers }));
	return body.size;
}

export class Downloads {
	/** unit id → what is downloaded. */
	readonly units = new SvelteMap<string, DownloadRecord>();
	/** The course whose map is open (the last `load`): answers about another course are not kept. */
	courseId = $state<string | null>(null);
	/** The course's manifest, fetched when the learner downloads (or at a refresh of a downloaded course). */
	manifest = $state<OfflineManifest | null>(null);
	/** The size of each download of the course on the map, from the map's page data (online). */
	sizes = $state<OfflineSizes | null>(null);
	/** Free space on the device in bytes (quota − usage), null when the browser does not say. */
	free = $state<number | null>(null);
	progress = $state<DownloadProgress | null>(null);
	problem = $state<DownloadProblem | null>(null);
	/** Lessons replaced by a newer version at the last refresh. */
	updated = $state(0);

	/** URLs stored by any download. */
	stored(): Set<string> {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a snapshot to compare against, not state
		return new Set([...this.units.values()].flatMap((u) => u.urls));
	}

	/** Whether the sizes of the course's downloads are known: the map then offers them. */
	get ready(): boolean {
		return this.manifest !== null || this.sizes !== null;
	}

	/**
	 * Reads what is downloaded and the free space, then takes the size of each download of the course
	 * (`sizes`, from the map's page data; null offline). The sizes come after what is on the phone, so
	 * a downloaded unit is never offered for download in between; the manifest itself (every address,
	 * ~100 times larger) comes when the learner downloads.
	 */
	async load(courseId: string, sizes: OfflineSizes | null): Promise<void> {
		if (!supported()) {
			this.problem = 'unsupported';
			return;
		}
		this.courseId = courseId;
		if (this.manifest?.courseId !== courseId) this.manifest = null;
		if (this.sizes?.courseId !== courseId) this.sizes = null;
		await this.readStored();
		await this.measureFreeSpace();
		// The learner may have opened another course's map meanwhile. Offline (null) the sizes already
		// known stay, the buttons disabled.
		if (sizes?.courseId === courseId && this.courseId === courseId) this.sizes = sizes;
	}

	/**
	 * The course's manifest from the server, fresh each time (an unchanged one is a 304), kept for the
	 * sizes while that course's map is open; null when the server refuses it (not enrolled any more, the
	 * course gone). Throws offline.
	 */
	private async fetchManifest(courseId: string): Promise<OfflineManifest | null> {
		const response = await fetch(routes.learn.courseOffline(courseId));
		if (!response.ok) return null;
		const manifest = (await response.json()) as OfflineManifest;
		if (this.courseId === courseId) this.manifest = manifest;
		return manifest;
	}

	private async readStored(): Promise<void> {
		const records = await allDownloads();
		// Replaced at once, after the read: a downloaded unit never shows as not downloaded meanwhile.
		this.units.clear();
		for (const record of records) this.units.set(record.unitId, record);
	}

	private async measureFreeSpace(): Promise<void> {
		const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
		this.free =
			estimate?.quota === undefined ? null : Math.max(0, estimate.quota - (estimate.usage ?? 0));
	}

	/** Bytes a download of the unit (or the whole course: null) still needs. */
	sizeOf(unitId: string | null): number {
		if (this.manifest) return bytesToFetch(resourcesFor(this.manifest, unitId), this.stored());
		if (!this.sizes) return 0;
		return bytesStillNeeded(this.sizes, unitId, this.units, this.stored());
	}

	isDownloaded(unitId: string): boolean {
		return this.units.has(unitId);
	}

	/** Downloads the unit, or every unit not yet downloaded (null); progress as resources arrive. */
	async download(unitId: string | null): Promise<void> {
		const courseId = this.courseId;
		if (!courseId || !this.ready || this.progress) return;
		this.problem = null;
		if (!navigator.onLine) {
			this.problem = 'offline';
			return;
		}
		// At once: the other buttons wait while the manifest arrives.
		let progress: DownloadProgress = { unitId, done: 0, total: 0, bytes: 0 };
		this.progress = progress;
		try {
			const manifest = await this.fetchManifest(courseId);
			if (!manifest) throw new Error(`the manifest of ${courseId} was refused`);
			await this.measureFreeSpace();
			if (!fitsInFreeSpace(this.sizeOf(unitId), this.free)) {
				this.problem = 'no-space';
				return;
			}
			// Asked before the bytes arrive, so the browser does not evict them under storage pressure.
			await navigator.storage?.persist?.().catch(() => false);
			const unitIds = unitId === null ? manifest.units.map((u) => u.id) : [unitId];
			const stored = this.stored();
			const todo = resourcesFor(manifest, unitId).filter((r) => !stored.has(r.url));
			progress = { ...progress, total: todo.length };
			this.progress = progress;
			const cache = await caches.open(CACHES.downloads);
			for (const resource of todo) {
				const bytes = await fetchInto(cache, resource.url);
				progress = { ...progress, done: progress.done + 1, bytes: progress.bytes + bytes };
				this.progress = progress;
			}
			for (const id of unitIds) await this.remember(manifest, id);
		} catch {
			this.problem = 'failed';
		} finally {
			this.progress = null;
			await this.measureFreeSpace();
		}
	}

	/** Saves the record of a unit whose resources are all in the downloads cache. */
	private async remember(manifest: OfflineManifest, unitId: string): Promise<void> {
		const unit = manifest.units.find((u) => u.id === unitId);
		if (!unit) return;
		const resources = resourcesFor(manifest, unitId);
		const record: DownloadRecord = {
			unitId,
			courseId: manifest.courseId,
			courseTitle: manifest.title,
			courseLanguage: manifest.interfaceLanguage,
			unitTitle: unit.title,
			courseUrl: routes.learn.course(manifest.courseId),
			lessons: Object.fromEntries(unit.lessons.map((l) => [l.id, l.version])),
			lessonList: unit.lessons.map((l) => ({
				id: l.id,
				title: l.title,
				url: routes.learn.lesson(l.id)
			})),
			urls: resources.map((r) => r.url),
			bytes: bytesToFetch(resources),
			downloadedAt: Date.now()
		};
		await saveDownload($state.snapshot(record) as DownloadRecord);
		this.units.set(unitId, record);
	}

	/** Removes a unit's download, keeping what another downloaded unit still uses. */
	async remove(unitId: string): Promise<void> {
		const record = this.units.get(unitId);
		if (!record) return;
		const others = [...this.units.values()].filter((u) => u.unitId !== unitId);
		const cache = await caches.open(CACHES.downloads);
		for (const url of urlsToDelete(record, others)) await cache.delete(url);
		await deleteDownload(unitId);
		this.units.delete(unitId);
		await this.measureFreeSpace();
	}

	/**
	 * At a connection: for each downloaded course, fetch its manifest and replace the lessons a newer
	 * published version changed (and the course map and home, which show progress). The learner's
	 * progress lives on the server and in the outbox; replacing a page's copy does not touch it.
	 */
	async refresh(): Promise<void> {
		if (!supported() || !navigator.onLine || this.progress) return;
		await this.readStored();
		const courses = [...this.units.values()]
			.map((u) => u.courseId)
			.filter((id, i, all) => all.indexOf(id) === i);
		let replaced = 0;
		for (const courseId of courses) {
			let manifest: OfflineManifest | null;
			try {
				manifest = await this.fetchManifest(courseId);
			} catch {
				return;
			}
			// Not enrolled any more, or the course is gone: what is stored stays until removed.
			if (manifest) replaced += await this.replaceStale(manifest);
		}
		this.updated = replaced;
	}

	private async replaceStale(manifest: OfflineManifest): Promise<number> {
		const cache = await caches.open(CACHES.downloads);
		let replaced = 0;
		const records = [...this.units.values()].filter((u) => u.courseId === manifest.courseId);
		for (const shared of manifest.shared) await fetchInto(cache, shared.url).catch(() => 0);
		for (const record of records) {
			const { changed, removed } = staleLessons(record, manifest);
			if (changed.length === 0 && removed.length === 0) continue;
			const stored = this.stored();
			const fetches: ManifestResource[] = changed.flatMap((l) =>
				// Pages always again; media only when new (a new version of a medium is a new URL).
				l.resources.filter((r) => !r.url.startsWith('/media/') || !stored.has(r.url))
			);
			try {
				for (const resource of fetches) await fetchInto(cache, resource.url);
			} catch {
				continue;
			}
			const before = record.urls;
			await this.remember(manifest, record.unitId);
			const after = this.units.get(record.unitId)!;
			const others = [...this.units.values()];
			for (const url of urlsToDelete(
				{ urls: before.filter((u) => !after.urls.includes(u)) },
				others
			))
				await cache.delete(url);
			replaced += changed.length;
		}
		if (manifest.courseId === this.manifest?.courseId) this.manifest = manifest;
		return replaced;
	}
}

/** The one instance of the page (a layout refreshes it, the course map shows it). */
export const downloads = new Downloads();
