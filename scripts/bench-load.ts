// npm run bench:load [-- --quick] — the built server under simulated users, over loopback, bounded in
// time: learners (home, course map, a lesson page, finished lessons and reviews posted to /api/sync),
// candidates in live screening attempts (the item page and the answer) and admissions officers (a
// program's results table), each role on its own. Prints requests, requests/s, p50, p99 and errors per
// route group, on PostgreSQL (a fresh database on BENCH_DATABASE_URL / TEST_DATABASE_URL /
// 127.0.0.1:5432, created and dropped here) and on PGlite (a temporary directory), in two modes:
// - closed loop: each client sends its next request as soon as the last is answered, at 50, 100 and
//   200 clients, 4 s per run — the server's ceiling (200 such clients ask for far more than people do);
// - paced: each client pauses as its person would, 3–9 s (uniform, seeded) after each request — a
//   candidate reads an item before answering it, a learner moves between home, map, lesson and posting
//   at that pace, an officer reloads the results table — at 50, 100 and 200 clients, 30 s per run
//   (every client makes several requests), starts spread over the first pause. The goal (p99 <= 150 ms
//   and no error, item pages and lesson pages) is printed beside those rows; then, on PostgreSQL, a
//   search for how many paced clients one server carries with the goal met (CAPACITY below: up to 800,
//   to within 50), printed as the largest level where it held and the first where it did not.
// About 20 minutes in all on an idle machine (runs ~13, the search <= 5, populating and server
// starts); `--quick`: 2 s closed and 12 s paced runs at 50 and 200 clients, no search (~4 min).
// Options (env): BENCH_MODES="closed,paced", BENCH_CLIENTS="50,100,200", BENCH_SECONDS=4 (closed),
// BENCH_PACED_CLIENTS="50,100,200", BENCH_PACED_SECONDS=30, BENCH_CAPACITY_MAX=800 (0: no search),
// BENCH_SEED=1 (pauses, lessons and answers), BENCH_DATABASES="postgres,pglite", BENCH_PORT (4296),
// BENCH_SERVER_ARGS (node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=…"),
// BENCH_BUILDS="before=data/bench/before,after=build": two or more builds measured in the same run on
// the same data, their servers taking turns at each level, with each one's p99 as a ratio of the
// first's (a build elsewhere must sit under this directory, so it finds node_modules; `data/` is
// ignored). Builds the app first when there is no build.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq, isNull } from 'drizzle-orm';
import postgres from 'postgres';
import { createDb, type DbHandle } from '../src/lib/server/db/client';
import { lesson, membership, organization } from '../src/lib/server/db/schema';
import { seedCourses } from '../src/lib/server/learning/seed';
import { seedItemBanks } from '../src/lib/server/placement/banks';
import { enrol } from '../src/lib/server/learning/courses';
import {
	createSession,
	generateSessionToken,
	SESSION_COOKIE
} from '../src/lib/server/auth/session';
import { hashPassword } from '../src/lib/server/auth/password';
import { rolesOf } from '../src/lib/server/accounts/service';
import { grantMembership, insertUser } from '../src/lib/server/accounts/repository';
import { claimPersonalCode } from '../src/lib/server/accounts/personal-codes';
import { connectDomains } from '../src/lib/server/connect';
import { createProgram } from '../src/lib/server/admissions/programs';
import { inviteCandidates } from '../src/lib/server/admissions/candidates';
import { candidateOfUser } from '../src/lib/server/screening/context';
import { startOrResumeAttempt } from '../src/lib/server/screening/delivery';
import { mulberry32, type Rng } from '../src/lib/placement/random';
import type { Exercise } from '../src/lib/course/types';
import { rightResponse } from '../tests/factories/lesson-answers';
import { postgresServer } from './lib/postgres-server';

