import { describe, expect, it } from 'vitest';
import {
	availableActions,
	checkItemDraft,
	checkTransition,
	itemWarnings,
	type ItemDraft,
	type TransitionSubject
} from './item-workflow';
import { classicalStats, misfits } from './classical';

const listening: ItemDraft = {
	language: 'vi',
	skill: 'listening',
	level: 2,
	kind: 'choice',
	instruction: 'listen_choose',
	prompt: 'Người nói muốn đi đâu?',
	promptGloss: '',
	passage: '',
	passageKey: '',
	audio: 'media:abc',
	options: ['Chợ', 'Trường', 'Bưu điện'],
	answer: 1,
	explanation: '',
	rubric: null
};

const subject = (over: Partial<TransitionSubject> = {}): TransitionSubject => ({
	status: 'draft',
	authorId: 'author',
	actorHolds: true,
	actorId: 'author',
	complete: true,
	...over
});

describe('checkItemDraft', () => {
	it('accepts a complete listening item', () => {
		expect(checkItemDraft(listening)).toEqual({});
	});
	it('needs a recording for listening and a passage for reading', () => {
		expect(checkItemDraft({ ...listening, audio: '' }).audio).toBe('audio_missing');
		expect(
			checkItemDraft({ ...listening, skill: 'reading', instruction: 'read_choose', audio: '' })
				.passage
		).toBe('passage_missing');
	});
	it('needs 3–4 distinct options and a key among them', () => {
		expect(checkItemDraft({ ...listening, options: ['a', 'b'] }).options).toBe('options_count');
		expect(checkItemDraft({ ...listening, options: ['a', 'b', 'a'] }).options).toBe(
			'options_repeat'
		);
		expect(checkItemDraft({ ...listening, answer: 3 }).answer).toBe('answer_missing');
		expect(checkItemDraft({ ...listening, answer: null }).answer).toBe('answer_missing');
	});
	it('needs a prompt and a level 1–6', () => {
		expect(checkItemDraft({ ...listening, prompt: '  ' }).prompt).toBe('required');
		expect(checkItemDraft({ ...listening, level: 7 }).level).toBe('invalid');
	});
	it('rated tasks need a rubric with four bands and match their skill', () => {
		const writing: ItemDraft = {
			...listening,
			skill: 'writing',
			kind: 'writing',
			instruction: 'write_task',
			audio: '',
			options: [],
			answer: null,
			rubric: { criteria: ['Nội dung'], bands: ['0', '1', '2', '3'] }
		};
		expect(checkItemDraft(writing)).toEqual({});
		expect(checkItemDraft({ ...writing, rubric: null }).rubric).toBe('rubric_missing');
		expect(
			checkItemDraft({ ...writing, rubric: { criteria: ['x'], bands: ['0', '1'] } }).rubric
		).toBe('rubric_missing');
		expect(checkItemDraft({ ...writing, skill: 'speaking' }).kind).toBe('kind_skill');
		expect(checkItemDraft({ ...listening, skill: 'writing' }).kind).toBe('kind_skill');
	});
});

describe('itemWarnings', () => {
	it('warns when the key is the single longest option, not on a tie', () => {
		expect(itemWarnings({ ...listening, options: ['a', 'bbbb', 'cc'], answer: 1 })).toEqual([
			'key_longest'
		]);
		expect(itemWarnings({ ...listening, options: ['aaaa', 'bbbb', 'cc'], answer: 1 })).toEqual([]);
	});
});

describe('checkTransition', () => {
	it('walks draft → review → pilot → calibrated → active → retired', () => {
		expect(checkTransition('submit', subject())).toEqual({ ok: true, to: 'review' });
		expect(checkTransition('approve', subject({ status: 'review', actorId: 'second' }))).toEqual({
			ok: true,
			to: 'pilot'
		});
		expect(checkTransition('accept_calibration', subject({ status: 'pilot' }))).toEqual({
			ok: true,
			to: 'calibrated'
		});
		expect(checkTransition('activate', subject({ status: 'calibrated' }))).toEqual({
			ok: true,
			to: 'active'
		});
		expect(checkTransition('retire', subject({ status: 'active' }))).toEqual({
			ok: true,
			to: 'retired'
		});
	});
	it('rated tasks go from pilot to active without a calibration', () => {
		expect(checkTransition('activate', subject({ status: 'pilot', kind: 'writing' }))).toEqual({
			ok: true,
			to: 'active'
		});
		expect(checkTransition('activate', subject({ status: 'pilot', kind: 'choice' })).ok).toBe(
			false
		);
		expect(
			checkTransition('accept_calibration', subject({ status: 'pilot', kind: 'speaking' })).ok
		).toBe(false);
	});
	it('refuses the author approving or rejecting their own item', () => {
		expect(checkTransition('approve', subject({ status: 'review' }))).toEqual({
			ok: false,
			reason: 'own_item'
		});
		expect(checkTransition('reject', subject({ status: 'review' }))).toEqual({
			ok: false,
			reason: 'own_item'
		});
	});
	it('refuses other organizations, wrong statuses and incomplete drafts', () => {
		expect(checkTransition('submit', subject({ actorHolds: false })).ok).toBe(false);
		expect(checkTransition('activate', subject({ status: 'pilot' }))).toEqual({
			ok: false,
			reason: 'wrong_status'
		});
		expect(checkTransition('approve', subject({ actorId: 'second' }))).toEqual({
			ok: false,
			reason: 'wrong_status'
		});
		expect(checkTransition('submit', subject({ complete: false }))).toEqual({
			ok: false,
			reason: 'incomplete'
		});
		expect(checkTransition('retire', subject({ status: 'retired' })).ok).toBe(false);
	});
	it('offers a second instructor approve and reject, the author neither', () => {
		expect(availableActions(subject({ status: 'review', actorId: 'second' }))).toEqual([
			'approve',
			'reject'
		]);
		expect(availableActions(subject({ status: 'review' }))).toEqual([]);
		expect(availableActions(subject({ status: 'pilot' }))).toEqual(['send_back']);
	});
});

describe('classicalStats', () => {
	it('computes p-values and a corrected point-biserial', () => {
		const matrix = [
			[1, 1, 1],
			[1, 1, 0],
			[0, 0, 1],
			[0, 0, null]
		] as (0 | 1 | null)[][];
		const [first, , third] = classicalStats(matrix);
		expect(first.n).toBe(4);
		expect(first.pValue).toBe(0.5);
		expect(first.pointBiserial).toBeCloseTo(Math.SQRT1_2, 6);
		expect(third.n).toBe(3);
		expect(third.pValue).toBeCloseTo(2 / 3, 6);
		expect(third.pointBiserial).toBeLessThan(0);
		expect(misfits({ infit: 1, outfit: 1 }, third.pointBiserial)).toBe(true);
		expect(misfits({ infit: 1.05, outfit: 0.9 }, 0.3)).toBe(false);
		expect(misfits({ infit: 1.5, outfit: 1 }, 0.3)).toBe(true);
	});
});
