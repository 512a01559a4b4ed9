// `npm test`: the whole suite, in order, stopping at the first failure: unit and integration tests
// (PGlite always, PostgreSQL too when TEST_DATABASE_URL is set), then the end-to-end tests in Chromium.
import { spawnSync } from 'node:child_process';

const steps = [
	['npm', ['run', 'test:unit']],
	['npm', ['run', 'test:e2e']]
];
if (!process.env.TEST_DATABASE_URL) {
	console.log('TEST_DATABASE_URL is not set: integration tests run on PGlite only.');
}
for (const [command, args] of steps) {
	console.log(`\n> ${command} ${args.join(' ')}`);
	const { status } = spawnSync(command, args, { stdio: 'inherit' });
	if (status !== 0) process.exit(status ?? 1);
}
