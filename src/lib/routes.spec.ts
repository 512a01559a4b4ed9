import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ParamMatcher } from '@sveltejs/kit';
import { routes } from './routes';

const ROUTES_DIR = fileURLToPath(new URL('../routes', import.meta.url));
const matchers = Object.fromEntries(
	Object.entries(import.meta.glob<{ match: ParamMatcher }>('../params/*.ts', { eager: true })).map(
		([file, module]) => [/([^/]+)\.ts$/.exec(file)![1], module.match]
	)
);

type AppRoute = { id: string; segments: string[] };

/** Every directory of src/routes with a page or an endpoint, as SvelteKit sees it. */
function appRoutes(dir = ROUTES_DIR, id = ''): AppRoute[] {
	const entries = readdirSync(dir, { withFileTypes: true });
	const here = entries.some((e) => e.isFile() && /^\+(page|server)\./.test(e.name))
		? [{ id: id || '/', segments: id.split('/').filter((s) => s && !/^\(.+\)$/.test(s)) }]
		: [];
	return [
		...here,
		...entries
			.filter((e) => e.isDirectory())
			.flatMap((e) => appRoutes(join(dir, e.name), `${id}/${e.name}`))
	];
}

/** Whether `pathname` opens `route`: fixed segments equal, parameters non-empty and accepted by their matcher. */
function opens(route: AppRoute, pathname: string): boolean {
	const parts = pathname.split('/').filter(Boolean);
	if (parts.length !== route.segments.length) return false;
	return route.segments.every((segment, i) => {
		const param = /^\[(\w+)(?:=(\w+))?\]$/.exec(segment);
		if (!param) return parts[i] === segment;
		const value = decodeURIComponent(parts[i]);
		if (!param[2]) return value !== '';
		const match = matchers[param[2]];
		if (!match) throw new Error(`no src/params/${param[2]}.ts for ${route.id}`);
		return match(value);
	});
}

const LESSON = 'vi-for-lo.u1-l1';
const UUID = '0b6f2a8e-3c1d-4e5f-9a7b-2c4d6e8f0a1b';

/** One call of every builder, with ids shaped as the app makes them. */
const EXAMPLES: Record<string, string> = {
	home: routes.home(),
	login: routes.login({ redirectTo: '/learn/review?mode=recall' }),
	logout: routes.logout(),
	register: routes.register({ code: 'HUAP-2026' }),
	language: routes.language(),
	'verify.form': routes.verify.form(),
	'verify.certificate': routes.verify.certificate('ABCD-EFGH'),
	media: routes.media(UUID),
	offline: routes.offline('lo', { from: '/learn/review' }),
	webManifest: routes.webManifest('lo'),
	healthz: routes.healthz(),
	readyz: routes.readyz(),
	'api.health': routes.api.health(),
	'api.recording': routes.api.recording(UUID),
	'api.sync': routes.api.sync(),
	'api.syncRecording': routes.api.syncRecording(UUID),
	'learn.home': routes.learn.home(),
	'learn.me': routes.learn.me(),
	'learn.courses': routes.learn.courses(),
	'learn.course': routes.learn.course('vi-for-lo'),
	'learn.courseOffline': routes.learn.courseOffline('vi-for-lo'),
	'learn.lesson': routes.learn.lesson(LESSON),
	'learn.lessonAttempt': routes.learn.lessonAttempt(LESSON),
	'learn.recording': routes.learn.recording(UUID),
	'learn.review': routes.learn.review({ mode: 'recall' }),
	'learn.screening.list': routes.learn.screening.list(),
	'learn.screening.overview': routes.learn.screening.overview(UUID),
	'learn.screening.test': routes.learn.screening.test(UUID),
	'learn.screening.rated': routes.learn.screening.rated(UUID),
	'learn.screening.itemAudio': routes.learn.screening.itemAudio(UUID, 'vi-l-001'),
	'learn.screening.recording': routes.learn.screening.recording(UUID, 'vi-s-001'),
	'author.home': routes.author.home(),
	'author.ratings': routes.author.ratings({ saved: 3 }),
	'author.rating': routes.author.rating(UUID),
	'author.reopenRating': routes.author.reopenRating(UUID),
	'author.myRatings': routes.author.myRatings(),
	'author.ratingAgreement': routes.author.ratingAgreement(),
	'author.recordingQueues': routes.author.recordingQueues(),
	'author.recordingQueue': routes.author.recordingQueue('lo-for-vi', { after: '0123456789abcdef' }),
	'author.media': routes.author.media(),
	'author.courses': routes.author.courses(),
	'author.course': routes.author.course('vi-for-lo'),
	'author.courseExport': routes.author.courseExport('vi-for-lo'),
	'author.lesson': routes.author.lesson('vi-for-lo', 'u1-l1'),
	'author.lessonPreview': routes.author.lessonPreview('vi-for-lo', 'u1-l1'),
	'author.exercise': routes.author.exercise('vi-for-lo', 'u1-l1', 'new', { kind: 'choice' }),
	'author.items': routes.author.items({ language: 'lo', status: 'pilot' }),
	'author.newItem': routes.author.newItem({ kind: 'writing' }),
	'author.item': routes.author.item('vi-1-voc-001'),
	'author.itemCalibration': routes.author.itemCalibration({ language: 'vi' }),
	'author.itemHealth': routes.author.itemHealth({ language: 'lo' }),
	'author.itemCollections': routes.author.itemCollections(),
	'author.classes': routes.author.classes(),
	'author.class': routes.author.class(UUID),
	'author.classExport': routes.author.classExport(UUID),
	'author.itemsExchange': routes.author.itemsExchange(),
	'author.itemsExport': routes.author.itemsExport({ bank: 'vi-placement', format: 'moodle' }),
	'admissions.home': routes.admissions.home(),
	'admissions.audit': routes.admissions.audit(),
	'admissions.raterAgreement': routes.admissions.raterAgreement(),
	'admissions.auditExport': routes.admissions.auditExport(),
	'admissions.newProgram': routes.admissions.newProgram(),
	'admissions.program': routes.admissions.program('e2e-rated-program'),
	'admissions.editProgram': routes.admissions.editProgram('e2e-rated-program'),
	'admissions.programExport': routes.admissions.programExport('e2e-rated-program'),
	'admissions.graduatesExport': routes.admissions.graduatesExport('e2e-rated-program'),
	'admissions.invitations': routes.admissions.invitations('e2e-rated-program'),
	'admissions.candidate': routes.admissions.candidate('e2e-rated-program', UUID),
	'admissions.certificate': routes.admissions.certificate('e2e-rated-program', UUID),
	'admin.home': routes.admin.home(),
	'admin.organization': routes.admin.organization('org-huaphan-organization-committee')
};

