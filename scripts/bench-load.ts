// npm run bench:load [-- --quick] — the built server under simulated users, over loopback, bounded in
// time: learners (home, course map, a lesson page, finished lessons and reviews posted to /api/sync),
// candidates in live screening attempts (the item page and the answer) and admissions officers (a
// program's results table), each role at 50, 100 and 200 concurrent clients. Prints requests/s, p50,
// p99 and errors per route group, on PostgreSQL (a fresh database on BENCH_DATABASE_URL /
// TEST_DATABASE_URL / 127.0.0.1:5432, created and dropped here) and on PGlite (a temporary directory).
// Options (env): BENCH_CLIENTS="50,100,200", BENCH_SECONDS=4, BENCH_DATABASES="postgres,pglite",
// BENCH_PORT (4296), BENCH_SERVER_ARGS (node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=…"),
// BENCH_BUILDS="before=data/bench/before,after=build": two or more builds measured in the same run on
// the same data, their servers taking turns at each level, with each one's p99 as a ratio of the first's
// (a build elsewhere must sit under this directory, so it finds node_modules; `data/` is ignored).
// `--quick`: 2 s per run at 50 and 200 clients. Builds the app first when there is no build.
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
import type { Exercise } from '../src/lib/course/types';
import { rightResponse } from '../tests/factories/lesson-answers';
import { postgresServer } from './lib/postgres-server';

const QUICK = process.argv.includes('--quick');
const CLIENTS = (process.env.BENCH_CLIENTS ?? (QUICK ? '50,200' : '50,100,200'))
	.split(',')
	.map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 2 : 4));
const DATABASES = (process.env.BENCH_DATABASES ?? 'postgres,pglite').split(',');
const PORT = Number(process.env.BENCH_PORT ?? 4296);
const BASE = `http://127.0.0.1:${PORT}`;
const COURSE = 'vi-for-lo';
const MAX = Math.max(...CLIENTS);
/** name=directory pairs; one build ("build") unless BENCH_BUILDS names several. */
const BUILDS = (process.env.BENCH_BUILDS ?? 'build=build').split(',').map((pair) => {
	const [name, dir = name] = pair.split('=');
	return { name, dir };
});
const DAY = 86_400_000;

type Session = { id: string; cookie: string };
type BenchLesson = { id: string; exercises: Exercise[]; cards: string[] };
type Learner = Session & { lessons: BenchLesson[] };
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

