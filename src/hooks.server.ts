import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { error, isHttpError, isRedirect, redirect } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { m } from '$lib/paraglide/messages';
import { closeDatabase, db, exclusively } from '$lib/server/db';
import {
	SESSION_COOKIE,
	deleteSessionTokenCookie,
	setSessionTokenCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { holdsRole, loginUrl } from '$lib/server/auth/guards';
import { areaOf } from '$lib/roles';
import { building, dev } from '$app/environment';
import { env } from '$env/dynamic/private';
import { seedItemBanks } from '$lib/server/placement/banks';
import { seedCourses } from '$lib/server/learning/seed';
import { fillLessonRecordingTexts } from '$lib/server/learning/publish';
import { connectDomains } from '$lib/server/connect';
import { importSeedAudio } from '$lib/server/media/service';
import { checkBody, checkUrl } from '$lib/server/request-guard';
import { isDatabaseUnavailable } from '$lib/server/db/unavailable';
import { createLogger, logError, logRequest, requestIdOf } from '$lib/server/operations/log';
import { recordCookies, thrownResponse } from '$lib/server/operations/thrown-response';
import { compressed } from '$lib/server/operations/compress';
import { stopCleanly } from '$lib/server/operations/shutdown';
import { DISPLAY_COOKIE, displayClasses, parseDisplayCookie } from '$lib/learning/display';

const log = createLogger(env.LOG_LEVEL || 'info');

// The built server (adapter-node) only: on SIGTERM or SIGINT it drains its requests, then the
// database is closed and the process exits 0 within a bound (operations/shutdown.ts).
if (!building && !dev && !process.env.VITEST)
	stopCleanly({
		close: closeDatabase,
		// adapter-node's own variable and default (README, "Stopping").
		drainSeconds: Number(env.SHUTDOWN_TIMEOUT || 30),
		log
	});

// Before any request: rating must be able to complete a screening attempt, and registration to
// redeem a candidate's code, whichever page this server process happens to serve first.
connectDomains();

/**
 * Outermost: one log line per request (operations/log.ts), with the request id echoed in
 * `x-request-id` so a user's report or a proxy's log finds the line — on every response, including
 * the answers to what an inner handle throws (`handleThrown`).
 */
const handleRequestLog: Handle = async ({ event, resolve }) => {
	const started = performance.now();
	const requestId = requestIdOf(event.request.headers);
	event.locals.requestId = requestId;
	let status = 500;
	try {
		const response = await resolve(event);
		status = response.status;
		response.headers.set('x-request-id', requestId);
		return response;
	} finally {
		logRequest(log, {
			requestId,
			method: event.request.method,
			route: event.route.id,
			status,
			durationMs: performance.now() - started,
			userId: event.locals.user?.id ?? null
		});
	}
};

/**
 * A redirect or HTTP error thrown by a handle before `resolve` (the role gate's login redirect, the
 * request guard's 400/413, the database-away 503) would be answered by SvelteKit itself, past every
 * handle: answered here as SvelteKit answers it, so the handles above add their headers to it.
 */
const handleThrown: Handle = async ({ event, resolve }) => {
	const setCookies = recordCookies(event.cookies);
	try {
		return await resolve(event);
	} catch (thrown) {
		if (isRedirect(thrown) || isHttpError(thrown))
			return thrownResponse(event, thrown, setCookies.values());
		throw thrown;
	}
};

const handleI18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			// The learner's text size and contrast from their cookie: the first paint already uses them.
			transformPageChunk: ({ html }) =>
				html
					.replace('%paraglide.lang%', locale)
					.replace(
						'%display.class%',
						displayClasses(parseDisplayCookie(event.cookies.get(DISPLAY_COOKIE)))
					)
		});
	});

/**
 * The database away while a request is looked up (the session, the roles): a translated 503 in the
 * request's language, instead of an untranslated 500. Errors inside a page's load or action reach
 * `handleError` below, which says the same.
 */
const handleDatabaseAway: Handle = async ({ event, resolve }) => {
	try {
		return await resolve(event);
	} catch (thrown) {
		if (!isDatabaseUnavailable(thrown)) throw thrown;
		log.warn(
			{ requestId: event.locals.requestId, message: (thrown as Error).message },
			'database unavailable'
		);
		error(503, m.error_database_unavailable());
	}
};

/**
 * Before anyone is looked up: a body no route can read, or a NUL byte anywhere the database would
 * see it, is a translated 400 (request-guard.ts), so no route half-stores it or answers 500.
 */
const handleRequestGuard: Handle = async ({ event, resolve }) => {
	let verdict = checkUrl(event.url);
	if (verdict.ok) verdict = await checkBody(event.request);
	if (verdict.ok) return resolve(event);
	error(verdict.status, verdict.status === 413 ? m.error_too_large() : m.error_bad_request());
};

const handleAuth: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	event.locals.memberships = [];
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) return resolve(event);

	// The session, its user and their roles in one query (auth/session.ts).
	const { session, user, memberships } = await validateSessionToken(db, token);
	if (session) {
		// Re-set on every request so the browser's copy follows the sliding expiry.
		setSessionTokenCookie(event.cookies, token, session.expiresAt, event.url.protocol === 'https:');
		event.locals.user = user;
		event.locals.session = session;
		event.locals.memberships = memberships;
	} else {
		deleteSessionTokenCookie(event.cookies);
	}
	return resolve(event);
};

/**
 * First layer of authorization: a role's area refuses everyone else. Page loads get the translated
 * 403 page from the area's layout (which checks again); anything else — form actions, endpoints —
 * is refused here, before any action code runs.
 */