const QUICK = process.argv.includes('--quick');
const list = (value: string) => value.split(',').filter(Boolean).map(Number);
const MODES = (process.env.BENCH_MODES ?? 'closed,paced').split(',');
const CLOSED = {
	clients: list(process.env.BENCH_CLIENTS ?? (QUICK ? '50,200' : '50,100,200')),
	seconds: Number(process.env.BENCH_SECONDS ?? (QUICK ? 2 : 4))
};
const PACED = {
	clients: list(process.env.BENCH_PACED_CLIENTS ?? (QUICK ? '50,200' : '50,100,200')),
	seconds: Number(process.env.BENCH_PACED_SECONDS ?? (QUICK ? 12 : 30))
};
/**
 * How many paced clients one server carries with the goal met (PostgreSQL only, the role of each goal
 * page on its own): from the table's levels, doubling until the goal fails (at most `max`), then
 * halving the gap between the last level where it held and the first where it did not, until the gap
 * is `resolution` or `probes` runs were made. A run of 30 s per probe.
 */
const CAPACITY = {
	max: Number(process.env.BENCH_CAPACITY_MAX ?? (QUICK ? 0 : 800)),
	resolution: 50,
	probes: 4
};
/**
 * A person's pause between two requests, drawn uniformly: reading an item and choosing an answer,
 * reading a page before moving on. 3 s is a quick reader; conservative (people are slower), as in
 * bench:sync, since shorter pauses mean more requests per client.
 */
const THINK_MS = { min: 3000, max: 9000 };
const SEED = Number(process.env.BENCH_SEED ?? 1);
const DATABASES = (process.env.BENCH_DATABASES ?? 'postgres,pglite').split(',');
const PORT = Number(process.env.BENCH_PORT ?? 4296);
const BASE = `http://127.0.0.1:${PORT}`;
const COURSE = 'vi-for-lo';
/** name=directory pairs; one build ("build") unless BENCH_BUILDS names several. */
const BUILDS = (process.env.BENCH_BUILDS ?? 'build=build').split(',').map((pair) => {
	const [name, dir = name] = pair.split('=');
	return { name, dir };
});
const DAY = 86_400_000;
/** The issue's goal for the pages a person waits on: p99 at most this, and no error. */
const GOAL_P99_MS = 150;
/** The pages of the goal, each with the role whose clients ask for it. */
const GOAL_GROUPS = { 'item page': 'candidate', 'lesson page': 'learner' } as const;
/** Each server's untimed warm-up per role: the first request of each route pays for loading its modules. */
const WARM_SECONDS = 1;

type Session = { id: string; cookie: string };
type BenchLesson = { id: string; exercises: Exercise[]; cards: string[] };
/**
 * `clock`: the time of the learner's last posted review; it only goes forward, across runs too, so every
 * post is newer than the cards' last reviews as on a real phone (an older one replays the card's log).
 */
type Learner = Session & { lessons: BenchLesson[]; clock: { t: number } };
type Candidate = Session & { candidateId: string };
type Population = {
	learners: Learner[];
	candidates: Candidate[];
	officer: Session;
	programId: string;
};

async function session(handle: DbHandle, userId: string): Promise<Session> {
	const token = generateSessionToken();
	await createSession(handle.db, token, userId);
	return { id: userId, cookie: `${SESSION_COOKIE}=${token}` };
}

/**
 * `most` learners, candidates with a started attempt (twice as many per build: a candidate whose test
 * ends is replaced by a fresh one) and one officer, made with the app's own functions.
 */
