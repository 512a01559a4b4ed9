// Synthesizes the recordings of Vietnamese listening items with espeak-ng (Northern voice) and
// compresses them to Opus at a speech bitrate (data costs money on rural 3G). The files are committed;
// run this after adding or changing a listening item. Lao has no synthesizer here: Lao listening items
// need a native speaker's recording and stay drafts (never administered) until it is committed.
//   npm run audio:placement            make missing recordings, remove orphaned ones
//   npm run audio:placement -- --all   remake every recording (after changing voices or rates)
//
// Rate: a natural speaking rate that rises with the level (slow, clear speech for beginners; ordinary
// speed from level 4, where listening to lectures and meetings is what is measured). Voices: items
// alternate between a male and a female voice; a dialogue (`dialogue: true`, one "Speaker: words" turn
// per line) gives each speaker a voice — female when the label starts with chị/cô/bà/em gái, male with
// anh/ông/thầy/chú/bác, otherwise by turn order — with a short pause between turns.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	AUDIO_DIR,
	audioFileName,
	dialogueTurns,
	readBankFiles,
	SYNTHESIZED_LANGUAGES
} from '../src/lib/server/placement/banks';
import type { BankFileItem } from '../src/lib/server/placement/bank-file';

const MALE = 'vi';
const FEMALE = 'vi+f3';
/** Words per minute by level (espeak-ng's own default is 175). */
const RATE: Record<number, number> = { 1: 140, 2: 150, 3: 160, 4: 170, 5: 175, 6: 175 };
const TURN_PAUSE_SECONDS = 0.45;

for (const tool of ['espeak-ng', 'opusenc']) {
	try {
		execFileSync('which', [tool], { stdio: 'ignore' });
	} catch {
		console.error(`${tool} is missing: sudo apt-get install -y espeak-ng opus-tools`);
		process.exit(1);
	}
}

function voiceOfSpeaker(speaker: string, order: number): string {
	const s = speaker.toLowerCase();
	if (/^(chị|cô|bà|em gái|mẹ)(\s|$)/u.test(s)) return FEMALE;
	if (/^(anh|ông|thầy|chú|bác|bố)(\s|$)/u.test(s)) return MALE;
	return order % 2 === 0 ? MALE : FEMALE;
}

/** The PCM samples of a WAV file espeak-ng wrote (16-bit mono), after its "data" chunk header. */
function pcmOf(wavPath: string): { header: Buffer; pcm: Buffer } {
	const wav = readFileSync(wavPath);
	const at = wav.indexOf('data', 12, 'ascii');
	if (at < 0) throw new Error(`${wavPath}: no data chunk`);
	return { header: wav.subarray(0, at + 8), pcm: wav.subarray(at + 8) };
}

function writeWav(path: string, header: Buffer, pcm: Buffer): void {
	const out = Buffer.concat([header, pcm]);
	out.writeUInt32LE(out.length - 8, 4);
	out.writeUInt32LE(pcm.length, header.length - 4);
	writeFileSync(path, out);
}

function speak(text: string, voice: string, rate: number, wav: string): void {
	execFileSync('espeak-ng', ['-v', voice, '-s', String(rate), '-w', wav, text]);
}

function synthesize(item: BankFileItem, wav: string): void {
	const rate = RATE[item.level] ?? 160;
	const turns = item.dialogue ? dialogueTurns(item.audioScript!) : null;
	if (!turns) {
		// Monologues alternate voices by item, so the bank does not sound like one speaker.
		const pick =
			createHash('sha256')
				.update(item.passageId ?? item.id)
				.digest()[0] % 2;
		speak(item.audioScript!, pick === 0 ? MALE : FEMALE, rate, wav);
		return;
	}
	const voices = new Map<string, string>();
	for (const { speaker } of turns) {
		if (!voices.has(speaker)) voices.set(speaker, voiceOfSpeaker(speaker, voices.size));
	}
	// Two speakers labelled alike by the rule above still get two voices.
	if (voices.size === 2 && new Set(voices.values()).size === 1) {
		const [, second] = [...voices.keys()];
		voices.set(second, voices.get(second) === MALE ? FEMALE : MALE);
	}
	const parts: Buffer[] = [];
	let header: Buffer | undefined;
	turns.forEach((turn, i) => {
		const part = `${wav}.${i}.wav`;
		speak(turn.words, voices.get(turn.speaker)!, rate, part);
		const { header: h, pcm } = pcmOf(part);
		header ??= h;
		const sampleRate = h.readUInt32LE(24);
		if (i > 0) parts.push(Buffer.alloc(Math.round(sampleRate * TURN_PAUSE_SECONDS) * 2));
		parts.push(pcm);
		rmSync(part);
	});
	writeWav(wav, header!, Buffer.concat(parts));
}

const remakeAll = process.argv.includes('--all');
mkdirSync(AUDIO_DIR, { recursive: true });
const wanted = new Set<string>();
let made = 0;
let waiting = 0;
for (const [bankId, file] of readBankFiles()) {
	for (const item of file.items) {
		if (item.skill !== 'listening' || !item.audioScript) continue;
		const name = audioFileName(item);
		if (!SYNTHESIZED_LANGUAGES.includes(file.bank.language)) {
			// Native recordings are committed by hand and kept; missing ones leave the item a draft.
			if (existsSync(join(AUDIO_DIR, name))) wanted.add(name);
			else waiting++;
			continue;
		}
		if (wanted.has(name)) continue; // another item on the same recording
		wanted.add(name);
		const target = join(AUDIO_DIR, name);
		if (existsSync(target) && !remakeAll) continue;
		const wav = join(AUDIO_DIR, `${name}.wav`);
		synthesize(item, wav);
		execFileSync('opusenc', ['--quiet', '--bitrate', '20', '--speech', wav, target]);
		rmSync(wav);
		made++;
		if (made % 20 === 0) console.log(`${bankId}: ${made} made…`);
	}
}
let removed = 0;
for (const name of readdirSync(AUDIO_DIR)) {
	if (name.endsWith('.ogg') && !wanted.has(name)) {
		rmSync(join(AUDIO_DIR, name));
		removed++;
	}
}
console.log(
	`${made} recordings made, ${removed} removed, ${wanted.size} in use; ` +
		`${waiting} listening items wait for a native recording.`
);
