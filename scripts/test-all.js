// `npm test`: the whole suite, in order, stopping at the first failure: unit and integration tests
// (PGlite always, PostgreSQL too when TEST_DATABASE_URL is set), the end-to-end tests in Chromium
// (the main suite, then the whole demo on a server of its own),
// then a smoke test of `npm start` itself.
import { spawnSync } from 'node:child_process';

const steps = [
	['npm', ['run', 'test:unit']],
	['npm', ['run', 'test:e2e']],
	['npx', ['playwright', 'test', '-c', 'playwright.demo.config.ts']],
	['node', ['scripts/smoke-start.js']]
];
if (!process.env.TEST_DATABASE_URL) {
	console.log(
		'TEST_DATABASE_URL is not set: integration tests run on PGlite only; the two-server e2e test ' +
			'(tests/e2e/operations) uses a local PostgreSQL if one answers, else says it is skipped.'
	);
}
for (const [command, args] of steps) {
	console.log(`\n> ${command} ${args.join(' ')}`);
	const { status } = spawnSync(command, args, { stdio: 'inherit' });
	if (status !== 0) process.exit(status ?? 1);
}
