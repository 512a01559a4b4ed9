import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
	expect,
	request as playwrightRequest,
	test,
	type APIRequestContext,
	type APIResponse
} from '@playwright/test';
import { appRequests, IDS, sessionFor, type Who } from '../authorization/walk';

/**
 * Bad input at every form action and endpoint (issue 9), generated with fast-check from a fixed
 * seed (FUZZ_SEED to vary it, FUZZ_RUNS for more cases per request): malformed, oversized,
 * wrong-typed and wrong-encoding bodies, Vietnamese and Lao in NFD, mixed scripts, zero-width and
 * direction characters, markup, formulas and out-of-range dates, sent by the account the request
 * is meant for, to the fixture's organization A (src/lib/server/seed/e2e-authz.ts). It fails on:
 * - any 5xx;
 * - anything half-stored: a refused request (4xx) that changed what the organization's pages and
 *   exports show;
 * - anything rendered unescaped: a hostile marker showing as markup in an answer or on those pages.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20269);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);

/** Raw markup that must never come back as markup (Svelte escapes text; `{@html}` would not). */
const MARKERS = ['<b data-fuzz>', '<img src=x onerror=alert(1)>', '<script>fuzz()</script>'];

const HOSTILE = [
	...MARKERS,
	'"><b data-fuzz>x</b>',
	"' OR '1'='1' --",
	'=HYPERLINK("http://evil.example","x")',
	'+cmd|/C calc!A0',
	'@SUM(1+1)',
	'%00',
	'\\u0000',
	'../../../etc/passwd',
	'{{7*7}}${7*7}',
	'null',
	'undefined',
	'[object Object]',
	'true',
	'-1',
	'0',
	'1.5',
	'1e309',
	'NaN',
	'Infinity',
	'9'.repeat(400),
	'0000-01-01',
	'275760-09-14',
	'+275760-09-13T00:00:00.000Z',
	'-271821-04-19T00:00:00Z',
	'2026-02-30',
	'9999-12-31',
	'99999-01-01',
	'1899-12-31',
	'2026-13-01',
	'Nguyễn Thị Lan'.normalize('NFD'),
	'Trường Chính trị tỉnh Thanh Hoá'.normalize('NFD'),
	'ສົມພອນ ຫົວພັນ'.normalize('NFD'),
	'ຄະນະຈັດຕັ້ງແຂວງຫົວພັນ',
	'Lan ລາວ Лан 蘭 لان',
	'a\u200bb\u200c\u200dc\ufeff',
	'\u202eevil\u202c',
	'\u0301\u0301\u0301',
	'👩🏽‍🏫🇱🇦🇻🇳',
	' \t\r\n ',
	'line1\r\nline2\rline3',
	'x'.repeat(5_000)
];

const hostile = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
	{ weight: 1, arbitrary: fc.integer().map(String) },
	{
		weight: 1,
		arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
	}
);

const DATES = HOSTILE.filter((v) => /^[+-]?\d{4,6}-\d\d-\d\d/.test(v));
const NUMBERS = [
	'-1',
	'0',
	'1.5',
	'1e309',
	'NaN',
	'Infinity',
	'9'.repeat(400),
	'2147483648',
	'０１'
];

/** A hostile value, leaning towards what breaks a field of that name (dates, numbers). */
function hostileFor(name: string): fc.Arbitrary<string> {
	if (/(On|At|date|Birth)$/i.test(name))
		return fc.oneof(
			{ weight: 3, arbitrary: fc.constantFrom(...DATES) },
			{ weight: 1, arbitrary: hostile }
		);
	if (/(max|min|Minutes|Attempts|Days|Months|Level|grade|option|score)/i.test(name))
		return fc.oneof(
			{ weight: 3, arbitrary: fc.constantFrom(...NUMBERS) },
			{ weight: 1, arbitrary: hostile }
		);
	return hostile;
}

