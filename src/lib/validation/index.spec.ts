import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
	checkbox,
	day,
	formFields,
	isCalendarDay,
	oneOf,
	optionalDay,
	optionalWholeNumber,
	parse,
	parseForm,
	parseJson,
	requiredText,
	someOf,
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
});
