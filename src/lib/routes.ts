/**
 * Every path of the app, built in one place (style guide §7). Each builder returns a path that the
 * compiler checks against SvelteKit's generated list of routes (`Pathname`, a type only: nothing of
 * `$app` is loaded at run time, so the service worker, the database schema and scripts import this
 * too). Parameters are encoded, so an id can never add a path segment, a query or a fragment.
 */
import type { Pathname, PathnameWithSearchOrHash } from '$app/types';

/**
 * One path segment. `.` and `..` (and their `%2E` spellings, which URL parsers treat the same) would
 * move up the path instead of naming something, and an empty one would name a different route, so
 * no id may be one of those: the builder refuses rather than link somewhere else.
 */
function segment(value: string): string {
	if (value === '' || value === '.' || value === '..') {
		throw new TypeError(`Not a path segment: "${value}"`);
	}
	return encodeURIComponent(value);
}

/**
 * A query string in the form the app has always written (`encodeURIComponent`, not
 * URLSearchParams, which writes a space as `+`); unset values are left out.
 */
function withQuery<P extends Pathname>(
	path: P,
	query: Record<string, string | number | undefined>
): P | `${P}?${string}` {
	const pairs = Object.entries(query).flatMap(([key, value]) =>
		value === undefined ? [] : [`${encodeURIComponent(key)}=${encodeURIComponent(value)}`]
	);
	return pairs.length === 0 ? path : `${path}?${pairs.join('&')}`;
}

/** Every endpoint under it is data, never a page (the service worker keeps none of it). */
export const API_ROOT = '/api';

type RouteTree = {
	[name: string]: ((...args: never[]) => PathnameWithSearchOrHash) | RouteTree;
};

