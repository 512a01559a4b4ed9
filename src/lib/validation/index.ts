/**
 * The one way to read a form or a JSON body (issue 9): valibot schemas built from the few field
 * kinds below, whose messages are paraglide messages called when the value is checked, so they are
 * in the language of the request. `parseForm` answers with the typed output, or with the values as
 * typed and one translated message per field, ready for `fail(400, { values, errors })`: nothing
 * typed is lost. Unreadable bodies and NUL bytes never get this far (hooks.server.ts refuses them).
 */
import * as v from 'valibot';
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';

/** The longest free text a field takes unless it says otherwise (a name, a note, a reason). */
export const MAX_TEXT = 2_000;

/** Trimmed text; absent is ''. */
export function optionalText(max = MAX_TEXT) {
	return v.pipe(
		v.optional(v.string(), ''),
		v.trim(),
		v.maxLength(max, () => m.validation_too_long({ max }))
	);
}

/**
 * Text exactly as typed, spaces and line breaks kept (a written answer, a pasted list, an editor's
 * text area whose own parser trims); absent is ''.
 */
export function typedText(max = MAX_TEXT) {
	return v.pipe(
		v.optional(v.string(), ''),
		v.maxLength(max, () => m.validation_too_long({ max }))
	);
}

/** Trimmed text that must not be empty. `required` is the field's own message, if it has one. */
export function requiredText(max = MAX_TEXT, required: () => string = m.validation_required) {
	return v.pipe(optionalText(max), v.nonEmpty(required));
}

/** A whole number typed as text, from `min` to `max` inclusive. */
export function wholeNumber(min: number, max: number, message?: () => string) {
	const invalid = message ?? (() => m.validation_whole_number({ min, max }));
	return v.pipe(
		optionalText(32),
		v.regex(/^[+-]?\d+$/, invalid),
		v.transform(Number),
		v.integer(invalid),
		v.minValue(min, invalid),
		v.maxValue(max, invalid)
	);
}

/** Like `wholeNumber`, but '' is allowed and gives `undefined`. */
export function optionalWholeNumber(min: number, max: number, message?: () => string) {
	return v.optional(
		v.union(
			[
				v.pipe(
					v.string(),
					v.trim(),
					v.empty(),
					v.transform(() => undefined)
				),
				wholeNumber(min, max, message)
			],
			message ?? (() => m.validation_whole_number({ min, max }))
		),
		''
	);
}

/**
 * The years a date typed in the app may fall in: a birth, a test window, a graduation, a follow-up.
 * A year outside (0001, 275760, 99999) is a typing slip, and some are beyond what JavaScript's `Date`
 * or PostgreSQL's `timestamptz` can hold.
 */
export const YEARS = { min: 1900, max: 2200 } as const;

/** Whether `value` is a real calendar day written `YYYY-MM-DD` (no 31 April, no 29 February 2027). */
export function isCalendarDay(value: string, years: { min: number; max: number } = YEARS): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number);
	if (year < years.min || year > years.max) return false;
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A calendar day `YYYY-MM-DD` (what `<input type="date">` sends), kept as that text. */
export function day(message?: () => string) {
	const invalid = message ?? (() => m.validation_date(YEARS));
	return v.pipe(
		optionalText(10),
		v.check((value) => isCalendarDay(value), invalid)
	);
}

/** Like `day`, but '' is allowed and gives `undefined`. */
export function optionalDay(message?: () => string) {
	return v.optional(
		v.union(
			[
				v.pipe(
					v.string(),
					v.trim(),
					v.empty(),
					v.transform(() => undefined)
				),
				day(message)
			],
			message ?? (() => m.validation_date(YEARS))
		),
		''
	);
}

/** One of a fixed list of values (a select, radio buttons). */
export function oneOf<const T extends readonly string[]>(options: T, message?: () => string) {
	return v.pipe(optionalText(200), v.picklist(options, message ?? m.validation_choice));
}

/** A checkbox: sent as "on" (or any value) when ticked, absent when not. */
export function checkbox() {
	return v.pipe(
		v.optional(v.string(), ''),
		v.transform((value) => value !== '')
	);
}

/** Every value of a repeated field (checkboxes of one name), each one of `options`. */
export function someOf<const T extends readonly string[]>(options: T, message?: () => string) {
	return v.optional(v.array(v.picklist(options, message ?? m.validation_choice)), []);
}

/**
 * A form's fields as an object: the first value of each name, or every value for the names in
 * `lists` (repeated fields). Files are left out: an upload is read by its own endpoint.
 */
