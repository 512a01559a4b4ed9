// Raters rate blind (issue 9): no writing or speaking task of any item bank — the seed banks and the
// e2e fixture bank — asks the candidate for their name or anything else that says who they are.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readBankFiles } from '../../src/lib/server/placement/banks';
import { asksForIdentity } from '../../src/lib/screening/blind-prompts';

const BANK_DIRS = ['content/placement', 'tests/e2e/fixtures/banks'];

describe('rated task prompts', () => {
	const items = BANK_DIRS.filter((dir) => existsSync(dir)).flatMap((dir) =>
		[...readBankFiles(dir).values()].flatMap((file) => file.items)
	);
	const rated = items.filter((item) => item.kind === 'writing' || item.kind === 'speaking');

	it('are there to check, in both languages', () => {
		expect(rated.some((item) => item.id.startsWith('vi-'))).toBe(true);
		expect(rated.some((item) => item.id.startsWith('lo-'))).toBe(true);
	});

	it('never ask the candidate for their name or who they are', () => {
		const asking = rated.flatMap((item) =>
			[item.prompt, item.promptGloss ?? '']
				.filter((text) => asksForIdentity(text))
				.map((text) => `${item.id}: ${text}`)
		);
		expect(asking).toEqual([]);
	});
});
