// Synthesizes the recordings of Vietnamese listening items with espeak-ng (Northern voice) and
// compresses them to Opus at a speech bitrate (data costs money on rural 3G). The files are committed;
// run this after adding or changing a listening item. Lao has no synthesizer here: Lao listening items
// need real recordings.
//   npm run audio:placement            make missing recordings, remove orphaned ones
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIO_DIR, audioFileName, readBankFiles } from '../src/lib/server/placement/banks';

for (const tool of ['espeak-ng', 'opusenc']) {
	try {
		execFileSync('which', [tool], { stdio: 'ignore' });
	} catch {
		console.error(`${tool} is missing: sudo apt-get install -y espeak-ng opus-tools`);
		process.exit(1);
	}
}

mkdirSync(AUDIO_DIR, { recursive: true });
const wanted = new Set<string>();
let made = 0;
for (const [bankId, file] of readBankFiles()) {
	for (const item of file.items) {
		if (item.skill !== 'listening' || !item.audioScript) continue;
		if (file.bank.language !== 'vi') {
			console.warn(`${bankId}/${item.id}: no synthesizer for ${file.bank.language}; record it`);
			continue;
		}
		const name = audioFileName(item);
		wanted.add(name);
		const target = join(AUDIO_DIR, name);
		if (existsSync(target)) continue;
		const wav = join(AUDIO_DIR, `${item.id}.wav`);
		// 135 words per minute with a pause between words: slow enough for learners, still natural.
		execFileSync('espeak-ng', ['-v', 'vi', '-s', '135', '-g', '4', '-w', wav, item.audioScript]);
		execFileSync('opusenc', ['--quiet', '--bitrate', '20', '--speech', wav, target]);
		rmSync(wav);
		made++;
	}
}
let removed = 0;
for (const name of readdirSync(AUDIO_DIR)) {
	if (name.endsWith('.ogg') && !wanted.has(name)) {
		rmSync(join(AUDIO_DIR, name));
		removed++;
	}
}
console.log(`${made} recordings made, ${removed} removed, ${wanted.size} in use.`);
