import { readFileSync, writeFileSync } from 'node:fs';
import {
	expect,
	request as playwrightRequest,
	test,
	type APIRequestContext
} from '@playwright/test';
import {
	appRequests,
	fillPath,
	outcomeOf,
	send,
	sessionFor,
	WHO,
	type Outcome,
	type Target,
	type Who
} from './walk';

/**
 * The authorization table (table.json): every page, form action and endpoint of the app × who asks
 * (anonymous, or an account of organization A holding one role, or a platform administrator) × whose
 * object it is (organization A's own, or organization B's) → what must happen. Walked against the
 * built app with real sessions; fails on any difference, on any request of src/routes without a
 * row, and on any row naming a request that no longer exists.
 *
 * Posts carry no input (or a harmless one) to the organization's own objects, so an allowed action
 * stops at validation and changes nothing, and a valid input to the other organization's, so that a
 * refusal there is a refusal of the person and not of the input.
 *
 * AUTHZ_RECORD=1 writes what the app does now into table.json, to review line by line.
 */

const TABLE = 'tests/e2e/authorization/table.json';

type Row = { route: string; request: string; target?: Target; path: string } & Record<Who, Outcome>;

/** A valid input per form action, sent only to the other organization's objects. */
const VALID_INPUT: Record<string, Record<string, string>> = {
	'POST ?/grantRole': { username: 'authz-learner-b', role: 'instructor' },
	'POST ?/revokeRole': { userId: 'authz-learner-b', role: 'instructor' },
	'POST ?/setDisabled': { userId: 'authz-learner-b', disabled: 'false' },
	'POST ?/createCode': { role: 'learner', maxUses: '1', validDays: '', note: 'authz' },
	'POST ?/revokeCode': { code: 'AUTHZ-NONE' },
	'POST ?/invite': { fullName: 'Người thử quyền' },
	'POST ?/inviteCsv': { csv: 'name\nNgười thử quyền' },
	'POST ?/decide': { decision: 'refuse', reason: 'authorization table' },
	'POST ?/retake': { reason: 'authorization table' },
	'POST ?/withdraw': { confirm: 'on', reason: 'authorization table' },
	'POST ?/completion': { outcome: 'completed', completedOn: '2026-01-05', notes: '' },
	'POST ?/followUp': {
		observedOn: '2026-01-05',
		positionHeld: 'Chuyên viên',
		vietnameseUse: 'daily',
		notes: ''
	},
	'POST ?/rate': { 'score-0': '1', comment: '' },
	'POST ?/answer': { itemId: 'vi-1-voc-001', option: '0' },
	'POST ?/save': { itemId: 'vi-w-001', text: 'Xin chào' },
	'POST ?/submit': { itemId: 'vi-w-001', text: 'Xin chào' }
};
/**
 * Inputs that change nothing, sent to the organization's own objects where no input would only
 * test the validation: a role already held, an account already enabled, a role never held.
 */
const HARMLESS_INPUT: Record<string, Record<string, string>> = {
	'POST ?/grantRole': { username: 'authz-learner-a', role: 'learner' },
	'POST ?/revokeRole': { userId: 'authz-learner-a', role: 'admin' },
	'POST ?/setDisabled': { userId: 'authz-learner-a', disabled: 'false' }
};
/** Unknown to every action: the form is never empty (an empty body has no content type). */
const NO_INPUT = { authz: 'table' };

/**
 * The fixture's values for the parameters that are not an organization's object. The seed course
 * belongs to the demo's school, neither A nor B: in the course editor and the recording queue it is
 * another organization's course for every caller of the table.
 */
