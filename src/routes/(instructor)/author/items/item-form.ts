import * as v from 'valibot';
import { SKILLS, type Skill } from '$lib/placement';
import {
	ITEM_KINDS,
	MAX_OPTIONS,
	type ItemDraft,
	type ItemKind
} from '$lib/placement/item-workflow';

/**
 * The item editor's form, read into an `ItemDraft` exactly as typed (the service normalizes and
 * checks it; `checkItemDraft`'s codes come back beside the fields), so a refused form shows what was
 * typed. Unknown enum values are kept as typed and refused by the check.
 */
const text = v.pipe(
	v.optional(v.string(), ''),
	v.transform((s) => s.slice(0, 8_000))
);

export function draftFromForm(form: FormData): ItemDraft {
	const get = (name: string) => v.parse(text, form.get(name) ?? undefined);
	const kind = get('kind') as ItemKind;
	const options = Array.from({ length: MAX_OPTIONS }, (_, i) => get(`option${i}`));
	while (options.length > 0 && !options[options.length - 1].trim()) options.pop();
	const answerText = get('answer');
	const lines = (s: string) =>
		s
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean);
	return {
		language: get('language') === 'lo' ? 'lo' : 'vi',
		skill: ((SKILLS as readonly string[]).includes(get('skill')) ? get('skill') : '') as Skill,
		level: /^[1-6]$/.test(get('level')) ? Number(get('level')) : 0,
		kind: (ITEM_KINDS as readonly string[]).includes(kind) ? kind : ('' as ItemKind),
		instruction: get('instruction'),
		prompt: get('prompt'),
		promptGloss: get('promptGloss'),
		passage: get('passage'),
		passageKey: get('passageKey'),
		audio: get('audio').startsWith('media:') ? get('audio') : '',
		options,
		answer: /^[0-3]$/.test(answerText) ? Number(answerText) : null,
		explanation: get('explanation'),
		rubric:
			kind === 'writing' || kind === 'speaking'
				? {
						criteria: lines(get('rubricCriteria')),
						bands: [0, 1, 2, 3].map((i) => get(`band${i}`))
					}
				: null
	};
}

/** An uploaded or recorded prompt in the form (the ClipRecorder's file input), or null. */
export function recordingFromForm(form: FormData): File | null {
	const file = form.get('recording');
	return file instanceof File && file.size > 0 ? file : null;
}

/** The empty editor for a kind: a choice item of vocabulary-grammar unless told otherwise. */
export function emptyDraft(kind: string | null, language: 'vi' | 'lo'): ItemDraft {
	const k: ItemKind = kind === 'writing' || kind === 'speaking' ? kind : 'choice';
	return {
		language,
		skill: k === 'choice' ? 'vocabulary_grammar' : k,
		level: 1,
		kind: k,
		instruction: k === 'choice' ? 'fill_gap' : k === 'writing' ? 'write_task' : 'speak_task',
		prompt: '',
		promptGloss: '',
		passage: '',
		passageKey: '',
		audio: '',
		options: k === 'choice' ? ['', '', '', ''] : [],
		answer: null,
		explanation: '',
		rubric: k === 'choice' ? null : { criteria: [], bands: ['', '', '', ''] }
	};
}