/** Learners, candidates with a started attempt, and one officer, made with the app's own functions. */
async function populate(handle: DbHandle): Promise<Population> {
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
	for (let i = 0; i < MAX; i++) {
		const id = await newUser(db, 'bench');
		await db.insert(membership).values({ userId: id, organizationId: org, role: 'learner' });
		await enrol(db, id, COURSE);
		learners.push({ ...(await session(handle, id)), lessons });
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
	// The most clients once more per build: a candidate whose test ends is replaced by a fresh one.
	const invited = await inviteCandidates(
		db,
		actor,
		created.id,
		Array.from({ length: (1 + BUILDS.length) * MAX }, (_, i) => ({
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

async function learnerLoop(rec: Recorder, learner: Learner, end: number) {
	let clock = Date.now() - 50 * DAY;
	while (Date.now() < end) {
		await timed(rec, 'learner home', learner.cookie, '/learn');
		await timed(rec, 'course map', learner.cookie, `/learn/courses/${COURSE}`);
		const l = learner.lessons[Math.floor(Math.random() * learner.lessons.length)];
		await timed(rec, 'lesson page', learner.cookie, `/learn/lessons/${l.id}`);
		const attemptId = crypto.randomUUID();
		const records = [
			{
				id: attemptId,
				kind: 'attempt',
				payload: {
					lessonId: l.id,
					finishedAt: new Date((clock += 60_000)).toISOString(),
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
					reviewedAt: new Date((clock += 1000)).toISOString()
				}
			}))
		];
		await timed(
			rec,
			'sync (lesson + reviews)',
			learner.cookie,
			'/api/sync',
			{
				method: 'POST',
				type: 'application/json',
				body: JSON.stringify({ accountId: learner.id, records })
			},
			(status, body) =>
				status === 200 &&
				(JSON.parse(body).results as { status: string }[]).every((r) => r.status === 'accepted')
		);
	}
}

const ITEM_ID = /name="itemId" value="([^"]+)"/;

async function candidateLoop(rec: Recorder, pool: Candidate[], end: number) {
	let current = pool.shift();
	while (current && Date.now() < end) {
		const test = `/learn/screening/${current.candidateId}/test`;
		const page = await timed(rec, 'item page', current.cookie, test);
		const itemId = page?.body.match(ITEM_ID)?.[1];
		if (!itemId) {
			// The test ended (redirected to the overview): the next candidate takes the seat.
			current = page?.status === 303 ? pool.shift() : current;
			continue;
		}
		await timed(
			rec,
			'item answer',
			current.cookie,
			`${test}?/answer`,
			{
				method: 'POST',
				type: 'application/x-www-form-urlencoded',
				body: new URLSearchParams({
					itemId,
					option: String(Math.floor(Math.random() * 2))
				}).toString()
			},
			(status) => status === 303
		);
	}
	// Still in the middle of a test: usable by the next run.
	if (current) pool.push(current);
}

async function officerLoop(rec: Recorder, pop: Population, end: number) {
	while (Date.now() < end)
		await timed(
			rec,
			'program results',
			pop.officer.cookie,
			`/admissions/programs/${pop.programId}`
		);
}

type Row = {
	build: string;
	clients: number;
	group: string;
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

async function run(
	server: ChildProcess,
	build: string,
	clients: number,
	loop: (rec: Recorder, i: number, end: number) => Promise<void>
) {
	const rec = new Recorder();
	const cpuBefore = cpuSeconds(server.pid);
	const start = Date.now();
	const end = start + SECONDS * 1000;
	await Promise.all(Array.from({ length: clients }, (_, i) => loop(rec, i, end)));
	const seconds = (Date.now() - start) / 1000;
	const requests = [...rec.latencies.values()].reduce((n, all) => n + all.length, 0);
	const cpuMs = ((cpuSeconds(server.pid) - cpuBefore) * 1000) / requests;
	const rows: Row[] = [];
	for (const [group, all] of rec.latencies) {
		all.sort((a, b) => a - b);
		const at = (p: number) => all[Math.min(all.length - 1, Math.floor((p / 100) * all.length))];
		rows.push({
			build,
			clients,
			group,
			rps: all.length / seconds,
			p50: at(50),
			p99: at(99),
			errors: rec.errors.get(group) ?? 0,
			cpuMs
		});
		if (rec.firstError.has(group))
			console.warn(`  ${group} at ${clients}: first error: ${rec.firstError.get(group)}`);
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
 * Each role on its own at each level. With several builds their servers take turns at each level
 * (one server at a time, started afresh and warmed), so a change in the machine's load falls on all.
 */
async function measure(env: Record<string, string>, pop: Population): Promise<Row[]> {
	const rows: Row[] = [];
	for (const n of CLIENTS) {
		// The machine is shared: its load beside the figures says how far to trust them.
		console.log(
			`  ${n} clients: load average ${loadavg()
				.map((l) => l.toFixed(2))
				.join(' ')}`
		);
		for (const build of BUILDS) {
			const server = await startServer(env, build.dir);
			try {
				// One untimed pass: the first request of each route pays for loading its modules.
				const warm = new Recorder();
				await learnerLoop(warm, pop.learners[0], Date.now() + 1);
				await officerLoop(warm, pop, Date.now() + 1);
				rows.push(
					...(await run(server, build.name, n, (rec, i, end) =>
						learnerLoop(rec, pop.learners[i], end)
					))
				);
				rows.push(
					...(await run(server, build.name, n, (rec, _, end) =>
						candidateLoop(rec, pop.candidates, end)
					))
				);
				rows.push(
					...(await run(server, build.name, n, (rec, _, end) => officerLoop(rec, pop, end)))
				);
			} finally {
				await stopServer(server);
			}
		}
	}
	return rows;
}

function print(title: string, rows: Row[]) {
	const several = BUILDS.length > 1;
	console.log(`\n${title}`);
	console.log(
		`${several ? 'build     ' : ''}clients  route group                  req/s   p50 ms   p99 ms  errors  cpu ms/req${several ? '  p99 ÷ first  cpu ÷ first' : ''}`
	);
	const first = (r: Row) =>
		rows.find((o) => o.build === BUILDS[0].name && o.clients === r.clients && o.group === r.group);
	const sorted = several
		? [...rows].sort(
				(a, b) =>
					a.clients - b.clients ||
					a.group.localeCompare(b.group) ||
					BUILDS.findIndex((x) => x.name === a.build) - BUILDS.findIndex((x) => x.name === b.build)
			)
		: rows;
	for (const r of sorted) {
		const base = first(r);
		console.log(
			[
				...(several ? [r.build.padEnd(8)] : []),
				String(r.clients).padStart(7),
				r.group.padEnd(26),
				r.rps.toFixed(0).padStart(7),
				r.p50.toFixed(1).padStart(8),
				r.p99.toFixed(1).padStart(8),
				String(r.errors).padStart(7),
				r.cpuMs.toFixed(1).padStart(10),
				...(several && base
					? [
							(r.p99 / base.p99).toFixed(2).padStart(12),
							(r.cpuMs / base.cpuMs).toFixed(2).padStart(11)
						]
					: [])
			].join('  ')
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
		const pop = await populate(handle);
		return await measure({ DATABASE_URL: url.toString() }, pop);
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
		const pop = await populate(handle);
		// PGlite is one process's: the server gets the directory to itself while it runs.
		await handle.close();
		return await measure({ PGLITE_DIR: dir }, pop);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function main() {
	if (!BUILDS.some((b) => b.dir !== 'build') && !existsSync('build/index.js')) {
		console.log('No build: npm run build');
		const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
		if (built.status !== 0) process.exit(built.status ?? 1);
	}
	console.log(
		`bench:load: ${SECONDS} s per run, clients ${CLIENTS.join('/')}, each role on its own (loopback)` +
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
		'\ngoal (2 cores): 0 errors, p99 <= 150 ms for item pages and lesson pages at 200 clients on PostgreSQL'
	);
}

await main();