export const routes = {
	home: () => '/',
	login: (query: { redirectTo?: string } = {}) => withQuery('/login', query),
	logout: () => '/logout',
	/** Invitation links carry the organization's or the candidate's code. */
	register: (query: { code?: string } = {}) => withQuery('/register', query),
	/** The language switcher's form (POST). */
	language: () => '/language',

	verify: {
		form: () => '/verify',
		certificate: (code: string) => `/verify/${segment(code)}` as const
	},

	/**
	 * Our offline page in one interface language, which the service worker keeps and shows for any page
	 * not available offline. `from`: the page that was asked for (a client-side navigation offline).
	 */
	offline: (locale: 'vi' | 'lo' | 'en', query: { from?: string } = {}) =>
		withQuery(`/offline/${segment(locale)}`, query),

	/** The web app manifest (install to the home screen) in one interface language. */
	webManifest: (locale: 'vi' | 'lo' | 'en') => `/manifest/${segment(locale)}` as const,

	/** A stored medium (course audio, a picture); a new version is a new id, so it is cached for ever. */
	media: (mediaId: string) => `/media/${segment(mediaId)}` as const,

	/** Liveness (the process answers) and readiness (database and migrations) for the proxy. */
	healthz: () => '/healthz',
	readyz: () => '/readyz',

	api: {
		health: () => `${API_ROOT}/health` as const,
		recording: (recordingId: string) => `${API_ROOT}/recordings/${segment(recordingId)}` as const,
		/** The outbox's batches (POST) and its recordings, one per request (PUT). */
		sync: () => `${API_ROOT}/sync` as const,
		syncRecording: (clientId: string) => `${API_ROOT}/sync/recordings/${segment(clientId)}` as const
	},

	learn: {
		home: () => '/learn',
		courses: () => '/learn/courses',
		course: (courseId: string) => `/learn/courses/${segment(courseId)}` as const,
		/** Every address (with sizes and lesson versions) a download of the course stores. */
		courseOffline: (courseId: string) =>
			`/learn/courses/${segment(courseId)}/offline.json` as const,
		/** `lessonId` is `<course id>.<lesson id>` (see src/params/lesson.ts). */
		lesson: (lessonId: string) => `/learn/lessons/${segment(lessonId)}` as const,
		lessonAttempt: (lessonId: string) => `/learn/lessons/${segment(lessonId)}/attempt` as const,
		recording: (recordingId: string) => `/learn/recordings/${segment(recordingId)}` as const,
		review: (query: { mode?: 'recall' } = {}) => withQuery('/learn/review', query),
		/** Progress over time, placement results and the learner's settings. */
		me: () => '/learn/me',
		screening: {
			list: () => '/learn/screening',
			overview: (candidateId: string) => `/learn/screening/${segment(candidateId)}` as const,
			test: (candidateId: string) => `/learn/screening/${segment(candidateId)}/test` as const,
			rated: (candidateId: string) => `/learn/screening/${segment(candidateId)}/rated` as const,
			/** A listening item's sound, for the candidate taking the test. */
			itemAudio: (candidateId: string, itemId: string) =>
				withQuery(`/learn/screening/${segment(candidateId)}/audio`, { item: itemId }),
			/** Where a spoken answer to a rated task is uploaded. */
			recording: (candidateId: string, itemId: string) =>
				withQuery(`/learn/screening/${segment(candidateId)}/recording`, { item: itemId })
		}
	},

	author: {
		home: () => '/author',
		/**
		 * `saved`: the level just given, shown as a confirmation; `undo`: the request just rated, offered
		 * to be taken back.
		 */
		ratings: (query: { saved?: number; undo?: string } = {}) => withQuery('/author/ratings', query),
		/** `reopened`: the rating was just taken back. */
		rating: (requestId: string, query: { saved?: number; undo?: string; reopened?: number } = {}) =>
			withQuery(`/author/ratings/${segment(requestId)}`, query),
		/** A rating's "take it back" action (undo after saving, reopen from the history). */
		reopenRating: (requestId: string) => `/author/ratings/${segment(requestId)}?/reopen` as const,
		/** The ratings I gave: when, bands, level; reopen before the result is final. */
		myRatings: () => '/author/ratings/mine',
		/** Every rater's agreement with the others on the answers they both rated. */
		ratingAgreement: () => '/author/ratings/agreement',
		/** Every course's audio coverage, and the way into each course's queue. */
		recordingQueues: () => '/author/recording-queue',
		/** `item`: one text's key (to re-record it); `after`: the key just skipped. */
		recordingQueue: (courseId: string, query: { item?: string; after?: string } = {}) =>
			withQuery(`/author/recording-queue/${segment(courseId)}`, query),
		/** The organization's pictures (upload, copy a link). */
		media: () => '/author/media',
		courses: () => '/author/courses',
		course: (courseId: string) => `/author/courses/${segment(courseId)}` as const,
		courseExport: (courseId: string) => `/author/courses/${segment(courseId)}/export.json` as const,
		/** Lesson ids here are the draft's own (without the course id). */
		lesson: (courseId: string, lessonId: string) =>
			`/author/courses/${segment(courseId)}/lessons/${segment(lessonId)}` as const,
		lessonPreview: (courseId: string, lessonId: string) =>
			`/author/courses/${segment(courseId)}/lessons/${segment(lessonId)}/preview` as const,
		/** `exerciseId` 'new' with `kind`: the form of a new exercise, saved when it is complete. */
		exercise: (
			courseId: string,
			lessonId: string,
			exerciseId: string,
			query: { kind?: string } = {}
		) =>
			withQuery(
				`/author/courses/${segment(courseId)}/lessons/${segment(lessonId)}/exercises/${segment(exerciseId)}`,
				query
			),
		/** Test items the instructor's organizations hold or use; filtered by bank language and status. */
		items: (query: { language?: 'vi' | 'lo'; status?: string } = {}) =>
			withQuery('/author/items', query),
		/** The editor of a new item (`kind`: choice, writing or speaking). */
		newItem: (query: { kind?: string; language?: 'vi' | 'lo' } = {}) =>
			withQuery('/author/items/new', query),
		item: (itemId: string) => `/author/items/${segment(itemId)}` as const,
		itemCalibration: (query: { language?: 'vi' | 'lo'; organization?: string } = {}) =>
			withQuery('/author/items/calibrate', query),
		itemHealth: (query: { language?: 'vi' | 'lo'; organization?: string } = {}) =>
			withQuery('/author/items/health', query),
		itemCollections: () => '/author/items/collections',
		classes: () => '/author/classes',
		class: (classId: string) => `/author/classes/${segment(classId)}` as const,
		classExport: (classId: string) => `/author/classes/${segment(classId)}/export.csv` as const,
		/** Item exchange: import a Moodle XML file into the organization's bank, export a bank. */
		itemsExchange: () => '/author/items/exchange',
		itemsExport: (query: { bank?: string; format?: string; status?: string } = {}) =>
			withQuery('/author/items/exchange/export', query)
	},

	admissions: {
		home: () => '/admissions',
		audit: () => '/admissions/audit',
		/** Agreement of the organization's raters (the ratings its decisions rest on). */
		raterAgreement: () => '/admissions/raters',
		auditExport: () => '/admissions/audit/export.csv',
		newProgram: () => '/admissions/programs/new',
		program: (programId: string) => `/admissions/programs/${segment(programId)}` as const,
		editProgram: (programId: string) => `/admissions/programs/${segment(programId)}/edit` as const,
		programExport: (programId: string) =>
			`/admissions/programs/${segment(programId)}/export.csv` as const,
		graduatesExport: (programId: string) =>
			`/admissions/programs/${segment(programId)}/graduates.csv` as const,
		invitations: (programId: string) =>
			`/admissions/programs/${segment(programId)}/invitations` as const,
		candidate: (programId: string, candidateId: string) =>
			`/admissions/programs/${segment(programId)}/candidates/${segment(candidateId)}` as const,
		certificate: (programId: string, candidateId: string) =>
			`/admissions/programs/${segment(programId)}/candidates/${segment(candidateId)}/certificate` as const
	},

	admin: {
		home: () => '/admin',
		organization: (organizationId: string) =>
			`/admin/organizations/${segment(organizationId)}` as const
	}
} satisfies RouteTree;