const FIXED_PARAMS: Record<string, string> = {
	courseId: 'vi-for-lo',
	file: '0123456789abcdef.ogg',
	lessonId: 'vi-for-lo.u1-l1',
	exerciseId: 'u1-l1-e01',
	mediaId: '0c000000-0000-4000-8000-0000000000cc',
	code: 'AUTHZ-NONE',
	locale: 'lo'
};
/** The course editor names a lesson by the draft's own id. */
const EDITOR_LESSON = 'u1-l1';
const OBJECT_PARAMS: Record<string, string> = {
	organizationId: '{organization}',
	programId: '{program}',
	candidateId: '{candidate}',
	requestId: '{ratingRequest}',
	recordingId: '{recording}',
	id: '{recording}',
	classId: '{class}',
	itemId: '{item}'
};

/** The path template of a route id: groups dropped, parameters filled with the fixture's. */
function pathOf(route: string): string {
	const path = route
		.split('/')
		.filter((s) => s && !/^\(.+\)$/.test(s))
		.map((s) => {
			const param = /^\[(\w+)(?:=\w+)?\]$/.exec(s);
			if (!param) return s;
			if (param[1] === 'lessonId' && route.includes('/author/courses/')) return EDITOR_LESSON;
			return OBJECT_PARAMS[param[1]] ?? FIXED_PARAMS[param[1]];
		})
		.join('/');
	return `/${path}`;
}

const key = (r: { route: string; request: string; target?: string }) =>
	`${r.request} ${r.route}${r.target ? ` (${r.target})` : ''}`;

test('every page, form action and endpoint has a row, and every row names one', () => {
	const table = JSON.parse(readFileSync(TABLE, 'utf8')) as Row[];
	const inTable = new Set(table.map((r) => `${r.request} ${r.route}`));
	const inApp = new Set(appRequests().map((r) => `${r.request} ${r.route}`));
	expect(
		[...inApp].filter((r) => !inTable.has(r)),
		'requests without a row'
	).toEqual([]);
	expect(
		[...inTable].filter((r) => !inApp.has(r)),
		'rows of no request'
	).toEqual([]);
	for (const row of table) {
		expect(
			WHO.every((who) => row[who]),
			key(row)
		).toBe(true);
		expect(/\{\w+\}/.test(row.path), key(row)).toBe(Boolean(row.target));
	}
});

test('the authorization table holds against the built app', async ({ baseURL }) => {
	test.setTimeout(180_000);
	const base = baseURL!;
	const newContext = () => playwrightRequest.newContext({ baseURL: base });
	const sessions = new Map<Who, APIRequestContext>();
	for (const who of WHO) sessions.set(who, await sessionFor(newContext, base, who));

	const recording = process.env.AUTHZ_RECORD === '1';
	const rows: Row[] = recording
		? appRequests().flatMap(({ route, request }) => {
				const path = pathOf(route);
				const targets: (Target | undefined)[] = /\{\w+\}/.test(path)
					? ['own', 'other']
					: [undefined];
				return targets.map(
					(target) => ({ route, request, ...(target ? { target } : {}), path }) as Row
				);
			})
		: (JSON.parse(readFileSync(TABLE, 'utf8')) as Row[]);

	const differences: string[] = [];
	for (const row of rows) {
		const path = fillPath(row.path, row.target);
		const input = (row.target === 'other' ? VALID_INPUT : HARMLESS_INPUT)[row.request] ?? NO_INPUT;
		for (const who of WHO) {
			// Logging out ends the session: it gets a session of its own.
			const logout = row.route.endsWith('/logout') && row.request === 'POST';
			const context = logout ? await sessionFor(newContext, base, who) : sessions.get(who)!;
			const outcome = outcomeOf(await send(context, base, row.request, path, input));
			if (recording) row[who] = outcome as Outcome;
			else if (outcome !== row[who])
				differences.push(`${key(row)} as ${who}: expected ${row[who]}, got ${outcome}`);
			if (logout) await context.dispose();
		}
	}
	for (const context of sessions.values()) await context.dispose();

	if (recording) writeFileSync(TABLE, JSON.stringify(rows, null, '\t') + '\n');
	console.log(
		`authorization table: ${rows.length} rows × ${WHO.length} = ${rows.length * WHO.length} requests`
	);
	expect(differences).toEqual([]);
});
