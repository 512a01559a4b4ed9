import { describe, expect, it } from 'vitest';
import {
	bytesStillNeeded,
	bytesToFetch,
	fitsInFreeSpace,
	formatBytes,
	resourcesFor,
	sizesOf,
	staleLessons,
	urlsToDelete,
	type OfflineManifest
} from './download-plan';

const g = (vi: string) => ({ vi, lo: vi, en: vi });

const manifest: OfflineManifest = {
	courseId: 'c',
	title: g('Course'),
	interfaceLanguage: 'lo',
	shared: [
		{ url: '/learn/courses/c', bytes: 5000, estimated: true },
		{ url: '/learn/courses/c/__data.json', bytes: 2000, estimated: true }
	],
	units: [
		{
			id: 'c.u1',
			title: g('Unit 1'),
			lessons: [
				{
					id: 'c.l1',
					title: g('L1'),
					version: 'v1',
					resources: [
						{ url: '/learn/lessons/c.l1', bytes: 8000, estimated: true },
						{ url: '/media/a', bytes: 30_000 },
						{ url: '/media/shared', bytes: 10_000 }
					]
				},
				{
					id: 'c.l2',
					title: g('L2'),
					version: 'v1',
					resources: [
						{ url: '/learn/lessons/c.l2', bytes: 9000, estimated: true },
						{ url: '/media/shared', bytes: 10_000 }
					]
				}
			]
		},
		{
			id: 'c.u2',
			title: g('Unit 2'),
			lessons: [
				{
					id: 'c.l3',
					title: g('L3'),
					version: 'v7',
					resources: [{ url: '/learn/lessons/c.l3', bytes: 7000, estimated: true }]
				}
			]
		}
	]
};

describe('what a download needs', () => {
	it('lists a unit’s resources once each, with the shared pages', () => {
		const urls = resourcesFor(manifest, 'c.u1').map((r) => r.url);
		expect(urls).toEqual([
			'/learn/courses/c',
			'/learn/courses/c/__data.json',
			'/learn/lessons/c.l1',
			'/media/a',
			'/media/shared',
			'/learn/lessons/c.l2'
		]);
		expect(bytesToFetch(resourcesFor(manifest, 'c.u1'))).toBe(
			5000 + 2000 + 8000 + 30_000 + 10_000 + 9000
		);
	});

	it('covers every unit for the whole course, and nothing for an unknown unit but the shared pages', () => {
		expect(resourcesFor(manifest, null)).toHaveLength(7);
		expect(resourcesFor(manifest, 'nope').map((r) => r.url)).toEqual([
			'/learn/courses/c',
			'/learn/courses/c/__data.json'
		]);
	});

	it('counts only what is not on the phone yet', () => {
		const stored = new Set(['/learn/courses/c', '/learn/courses/c/__data.json', '/media/shared']);
		expect(bytesToFetch(resourcesFor(manifest, 'c.u1'), stored)).toBe(8000 + 30_000 + 9000);
	});

	it('refuses a download that would leave less than a tenth of the free space', () => {
		expect(fitsInFreeSpace(900, 1000)).toBe(true);
		expect(fitsInFreeSpace(901, 1000)).toBe(false);
		expect(fitsInFreeSpace(10 ** 9, null)).toBe(true);
	});
});

describe('sizes before the manifest (offline.json?sizes)', () => {
	/** The fixture with a third unit that stores a recording unit 1 also uses. */
	const three: OfflineManifest = {
		...manifest,
		units: [
			...manifest.units,
			{
				id: 'c.u3',
				title: g('Unit 3'),
				lessons: [
					{
						id: 'c.l4',
						title: g('L4'),
						version: 'v1',
						resources: [
							{ url: '/learn/lessons/c.l4', bytes: 6000, estimated: true },
							{ url: '/media/shared', bytes: 10_000 },
							{ url: '/media/b', bytes: 4000 }
						]
					}
				]
			}
		]
	};
	const unitIds = three.units.map((u) => u.id);

	it('gives each download the bytes the manifest gives, whatever is downloaded already', () => {
		const sizes = sizesOf(three);
		// Every set of downloaded units (as the phone stores them: each unit's resources).
		for (let mask = 0; mask < 2 ** unitIds.length; mask++) {
			const downloaded = new Set(unitIds.filter((_, i) => mask & (1 << i)));
			const stored = new Set(
				[...downloaded].flatMap((id) => resourcesFor(three, id).map((r) => r.url))
			);
			for (const unitId of [null, ...unitIds])
				expect(bytesStillNeeded(sizes, unitId, downloaded, stored), `${mask} ${unitId}`).toBe(
					bytesToFetch(resourcesFor(three, unitId), stored)
				);
		}
	});

	it('is a small part of the manifest: the shared pages and a recording two units use, then a figure per unit', () => {
		const sizes = sizesOf(three);
		expect(sizes.common.map((r) => [r.url, r.units])).toEqual([
			['/learn/courses/c', null],
			['/learn/courses/c/__data.json', null],
			['/media/shared', ['c.u1', 'c.u3']]
		]);
		expect(sizes.units).toEqual([
			{ id: 'c.u1', bytes: 8000 + 30_000 + 9000 },
			{ id: 'c.u2', bytes: 7000 },
			{ id: 'c.u3', bytes: 6000 + 4000 }
		]);
	});
});

describe('a newer published version', () => {
	it('finds changed, added and removed lessons of a downloaded unit', () => {
		const { changed, removed } = staleLessons(
			{ unitId: 'c.u1', lessons: { 'c.l1': 'v0', 'c.l2': 'v1', 'c.gone': 'v1' } },
			manifest
		);
		expect(changed.map((l) => l.id)).toEqual(['c.l1']);
		expect(removed).toEqual(['c.gone']);
		const added = staleLessons({ unitId: 'c.u1', lessons: { 'c.l1': 'v1' } }, manifest);
		expect(added.changed.map((l) => l.id)).toEqual(['c.l2']);
	});

	it('finds nothing when the versions match', () => {
		expect(staleLessons({ unitId: 'c.u2', lessons: { 'c.l3': 'v7' } }, manifest)).toEqual({
			changed: [],
			removed: []
		});
	});
});

describe('removing a download', () => {
	it('keeps what another downloaded unit still uses', () => {
		expect(
			urlsToDelete({ urls: ['/learn/courses/c', '/learn/lessons/c.l1', '/media/shared'] }, [
				{ urls: ['/learn/courses/c', '/learn/lessons/c.l3', '/media/shared'] }
			])
		).toEqual(['/learn/lessons/c.l1']);
	});
});

describe('sizes for people', () => {
	it('uses binary units and the Vietnamese/Lao decimal comma', () => {
		expect(formatBytes(512, 'lo')).toBe('512 B');
		expect(formatBytes(1536, 'vi')).toBe('1,5 KB');
		expect(formatBytes(3.25 * 1024 * 1024, 'lo')).toBe('3,3 MB');
		expect(formatBytes(42 * 1024 * 1024, 'en')).toBe('42 MB');
		expect(formatBytes(1.5 * 1024 ** 3, 'en')).toBe('1.5 GB');
	});
});
