import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyLongestByLevel, MAX_KEY_LONGEST_SHARE, validateBank } from '$lib/placement';
import type { BankFile, BankFileItem } from './bank-file';
import {
	audioFileName,
	checkBankFile,
	dialogueTurns,
	provisionalBankItems,
	readBankFiles,
	resolvePassages,
	seedStatus
} from './banks';

const banks = readBankFiles();

describe('the committed seed item banks', () => {
	it('are the Vietnamese and the Lao bank', () => {
		expect([...banks.keys()].sort()).toEqual(['lo-placement', 'vi-placement']);
	});

	it.each([...banks.entries()])(
		'%s passes every content check (keys, NFC, audio, rubrics, passages)',
		(_id, file) => {
			expect(checkBankFile(file)).toEqual([]);
			expect(validateBank(provisionalBankItems(file))).toEqual([]);
		}
	);

	it('have the required size and spread over levels and skills', () => {
		const vi = banks.get('vi-placement')!.items;
		const lo = banks.get('lo-placement')!.items;
		expect(vi.length).toBeGreaterThanOrEqual(150);
		expect(lo.length).toBeGreaterThanOrEqual(72);
		for (const items of [vi, lo]) {
			for (let level = 1; level <= 6; level++) {
				expect(
					items.filter((i) => i.level === level).length,
					`level ${level}`
				).toBeGreaterThanOrEqual(3);
			}
			expect(items.some((i) => i.kind === 'writing')).toBe(true);
			expect(items.some((i) => i.kind === 'speaking')).toBe(true);
		}
		for (const skill of ['listening', 'reading', 'vocabulary_grammar'] as const) {
			expect(vi.filter((i) => i.skill === skill).length, skill).toBeGreaterThanOrEqual(40);
		}
	});

	it('the Lao bank has 12 items or more at every level and 12 listening items waiting for a recording', () => {
		const lo = banks.get('lo-placement')!.items;
		for (let level = 1; level <= 6; level++) {
			expect(lo.filter((i) => i.level === level).length, `level ${level}`).toBeGreaterThanOrEqual(
				12
			);
		}
		const listening = lo.filter((i) => i.skill === 'listening');
		expect(listening.length).toBeGreaterThanOrEqual(12);
		const waiting = listening.filter((i) => i.awaitingRecording).length;
		console.log(
			`Lao listening items waiting for a native recording: ${waiting} of ${listening.length}`
		);
		for (const item of listening) expect(seedStatus(item), item.id).toBe('draft');
	});

	it('have several items on some texts and recordings, each a reading or a listening one', () => {
		for (const file of banks.values()) {
			const shared = file.items.filter((i) => i.passageId);
			const skills = new Set(shared.map((i) => i.skill));
			expect(skills, file.bank.id).toEqual(new Set(['reading', 'listening']));
		}
		const dialogues = banks.get('vi-placement')!.items.filter((i) => i.passageId && i.dialogue);
		expect(dialogues.length).toBeGreaterThanOrEqual(4);
	});

	it.each([...banks.entries()])(
		'%s does not give its key away by length (key the single longest option)',
		(id, file) => {
			const figures = keyLongestByLevel(
				file.items
					.filter((i) => i.kind === 'choice')
					.map((i) => ({ level: i.level, options: i.options!, answer: i.answer! }))
			);
			console.log(
				`${id}, key is the single longest option: ` +
					figures
						.map((f) => `L${f.level} ${f.keyLongest}/${f.items} = ${Math.round(100 * f.share)} %`)
						.join(', ')
			);
			for (const f of figures) {
				expect(f.share, `level ${f.level}`).toBeLessThanOrEqual(MAX_KEY_LONGEST_SHARE);
			}
		}
	);

	it('do not favour one key position (a candidate guessing "always C" gains nothing)', () => {
		for (const file of banks.values()) {
			const choice = file.items.filter((i) => i.kind === 'choice');
			const counts = [0, 1, 2, 3].map((k) => choice.filter((i) => i.answer === k).length);
			for (const count of counts) expect(count / choice.length).toBeLessThan(0.35);
		}
	});

	it('never reuse a stem', () => {
		for (const file of banks.values()) {
			const stems = file.items.map((i) =>
				JSON.stringify([i.passage, i.audioScript, i.prompt, i.options])
			);
			expect(new Set(stems).size).toBe(stems.length);
		}
	});

	// Raters rate blind: tests/content/blind-prompts.spec.ts checks that no rated prompt asks who the candidate is.

	it('state the speaking time a timed speaking prompt asks for, so a far shorter recording is refused', () => {
		// "khoảng 2–3 phút", "ປະມານ ໑ ນາທີ" — not the preparation minute ("1 phút để chuẩn bị").
		const timed = /\d+(\s*[–-]\s*\d+)?\s*phút(?! để chuẩn bị)|[໐-໙\d]+\s*ນາທີ/u;
		let checked = 0;
		for (const file of banks.values()) {
			for (const item of file.items.filter((i) => i.kind === 'speaking')) {
				if (!timed.test(item.prompt)) continue;
				checked++;
				expect(item.speakingTime, item.id).toBeDefined();
				expect(item.speakingTime!.fromSeconds, item.id).toBeGreaterThanOrEqual(60);
			}
		}
		expect(checked).toBeGreaterThanOrEqual(4);
	});

	it('address the Lao candidate with ທ່ານ, never ເຈົ້າ', () => {
		// ເຈົ້າ inside other words is fine: ຂ້າພະເຈົ້າ (I, formal), ເຂົາເຈົ້າ (they), ເຈົ້າໜ້າທີ່ (official), ເຈົ້າຂອງ (owner) …
		const compounds = /ຂ້າພະເຈົ້າ|ເຂົາເຈົ້າ|ເຈົ້າໜ້າທີ່|ເຈົ້າຂອງ|ເຈົ້າແຂວງ|ເຈົ້າເມືອງ|ເຈົ້າພາບ/gu;
		for (const item of banks.get('lo-placement')!.items) {
			for (const text of [item.prompt, ...(item.options ?? [])]) {
				expect(text.replace(compounds, ''), item.id).not.toContain('ເຈົ້າ');
			}
		}
	});
});

