// npm run bench:sync — N concurrent simulated learners post outbox batches to the built server over
// loopback, for a bounded time; printed next to PostgreSQL's raw insert rate for the same rows in the
// same run. PostgreSQL from BENCH_DATABASE_URL / TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres,
// a fresh database is created and dropped); PGlite in a temporary directory when none answers.
// Needs `npm run build` first. Options (env): BENCH_LEARNERS="50,200", BENCH_SECONDS=10, BENCH_BATCH (default
// the outbox's BATCH_LIMIT, 100: what a phone sends when it comes back online with work waiting),
// BENCH_SERVER_ARGS (node flags for the server), BENCH_BUILD (build directory, default build).
// A second scenario paces each learner as a phone does (BENCH_THINK_MS=0 skips it): a batch of
// BENCH_THINK_BATCH records (default 1: the outbox sends each review as it is made), then a pause of
// BENCH_THINK_MS on average (default 6000: a word shown, recalled and graded; drawn uniformly from
// half to one and a half of it) before the next one. Back-to-back
// posting measures the server's ceiling; the paced one, the latency a learner actually waits.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { createDb, type DbHandle } from '../src/lib/server/db/client';
import { eq } from 'drizzle-orm';
import { lesson, membership, organization, reviewLog, user } from '../src/lib/server/db/schema';
import { seedCourses } from '../src/lib/server/learning/seed';
import { enrol, lessonForLearner } from '../src/lib/server/learning/courses';
import { submitAttempt } from '../src/lib/server/learning/attempts';
import {
	createSession,
	generateSessionToken,
	SESSION_COOKIE
} from '../src/lib/server/auth/session';
import { hashPassword } from '../src/lib/server/auth/password';
import { rightAttempt } from '../tests/factories/lesson-answers';
import { postgresServer } from './lib/postgres-server';
import { BATCH_LIMIT } from '../src/lib/offline/outbox';

const LEARNER_COUNTS = (process.env.BENCH_LEARNERS ?? '50,200').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BATCH = Number(process.env.BENCH_BATCH ?? BATCH_LIMIT);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 6000);
const THINK_BATCH = Number(process.env.BENCH_THINK_BATCH ?? 1);
const PORT = Number(process.env.BENCH_PORT ?? 4295);
const COURSE = 'vi-for-lo';

/** `clock`: the time of the learner's last review; it only goes forward, across runs too, so every batch is
 * newer than the cards' last reviews as on a real phone (an older one would replay the card's whole log). */
type Learner = { id: string; cookie: string; cards: string[]; clock: { t: number } };

async function makeLearners(handle: DbHandle, count: number, org: string): Promise<Learner[]> {
	const { db } = handle;
	const passwordHash = await hashPassword('bench-password-not-used');
	const [found] = await db
		.select({ id: lesson.id })
		.from(lesson)
		.where(eq(lesson.courseId, COURSE))
		.limit(1);
	if (!found) throw new Error(`no lesson in ${COURSE}`);
	const learners: Learner[] = [];
	for (let i = 0; i < count; i++) {
		const id = crypto.randomUUID();
		await db.insert(user).values({
			id,
			username: `bench.${id.slice(0, 8)}`,
			displayName: 'Bench',
			passwordHash
		});
		await db.insert(membership).values({ userId: id, organizationId: org, role: 'learner' });
		await enrol(db, id, COURSE);
		const lesson = (await lessonForLearner(db, id, found.id))!.lesson;
		const past = new Date(Date.now() - 60 * 86_400_000);
		await submitAttempt(
			db,
			id,
			rightAttempt(crypto.randomUUID(), lesson.id, lesson.exercises, past),
			past
		);
		const token = generateSessionToken();
		await createSession(db, token, id);
		learners.push({
			id,
			cookie: `${SESSION_COOKIE}=${token}`,
			cards: lesson.vocabulary.map((v) => v.id),
			clock: { t: Date.now() - 50 * 86_400_000 }
		});
	}
	return learners;
}