async function populate(handle: DbHandle, most: number): Promise<Population> {
	const { db } = handle;
	connectDomains();
	await seedItemBanks(db);
	await seedCourses(db, 'content/courses');
	const org = `org-bench-${Date.now().toString(36)}`;
	await db.insert(organization).values({ id: org, name: org, country: 'LA' });
	const passwordHash = await hashPassword('bench-password-not-used');
	const newUser = async (tx: Parameters<typeof insertUser>[0], prefix: string) => {
		const id = crypto.randomUUID();
		await insertUser(tx, {
			id,
			username: `${prefix}.${id.slice(0, 12)}`,
			displayName: 'Bench',
			passwordHash
		});
		return id;
	};

	const lessons: BenchLesson[] = (
		await db
			.select({ id: lesson.id, exercises: lesson.exercises, vocabulary: lesson.vocabulary })
			.from(lesson)
			.where(and(eq(lesson.courseId, COURSE), isNull(lesson.retiredAt)))
			.orderBy(asc(lesson.position))
	)
		.slice(0, 6)
		.map((l) => ({ id: l.id, exercises: l.exercises, cards: l.vocabulary.map((v) => v.id) }));
	if (lessons.length === 0) throw new Error(`no lesson in ${COURSE}`);
	const learners: Learner[] = [];
	for (let i = 0; i < most; i++) {
		const id = await newUser(db, 'bench');
		await db.insert(membership).values({ userId: id, organizationId: org, role: 'learner' });
		await enrol(db, id, COURSE);
		learners.push({ ...(await session(handle, id)), lessons, clock: { t: Date.now() - 50 * DAY } });
	}

	const officerId = await newUser(db, 'officer');
	await db
		.insert(membership)
		.values({ userId: officerId, organizationId: org, role: 'admissions' });
	const actor = {
		id: officerId,
		isPlatformAdmin: false,
		memberships: await rolesOf(db, officerId)
	};
	const created = await createProgram(db, actor, {
		organizationId: org,
		name: 'Bench program',
		intake: 'Bench',
		bankId: 'vi-placement',
		minOverallLevel: 3,
		skillMinimums: {},
		ratedSections: [],
		windowOpensAt: new Date(Date.now() - DAY),
		windowClosesAt: new Date(Date.now() + 30 * DAY),
		timeLimitMinutes: 120,
		maxAttempts: 2,
		retakeCooldownDays: 14,
		resultValidityMonths: 24
	});
	if (!created.ok) throw new Error(JSON.stringify(created.errors));
	const invited = await inviteCandidates(
		db,
		actor,
		created.id,
		Array.from({ length: (1 + BUILDS.length) * most }, (_, i) => ({
			fullName: `Ứng viên ${i}`,
			position: '',
			sendingOrganization: 'Bench',
			dateOfBirth: '',
			phone: ''
		}))
	);
	const candidates: Candidate[] = [];
	for (const person of invited) {
		const userId = await db.transaction(async (tx) => {
			const id = await newUser(tx, 'cand');
			const grant = await claimPersonalCode(tx, person.invitationCode, id);
			if (!grant) throw new Error('personal code not claimed');
			await grantMembership(tx, { userId: id, ...grant });
			return id;
		});
		const ctx = await candidateOfUser(db, userId, person.id);
		if (!ctx || !(await startOrResumeAttempt(db, ctx)).ok) throw new Error('attempt not started');
		candidates.push({ ...(await session(handle, userId)), candidateId: person.id });
	}
	return { learners, candidates, officer: await session(handle, officerId), programId: created.id };
}

class Recorder {
	latencies = new Map<string, number[]>();
	errors = new Map<string, number>();
	firstError = new Map<string, string>();
	add(group: string, ms: number, ok: boolean, why = '') {
		if (!this.latencies.has(group)) this.latencies.set(group, []);
		this.latencies.get(group)!.push(ms);
		if (!ok) {
			this.errors.set(group, (this.errors.get(group) ?? 0) + 1);
			if (!this.firstError.has(group)) this.firstError.set(group, why);
		}
	}
}

type Mode = 'closed' | 'paced';

