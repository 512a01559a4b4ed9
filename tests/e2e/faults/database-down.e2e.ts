import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { AppServer, Client, testPort } from '../app-server';
import { messages } from '../learner/play';

/**
 * Issue 14, faults: PostgreSQL stopped and started again under load. While it is away every request
 * fails with the translated "cannot reach its data" message (never a crash of the app, never a
 * blank page), and once it is back the same app process answers again without a restart. The
 * database is a cluster of this test's own (initdb in a temporary directory, its own port), so the
 * shared server is never stopped.
 */

/** The test's own PostgreSQL cluster, on a port beside the suite's (E2E_PORT). */
const PORT = testPort(1300);
const LOAD = 20;

function postgresBin(): string | null {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return null;
	const version = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0];
	const bin = join(base, version, 'bin');
	return existsSync(join(bin, 'initdb')) ? bin : null;
}

/** PostgreSQL refuses to run as root: as root, its tools run as the `postgres` account. */
function asPostgres(command: string, args: string[]) {
	const root = process.getuid?.() === 0;
	const result = root
		? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
		: spawnSync(command, args, { encoding: 'utf8' });
	if (result.status !== 0)
		throw new Error(`${command} ${args.join(' ')}: ${result.stderr || result.stdout}`);
}

function postgresUid(): number | null {
	const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
	return result.status === 0 ? Number(result.stdout.trim()) : null;
}

const bin = postgresBin();
const canRun = bin !== null && (process.getuid?.() !== 0 || postgresUid() !== null);
if (!canRun)
	console.log('faults: no PostgreSQL server binaries here: the database-down test is skipped.');

test('PostgreSQL stopped under load: translated errors, then the same app answers again', async () => {
	// Where PostgreSQL is provided (TEST_DATABASE_URL, as .ci/run does), missing binaries are a failure.
	expect(
		canRun || !process.env.TEST_DATABASE_URL,
		'PostgreSQL server binaries (initdb, pg_ctl)'
	).toBe(true);
	test.skip(!canRun, 'needs PostgreSQL server binaries (initdb, pg_ctl)');
	test.setTimeout(240_000);
	const dir = mkdtempSync(join(tmpdir(), 'mittaphap-pgdown-'));
	const data = join(dir, 'data');
	if (process.getuid?.() === 0) chownSync(dir, postgresUid()!, postgresUid()!);
	const pgCtl = (action: 'start' | 'stop') =>
		asPostgres(join(bin!, 'pg_ctl'), [
			'-D',
			data,
			'-w',
			'-l',
			join(dir, 'log'),
			...(action === 'start'
				? ['-o', `-p ${PORT} -k ${dir} -c listen_addresses=127.0.0.1`, 'start']
				: ['-m', 'fast', 'stop'])
		]);
	asPostgres(join(bin!, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync']);
	pgCtl('start');
	const server = new AppServer(testPort(23), {
		E2E_RATING_FIXTURE: '1',
		DATABASE_URL: `postgres://postgres@127.0.0.1:${PORT}/postgres`
	});
	try {
		await server.start();
		const learner = await Client.of(server);
		expect(
			(await learner.post('/login', { username: 'learner', password: 'mittaphap-demo' })).status()
		).toBe(303);

		/** `LOAD` clients asking for the learner's home page for `ms`; the answers' statuses and bodies. */
		const load = async (ms: number) => {
			const until = Date.now() + ms;
			const answers: { status: number; body: string }[] = [];
			await Promise.all(
				Array.from({ length: LOAD }, async () => {
					while (Date.now() < until) {
						// As the learner's phone asks: a page, in Lao.
						const response = await learner.get('/learn', {
							accept: 'text/html',
							'accept-language': 'lo-LA,lo;q=0.9'
						});
						answers.push({ status: response.status(), body: await response.text() });
					}
				})
			);
			return answers;
		};

		const before = await load(2_000);
		expect(before.every((a) => a.status === 200)).toBe(true);

		pgCtl('stop');
		const during = await load(3_000);
		const lo = messages('lo');
		expect(during.length).toBeGreaterThan(0);
		for (const answer of during) {
			expect(answer.status).toBeGreaterThanOrEqual(500);
			expect(answer.body).toContain('<html');
			expect(answer.body).toContain(lo.error_database_unavailable);
		}

		pgCtl('start');
		await expect(async () => {
			expect((await learner.get('/learn')).status()).toBe(200);
		}).toPass({ timeout: 30_000 });
		const after = await load(2_000);
		expect(after.every((a) => a.status === 200)).toBe(true);
		console.log(
			`database down: ${before.length} answers before, ${during.length} while stopped (all the translated message), ${after.length} after, one app process`
		);
	} finally {
		await server.stop('SIGKILL');
		try {
			pgCtl('stop');
		} catch {
			// already stopped
		}
		rmSync(dir, { recursive: true, force: true });
	}
});