/** The fields each form action reads (and a few it does not). */
const FIELDS: Record<string, string[]> = {
	createOrganization: ['name', 'country'],
	grantRole: ['username', 'role'],
	revokeRole: ['userId', 'role'],
	setDisabled: ['userId', 'disabled'],
	createCode: ['role', 'maxUses', 'validDays', 'note'],
	revokeCode: ['code'],
	invite: ['fullName', 'position', 'sendingOrganization', 'dateOfBirth', 'phone'],
	inviteCsv: ['csv'],
	decide: ['decision', 'reason', 'override'],
	retake: ['reason'],
	completion: ['outcome', 'completedOn', 'notes'],
	followUp: ['observedOn', 'positionHeld', 'vietnameseUse', 'notes'],
	create: [
		'organizationId',
		'name',
		'intake',
		'bankId',
		'minOverallLevel',
		'min_listening',
		'min_writing',
		'ratedSections',
		'windowOpensAt',
		'windowClosesAt',
		'timeLimitMinutes',
		'maxAttempts',
		'retakeCooldownDays',
		'resultValidityMonths'
	],
	update: [
		'name',
		'intake',
		'bankId',
		'minOverallLevel',
		'min_reading',
		'min_speaking',
		'ratedSections',
		'windowOpensAt',
		'windowClosesAt',
		'timeLimitMinutes',
		'maxAttempts',
		'retakeCooldownDays',
		'resultValidityMonths'
	],
	withdraw: ['confirm', 'reason'],
	rate: ['score-0', 'score-1', 'score-2', 'comment'],
	enrol: ['courseId'],
	grade: ['reviewId', 'courseId', 'vocabularyId', 'grade'],
	check: ['reviewId', 'courseId', 'vocabularyId', 'answer'],
	start: [],
	answer: ['itemId', 'option'],
	save: ['itemId', 'text'],
	submit: ['itemId', 'text'],
	upload: ['itemId', 'audio'],
	login: ['username', 'password'],
	register: ['username', 'displayName', 'phone', 'invitationCode', 'password', 'passwordConfirm'],
	language: ['locale', 'returnTo'],
	attempt: ['attempt']
};

/**
 * A valid form per action: most cases change one or two of its fields, so they get past the first
 * check and reach the code that stores (a wholly random form rarely does).
 */
const VALID: Record<string, Record<string, string>> = {
	createOrganization: { name: 'Trường thử nghiệm', country: 'VN' },
	grantRole: { username: 'authz-learner-b', role: 'instructor' },
	revokeRole: { userId: 'authz-learner-b', role: 'instructor' },
	setDisabled: { userId: 'authz-learner-b', disabled: 'false' },
	createCode: { role: 'learner', maxUses: '5', validDays: '30', note: 'Lớp 2027' },
	revokeCode: { code: 'AUTHZ-NONE' },
	invite: {
		fullName: 'Người thử',
		position: 'Chuyên viên',
		sendingOrganization: 'Huaphan',
		dateOfBirth: '1990-01-02',
		phone: '+856201234'
	},
	inviteCsv: { csv: 'name,date of birth\nNgười thử,1990-01-02' },
	decide: { decision: 'admit', reason: 'Đủ điều kiện theo hội đồng', override: 'on' },
	retake: { reason: 'Mất điện khi đang thi' },
	completion: { outcome: 'completed', completedOn: '2026-06-30', notes: '' },
	followUp: {
		observedOn: '2026-09-01',
		positionHeld: 'Chuyên viên',
		vietnameseUse: 'daily',
		notes: ''
	},
	create: {
		organizationId: IDS.own.organization,
		name: 'Chương trình thử',
		intake: 'Khoá 7',
		bankId: 'vi-placement',
		minOverallLevel: '3',
		windowOpensAt: '2027-01-01',
		windowClosesAt: '2027-02-01',
		timeLimitMinutes: '60',
		maxAttempts: '2',
		retakeCooldownDays: '14',
		resultValidityMonths: '24'
	},
	update: {
		name: 'Chương trình thử',
		intake: 'Khoá 7',
		bankId: 'vi-placement',
		minOverallLevel: '3',
		windowOpensAt: '2027-01-01',
		windowClosesAt: '2027-02-01',
		timeLimitMinutes: '60',
		maxAttempts: '2',
		retakeCooldownDays: '14',
		resultValidityMonths: '24'
	},
	rate: { 'score-0': '1', 'score-1': '1', comment: 'Tốt' },
	enrol: { courseId: 'vi-for-lo' },
	answer: { itemId: 'vi-1-voc-001', option: '0' },
	save: { itemId: 'vi-w-001', text: 'Xin chào' },
	submit: { itemId: 'vi-w-001', text: 'Xin chào' },
	login: { username: 'authz-nobody', password: 'wrong-password' },
	register: {
		username: 'fuzz.user',
		displayName: 'Người thử',
		phone: '+856201234',
		password: 'mật khẩu dài',
		passwordConfirm: 'mật khẩu dài'
	},
	language: { locale: 'lo', returnTo: '/' }
};