/** One simulated person for one run: where its requests are recorded, when it stops, its own dice. */
type Client = {
	rec: Recorder;
	end: number;
	rng: Rng;
	/**
	 * The pause after a request: none in the closed loop, a seeded 3–9 s when paced (cut short at the
	 * run's end, so no client outlives it). False once the run is over: the client stops there, not
	 * after finishing its round, so no burst of requests comes at the end.
	 */
	think: () => Promise<boolean>;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

function client(rec: Recorder, mode: Mode, end: number, seed: number): Client {
	const rng = mulberry32(seed);
	const think =
		mode === 'closed'
			? async () => Date.now() < end
			: async () => {
					const pause = THINK_MS.min + rng() * (THINK_MS.max - THINK_MS.min);
					await sleep(Math.min(pause, end - Date.now()));
					return Date.now() < end;
				};
	return { rec, end, rng, think };
}

/**
 * Past this a request counts as an error whatever the client library does: a fetch whose
 * AbortSignal.timeout never fired once left a whole run waiting with no request open on either side
 * (server idle, no socket), so the server was never told to stop.
 */
const LOST_MS = 20_000;

/** One timed request; `ok` decides from the response (status by default), the body is read in full. */
async function timed(
	rec: Recorder,
	group: string,
	cookie: string,
	path: string,
	init: { method?: string; body?: string; type?: string } = {},
	ok: (status: number, body: string) => boolean = (s) => s < 400
): Promise<{ status: number; body: string; location: string | null } | null> {
	const t0 = performance.now();
	let timer: ReturnType<typeof setTimeout> | undefined;
	try {
		const answered = fetch(BASE + path, {
			method: init.method ?? 'GET',
			headers: {
				cookie,
				// A browser's form post: the action answers with its redirect, not with JSON.
				accept: 'text/html',
				origin: `http://localhost:${PORT}`,
				...(init.type ? { 'content-type': init.type } : {})
			},
			body: init.body,
			redirect: 'manual',
			signal: AbortSignal.timeout(15_000)
		}).then(async (response) => ({ response, body: await response.text() }));
		const lost = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error(`no answer within ${LOST_MS} ms`)), LOST_MS);
		});
		const { response, body } = await Promise.race([answered, lost]);
		const good = ok(response.status, body);
		rec.add(group, performance.now() - t0, good, `${response.status} ${body.slice(0, 120)}`);
		return { status: response.status, body, location: response.headers.get('location') };
	} catch (e) {
		rec.add(group, performance.now() - t0, false, String(e));
		return null;
	} finally {
		clearTimeout(timer);
	}
}

/** A finished lesson (all right) and three of its cards reviewed, as the phone's outbox posts them. */
function lessonRecords(l: BenchLesson, clock: { t: number }) {
	const attemptId = crypto.randomUUID();
	return [
		{
			id: attemptId,
			kind: 'attempt',
			payload: {
				lessonId: l.id,
				finishedAt: new Date((clock.t += 60_000)).toISOString(),
				answers: l.exercises.map((e, i) => ({
					id: `${attemptId.slice(0, 30)}-a${i}`,
					exerciseId: e.id,
					response: e.kind === 'speak' ? { selfCheck: 'well', recorded: false } : rightResponse(e)
				}))
			}
		},
		...l.cards.slice(0, 3).map((vocabularyId) => ({
			id: crypto.randomUUID(),
			kind: 'review',
			payload: {
				courseId: COURSE,
				vocabularyId,
				grade: 3,
				mode: 'recall',
				reviewedAt: new Date((clock.t += 1000)).toISOString()
			}
		}))
	];
}

/**
 * Home, course map, a lesson page, the lesson and reviews posted, round and round; each learner starts
 * at a seeded step of the round, so that in a short paced run every page gets its share.
 */
async function learnerLoop(c: Client, learner: Learner) {
	let l = learner.lessons[Math.floor(c.rng() * learner.lessons.length)];
	const round = [
		() => timed(c.rec, 'learner home', learner.cookie, '/learn'),
		() => timed(c.rec, 'course map', learner.cookie, `/learn/courses/${COURSE}`),
		() => {
			l = learner.lessons[Math.floor(c.rng() * learner.lessons.length)];
			return timed(c.rec, 'lesson page', learner.cookie, `/learn/lessons/${l.id}`);
		},
		() =>
			timed(
				c.rec,
				'sync (lesson + reviews)',
				learner.cookie,
				'/api/sync',
				{
					method: 'POST',
					type: 'application/json',
					body: JSON.stringify({ accountId: learner.id, records: lessonRecords(l, learner.clock) })
				},
				(status, body) =>
					status === 200 &&
					(JSON.parse(body).results as { status: string }[]).every((r) => r.status === 'accepted')
			)
	];
	let step = Math.floor(c.rng() * round.length);
	do await round[step++ % round.length]();
	while (await c.think());
}

