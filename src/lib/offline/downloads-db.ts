/**
 * Where the phone remembers what it downloaded for offline (IndexedDB, through `idb`): one record per
 * downloaded unit, with the lesson versions and every URL stored for it in Cache Storage
 * (`CACHES.downloads`). The page (downloads.svelte.ts) writes it; the service worker reads it to list
 * what is available on our offline page. Runs in a window or a worker, never on the server.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Gloss } from '$lib/course/types';
import type { DownloadedUnit } from './download-plan';

/** A downloaded unit with what the offline page needs to name and link it. */
export type DownloadRecord = DownloadedUnit & {
	courseTitle: Gloss;
	/** The course's own interface language, for titles not written in the learner's. */
	courseLanguage: 'vi' | 'lo';
	unitTitle: Gloss;
	/** Lessons in course order, to list them offline. */
	lessonList: { id: string; title: Gloss; url: string }[];
	courseUrl: string;
};

interface DownloadsSchema extends DBSchema {
	units: { key: string; value: DownloadRecord; indexes: { byCourse: string } };
}

const NAME = 'mittaphap-downloads';
let opened: Promise<IDBPDatabase<DownloadsSchema>> | undefined;

function database(): Promise<IDBPDatabase<DownloadsSchema>> {
	opened ??= openDB<DownloadsSchema>(NAME, 1, {
		upgrade(db) {
			const units = db.createObjectStore('units', { keyPath: 'unitId' });
			units.createIndex('byCourse', 'courseId');
		}
	});
	return opened;
}

export async function allDownloads(): Promise<DownloadRecord[]> {
	return (await database()).getAll('units');
}

export async function saveDownload(record: DownloadRecord): Promise<void> {
	await (await database()).put('units', record);
}

export async function deleteDownload(unitId: string): Promise<void> {
	await (await database()).delete('units', unitId);
}