/** Every builder given one id (the others fixed), to see what a hostile id does to the path. */
const ONE_ID: Record<string, (id: string) => string> = {
	'verify.certificate': (id) => routes.verify.certificate(id),
	'api.recording': (id) => routes.api.recording(id),
	'api.syncRecording': (id) => routes.api.syncRecording(id),
	'learn.course': (id) => routes.learn.course(id),
	'learn.courseOffline': (id) => routes.learn.courseOffline(id),
	media: (id) => routes.media(id),
	'author.recordingQueue': (id) => routes.author.recordingQueue(id),
	'learn.lesson': (id) => routes.learn.lesson(id),
	'learn.lessonAttempt': (id) => routes.learn.lessonAttempt(id),
	'learn.recording': (id) => routes.learn.recording(id),
	'learn.screening.overview': (id) => routes.learn.screening.overview(id),
	'learn.screening.test': (id) => routes.learn.screening.test(id),
	'learn.screening.rated': (id) => routes.learn.screening.rated(id),
	'learn.screening.itemAudio': (id) => routes.learn.screening.itemAudio(id, 'vi-l-001'),
	'learn.screening.recording': (id) => routes.learn.screening.recording(id, 'vi-s-001'),
	'author.rating': (id) => routes.author.rating(id),
	'author.course': (id) => routes.author.course(id),
	'author.courseExport': (id) => routes.author.courseExport(id),
	'author.lesson': (id) => routes.author.lesson('vi-for-lo', id),
	'author.lessonPreview': (id) => routes.author.lessonPreview(id, 'l1'),
	'author.exercise': (id) => routes.author.exercise('c1', 'l1', id),
	'author.item': (id) => routes.author.item(id),
	'author.class': (id) => routes.author.class(id),
	'author.classExport': (id) => routes.author.classExport(id),
	'admissions.program': (id) => routes.admissions.program(id),
	'admissions.programExport': (id) => routes.admissions.programExport(id),
	'admissions.graduatesExport': (id) => routes.admissions.graduatesExport(id),
	'admissions.invitations': (id) => routes.admissions.invitations(id),
	'admissions.candidate': (id) => routes.admissions.candidate('p1', id),
	'admissions.certificate': (id) => routes.admissions.certificate(id, 'c1'),
	'admin.organization': (id) => routes.admin.organization(id)
};