/** Plausible values, so that some cases get past the first check and reach deeper code. */
const PLAUSIBLE: Record<string, fc.Arbitrary<string>> = {
	country: fc.constantFrom('VN', 'LA'),
	role: fc.constantFrom('learner', 'instructor', 'admissions', 'admin'),
	decision: fc.constantFrom('admit', 'refuse', 'waitlist'),
	outcome: fc.constantFrom('completed', 'not_completed'),
	vietnameseUse: fc.constantFrom('daily', 'weekly', 'rarely'),
	bankId: fc.constantFrom('vi-placement', 'lo-placement'),
	organizationId: fc.constant(IDS.own.organization),
	courseId: fc.constant('vi-for-lo'),
	locale: fc.constantFrom('vi', 'lo', 'en'),
	minOverallLevel: fc.integer({ min: -2, max: 8 }).map(String),
	ratedSections: fc.constantFrom('writing', 'speaking', 'reading'),
	userId: fc.constantFrom('authz-learner-b', 'nobody'),
	username: fc.constantFrom('authz-learner-b', 'authz-nobody')
};

/** A lesson attempt (JSON in a form field), with fuzzed ids, dates and answers. */
const attemptJson = fc
	.record({
		id: fc.oneof({ weight: 3, arbitrary: fc.uuid() }, { weight: 1, arbitrary: hostile }),
		finishedAt: fc.oneof(hostile, fc.constant(new Date().toISOString())),
		answers: fc.oneof(
			{
				weight: 4,
				arbitrary: fc.array(
					fc.record({
						id: fc.oneof({ weight: 3, arbitrary: fc.uuid() }, { weight: 1, arbitrary: hostile }),
						exerciseId: fc.oneof(
							fc.constantFrom('u1-l1-e01', 'u1-l1-e02', 'u1-l1-e03', 'u1-l1-e04', 'u1-l1-e05'),
							hostile
						),
						response: fc.oneof(hostile, fc.jsonValue())
					}),
					{ minLength: 1, maxLength: 3 }
				)
			},
			{ weight: 1, arbitrary: fc.jsonValue() }
		)
	})
	.map((value) => JSON.stringify(value));

/** A valid form with one to three of its fields (or new ones) given a hostile value. */
function mutated(name: string, fields: string[]): fc.Arbitrary<[string, string][]> {
	const valid = Object.entries(VALID[name] ?? {});
	if (valid.length === 0) return formOf(fields);
	return fc
		.array(
			fc
				.constantFrom(...fields, ...valid.map(([k]) => k), 'extra')
				.chain((field) => hostileFor(field).map((value) => [field, value] as const)),
			{ minLength: 1, maxLength: 3 }
		)
		.map((changes) => {
			const form = new Map(valid);
			for (const [field, value] of changes) form.set(field, value);
			return [...form.entries()];
		});
}

/** One case: a form of hostile or plausible values, each field absent, single or repeated. */
function formOf(fields: string[]): fc.Arbitrary<[string, string][]> {
	const field = (name: string) => {
		const value =
			name === 'attempt'
				? fc.oneof({ weight: 4, arbitrary: attemptJson }, { weight: 1, arbitrary: hostile })
				: PLAUSIBLE[name]
					? fc.oneof(PLAUSIBLE[name], hostileFor(name))
					: hostileFor(name);
		return fc.oneof(
			{ weight: 1, arbitrary: fc.constant([] as [string, string][]) },
			{ weight: 4, arbitrary: value.map((v) => [[name, v]] as [string, string][]) },
			{
				weight: 1,
				arbitrary: fc
					.array(value, { minLength: 2, maxLength: 3 })
					.map((vs) => vs.map((v) => [name, v] as [string, string]))
			}
		);
	};
	return fc
		.tuple(
			...fields.map(field),
			fc.array(fc.tuple(hostile, hostile), { maxLength: 2 }) // names no action reads
		)
		.map((parts) => parts.flat() as [string, string][]);
}

type Body = { kind: string; headers: Record<string, string>; data: Buffer };

const BOUNDARY = '----fuzz7MA4YWxkTrZu0gW';

function multipart(entries: [string, string][], boundary = BOUNDARY): Buffer {
	const parts = entries.map(
		([name, value]) =>
			`--${boundary}\r\ncontent-disposition: form-data; name="${name.replace(/["\r\n]/g, '_')}"\r\n\r\n${value}\r\n`
	);
	return Buffer.from(parts.join('') + `--${boundary}--\r\n`);
}