export function formFields(
	form: FormData,
	lists: readonly string[] = []
): Record<string, string | string[]> {
	const fields: Record<string, string | string[]> = {};
	for (const name of new Set(form.keys())) {
		const values = form.getAll(name).filter((value): value is string => typeof value === 'string');
		if (lists.includes(name)) fields[name] = values;
		else if (values.length > 0) fields[name] = values[0];
	}
	for (const name of lists) fields[name] ??= [];
	return fields;
}

/**
 * Repeated fields numbered in their names (`option0`, `option1`, …; `score-2`) as one list under
 * `name`, for a schema to check like any list: entry i is the field `<prefix>i`, '' where the form
 * sent none. Numbers from `count` on are fields no form of ours has: dropped, like the numbered
 * fields themselves. The other fields are kept as they were.
 */
export function numberedList(
	fields: Record<string, string | string[]>,
	prefix: string,
	count: number,
	name: string = prefix
): Record<string, string | string[]> {
	const numbered = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}(0|[1-9]\\d*)$`);
	const list: string[] = Array.from({ length: count }, () => '');
	const rest: Record<string, string | string[]> = {};
	for (const [key, value] of Object.entries(fields)) {
		const found = numbered.exec(key);
		if (!found) rest[key] = value;
		else if (Number(found[1]) < count && typeof value === 'string') list[Number(found[1])] = value;
	}
	return { ...rest, [name]: list };
}

/**
 * The files of a form by field name (the first file of each name): what an upload endpoint reads,
 * beside `formFields` for its text. An empty file input sends an empty file: left out.
 */
export function formFiles(form: FormData): Map<string, File> {
	const files = new Map<string, File>();
	for (const [name, value] of form.entries()) {
		if (value instanceof File && value.size > 0 && !files.has(name)) files.set(name, value);
	}
	return files;
}

/**
 * The text fields `names` of a form's values, as typed ('' for one not sent, or sent as a list): what
 * a refused form shows again, in the shape its page reads.
 */
export function typedValues<const K extends string>(
	values: Record<string, string | string[]>,
	names: readonly K[]
): Record<K, string> {
	const typed = {} as Record<K, string>;
	for (const name of names) {
		const value = values[name];
		typed[name] = typeof value === 'string' ? value : '';
	}
	return typed;
}

/** Each field's first translated message, by field name ('' for the form as a whole). */
export type FieldErrors = Record<string, string>;

export type Parsed<T> =
	| { ok: true; data: T }
	| { ok: false; values: Record<string, string | string[]>; errors: FieldErrors };

/** The first message of each field that failed (a field's first problem is the one worth fixing). */
export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of issues) {
		const key = v.getDotPath(issue) ?? '';
		errors[key] ??= issue.message;
	}
	return errors;
}

/** Validates `input` (already an object) against `schema`. */
export function parse<S extends v.GenericSchema>(
	schema: S,
	input: Record<string, string | string[]>
): Parsed<v.InferOutput<S>> {
	const result = v.safeParse(schema, input);
	if (result.success) return { ok: true, data: result.output };
	return { ok: false, values: input, errors: fieldErrors(result.issues) };
}

/**
 * Reads and validates a form post. `lists` names the repeated fields (checkbox groups). The values
 * come back as typed when something is wrong, for the form to show again.
 */
export async function parseForm<S extends v.GenericSchema>(
	schema: S,
	request: Request,
	lists: readonly string[] = []
): Promise<Parsed<v.InferOutput<S>>> {
	return parse(schema, formFields(await request.formData(), lists));
}

/**
 * Reads a form of hidden fields only (ids the page writes, a button's value): one that does not fit
 * `schema` is a request no page sends, not a form a person can correct, so a translated 400.
 */
export async function parseHiddenForm<S extends v.GenericSchema>(
	schema: S,
	request: Request,
	lists: readonly string[] = []
): Promise<v.InferOutput<S>> {
	const parsed = await parseForm(schema, request, lists);
	if (!parsed.ok) error(400, m.error_unexpected());
	return parsed.data;
}

/** Validates a JSON body (an endpoint's): `undefined` when it is not JSON or does not fit `schema`. */
export async function parseJson<S extends v.GenericSchema>(
	schema: S,
	request: Request
): Promise<v.InferOutput<S> | undefined> {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		return undefined;
	}
	const result = v.safeParse(schema, body);
	return result.success ? result.output : undefined;
}