const ITEM_ID = /name="itemId" value="([^"]+)"/;

/** Item page, a pause to read it, the answer; its redirect brings the next item page at once. */
async function candidateLoop(c: Client, pool: Candidate[]) {
	let current = pool.shift();
	while (current && Date.now() < c.end) {
		const test = `/learn/screening/${current.candidateId}/test`;
		const page = await timed(c.rec, 'item page', current.cookie, test);
		const itemId = page?.body.match(ITEM_ID)?.[1];
		if (!itemId) {
			// The test ended (redirected to the overview): the next candidate takes the seat.
			current = page?.status === 303 ? pool.shift() : current;
			continue;
		}
		if (!(await c.think())) break;
		await timed(
			c.rec,
			'item answer',
			current.cookie,
			`${test}?/answer`,
			{
				method: 'POST',
				type: 'application/x-www-form-urlencoded',
				body: new URLSearchParams({ itemId, option: String(Math.floor(c.rng() * 2)) }).toString()
			},
			(status) => status === 303
		);
	}
	// Still in the middle of a test: usable by the next run.
	if (current) pool.push(current);
}

async function officerLoop(c: Client, pop: Population) {
	do
		await timed(
			c.rec,
			'program results',
			pop.officer.cookie,
			`/admissions/programs/${pop.programId}`
		);
	while (await c.think());
}

/** What each role's client does, the i-th client of a run being the i-th learner. */
const ROLES = {
	learner: (c: Client, pop: Population, i: number) => learnerLoop(c, pop.learners[i]),
	candidate: (c: Client, pop: Population) => candidateLoop(c, pop.candidates),
	officer: (c: Client, pop: Population) => officerLoop(c, pop)
};
type Role = keyof typeof ROLES;
const ALL_ROLES = Object.keys(ROLES) as Role[];

/** One level of the bench: these roles, each on its own, `clients` at a time. */
type Level = { mode: Mode; clients: number; roles: Role[] };

function levels(): Level[] {
	return [
		...(MODES.includes('closed') ? CLOSED.clients : []).map((clients) => ({
			mode: 'closed' as const,
			clients,
			roles: ALL_ROLES
		})),
		...(MODES.includes('paced') ? PACED.clients : []).map((clients) => ({
			mode: 'paced' as const,
			clients,
			roles: ALL_ROLES
		}))
	];
}

const secondsOf = (mode: Mode) => (mode === 'closed' ? CLOSED.seconds : PACED.seconds);

type Row = {
	build: string;
	mode: Mode;
	clients: number;
	group: string;
	requests: number;
	rps: number;
	p50: number;
	p99: number;
	errors: number;
	/** The server process's CPU time (user + system) per request of this role's run, in ms. */
	cpuMs: number;
};

/**
 * CPU seconds the process has used (Linux /proc; NaN elsewhere): work per request, which the
 * machine's other load changes far less than latency — the figure to compare builds by on a shared
 * machine.
 */
function cpuSeconds(pid: number | undefined): number {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		// utime and stime, fields 14 and 15 of stat (11 and 12 after the name), in clock ticks (100/s).
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return NaN;
	}
}

