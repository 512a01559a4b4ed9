// What the test suites need from Debian (a browser, a dictionary) is found here, or installed by the
// project's own scripts: as root on Debian, with apt-get (saying so); otherwise the run stops with the
// command to type. Never a silent skip. The path found is written to node_modules/.cache/<cacheName> for
// the test configuration to read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

/**
 * @param {object} tool
 * @param {string} tool.what what the path is, for messages ("a Chromium for the end-to-end tests")
 * @param {() => string | null} tool.find the path, or null when there is none
 * @param {string[]} tool.packages the Debian packages that provide it
 * @param {string} tool.otherwise what else the user can do (e.g. set an environment variable)
 * @param {string} tool.cacheName the file under node_modules/.cache that receives the path
 * @returns {string} the path found
 */
export function findOrInstall({ what, find, packages, otherwise, cacheName }) {
	let found = find();
	if (!found && process.getuid?.() === 0 && existsSync('/etc/debian_version')) {
		console.log(`No ${what} found: installing Debian's ${packages.join(', ')} with apt-get…`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		for (const args of [
			['update', '-qq'],
			['install', '-y', '-qq', ...packages]
		]) {
			if (spawnSync('apt-get', args, { stdio: 'inherit', env }).status !== 0) {
				console.error(`apt-get ${args[0]} failed.`);
				process.exit(1);
			}
		}
		found = find();
	}
	if (!found) {
		console.error(
			`No ${what}. Install it (\`sudo apt-get install -y ${packages.join(' ')}\`)\nor ${otherwise}.`
		);
		process.exit(1);
	}
	mkdirSync('node_modules/.cache', { recursive: true });
	writeFileSync(`node_modules/.cache/${cacheName}`, found);
	return found;
}
