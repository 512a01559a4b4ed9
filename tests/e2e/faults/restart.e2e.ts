import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { rightResponse } from '../../factories/lesson-answers';
import { readCourse } from '../learner/course-file';
import { AppServer, Client, testPort } from '../app-server';

/**
 * Issue 14, faults: the server is killed (SIGKILL) in the middle of a screening test and in the middle
 * of a lesson sync, twice each, and started again on the same database. Every attempt resumes
 * where it was, and no answer or record is lost or doubled: what the server acknowledged is in the
 * database once, what it was killed over is there once or not at all, and a phone sending it again
 * gets "duplicate" or "accepted" — never both stored. On PGlite always, on PostgreSQL too when
 * TEST_DATABASE_URL is set.
 */

type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
type Store = {
	env: Record<string, string>;
	open: () => Promise<{ query: Query; close: () => Promise<void> }>;
	drop: () => Promise<void>;
};

function pgliteStore(): Store {
	const dir = mkdtempSync(join(tmpdir(), 'mittaphap-faults-'));
	return {
		env: { PGLITE_DIR: dir },
		open: async () => {
			const db = new PGlite(dir);
			return {
				query: async (sql, params) => (await db.query<Record<string, unknown>>(sql, params)).rows,
				close: () => db.close()
			};
		},
		drop: async () => rmSync(dir, { recursive: true, force: true })
	};
}

async function postgresStore(serverUrl: string): Promise<Store> {
	const name = `mittaphap_faults_${Date.now().toString(36)}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database "${name}"`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		env: { DATABASE_URL: url.toString() },
		open: async () => {
			const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
			return {
				query: async (text, params) =>
					(await sql.unsafe(text, params as never[])) as unknown as Record<string, unknown>[],
				close: () => sql.end()
			};
		},
		drop: async () => {
			await admin.unsafe(`drop database if exists "${name}" with (force)`);
			await admin.end();
		}
	};
}

const CANDIDATE = 'e2e-rated-candidate-1';
const TEST_PAGE = `/learn/screening/${CANDIDATE}/test`;

/** Sends `request` and kills the server a moment later, while it may be anywhere in handling it. */
async function killDuring(server: AppServer, request: () => Promise<unknown>, afterMs: number) {
	const sent = request().then(
		() => 'answered',
		() => 'cut'
	);
	await new Promise((r) => setTimeout(r, afterMs));
	await server.stop('SIGKILL');
	await sent;
	await server.start();
}

async function currentItemId(client: Client): Promise<string | null> {
	const response = await client.get(TEST_PAGE);
	if (response.status() !== 200) return null;
	return /name="itemId" value="([^"]+)"/.exec(await response.text())?.[1] ?? null;
}

const stores: [string, () => Promise<Store>][] = [['PGlite', async () => pgliteStore()]];
if (process.env.TEST_DATABASE_URL)
	stores.push(['PostgreSQL', () => postgresStore(process.env.TEST_DATABASE_URL!)]);
else console.log('faults: TEST_DATABASE_URL is not set: the restart tests run on PGlite only.');

