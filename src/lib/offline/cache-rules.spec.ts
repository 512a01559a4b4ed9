import { describe, expect, it } from 'vitest';
import {
	cacheKeyOf,
	dataPathOf,
	isCacheablePage,
	isDataRequest,
	isVersionedMedia,
	localeFromCookie,
	pagePathOf
} from './cache-rules';

describe('what the service worker may keep', () => {
	it('keeps the learner’s pages and their data', () => {
		for (const path of [
			'/',
			'/learn',
			'/learn/courses/vi-for-lo',
			'/learn/lessons/vi-for-lo.u1-l1',
			'/learn/lessons/vi-for-lo.u1-l1/__data.json',
			'/learn/review',
			'/__data.json'
		])
			expect(isCacheablePage(path), path).toBe(true);
	});

	it('never keeps the screening test, staff areas, authentication or the API', () => {
		for (const path of [
			'/learn/screening',
			'/learn/screening/0b6f2a8e-3c1d-4e5f-9a7b-2c4d6e8f0a1b/test',
			'/learn/screening/0b6f2a8e-3c1d-4e5f-9a7b-2c4d6e8f0a1b/test/__data.json',
			'/learn/screening/x/audio',
			'/admissions',
			'/admissions/programs/p1/__data.json',
			'/author',
			'/author/ratings/r1',
			'/author/courses/vi-for-lo/lessons/u1-l1',
			'/admin',
			'/admin/organizations/o1',
			'/api/health',
			'/healthz',
			'/readyz',
			'/api/sync',
			'/login',
			'/logout',
			'/register',
			'/language',
			'/verify',
			'/verify/ABCD-EFGH'
		])
			expect(isCacheablePage(path), path).toBe(false);
	});

	it('matches areas by whole segments, not by a shared beginning', () => {
		expect(isCacheablePage('/learn/screeningx')).toBe(true);
		expect(isCacheablePage('/apis')).toBe(true);
		expect(isCacheablePage('/authors')).toBe(true);
	});
});

describe('SvelteKit data requests', () => {
	it('are the data of their page', () => {
		expect(isDataRequest('/learn/lessons/a.b/__data.json')).toBe(true);
		expect(isDataRequest('/learn/lessons/a.b')).toBe(false);
		expect(pagePathOf('/learn/lessons/a.b/__data.json')).toBe('/learn/lessons/a.b');
		expect(pagePathOf('/__data.json')).toBe('/');
		expect(pagePathOf('/learn')).toBe('/learn');
		expect(dataPathOf('/learn/lessons/a.b')).toBe('/learn/lessons/a.b/__data.json');
		expect(dataPathOf('/')).toBe('/__data.json');
	});

	it('are stored without SvelteKit’s query, so every way of reaching a page finds the same copy', () => {
		const data = new URL(
			'http://x/learn/lessons/a.b/__data.json?x-sveltekit-invalidated=01&x-sveltekit-trailing-slash=1'
		);
		expect(cacheKeyOf(data)).toBe('http://x/learn/lessons/a.b/__data.json');
		expect(cacheKeyOf(new URL('http://x/learn/lessons/a.b?from=next'))).toBe(
			'http://x/learn/lessons/a.b'
		);
	});
});

describe('versioned media', () => {
	it('is a stored medium by id or the app’s own sounds', () => {
		expect(isVersionedMedia('/media/0b6f2a8e-3c1d-4e5f-9a7b-2c4d6e8f0a1b')).toBe(true);
		expect(isVersionedMedia('/audio/sound-check.ogg')).toBe(true);
		expect(isVersionedMedia('/media/not-an-id')).toBe(false);
		expect(isVersionedMedia('/learn/recordings/0b6f2a8e-3c1d-4e5f-9a7b-2c4d6e8f0a1b')).toBe(false);
		expect(isVersionedMedia('/learn/screening/x/audio')).toBe(false);
	});
});

describe('the interface language from the cookie', () => {
	it('reads paraglide’s cookie among others and refuses unknown values', () => {
		expect(localeFromCookie('session=abc; PARAGLIDE_LOCALE=lo; x=1')).toBe('lo');
		expect(localeFromCookie('PARAGLIDE_LOCALE=vi')).toBe('vi');
		expect(localeFromCookie('PARAGLIDE_LOCALE=fr')).toBeNull();
		expect(localeFromCookie('XPARAGLIDE_LOCALE=lo')).toBeNull();
		expect(localeFromCookie(undefined)).toBeNull();
	});
});
