// Smoke test of `npm start` as a newcomer runs it: starts scripts/start.js on a spare port with an empty
// data directory, checks that the demo accounts are printed and that a demo user can log in with a
// plain form post (the CSRF origin check included), then starts it again and checks the data was kept.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT = '4180';
const BASE = `http://localhost:${PORT}`;
const dataDir = mkdtempSync(join(tmpdir(), 'mittaphap-smoke-'));

let running;
function fail(message) {
	running?.kill('SIGTERM');
	console.error(`smoke test of npm start FAILED: ${message}`);
	rmSync(dataDir, { recursive: true, force: true });
	process.exit(1);
}

async function startServer() {
	const {
		PORT: _port,
		ORIGIN: _origin,
		DATABASE_URL: _url,
		PGLITE_DIR: _dir,
		...env
	} = process.env;
	const server = spawn(process.execPath, ['scripts/start.js'], {
		env: { ...env, PORT, DATA_DIR: dataDir },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let output = '';
	server.stdout.on('data', (chunk) => (output += chunk));
	running = server;
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		try {
			if ((await fetch(`${BASE}/api/health`)).ok) {
				// The start-up messages may still be in the pipe when the first answer arrives.
				while (!output.includes('Demo accounts') && Date.now() < deadline) {
					await new Promise((r) => setTimeout(r, 200));
				}
				return { server, output: () => output };
			}
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	server.kill();
	fail(`no answer on ${BASE} within 120 s. Output:\n${output}`);
}

async function stop(server) {
	server.kill('SIGTERM');
	await new Promise((resolve) => server.once('exit', resolve));
}

const first = await startServer();
if (!first.output().includes('Seeded the demo')) fail('the first start did not seed the demo');
if (!/learner\s+mittaphap-demo/.test(first.output())) fail('the demo accounts were not printed');
const login = await fetch(`${BASE}/login`, {
	method: 'POST',
	redirect: 'manual',
	headers: {
		accept: 'text/html',
		origin: BASE,
		'content-type': 'application/x-www-form-urlencoded'
	},
	body: 'username=learner&password=mittaphap-demo'
});
if (login.status !== 303 || !login.headers.get('location')?.endsWith('/learn')) {
	fail(
		`logging in answered ${login.status} ${login.headers.get('location') ?? (await login.text())}`
	);
}
await stop(first.server);

const second = await startServer();
if (second.output().includes('Seeded the demo'))
	fail('the second start seeded again: data was not kept');
await stop(second.server);
rmSync(dataDir, { recursive: true, force: true });
console.log(
	'npm start: builds, seeds once, prints the demo accounts, logs in, keeps its data — OK'
);
