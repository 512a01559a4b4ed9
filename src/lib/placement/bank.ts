/**
 * Item bank types shared by the adaptive test, the scoring and the tools around the bank.
 */
import type { ItemParams } from './model';

export const SKILLS = [
	'listening',
	'reading',
	'vocabulary_grammar',
	'writing',
	'speaking'
] as const;
export type Skill = (typeof SKILLS)[number];

/**
 * One calibrated (or provisional) item. `level` is the level (1–6) the author wrote it for; `pilot` marks
 * items whose parameters are still provisional: they are only ever given as unscored pilot items.
 */
export type BankItem = ItemParams & { id: string; skill: Skill; level: number; pilot?: boolean };

/**
 * Problems that would make the adaptive test misbehave, one message per problem (empty = usable):
 * duplicate ids, non-positive or non-finite a, non-finite b, c outside [0, 1), unknown skills, levels
 * outside 1–6. Run it when a bank is loaded, not on every request.
 */
export function validateBank(bank: readonly BankItem[]): string[] {
	const problems: string[] = [];
	const seen = new Set<string>();
	for (const item of bank) {
		const label = `item ${JSON.stringify(item.id)}`;
		if (typeof item.id !== 'string' || item.id === '')
			problems.push(`${label}: id must be a non-empty string`);
		if (seen.has(item.id)) problems.push(`${label}: duplicate id`);
		seen.add(item.id);
		if (!(Number.isFinite(item.a) && item.a > 0))
			problems.push(`${label}: a must be finite and > 0`);
		if (!Number.isFinite(item.b)) problems.push(`${label}: b must be finite`);
		const c = item.c ?? 0;
		if (!(Number.isFinite(c) && c >= 0 && c < 1)) problems.push(`${label}: c must be in [0, 1)`);
		if (!(SKILLS as readonly string[]).includes(item.skill))
			problems.push(`${label}: unknown skill`);
		if (!(Number.isInteger(item.level) && item.level >= 1 && item.level <= 6)) {
			problems.push(`${label}: level must be an integer 1–6`);
		}
	}
	return problems;
}

/** What the option-length check needs of a choice item: its level, options and key. */
export type ChoiceOptions = { level: number; options: readonly string[]; answer: number };

/** Per level: choice items, how many have the key as the single longest option, and their share. */
export type KeyLengthFigure = { level: number; items: number; keyLongest: number; share: number };

/**
 * The most a level's choice items may have their key as the single longest option: above it, "pick
 * the longest" beats chance (25 % with four options) and the bank rewards test-wiseness.
 */
export const MAX_KEY_LONGEST_SHARE = 0.3;

/** Length in characters (Unicode code points) of the NFC form, so Vietnamese and Lao count alike. */
export function optionLength(option: string): number {
	return [...option.normalize('NFC')].length;
}

/** True when the key is strictly longer than every other option (a tie gives nothing away). */
export function keyIsSingleLongest(item: ChoiceOptions): boolean {
	const key = item.options[item.answer];
	if (key === undefined) return false;
	const length = optionLength(key);
	return item.options.every((option, i) => i === item.answer || optionLength(option) < length);
}

/**
 * Per level (ascending; levels without choice items left out), the share of choice items whose key
 * is the single longest option. Pure: the bank spec asserts every share ≤ `MAX_KEY_LONGEST_SHARE`.
 */
export function keyLongestByLevel(items: readonly ChoiceOptions[]): KeyLengthFigure[] {
	const levels = [...new Set(items.map((item) => item.level))].sort((a, b) => a - b);
	return levels.map((level) => {
		const atLevel = items.filter((item) => item.level === level);
		const keyLongest = atLevel.filter(keyIsSingleLongest).length;
		return { level, items: atLevel.length, keyLongest, share: keyLongest / atLevel.length };
	});
}