/** `clients` of one role for `seconds`; paced clients start spread over the first pause. */
async function run(
	server: ChildProcess,
	build: string,
	pop: Population,
	role: Role,
	mode: Mode,
	clients: number,
	seconds: number
): Promise<Row[]> {
	const rec = new Recorder();
	const cpuBefore = cpuSeconds(server.pid);
	const start = Date.now();
	const end = start + seconds * 1000;
	// The same pauses, lessons and answers for the same client at the same level in every run.
	const seeds = mulberry32(SEED * 1009 + clients);
	await Promise.all(
		Array.from({ length: clients }, async (_, i) => {
			const c = client(rec, mode, end, Math.floor(seeds() * 2 ** 32));
			if (mode === 'paced') await sleep((c.rng() * (THINK_MS.min + THINK_MS.max)) / 2);
			await ROLES[role](c, pop, i);
		})
	);
	const elapsed = (Date.now() - start) / 1000;
	const requests = [...rec.latencies.values()].reduce((n, all) => n + all.length, 0);
	const cpuMs = ((cpuSeconds(server.pid) - cpuBefore) * 1000) / requests;
	const rows: Row[] = [];
	for (const [group, all] of rec.latencies) {
		all.sort((a, b) => a - b);
		const at = (p: number) => all[Math.min(all.length - 1, Math.floor((p / 100) * all.length))];
		rows.push({
			build,
			mode,
			clients,
			group,
			requests: all.length,
			rps: all.length / elapsed,
			p50: at(50),
			p99: at(99),
			errors: rec.errors.get(group) ?? 0,
			cpuMs
		});
		if (rec.firstError.has(group))
			console.warn(`  ${group} at ${clients} ${mode}: first error: ${rec.firstError.get(group)}`);
	}
	return rows;
}