describe('bank file checks', () => {
	const dir = mkdtempSync(join(tmpdir(), 'bank-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	const choice = (id: string, extra: Partial<BankFileItem> = {}): BankFileItem => ({
		id,
		skill: 'reading',
		level: 3,
		kind: 'choice',
		instruction: 'read_choose',
		prompt: 'Câu hỏi?',
		options: ['a', 'b', 'c'],
		answer: 0,
		...extra
	});

	it('resolves a shared passage into each of its items and checks the references', () => {
		const file: BankFile = {
			bank: { id: 't', language: 'vi', version: '1' },
			passages: { 'p-1': { passage: 'Văn bản.' }, 'p-2': { passage: 'Không ai dùng.' } },
			items: [
				choice('r-1', { passageId: 'p-1' }),
				choice('r-2', { passageId: 'p-1', prompt: 'Câu khác?' }),
				choice('r-3', { passageId: 'p-9' }),
				choice('r-4', { passageId: 'p-1', passage: 'Văn bản riêng.', prompt: 'Câu ba?' })
			]
		};
		const resolved = resolvePassages(file);
		expect(resolved.items[0].passage).toBe('Văn bản.');
		expect(resolved.items[1].passage).toBe('Văn bản.');
		const problems = checkBankFile(resolved, dir).join('\n');
		expect(problems).toMatch(/r-3: unknown passage p-9/);
		expect(problems).toMatch(/r-4: has text of its own/);
		expect(problems).toMatch(/passage p-2: used by 0/);
		expect(problems).not.toMatch(/r-1|r-2/);
	});

	it('names a shared recording after its passage, so its items play one file', () => {
		const script = 'Lan: Chào anh.\nHùng: Chào chị.';
		const a = audioFileName({ id: 'x-1', passageId: 'd-1', audioScript: script });
		const b = audioFileName({ id: 'x-2', passageId: 'd-1', audioScript: script });
		expect(a).toBe(b);
		expect(a).toMatch(/^d-1\.[0-9a-f]{10}\.ogg$/);
	});

	it('reads a dialogue as turns of "Speaker: words" and refuses anything else', () => {
		expect(dialogueTurns('Lan: Chào anh.\nHùng: Chào chị, chị khỏe không?')).toEqual([
			{ speaker: 'Lan', words: 'Chào anh.' },
			{ speaker: 'Hùng', words: 'Chào chị, chị khỏe không?' }
		]);
		expect(dialogueTurns('Chào anh. Tôi tên là Hoa.')).toBeNull();
	});

	it('loads a Lao listening item without its recording as a draft, and requires the mark', () => {
		const item: BankFileItem = {
			id: 'lo-1-lis-999',
			skill: 'listening',
			level: 1,
			kind: 'choice',
			instruction: 'listen_choose',
			prompt: 'Người nói muốn gì?',
			audioScript: 'ຂໍນ້ຳໜຶ່ງຈອກແດ່.',
			options: ['Nước', 'Cơm', 'Cà phê'],
			answer: 0,
			awaitingRecording: true
		};
		const file: BankFile = { bank: { id: 't', language: 'lo', version: '1' }, items: [item] };
		expect(seedStatus(item, dir)).toBe('draft');
		expect(checkBankFile(file, dir)).toEqual([]);
		expect(provisionalBankItems(file)).toEqual([]);

		const unmarked = { ...item, awaitingRecording: undefined };
		expect(seedStatus(unmarked, dir)).toBe('draft');
		expect(checkBankFile({ ...file, items: [unmarked] }, dir).join('\n')).toMatch(
			/mark the item awaitingRecording/
		);

		writeFileSync(join(dir, audioFileName(item)), 'OggS');
		expect(seedStatus(item, dir)).toBeNull();
		expect(checkBankFile(file, dir).join('\n')).toMatch(/remove awaitingRecording/);
		expect(checkBankFile({ ...file, items: [unmarked] }, dir)).toEqual([]);
	});

	it('never lets a Vietnamese listening item wait: it must have its synthesized recording', () => {
		const item: BankFileItem = {
			id: 'vi-1-lis-999',
			skill: 'listening',
			level: 1,
			kind: 'choice',
			instruction: 'listen_choose',
			prompt: 'Người nói tên là gì?',
			audioScript: 'Tôi tên là Hoa.',
			options: ['Hoa', 'Lan', 'Mai'],
			answer: 0,
			awaitingRecording: true
		};
		const problems = checkBankFile(
			{ bank: { id: 't', language: 'vi', version: '1' }, items: [item] },
			dir
		).join('\n');
		expect(problems).toMatch(/await a recording/);
		expect(problems).toMatch(/run npm run audio:placement/);
	});

	it('refuses to reuse a retired id', () => {
		const file: BankFile = {
			bank: { id: 't', language: 'vi', version: '1' },
			retired: ['r-1', 'r-0', 'r-0'],
			items: [choice('r-1', { passage: 'Văn bản.' })]
		};
		const problems = checkBankFile(file, dir).join('\n');
		expect(problems).toMatch(/r-1: retired id reused/);
		expect(problems).toMatch(/retired r-0: listed twice/);
	});
});