/** How the form travels: mostly well-formed, sometimes broken in one of the ways browsers never send. */
const bodyOf = (entries: [string, string][]): fc.Arbitrary<Body> =>
	fc.constantFrom(
		{
			kind: 'urlencoded',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			data: Buffer.from(new URLSearchParams(entries).toString())
		},
		{
			kind: 'urlencoded',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			data: Buffer.from(new URLSearchParams(entries).toString())
		},
		{
			kind: 'multipart',
			headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
			data: multipart(entries)
		},
		{
			kind: 'multipart without boundary',
			headers: { 'content-type': 'multipart/form-data' },
			data: multipart(entries)
		},
		{
			kind: 'multipart cut short',
			headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
			data: multipart(entries).subarray(0, Math.max(1, multipart(entries).length - 30))
		},
		{
			kind: 'latin-1 bytes',
			headers: { 'content-type': 'application/x-www-form-urlencoded; charset=iso-8859-1' },
			data: Buffer.concat([Buffer.from('name='), Buffer.from([0xe9, 0xff, 0xc3, 0x28, 0x80])])
		},
		{
			kind: 'json to a form',
			headers: { 'content-type': 'application/json' },
			data: Buffer.from(JSON.stringify(Object.fromEntries(entries)))
		},
		{ kind: 'text', headers: { 'content-type': 'text/plain' }, data: Buffer.from('a=1') }
	);

/** Who is meant to make each request (so the fuzzing reaches past the role gate). */
function ownerOf(route: string): Who {
	if (route.includes('/(admin)/')) return route.endsWith('/admin') ? 'platform' : 'admin';
	if (route.includes('/(admissions)/')) return 'officer';
	if (route.includes('/(instructor)/')) return 'instructor';
	if (route.includes('/(learner)/') || route.startsWith('/api/')) return 'learner';
	return 'anonymous';
}

/** What a request of each area can change, read back to see that a refused one changed nothing. */
const WITNESSES: Record<Who, string[]> = {
	anonymous: [],
	platform: ['/admin'],
	admin: [`/admin/organizations/${IDS.own.organization}`],
	officer: [
		'/admissions',
		`/admissions/programs/${IDS.own.program}/export.csv`,
		`/admissions/programs/${IDS.own.program}/graduates.csv`,
		'/admissions/audit/export.csv'
	],
	instructor: ['/author/ratings'],
	learner: [`/learn/screening/${IDS.own.candidate}`, '/learn/courses']
};

/** Parts of a page that change on their own (the per-request nonce of the CSP). */
const VOLATILE = /nonce="[^"]*"|nonce-[A-Za-z0-9+/=]+/g;

async function witness(
	context: APIRequestContext,
	who: Who
): Promise<{ hash: string; text: string }> {
	const texts: string[] = [];
	for (const path of WITNESSES[who]) {
		const response = await context.get(path, { maxRedirects: 0, headers: { accept: 'text/html' } });
		texts.push(`${path} ${response.status()}\n${(await response.text()).replace(VOLATILE, '')}`);
	}
	const text = texts.join('\n');
	return { hash: createHash('sha256').update(text).digest('hex'), text };
}

function unescaped(text: string): string | undefined {
	return MARKERS.find((marker) => text.includes(marker));
}

const OBJECTS: Record<string, string> = {
	organizationId: IDS.own.organization,
	programId: IDS.own.program,
	candidateId: IDS.own.candidate,
	requestId: IDS.own.ratingRequest,
	recordingId: IDS.own.recording,
	id: IDS.own.recording,
	courseId: 'vi-for-lo',
	lessonId: 'vi-for-lo.u1-l1',
	file: '0123456789abcdef.ogg',
	code: 'AUTHZ-NONE'
};

/** The route's path with the fixture's ids, its last parameter replaced by `last` when given. */
function pathOf(route: string, last?: string): string {
	const segments = route.split('/').filter((s) => s && !/^\(.+\)$/.test(s));
	const lastParam = segments.findLastIndex((s) => s.startsWith('['));
	return (
		'/' +
		segments
			.map((s, i) => {
				const param = /^\[(\w+)(?:=\w+)?\]$/.exec(s)?.[1];
				if (!param) return s;
				return encodeURIComponent(last !== undefined && i === lastParam ? last : OBJECTS[param]);
			})
			.join('/')
	);
}