async function startServer(env: Record<string, string>, dir: string): Promise<ChildProcess> {
	const nodeArgs = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
	const server = spawn('node', [...nodeArgs, dir], {
		env: {
			...process.env,
			...env,
			PORT: String(PORT),
			ORIGIN: `http://localhost:${PORT}`,
			SEED_DEMO: 'false'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 240; i++) {
		const ok = await fetch(`${BASE}/api/health`)
			.then((r) => r.ok)
			.catch(() => false);
		if (ok) return server;
		await new Promise((r) => setTimeout(r, 500));
	}
	server.kill();
	throw new Error('the built server did not start');
}

/** SIGTERM, then SIGKILL if it has not exited within a minute (said, so a hang is not hidden). */
async function stopServer(server: ChildProcess) {
	const exited = new Promise((r) => server.once('exit', r));
	server.kill('SIGTERM');
	const timer = setTimeout(() => {
		console.warn('  the server did not exit within 60 s of SIGTERM: killed');
		server.kill('SIGKILL');
	}, 60_000);
	await exited;
	clearTimeout(timer);
}

/**
 * Where the servers run: their environment, and what to wait for after one stops before the next
 * starts (PostgreSQL goes on with the queries of requests the clients gave up on, which would slow the
 * next run: an overloaded results table once did).
 */
type Target = { env: Record<string, string>; settle: () => Promise<void> };

/** A server of this build started afresh, warmed, and each role's run at this level, one after the other. */
async function onServer(
	{ env, settle }: Target,
	pop: Population,
	build: (typeof BUILDS)[number],
	{ mode, clients, roles }: Level
): Promise<Row[]> {
	const rows: Row[] = [];
	const server = await startServer(env, build.dir);
	try {
		for (const role of roles) await run(server, build.name, pop, role, 'closed', 1, WARM_SECONDS);
		for (const role of roles)
			rows.push(...(await run(server, build.name, pop, role, mode, clients, secondsOf(mode))));
	} finally {
		await stopServer(server);
		await settle();
	}
	return rows;
}

/** The machine is shared: its load beside the figures says how far to trust them. */
function logLevel({ mode, clients, roles }: Level) {
	const load = loadavg()
		.map((l) => l.toFixed(2))
		.join(' ');
	console.log(`  ${clients} clients ${mode} (${roles.join(', ')}): load average ${load}`);
}

/**
 * Each role on its own at each level. With several builds their servers take turns at each level
 * (one server at a time, started afresh and warmed), so a change in the machine's load falls on all.
 * Then, when asked (PostgreSQL), the search for how many paced clients each build carries.
 */
async function measure(target: Target, pop: Population, searchCapacity: boolean): Promise<Row[]> {
	const rows: Row[] = [];
	for (const level of levels()) {
		logLevel(level);
		for (const build of BUILDS) rows.push(...(await onServer(target, pop, build, level)));
	}
	if (searchCapacity && MODES.includes('paced') && CAPACITY.max > 0)
		for (const build of BUILDS)
			for (const [group, role] of Object.entries(GOAL_GROUPS))
				for (let probe = 0; probe < CAPACITY.probes; probe++) {
					const { held, missed } = bracket(rows, build.name, group);
					const clients =
						missed === undefined
							? Math.min(2 * (held?.clients ?? 0), CAPACITY.max)
							: Math.round(((held?.clients ?? 0) + missed.clients) / 50) * 25;
					const known = rows.some(
						(r) =>
							r.mode === 'paced' &&
							r.build === build.name &&
							r.group === group &&
							r.clients === clients
					);
					if (known || (missed && missed.clients - (held?.clients ?? 0) <= CAPACITY.resolution))
						break;
					const level = { mode: 'paced' as const, clients, roles: [role] };
					logLevel(level);
					rows.push(...(await onServer(target, pop, build, level)));
				}
	return rows;
}

const meetsGoal = (r: Row) => r.p99 <= GOAL_P99_MS && r.errors === 0;

/** Of a build's paced runs for a goal page: the first level where the goal failed, the largest below it. */
function bracket(rows: Row[], build: string, group: string) {
	const paced = rows
		.filter((r) => r.mode === 'paced' && r.build === build && r.group === group)
		.sort((a, b) => a.clients - b.clients);
	const missed = paced.find((r) => !meetsGoal(r));
	const held = paced.filter((r) => !missed || r.clients < missed.clients).at(-1);
	return { held, missed };
}

function print(database: string, rows: Row[]) {
	const several = BUILDS.length > 1;
	const titles: Record<Mode, string> = {
		closed: "closed loop: the next request as soon as the last is answered — the server's ceiling",
		paced: `paced: ${THINK_MS.min / 1000}–${THINK_MS.max / 1000} s between a client's requests, as people use it`
	};
	for (const mode of ['closed', 'paced'] as const) {
		const ofMode = rows.filter((r) => r.mode === mode);
		if (ofMode.length === 0) continue;
		console.log(`\n${database}, ${titles[mode]}`);
		console.log(
			`${several ? 'build     ' : ''}clients  route group                 requests    req/s   p50 ms   p99 ms  errors  cpu ms/req  goal${several ? '  p99 ÷ first  cpu ÷ first' : ''}`
		);
		const first = (r: Row) =>
			ofMode.find(
				(o) => o.build === BUILDS[0].name && o.clients === r.clients && o.group === r.group
			);
		// By level (the capacity search's probes among them), builds side by side.
		const sorted = [...ofMode].sort(
			(a, b) =>
				a.clients - b.clients ||
				(several
					? a.group.localeCompare(b.group) ||
						BUILDS.findIndex((x) => x.name === a.build) -
							BUILDS.findIndex((x) => x.name === b.build)
					: 0)
		);
		for (const r of sorted) {
			const base = first(r);
			console.log(
				[
					...(several ? [r.build.padEnd(8)] : []),
					String(r.clients).padStart(7),
					r.group.padEnd(24),
					String(r.requests).padStart(9),
					r.rps.toFixed(0).padStart(7),
					r.p50.toFixed(1).padStart(8),
					r.p99.toFixed(1).padStart(8),
					String(r.errors).padStart(7),
					r.cpuMs.toFixed(1).padStart(10),
					(r.group in GOAL_GROUPS ? (meetsGoal(r) ? 'met' : 'NOT') : '').padEnd(4),
					...(several && base
						? [
								(r.p99 / base.p99).toFixed(2).padStart(11),
								(r.cpuMs / base.cpuMs).toFixed(2).padStart(11)
							]
						: [])
				].join('  ')
			);
		}
	}
	for (const build of BUILDS)
		for (const group of Object.keys(GOAL_GROUPS)) {
			const { held, missed } = bracket(rows, build.name, group);
			if (!held && !missed) continue;
			const figures = (r: Row) => `${r.clients} (p99 ${r.p99.toFixed(0)} ms, ${r.errors} errors)`;
			console.log(
				`${several ? `${build.name}: ` : ''}${group}, paced: goal holds ` +
					(held ? `up to ${figures(held)}` : 'at no level tried') +
					(missed ? `, not at ${figures(missed)}` : ', at every level tried')
			);
		}
}

async function onPostgres(serverUrl: string) {
	const name = `mittaphap_bench_${Date.now().toString(36)}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const handle = await createDb({ databaseUrl: url.toString() });
	try {
		const pop = await populate(handle, Math.max(...levels().map((l) => l.clients), CAPACITY.max));
		const settle = async () => {
			const t0 = Date.now();
			while (Date.now() - t0 < 120_000) {
				const [{ busy }] = await admin<{ busy: number }[]>`
					select count(*)::int as busy from pg_stat_activity
					where datname = ${name} and state <> 'idle' and pid <> pg_backend_pid()`;
				if (busy === 0) break;
				await sleep(250);
			}
			if (Date.now() - t0 > 1000)
				console.log(
					`  waited ${((Date.now() - t0) / 1000).toFixed(0)} s for PostgreSQL to finish queries`
				);
		};
		return await measure({ env: { DATABASE_URL: url.toString() }, settle }, pop, true);
	} finally {
		await handle.close();
		await admin.unsafe(`drop database if exists "${name}" with (force)`);
		await admin.end();
	}
}

async function onPglite() {
	const dir = mkdtempSync(join(tmpdir(), 'mittaphap-bench-load-'));
	try {
		const handle = await createDb({ pgliteDir: dir });
		const pop = await populate(handle, Math.max(...levels().map((l) => l.clients)));
		// PGlite is one process's: the server gets the directory to itself while it runs.
		await handle.close();
		// The server's exit ends its queries: PGlite runs inside it.
		return await measure({ env: { PGLITE_DIR: dir }, settle: async () => {} }, pop, false);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/** Minutes of timed and warm-up runs on one database (server starts and populating come on top). */
const runMinutes = () =>
	(BUILDS.length *
		levels().reduce((s, l) => s + l.roles.length * (secondsOf(l.mode) + WARM_SECONDS), 0)) /
	60;

async function main() {
	const began = Date.now();
	if (!BUILDS.some((b) => b.dir !== 'build') && !existsSync('build/index.js')) {
		console.log('No build: npm run build');
		const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
		if (built.status !== 0) process.exit(built.status ?? 1);
	}
	const searching = DATABASES.includes('postgres') && MODES.includes('paced') && CAPACITY.max > 0;
	// At most `probes` runs per goal page and build, each a server start and ~30 s.
	const searchMinutes = searching
		? (BUILDS.length * Object.keys(GOAL_GROUPS).length * CAPACITY.probes * (PACED.seconds + 8)) / 60
		: 0;
	console.log(
		`bench:load (loopback, each role on its own; runs ~${Math.round(DATABASES.length * runMinutes())} min` +
			(searching ? ` + capacity search <= ${Math.round(searchMinutes)} min` : '') +
			'):' +
			(MODES.includes('closed')
				? ` closed loop ${CLOSED.seconds} s per run at ${CLOSED.clients.join('/')};`
				: '') +
			(MODES.includes('paced')
				? ` paced ${PACED.seconds} s per run at ${PACED.clients.join('/')}` +
					(searching ? `, then on PostgreSQL up to ${CAPACITY.max} to find the goal's limit` : '')
				: '') +
			(BUILDS.length > 1 ? `; builds ${BUILDS.map((b) => `${b.name} (${b.dir})`).join(', ')}` : '')
	);
	for (const b of BUILDS)
		if (!existsSync(join(b.dir, 'index.js'))) throw new Error(`no build in ${b.dir}`);
	if (DATABASES.includes('postgres')) {
		const serverUrl = await postgresServer();
		if (serverUrl) print('PostgreSQL', await onPostgres(serverUrl));
		else console.log('\nPostgreSQL: none answered, skipped');
	}
	if (DATABASES.includes('pglite')) print('PGlite', await onPglite());
	console.log(
		`\ngoal (2 cores): 0 errors, p99 <= ${GOAL_P99_MS} ms for item pages and lesson pages at 200 clients on PostgreSQL` +
			`\nbench:load took ${((Date.now() - began) / 60_000).toFixed(1)} min in all`
	);
}

await main();
