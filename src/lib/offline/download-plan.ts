/**
 * Downloads for offline, as pure data: the manifest the server lists for a course, what a unit or the
 * whole course needs, how many bytes are still to fetch, and which downloaded lessons a newer published
 * version changed. No browser API here (downloads.svelte.ts does the fetching and storing).
 */
import type { Gloss } from '$lib/course/types';

/** One address to keep, with its size in bytes (`estimated`: a page, whose size is known once fetched). */
export type ManifestResource = { url: string; bytes: number; estimated?: boolean };

export type ManifestLesson = {
	id: string;
	title: Gloss;
	/** Changes whenever anything the lesson page shows changes (content, audio, next lesson). */
	version: string;
	resources: ManifestResource[];
};

export type ManifestUnit = { id: string; title: Gloss; lessons: ManifestLesson[] };

/** `GET /learn/courses/<id>/offline.json`: everything a downloaded course opens offline. */
export type OfflineManifest = {
	courseId: string;
	title: Gloss;
	interfaceLanguage: 'vi' | 'lo';
	/** Pages every downloaded unit needs: the learner's home, the course map (and their data). */
	shared: ManifestResource[];
	units: ManifestUnit[];
};

/**
 * `GET /learn/courses/<id>/offline.json?sizes`: what the course map needs to show each download's size
 * before any starts, about a hundredth of the manifest (the manifest itself is fetched when the learner
 * downloads). `common`: resources more than one unit stores (`units: null`: every unit, the shared
 * pages), with the units that use them; each unit's `bytes`: its resources no other unit uses.
 */
export type OfflineSizes = {
	courseId: string;
	common: { url: string; bytes: number; units: string[] | null }[];
	units: { id: string; bytes: number }[];
};

/** What the phone keeps about one downloaded unit (IndexedDB, downloads.svelte.ts). */
export type DownloadedUnit = {
	unitId: string;
	courseId: string;
	/** lesson id → the version downloaded. */
	lessons: Record<string, string>;
	/** Every URL stored for the unit, shared pages included. */
	urls: string[];
	/** Bytes actually stored. */
	bytes: number;
	downloadedAt: number;
};

/** The units a download covers: one unit, or every unit of the course (`null`). */
function unitsOf(manifest: OfflineManifest, unitId: string | null): ManifestUnit[] {
	return unitId === null ? manifest.units : manifest.units.filter((u) => u.id === unitId);
}

/**
 * The resources to store for a unit (or the course), each once, shared pages first: a URL that two
 * lessons use (the same recorded word) is fetched and counted once.
 */
export function resourcesFor(manifest: OfflineManifest, unitId: string | null): ManifestResource[] {
	const byUrl = new Map<string, ManifestResource>();
	for (const resource of manifest.shared) byUrl.set(resource.url, resource);
	for (const unit of unitsOf(manifest, unitId))
		for (const lesson of unit.lessons)
			for (const resource of lesson.resources)
				if (!byUrl.has(resource.url)) byUrl.set(resource.url, resource);
	return [...byUrl.values()];
}

/** Bytes of the resources not already on the phone (`stored`): what the download will cost. */
export function bytesToFetch(
	resources: readonly ManifestResource[],
	stored: ReadonlySet<string> = new Set()
): number {
	return resources.reduce((sum, r) => (stored.has(r.url) ? sum : sum + r.bytes), 0);
}

/** The sizes of a manifest's downloads (see `OfflineSizes`). */
export function sizesOf(manifest: OfflineManifest): OfflineSizes {
	const usedBy = new Map<string, { bytes: number; units: Set<string> }>();
	for (const unit of manifest.units)
		for (const resource of resourcesFor(manifest, unit.id)) {
			const use = usedBy.get(resource.url) ?? { bytes: resource.bytes, units: new Set<string>() };
			use.units.add(unit.id);
			usedBy.set(resource.url, use);
		}
	const shared = new Set(manifest.shared.map((r) => r.url));
	const common: OfflineSizes['common'] = manifest.shared.map(({ url, bytes }) => ({
		url,
		bytes,
		units: null
	}));
	const own = new Map(manifest.units.map((u) => [u.id, 0]));
	for (const [url, { bytes, units }] of usedBy) {
		if (shared.has(url)) continue;
		if (units.size > 1) common.push({ url, bytes, units: [...units] });
		else for (const id of units) own.set(id, (own.get(id) ?? 0) + bytes);
	}
	return {
		courseId: manifest.courseId,
		common,
		units: manifest.units.map((u) => ({ id: u.id, bytes: own.get(u.id) ?? 0 }))
	};
}

/**
 * Bytes a download of the unit (or of every unit: null) still needs, from the sizes alone: the own
 * resources of each unit not yet downloaded, and the common ones not yet stored. The same figure as
 * `bytesToFetch(resourcesFor(manifest, unitId), stored)` while the downloaded units are as published.
 */
export function bytesStillNeeded(
	sizes: OfflineSizes,
	unitId: string | null,
	downloaded: { has(unitId: string): boolean },
	stored: ReadonlySet<string>
): number {
	const wanted = sizes.units.filter((u) => unitId === null || u.id === unitId);
	const own = wanted.reduce((sum, u) => (downloaded.has(u.id) ? sum : sum + u.bytes), 0);
	const ids = new Set(wanted.map((u) => u.id));
	const common = sizes.common
		.filter((r) => !stored.has(r.url) && (r.units === null || r.units.some((id) => ids.has(id))))
		.reduce((sum, r) => sum + r.bytes, 0);
	return own + common;
}

/** Whether the download fits: the device's free space (quota − usage) keeps a 10 % margin after it. */
export function fitsInFreeSpace(bytes: number, free: number | null): boolean {
	return free === null || bytes <= free * 0.9;
}

/**
 * Lessons of a downloaded unit whose published version changed, or that a new version added; and
 * lessons it no longer has (their URLs can go). Compared by the manifest's `version`.
 */
export function staleLessons(
	downloaded: Pick<DownloadedUnit, 'lessons' | 'unitId'>,
	manifest: OfflineManifest
): { changed: ManifestLesson[]; removed: string[] } {
	const unit = manifest.units.find((u) => u.id === downloaded.unitId);
	const current = unit?.lessons ?? [];
	const changed = current.filter((l) => downloaded.lessons[l.id] !== l.version);
	const removed = Object.keys(downloaded.lessons).filter((id) => !current.some((l) => l.id === id));
	return { changed, removed };
}

/**
 * URLs of a removed download that nothing else still downloaded uses (a shared course map, audio of a
 * word two units teach), so removing one unit never breaks another.
 */
export function urlsToDelete(
	removed: Pick<DownloadedUnit, 'urls'>,
	others: readonly Pick<DownloadedUnit, 'urls'>[]
): string[] {
	const kept = new Set(others.flatMap((u) => u.urls));
	return removed.urls.filter((url) => !kept.has(url));
}

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/**
 * A size for people: 1 decimal under 10 of a unit, whole above (1 KB = 1024 B, as phones show storage),
 * with the locale's decimal separator (Lao and Vietnamese use a comma).
 */
export function formatBytes(bytes: number, locale: string): string {
	let value = Math.max(0, bytes);
	let unit = 0;
	while (value >= 1024 && unit < UNITS.length - 1) {
		value /= 1024;
		unit++;
	}
	const digits = unit > 0 && value < 10 ? 1 : 0;
	const number = new Intl.NumberFormat(locale === 'lo' ? 'vi' : locale, {
		maximumFractionDigits: digits,
		minimumFractionDigits: digits
	}).format(value);
	return `${number} ${UNITS[unit]}`;
}