for (const [name, makeStore] of stores) {
	test(`on ${name}: a server killed mid-answer and mid-sync loses and doubles nothing`, async () => {
		test.setTimeout(300_000);
		const store = await makeStore();
		const server = new AppServer(testPort(name === 'PGlite' ? 21 : 22), {
			E2E_RATING_FIXTURE: '1',
			...store.env
		});
		try {
			await server.start();

			// A candidate of the fixture's program starts the screening test.
			const candidate = await Client.of(server);
			const registered = await candidate.post('/register', {
				invitationCode: 'RATE-E2E1',
				displayName: 'ບຸນມີ ພົມມະວົງ',
				username: `faults.${Date.now().toString(36)}`,
				password: 'huaphan-2026'
			});
			expect(registered.status()).toBe(303);
			expect(
				(await candidate.post(`/learn/screening/${CANDIDATE}?/start`, { go: '1' })).status()
			).toBe(303);

			const acknowledged: string[] = [];
			const answer = async (itemId: string) =>
				candidate.post(`${TEST_PAGE}?/answer`, { itemId, option: '0' });
			for (let round = 0; round < 2; round++) {
				for (let i = 0; i < 2; i++) {
					const itemId = (await currentItemId(candidate))!;
					expect(itemId).toBeTruthy();
					expect((await answer(itemId)).status()).toBe(303);
					acknowledged.push(itemId);
				}
				// Killed while answering: after restarting, the test goes on from one item or the next.
				const killedOver = (await currentItemId(candidate))!;
				await killDuring(server, () => answer(killedOver), 5 + round * 15);
				const next = await currentItemId(candidate);
				expect(next, 'the attempt resumes after the restart').toBeTruthy();
				if (next !== killedOver) acknowledged.push(killedOver);
				// Sending the cut answer again never counts it twice.
				if (next !== killedOver)
					expect((await answer(killedOver)).status()).toBeGreaterThanOrEqual(300);
			}

			// A learner's phone syncs finished lessons; the server dies mid-batch, the phone sends again.
			const learner = await Client.of(server);
			expect(
				(
					await learner.post('/register', {
						invitationCode: 'HUAP-2026',
						displayName: 'ສີດາ ວົງສະຫວັນ',
						username: `faults.l.${Date.now().toString(36)}`,
						password: 'huaphan-2026'
					})
				).status()
			).toBe(303);
			expect(
				(await learner.post('/learn/courses?/enrol', { courseId: 'vi-for-lo' })).status()
			).toBe(303);
			const accountId = await learner.accountId();
			const course = readCourse('vi-for-lo');
			const lessons = course.units.flatMap((u) => u.lessons).slice(0, 6);
			const records = lessons.map((lesson, n) => ({
				id: `faults-attempt-${n}-${Date.now().toString(36)}`,
				kind: 'attempt',
				payload: {
					lessonId: `${course.id}.${lesson.id}`,
					finishedAt: new Date(Date.now() - (6 - n) * 60_000).toISOString(),
					// A speaking exercise skipped (no recording): what a phone without a microphone sends.
					answers: lesson.exercises.map((e, i) => ({
						id: `faults-${n}-a${i}`,
						exerciseId: e.id,
						response:
							e.kind === 'speak' ? { selfCheck: 'skipped', recorded: false } : rightResponse(e)
					}))
				}
			}));
			const sync = () => learner.postJson('/api/sync', { accountId, records });
			for (let round = 0; round < 2; round++) await killDuring(server, sync, 5 + round * 20);
			const final = await sync();
			expect(final.status()).toBe(200);
			const { results } = (await final.json()) as {
				results: { id: string; status: string; reason?: string }[];
			};
			expect(
				results.map((r) => r.status).every((s) => s === 'accepted' || s === 'duplicate'),
				JSON.stringify(results)
			).toBe(true);
			await server.stop();

			const db = await store.open();
			try {
				const [attempt] = await db.query(
					`select id, cat_state from attempt where candidate_id = $1`,
					[CANDIDATE]
				);
				const answers = await db.query(
					`select item_id, sequence from attempt_answer where attempt_id = $1 order by sequence`,
					[attempt.id]
				);
				const stored = answers.map((a) => a.item_id as string);
				// Candidates see opaque ids: compare counts, and that the engine's record agrees with the rows.
				expect(stored.length).toBe(acknowledged.length);
				expect(new Set(stored).size).toBe(stored.length);
				expect(answers.map((a) => Number(a.sequence))).toEqual(stored.map((_, i) => i + 1));
				const administered = (attempt.cat_state as { administered: unknown[] }).administered;
				expect(administered.length).toBeGreaterThanOrEqual(stored.length);

				const attempts = await db.query(`select id from lesson_attempt where user_id = $1`, [
					accountId
				]);
				expect(attempts.map((a) => a.id as string).sort()).toEqual(records.map((r) => r.id).sort());
			} finally {
				await db.close();
			}
		} finally {
			await server.stop('SIGKILL');
			await store.drop();
		}
	});
}