test('bad input never gives a 5xx, never half-stores, never renders unescaped', async ({
	baseURL
}) => {
	test.setTimeout(600_000);
	const base = baseURL!;
	const newContext = () => playwrightRequest.newContext({ baseURL: base });
	const sessions = new Map<Who, APIRequestContext>();
	for (const who of ['anonymous', 'learner', 'instructor', 'officer', 'admin', 'platform'] as const)
		sessions.set(who, await sessionFor(newContext, base, who));
	// The learner follows a course, so lesson attempts and review reach their code.
	await sessions.get('learner')!.post('/learn/courses?/enrol', {
		form: { courseId: 'vi-for-lo' },
		headers: { origin: base, accept: 'text/html' },
		maxRedirects: 0
	});

	const problems: string[] = [];
	let cases = 0;
	const statuses = new Map<number, number>();

	const check = async (
		label: string,
		who: Who,
		send: () => Promise<APIResponse>,
		before?: { hash: string; text: string }
	) => {
		cases++;
		const response = await send();
		const status = response.status();
		statuses.set(status, (statuses.get(status) ?? 0) + 1);
		const text = await response.text();
		if (status >= 500) problems.push(`${label}: ${status} ${text.slice(0, 120)}`);
		const marker = unescaped(text);
		if (marker) problems.push(`${label}: ${marker} rendered unescaped`);
		if (before && status >= 400 && status < 500) {
			const after = await witness(sessions.get(who)!, who);
			if (after.hash !== before.hash) problems.push(`${label}: refused with ${status} but stored`);
			return after;
		}
		if (!before) return undefined;
		const after = await witness(sessions.get(who)!, who);
		const stored = unescaped(after.text);
		if (stored) problems.push(`${label}: stored, then ${stored} rendered unescaped`);
		return after;
	};

	const requests = appRequests().filter(
		// Logging out ends the session the other cases use; it reads no input.
		(r) => !(r.route.endsWith('/logout') && r.request === 'POST')
	);

	for (const { route, request } of requests) {
		const who = ownerOf(route);
		const context = sessions.get(who)!;
		const path = pathOf(route);
		const runs = route.includes('(auth)') ? Math.min(RUNS, 4) : RUNS;
		const seed = SEED + [...`${request} ${route}`].reduce((a, c) => a + c.charCodeAt(0), 0);

		if (request === 'GET') {
			// Pages and endpoints: a hostile value in each path parameter and in the query.
			const values = fc.sample(fc.tuple(hostile, hostile), { numRuns: runs, seed });
			for (const [value, query] of values) {
				const q = encodeURIComponent(query);
				const url = `${pathOf(route, value)}?item=${q}&code=${q}&mode=${q}&redirectTo=${q}`;
				await check(`GET ${url}`, who, () =>
					context.get(url, { maxRedirects: 0, headers: { accept: 'text/html' } })
				);
			}
			continue;
		}

		const action = request.split(' ')[1] ?? '';
		const name =
			action.slice(2) ||
			(route.endsWith('/attempt') ? 'attempt' : (route.split('/').pop() ?? '').replace(/\W/g, ''));
		const url = `${path}${action}`;
		const fields = FIELDS[name] ?? [];
		const forms = fc.oneof(
			{ weight: 2, arbitrary: mutated(name, fields) },
			{ weight: 1, arbitrary: formOf(fields) }
		);
		const samples = fc.sample(forms.chain(bodyOf), { numRuns: runs, seed });
		let before = await witness(context, who);
		for (const body of samples) {
			before =
				(await check(
					`${request} ${path} (${body.kind}) ${body.data.toString('utf8').slice(0, 200)}`,
					who,
					() =>
						context.fetch(url, {
							method: request.split(' ')[0],
							headers: { origin: base, accept: 'text/html', ...body.headers },
							data: body.data,
							maxRedirects: 0
						}),
					before
				)) ?? before;
		}
	}

	// Oversized: a body beyond BODY_SIZE_LIMIT (4 MB) and an 8,000-row candidate list.
	const officer = sessions.get('officer')!;
	let before = await witness(officer, 'officer');
	before =
		(await check(
			'POST invite 5 MB',
			'officer',
			() =>
				officer.post(`/admissions/programs/${IDS.own.program}?/invite`, {
					form: { fullName: 'x'.repeat(5 * 1024 * 1024) },
					headers: { origin: base, accept: 'text/html' },
					maxRedirects: 0
				}),
			before
		)) ?? before;
	const rows = Array.from(
		{ length: 8_000 },
		(_, i) => `Ứng viên ${i},Chuyên viên,Huaphan,1990-01-0${(i % 9) + 1},+856${i}`
	);
	await check(
		'POST inviteCsv 8,000 rows',
		'officer',
		() =>
			officer.post(`/admissions/programs/${IDS.own.program}?/inviteCsv`, {
				multipart: { csv: ['name,position,organization,date of birth,phone', ...rows].join('\n') },
				headers: { origin: base, accept: 'text/html' },
				maxRedirects: 0
			}),
		before
	);

	for (const context of sessions.values()) await context.dispose();
	console.log(
		`fuzz: ${cases} cases (seed ${SEED}, ${RUNS} per request), statuses ${JSON.stringify(Object.fromEntries(statuses))}`
	);
	expect(problems).toEqual([]);
});
