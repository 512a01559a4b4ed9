import * as v from 'valibot';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { SKILLS, type Skill } from '$lib/placement';
import {
	ITEM_KINDS,
	MAX_OPTIONS,
	RUBRIC_MAX_SCORE,
	type ItemDraft,
	type ItemKind
} from '$lib/placement/item-workflow';
import { formFields, formFiles, numberedList, optionalText, parse } from '$lib/validation';

/**
 * The item editor's form (valibot, `$lib/validation`), read into an `ItemDraft` exactly as typed
 * (the service normalizes and checks it; `checkItemDraft`'s codes come back beside the fields), so a
 * refused form shows what was typed. Unknown enum values are kept as typed and refused by the check.
 * The options (`option0`…) and rubric bands (`band0`…) are numbered fields, read as two lists.
 */
const text = v.pipe(
	v.optional(v.string(), ''),
	v.transform((s) => s.slice(0, 8_000))
);

const ItemForm = v.object({
	organizationId: optionalText(100),
	// The saved state the editor was opened on (`itemVersion`): an edit does not overwrite a newer one.
	version: optionalText(20),
	language: text,
	skill: text,
	level: text,
	kind: text,
	instruction: text,
	prompt: text,
	promptGloss: text,
	passage: text,
	passageKey: text,
	audio: text,
	options: v.array(text),
	answer: text,
	explanation: text,
	rubricCriteria: text,
	bands: v.array(text)
});

type ItemFields = v.InferOutput<typeof ItemForm>;

/** The editor's form: the draft as typed, the organization it is for, and a posted recording. */
export async function readItemForm(request: Request): Promise<{
	organizationId: string;
	version: string;
	draft: ItemDraft;
	recording: File | null;
}> {
	const form = await request.formData();
	const fields = numberedList(
		numberedList(formFields(form), 'option', MAX_OPTIONS, 'options'),
		'band',
		RUBRIC_MAX_SCORE + 1,
		'bands'
	);
	const parsed = parse(ItemForm, fields);
	// Every field is text cut to its length: only a request no page sends gets here.
	if (!parsed.ok) error(400, m.error_unexpected());
	return {
		organizationId: parsed.data.organizationId,
		version: parsed.data.version,
		draft: draftOf(parsed.data),
		// The ClipRecorder's file input: an uploaded or recorded prompt.
		recording: formFiles(form).get('recording') ?? null
	};
}

function draftOf(fields: ItemFields): ItemDraft {
	const kind = fields.kind as ItemKind;
	const options = [...fields.options];
	while (options.length > 0 && !options[options.length - 1].trim()) options.pop();
	const lines = (s: string) =>
		s
			.split('\n')
			.map((l) => l.trim())
			.filter(Boolean);
	return {
		language: fields.language === 'lo' ? 'lo' : 'vi',
		skill: ((SKILLS as readonly string[]).includes(fields.skill) ? fields.skill : '') as Skill,
		level: /^[1-6]$/.test(fields.level) ? Number(fields.level) : 0,
		kind: (ITEM_KINDS as readonly string[]).includes(kind) ? kind : ('' as ItemKind),
		instruction: fields.instruction,
		prompt: fields.prompt,
		promptGloss: fields.promptGloss,
		passage: fields.passage,
		passageKey: fields.passageKey,
		audio: fields.audio.startsWith('media:') ? fields.audio : '',
		options,
		answer: /^[0-3]$/.test(fields.answer) ? Number(fields.answer) : null,
		explanation: fields.explanation,
		rubric:
			kind === 'writing' || kind === 'speaking'
				? { criteria: lines(fields.rubricCriteria), bands: fields.bands }
				: null
	};
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
