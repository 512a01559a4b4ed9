// Finds the Lao hunspell word list the content gate needs (`tests/content/spelling.spec.ts`): LAO_DICTIONARY
// or Debian's hunspell-lo. As root on Debian without it, installs hunspell-lo with apt-get (saying so);
// otherwise fails loudly: the gate never skips. The Vietnamese list comes from npm (dictionary-vi).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';

const DEBIAN_LAO = '/usr/share/hunspell/lo_LA.dic';
const find = () => [process.env.LAO_DICTIONARY, DEBIAN_LAO].find((p) => p && existsSync(p)) ?? null;

let dictionary = find();
if (!dictionary && process.getuid?.() === 0 && existsSync('/etc/debian_version')) {
	console.log("No Lao spelling dictionary found: installing Debian's hunspell-lo with apt-get…");
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [
		['update', '-qq'],
		['install', '-y', '-qq', 'hunspell-lo']
	]) {
		if (spawnSync('apt-get', args, { stdio: 'inherit', env }).status !== 0) {
			console.error(`apt-get ${args[0]} failed.`);
			process.exit(1);
		}
	}
	dictionary = find();
}
if (!dictionary) {
	console.error(
		'No Lao spelling dictionary for the content gate. Install it (`sudo apt-get install -y hunspell-lo`)\n' +
			'or set LAO_DICTIONARY to a hunspell lo_LA.dic file.'
	);
	process.exit(1);
}
mkdirSync('node_modules/.cache', { recursive: true });
writeFileSync('node_modules/.cache/lao-dictionary-path', dictionary);
