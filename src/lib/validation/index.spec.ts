import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
	checkbox,
	day,
	formFields,
	isCalendarDay,
	numberedList,
	oneOf,
	optionalDay,
	optionalWholeNumber,
	parse,
	parseForm,
	parseHiddenForm,
	parseJson,
	requiredText,
	someOf,
	typedText,
	typedValues,
	wholeNumber
} from './index';
import { overwriteGetLocale } from '$lib/paraglide/runtime';

const schema = v.object({
	name: requiredText(20),
	seats: wholeNumber(1, 100),
	extra: optionalWholeNumber(0, 9),
	opensAt: day(),
	birth: optionalDay(),
	kind: oneOf(['a', 'b'] as const),
	skills: someOf(['writing', 'speaking'] as const),
	agree: checkbox()
});

function form(entries: [string, string][]): FormData {
	const data = new FormData();
	for (const [name, value] of entries) data.append(name, value);
	return data;
}

describe('validation helper', () => {
	it('reads a good form into typed values', () => {
		const input = formFields(
			form([
				['name', '  Lớp tiếng Lào  '],
				['seats', '30'],
				['extra', ''],
				['opensAt', '2027-02-28'],
				['kind', 'b'],
				['skills', 'writing'],
				['skills', 'speaking'],
				['agree', 'on']
			]),
			['skills']
		);
		expect(parse(schema, input)).toEqual({
			ok: true,
			data: {
				name: 'Lớp tiếng Lào',
				seats: 30,
				extra: undefined,
				opensAt: '2027-02-28',
				birth: undefined,
				kind: 'b',
				skills: ['writing', 'speaking'],
				agree: true
			}
		});
	});

	it('gives one translated message per bad field and the values as typed', () => {
		overwriteGetLocale(() => 'en');
		const input = formFields(
			form([
				['name', ' '],
				['seats', '1e3'],
				['extra', '10'],
				['opensAt', '2027-02-29'],
				['birth', '0001-01-01'],
				['kind', 'c'],
				['skills', 'listening']
			]),
			['skills']
		);
		const result = parse(schema, input);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.values).toBe(input);
		expect(result.errors).toEqual({
			name: 'Fill in this field.',
			seats: 'Enter a whole number from 1 to 100.',
			extra: 'Enter a whole number from 0 to 9.',
			opensAt: 'Enter a valid date (from the year 1900 to 2200).',
			birth: 'Enter a valid date (from the year 1900 to 2200).',
			kind: 'Choose one of the options.',
			'skills.0': 'Choose one of the options.'
		});
		overwriteGetLocale(() => 'lo');
		const lao = parse(schema, input);
		expect(lao.ok || lao.errors.name).toBe('ກະລຸນາປ້ອນຂໍ້ມູນໃສ່ຊ່ອງນີ້.');
	});

	it('refuses text over its length and numbers beyond what a number holds', () => {
		overwriteGetLocale(() => 'vi');
		const result = parse(schema, {
			name: 'x'.repeat(21),
			seats: '9'.repeat(400),
			opensAt: '2027-01-01',
			kind: 'a'
		});
		expect(result.ok || result.errors).toEqual({
			name: 'Quá dài: tối đa 20 ký tự.',
			seats: 'Quá dài: tối đa 32 ký tự.'
		});
	});

	it('knows calendar days', () => {
		expect(isCalendarDay('2028-02-29')).toBe(true);
		for (const bad of [
			'2027-02-29',
			'2027-04-31',
			'2027-13-01',
			'27-01-01',
			'275760-09-13',
			'1899-12-31',
			'2027-1-1'
		])
			expect(isCalendarDay(bad), bad).toBe(false);
	});

	it('reads a request form and a JSON body', async () => {
		const request = new Request('http://x.test', { method: 'POST', body: form([['name', 'A']]) });
		const result = await parseForm(v.object({ name: requiredText() }), request);
		expect(result).toEqual({ ok: true, data: { name: 'A' } });
		const json = (body: string) =>
			new Request('http://x.test', {
				method: 'POST',
				body,
				headers: { 'content-type': 'application/json' }
			});
		const shape = v.object({ n: v.number() });
		expect(await parseJson(shape, json('{"n":1}'))).toEqual({ n: 1 });
		expect(await parseJson(shape, json('{"n":"1"}'))).toBeUndefined();
		expect(await parseJson(shape, json('{n:'))).toBeUndefined();
	});

	it('gathers numbered fields into one list a schema checks', () => {
		overwriteGetLocale(() => 'en');
		const fields = formFields(
			form([
				['kind', 'choice'],
				['option0', 'ăn'],
				['option2', 'uống'],
				['option7', 'beyond the form'],
				['option01', 'not a number of ours'],
				['optionX', 'kept as it was']
			])
		);
		const gathered = numberedList(fields, 'option', 4, 'options');
		expect(gathered).toEqual({
			kind: 'choice',
			option01: 'not a number of ours',
			optionX: 'kept as it was',
			options: ['ăn', '', 'uống', '']
		});
		const Options = v.object({ options: v.array(requiredText(10)) });
		const result = parse(Options, numberedList(fields, 'option', 4, 'options'));
		expect(result.ok || result.errors).toEqual({
			'options.1': 'Fill in this field.',
			'options.3': 'Fill in this field.'
		});
		// A prefix with a character that means something in a pattern is taken literally.
		expect(numberedList({ 'score-1': '2', score1: 'x' }, 'score-', 3, 'scores')).toEqual({
			score1: 'x',
			scores: ['', '2', '']
		});
	});

	it('keeps typed text as typed, up to its length', () => {
		overwriteGetLocale(() => 'en');
		const Answer = v.object({ text: typedText(12) });
		expect(parse(Answer, { text: '  Xin chào\n' })).toEqual({
			ok: true,
			data: { text: '  Xin chào\n' }
		});
		expect(parse(Answer, {})).toEqual({ ok: true, data: { text: '' } });
		const long = parse(Answer, { text: 'x'.repeat(13) });
		expect(long.ok || long.errors).toEqual({ text: 'Too long: 12 characters at most.' });
	});

	it('refuses a form of hidden fields that does not fit with a 400', async () => {
		overwriteGetLocale(() => 'en');
		const Ids = v.object({ itemId: requiredText(8) });
		const post = (entries: [string, string][]) =>
			new Request('http://x.test', { method: 'POST', body: form(entries) });
		expect(await parseHiddenForm(Ids, post([['itemId', 'vi-1']]))).toEqual({ itemId: 'vi-1' });
		await expect(parseHiddenForm(Ids, post([['itemId', 'x'.repeat(9)]]))).rejects.toMatchObject({
			status: 400,
			body: { message: 'Something went wrong on our side. Try again in a moment.' }
		});
	});

	it("gives a refused form's text fields back in the page's shape", () => {
		expect(
			typedValues({ name: ' Lớp A ', skills: ['writing'], extra: 'x' }, ['name', 'skills', 'note'])
		).toEqual({ name: ' Lớp A ', skills: '', note: '' });
	});
});
