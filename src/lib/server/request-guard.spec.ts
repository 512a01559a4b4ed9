import { describe, expect, it } from 'vitest';
import { checkBody, checkUrl } from './request-guard';

const post = (body: BodyInit, type?: string) =>
	new Request('http://x.test/admin?/create', {
		method: 'POST',
		body,
		headers: type ? { 'content-type': type } : {}
	});

function form(entries: [string, string | Blob][]): FormData {
	const data = new FormData();
	for (const [name, value] of entries) data.append(name, value);
	return data;
}

describe('request guard', () => {
	it('lets ordinary forms, JSON and recordings through, and leaves the body readable', async () => {
		const request = post(
			form([
				['name', 'Trường Chính trị ຫົວພັນ'],
				['note', 'a\u200bb']
			])
		);
		expect(await checkBody(request)).toEqual({ ok: true });
		expect((await request.formData()).get('name')).toBe('Trường Chính trị ຫົວພັນ');
		expect(await checkBody(post('a=1&b=%E1%BA%A1', 'application/x-www-form-urlencoded'))).toEqual({
			ok: true
		});
		expect(await checkBody(post('{"a":["b",{"c":1}]}', 'application/json'))).toEqual({ ok: true });
		expect(await checkBody(post(new Uint8Array([0, 0, 1]), 'audio/webm'))).toEqual({ ok: true });
		expect(await checkBody(new Request('http://x.test/'))).toEqual({ ok: true });
	});

	it('refuses a NUL in any field, field name, file name or JSON string', async () => {
		for (const request of [
			post(form([['name', 'a\0b']])),
			post(form([['a\0', 'b']])),
			post(form([['attempt', '{"answer":"x\\u0000"}']])),
			post(form([['f', new File(['x'], 'a\0.webm')]])),
			post('name=a%00b', 'application/x-www-form-urlencoded'),
			post('{"a":{"b":["\\u0000"]}}', 'application/json'),
			post('{"a\\u0000":1}', 'application/json')
		]) {
			const verdict = await checkBody(request);
			expect(verdict.ok).toBe(false);
			expect(verdict.ok || verdict.status).toBe(400);
		}
	});

	it('refuses multipart bodies that cannot be read and malformed JSON', async () => {
		for (const request of [
			post(
				'--x\r\ncontent-disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
				'multipart/form-data'
			),
			post(
				'--x\r\ncontent-disposition: form-data; name="a"\r\n\r\nb',
				'multipart/form-data; boundary=x'
			),
			post('garbage', 'multipart/form-data; boundary=other'),
			post('{"a":', 'application/json'),
			post('a=1', 'text/plain')
		]) {
			expect(await checkBody(request), await request.clone().text()).toMatchObject({
				ok: false,
				status: 400
			});
		}
	});

	it('refuses %00 in the path or the query', () => {
		expect(checkUrl(new URL('http://x.test/verify/AB%00CD')).ok).toBe(false);
		expect(checkUrl(new URL('http://x.test/register?code=%00')).ok).toBe(false);
		expect(checkUrl(new URL('http://x.test/verify/ABCD-EFGH?x=%2500')).ok).toBe(true);
		expect(checkUrl(new URL('http://x.test/learn/courses/vi-for-lo')).ok).toBe(true);
	});
});