function batchOf(learner: Learner, clock: { t: number }, size = BATCH) {
	return Array.from({ length: size }, () => ({
		id: crypto.randomUUID(),
		kind: 'review' as const,
		payload: {
			courseId: COURSE,
			vocabularyId: learner.cards[Math.floor(Math.random() * learner.cards.length)],
			grade: 3,
			mode: 'recall',
			// In time order, as a phone makes them, all in the past.
			reviewedAt: new Date((clock.t += 1000)).toISOString()
		}
	}));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const percentile = (sorted: number[], p: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

/** Back-to-back (`pace` null) or as a phone posts: `size` records, then a pause of about `thinkMs`. */
async function runSync(learners: Learner[], pace: { size: number; thinkMs: number } | null = null) {
	const size = pace?.size ?? BATCH;
	const latencies: number[] = [];
	let records = 0;
	let errors = 0;
	const end = Date.now() + SECONDS * 1000;
	const start = Date.now();
	await Promise.all(
		learners.map(async (learner) => {
			// Phones do not start in step: each paced learner's first batch comes at a random moment.
			if (pace) await sleep(pace.thinkMs * Math.random());
			while (Date.now() < end) {
				const body = JSON.stringify({
					accountId: learner.id,
					records: batchOf(learner, learner.clock, size)
				});
				const t0 = performance.now();
				const response = await fetch(`http://127.0.0.1:${PORT}/api/sync`, {
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						cookie: learner.cookie,
						origin: `http://localhost:${PORT}`
					},
					body
				}).catch(() => null);
				const results = response?.ok
					? ((await response.json()).results as { status: string }[])
					: [];
				latencies.push(performance.now() - t0);
				const ok = results.filter((r) => r.status === 'accepted').length;
				records += ok;
				if (ok !== size) errors++;
				if (pace) await sleep(pace.thinkMs * (0.5 + Math.random()));
			}
		})
	);
	const seconds = (Date.now() - start) / 1000;
	latencies.sort((a, b) => a - b);
	return {
		rate: records / seconds,
		p50: percentile(latencies, 50),
		p99: percentile(latencies, 99),
		requests: latencies.length,
		errors
	};
}

/** The same rows (review logs of the same learners and cards) inserted directly, same concurrency. */
async function runRaw(handle: DbHandle, learners: Learner[]) {
	const { db } = handle;
	let rows = 0;
	const end = Date.now() + SECONDS * 1000;
	const start = Date.now();
	await Promise.all(
		learners.map(async (learner) => {
			const clock = { t: Date.now() - 40 * 86_400_000 };
			while (Date.now() < end) {
				const values = batchOf(learner, clock).map((r) => ({
					id: r.id,
					userId: learner.id,
					courseId: COURSE,
					vocabularyId: r.payload.vocabularyId,
					rating: 3,
					mode: 'recall' as const,
					state: 0,
					due: new Date(),
					stability: 0,
					difficulty: 0,
					scheduledDays: 0,
					reviewedAt: new Date(r.payload.reviewedAt)
				}));
				await db.insert(reviewLog).values(values).onConflictDoNothing();
				rows += values.length;
			}
		})
	);
	return rows / ((Date.now() - start) / 1000);
}

async function startServer(env: Record<string, string>): Promise<ChildProcess> {
	// BENCH_SERVER_ARGS: node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
	const nodeArgs = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
	// BENCH_BUILD: another build directory (to compare two versions in the same conditions).
	const server = spawn('node', [...nodeArgs, process.env.BENCH_BUILD ?? 'build'], {
		env: {
			...process.env,
			...env,
			PORT: String(PORT),
			ORIGIN: `http://localhost:${PORT}`,
			SEED_DEMO: 'false'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 120; i++) {
		const ok = await fetch(`http://127.0.0.1:${PORT}/api/health`)
			.then((r) => r.ok)
			.catch(() => false);
		if (ok) return server;
		await new Promise((r) => setTimeout(r, 500));
	}
	server.kill();
	throw new Error('the built server did not start (run `npm run build` first)');
}

async function main() {
	const serverUrl = await postgresServer();
	let databaseUrl: string | undefined;
	let pgliteDir: string | undefined;
	let dropDatabase = async () => {};
	if (serverUrl) {
		const name = `mittaphap_bench_${Date.now().toString(36)}`;
		const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database "${name}"`);
		const url = new URL(serverUrl);
		url.pathname = `/${name}`;
		databaseUrl = url.toString();
		dropDatabase = async () => {
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end();
		};
	} else pgliteDir = mkdtempSync(join(tmpdir(), 'mittaphap-bench-'));
	console.log(
		`bench:sync on ${serverUrl ? 'PostgreSQL' : 'PGlite (no PostgreSQL answered)'}, ${SECONDS} s per run, ${BATCH} records per batch`
	);

	const setup = await createDb({ databaseUrl, pgliteDir });
	await seedCourses(setup.db, 'content/courses');
	const org = `org-bench-${Date.now().toString(36)}`;
	await setup.db.insert(organization).values({ id: org, name: org, country: 'LA' });
	const all = await makeLearners(setup, Math.max(...LEARNER_COUNTS), org);
	// PGlite is one process's: the server gets the directory to itself while it runs.
	if (pgliteDir) await setup.close();

	const rows: string[] = [];
	const paced: string[] = [];
	try {
		for (const n of LEARNER_COUNTS) {
			const learners = all.slice(0, n);
			const server = await startServer(
				databaseUrl ? { DATABASE_URL: databaseUrl } : { PGLITE_DIR: pgliteDir! }
			);
			const sync = await runSync(learners);
			if (THINK_MS > 0) {
				const phones = await runSync(learners, { size: THINK_BATCH, thinkMs: THINK_MS });
				paced.push(
					[
						String(n).padStart(8),
						phones.rate.toFixed(0).padStart(10),
						phones.p50.toFixed(1).padStart(8),
						phones.p99.toFixed(1).padStart(8),
						String(phones.errors).padStart(7)
					].join(' ')
				);
			}
			server.kill('SIGTERM');
			await new Promise((r) => server.once('exit', r));
			const raw = pgliteDir
				? await (async () => {
						const h = await createDb({ pgliteDir });
						try {
							return await runRaw(h, learners);
						} finally {
							await h.close();
						}
					})()
				: await runRaw(setup, learners);
			rows.push(
				[
					String(n).padStart(8),
					sync.rate.toFixed(0).padStart(10),
					sync.p50.toFixed(1).padStart(8),
					sync.p99.toFixed(1).padStart(8),
					raw.toFixed(0).padStart(12),
					(sync.rate / raw).toFixed(2).padStart(7),
					String(sync.errors).padStart(7)
				].join(' ')
			);
		}
	} finally {
		if (!pgliteDir) await setup.close();
		await dropDatabase();
		if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
	}
	console.log('learners  records/s  p50 ms  p99 ms  raw rows/s  ratio  short');
	for (const row of rows) console.log(row);
	console.log(
		'goal: ratio >= 0.5, p99 <= 150 ms at 200 learners (2 cores); "short" = batches not fully accepted'
	);
	if (paced.length === 0) return;
	console.log(
		`\npaced as phones: ${THINK_BATCH} records, then ~${THINK_MS} ms (${THINK_MS / 2}–${(THINK_MS * 3) / 2} ms) before the next batch`
	);
	console.log('learners  records/s  p50 ms  p99 ms  short');
	for (const row of paced) console.log(row);
}

await main();
