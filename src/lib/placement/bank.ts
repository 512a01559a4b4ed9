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