const handleRoleGate: Handle = async ({ event, resolve }) => {
	const role = areaOf(event.url.pathname);
	if (!role) return resolve(event);
	if (!event.locals.user) {
		if (event.request.method === 'GET') redirect(303, loginUrl(event.url));
		return new Response(m.error_login_required(), { status: 401 });
	}
	if (holdsRole(event.locals, role)) return resolve(event);
	if (event.request.method === 'GET' || event.request.method === 'HEAD') return resolve(event);
	return new Response(m.error_forbidden(), {
		status: 403,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
};

const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('Permissions-Policy', 'camera=(), geolocation=(), microphone=(self)');
	if (!response.headers.has('Cache-Control') && event.locals.user) {
		// Pages with a person's data must not be kept by shared caches.
		response.headers.set('Cache-Control', 'private, no-store');
	}
	return response;
};

/** Pages and their data go gzipped to browsers that accept it (operations/compress.ts). */
const handleCompression: Handle = async ({ event, resolve }) =>
	compressed(event.request, await resolve(event));

export const handle = sequence(
	handleRequestLog,
	handleCompression,
	handleSecurityHeaders,
	handleThrown,
	handleI18n,
	handleDatabaseAway,
	handleRequestGuard,
	handleAuth,
	handleRoleGate
);

export const handleError: HandleServerError = ({ error, event, status }) => {
	// The database away (stopped, restarting, network): say so, not "error"; the app keeps running
	// and the driver reconnects on the next query once it is back.
	if (isDatabaseUnavailable(error)) {
		log.warn(
			{
				requestId: event.locals.requestId,
				route: event.route.id,
				message: (error as Error).message
			},
			'database unavailable'
		);
		return { message: m.error_database_unavailable() };
	}
	if (status !== 404)
		logError(log, { requestId: event.locals.requestId, route: event.route.id, status }, error);
	return { message: status === 404 ? m.error_not_found() : m.error_unexpected() };
};

/**
 * At start-up: load the committed placement item banks (content and keys follow the files; calibrated
 * parameters are kept) and courses (upserted when their version or content changed), and on the first start seed the demo (SEED_DEMO=false turns that off).
 * One app server at a time (`exclusively`): servers started together against one PostgreSQL would
 * otherwise insert the same rows at once; each one after the first finds the work done.
 */
export const init: ServerInit = async () => {
	if (building) return;
	await exclusively(seedAtStartup);
};

async function seedAtStartup(): Promise<void> {
	for (const bank of await seedItemBanks(db))
		console.log(`Item bank ${bank.bankId}: ${bank.items} items.`);
	// Extra banks for tests only (the end-to-end suite's deterministic bank); never set in production.
	if (env.EXTRA_ITEM_BANKS_DIR) {
		for (const bank of await seedItemBanks(db, env.EXTRA_ITEM_BANKS_DIR))
			console.log(`Extra item bank ${bank.bankId}: ${bank.items} items.`);
	}
	// COURSES_DIR lets a test server load the fixture courses while the seed content is being written.
	for (const c of await seedCourses(db, env.COURSES_DIR || undefined))
		console.log(`Course ${c.courseId}: ${c.lessons} lessons${c.updated ? ' (updated)' : ''}.`);
	// Lessons stored before `lesson.recording_texts` existed get theirs (once; the queue counts them).
	const filled = await fillLessonRecordingTexts(db);
	if (filled) console.log(`Recording texts of ${filled} lessons stored.`);
	// The seed's recordings go into the media store once; recordings made since are never replaced.
	for (const [courseId, n] of Object.entries(
		await importSeedAudio(db, env.COURSES_DIR || undefined)
	))
		console.log(`Course ${courseId}: ${n} recordings imported.`);
	if (env.SEED_DEMO === 'false') return;
	// Loaded only when seeding: no module of the app depends on the demo data.
	const { demoAccountsTable, seedDemo } = await import('$lib/server/seed/demo');
	// SEED_DEMO=accounts: the organizations and accounts only (the end-to-end suite's server).
	const showcase = env.SEED_DEMO !== 'accounts';
	if (await seedDemo(db, { showcase })) console.log('Seeded the demo organizations and accounts.');
	console.log(demoAccountsTable(showcase));
	// The rating e2e test's program (rated writing and speaking) and candidates; tests only.
	if (env.E2E_RATING_FIXTURE === '1') {
		const { seedRatingFixture, seedTwoRatersFixture } = await import('$lib/server/seed/e2e-rating');
		await seedRatingFixture(db);
		await seedTwoRatersFixture(db);
	}
	// The recording-queue e2e test's instructor of another school; tests only.
	if (env.E2E_MEDIA_FIXTURE === '1') {
		const { seedMediaFixture } = await import('$lib/server/seed/e2e-media');
		await seedMediaFixture(db);
	}
	// The authorization table's and the fuzz suite's own organizations and accounts; tests only.
	if (env.E2E_AUTHZ_FIXTURE === '1') {
		const { seedAuthzFixture } = await import('$lib/server/seed/e2e-authz');
		await seedAuthzFixture(db);
	}
	// The course editor's e2e test: an instructor of a second organization; tests only.
	if (env.E2E_AUTHORING_FIXTURE === '1') {
		const { seedAuthoringFixture } = await import('$lib/server/seed/e2e-authoring');
		await seedAuthoringFixture(db);
	}
	// The item bank e2e test: a second instructor of the demo school, who reviews; tests only.
	if (env.E2E_ITEMS_FIXTURE === '1') {
		const { seedItemsFixture } = await import('$lib/server/seed/e2e-items');
		await seedItemsFixture(db);
	}
}
