// Finds the Lao hunspell word list the content gate needs (tests/content/spelling.spec.ts): LAO_DICTIONARY
// or Debian's hunspell-lo, installed when missing (scripts/lib/debian-tool.js). The Vietnamese list comes
// from npm (dictionary-vi).
import { existsSync } from 'node:fs';
import { findOrInstall } from './lib/debian-tool.js';

findOrInstall({
	what: 'Lao spelling dictionary for the content gate',
	find: () =>
		[process.env.LAO_DICTIONARY, '/usr/share/hunspell/lo_LA.dic'].find((p) => p && existsSync(p)) ??
		null,
	packages: ['hunspell-lo'],
	otherwise: 'set LAO_DICTIONARY to a hunspell lo_LA.dic file',
	cacheName: 'lao-dictionary-path'
});