const HOSTILE = [
	'../admin',
	'a/b',
	'x?redirectTo=//evil.example#top',
	'%2F..%2Fadmin',
	'50% off & more',
	'ຫົວພັນ Thanh Hoá',
	'..%2F',
	'\\admin'
];

function builderNames(tree: object, prefix = ''): string[] {
	return Object.entries(tree).flatMap(([key, value]) =>
		typeof value === 'function' ? [prefix + key] : builderNames(value as object, `${prefix}${key}.`)
	);
}

const parse = (path: string) => new URL(path, 'http://mittaphap.test');

describe('routes', () => {
	const all = appRoutes();

	it('has an example for every builder', () => {
		expect(Object.keys(EXAMPLES).sort()).toEqual(builderNames(routes).sort());
	});

	it('builds only paths that open a route under src/routes', () => {
		for (const [name, path] of Object.entries(EXAMPLES)) {
			const { pathname } = parse(path);
			expect(
				all.some((route) => opens(route, pathname)),
				`${name}: ${path}`
			).toBe(true);
		}
	});

	it('has a builder for every route of the app', () => {
		const built = Object.values(EXAMPLES).map((path) => parse(path).pathname);
		for (const route of all) {
			expect(
				built.some((pathname) => opens(route, pathname)),
				route.id
			).toBe(true);
		}
	});

	it('writes queries the way the app always has', () => {
		expect(routes.login({ redirectTo: '/learn' })).toBe('/login?redirectTo=%2Flearn');
		expect(routes.login()).toBe('/login');
		expect(routes.register({ code: 'HUAP-2026' })).toBe('/register?code=HUAP-2026');
		expect(routes.author.ratings({ saved: 3 })).toBe('/author/ratings?saved=3');
		expect(routes.author.rating(UUID, { saved: 2 })).toBe(`/author/ratings/${UUID}?saved=2`);
		expect(routes.learn.review({ mode: 'recall' })).toBe('/learn/review?mode=recall');
		expect(routes.learn.review()).toBe('/learn/review');
	});

	it('keeps a hostile id inside its one path segment', () => {
		for (const [name, build] of Object.entries(ONE_ID)) {
			const plain = parse(build('id')).pathname.split('/');
			const at = plain.indexOf('id');
			for (const id of HOSTILE) {
				const path = build(id);
				const url = parse(path);
				const segments = url.pathname.split('/');
				expect(segments, `${name}(${JSON.stringify(id)}) → ${path}`).toHaveLength(plain.length);
				expect(decodeURIComponent(segments[at]), name).toBe(id);
				expect(url.hash, name).toBe('');
				expect(url.origin, name).toBe('http://mittaphap.test');
				expect(path.startsWith(url.pathname), name).toBe(true);
			}
		}
	});

	it('keeps a hostile value inside its query parameter', () => {
		for (const value of HOSTILE) {
			for (const [path, key] of [
				[routes.login({ redirectTo: value }), 'redirectTo'],
				[routes.register({ code: value }), 'code'],
				[routes.learn.screening.itemAudio(UUID, value), 'item'],
				[routes.learn.screening.recording(UUID, value), 'item']
			] as const) {
				const url = parse(path);
				expect([...url.searchParams.keys()], path).toEqual([key]);
				expect(url.searchParams.get(key), path).toBe(value);
				expect(url.hash, path).toBe('');
			}
		}
	});

	it('refuses an id that would name another path', () => {
		for (const build of Object.values(ONE_ID)) {
			for (const id of ['', '.', '..']) expect(() => build(id)).toThrow(TypeError);
		}
	});
});

describe('param matchers', () => {
	it('accept the ids the app makes and nothing shaped otherwise', () => {
		expect(matchers.lesson(LESSON)).toBe(true);
		expect(matchers.lesson('lo-for-vi.u12-l3')).toBe(true);
		for (const id of ['u1-l1', '.u1-l1', 'vi-for-lo.', ''])
			expect(matchers.lesson(id), id).toBe(false);
		expect(matchers.uuid(crypto.randomUUID())).toBe(true);
		expect(matchers.uuid(UUID.toUpperCase())).toBe(true);
		for (const id of ['e2e-rated-candidate-1', `${UUID}x`, UUID.slice(1), ''])
			expect(matchers.uuid(id), id).toBe(false);
	});
});
