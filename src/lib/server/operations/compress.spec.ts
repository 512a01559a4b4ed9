import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { compressed } from './compress';

const page = '<!doctype html><p>' + 'ສະບາຍດີ Xin chào '.repeat(500) + '</p>';
const request = (headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br' }) =>
	new Request('http://localhost/learn', { headers });
const html = () =>
	new Response(page, {
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-length': String(Buffer.byteLength(page))
		}
	});

describe('compressed', () => {
	it('gzips a page for a browser that accepts gzip, and it decodes to the same text', async () => {
		const response = compressed(request(), html());
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('vary')).toContain('Accept-Encoding');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(page) / 5);
		expect(gunzipSync(bytes).toString('utf8')).toBe(page);
	});

	it('makes a strong ETag weak on the gzipped body, and keeps a weak one', () => {
		const tagged = (etag: string) => {
			const response = html();
			response.headers.set('etag', etag);
			return compressed(request(), response).headers.get('etag');
		};
		expect(tagged('"abc"')).toBe('W/"abc"');
		expect(tagged('W/"abc"')).toBe('W/"abc"');
	});

	it('sends a body known to be under 1 kB as it is', async () => {
		const small = JSON.stringify({ results: [{ id: 'a', outcome: 'accepted' }] });
		const response = compressed(
			request(),
			new Response(small, {
				headers: {
					'content-type': 'application/json',
					'content-length': String(Buffer.byteLength(small))
				}
			})
		);
		expect(response.headers.get('content-encoding')).toBeNull();
		expect(await response.text()).toBe(small);
	});

	it('sends each streamed chunk as it comes, without waiting for the end', async () => {
		let push!: (text: string) => void;
		const source = new ReadableStream<Uint8Array>({
			start(controller) {
				push = (text) => controller.enqueue(new TextEncoder().encode(text));
			}
		});
		const response = compressed(
			request(),
			new Response(source, { headers: { 'content-type': 'text/html' } })
		);
		const reader = response.body!.getReader();
		push('<p>first part</p>');
		const chunks: Uint8Array[] = [];
		// The first part decodes on its own (flushed), while the source is still open.
		while (!gunzipPartial(chunks).includes('first part')) chunks.push((await reader.read()).value!);
		expect(gunzipPartial(chunks)).toBe('<p>first part</p>');
		await reader.cancel();
	});

	it('leaves alone what a browser did not ask for, media, empty bodies and encoded responses', () => {
		const plain = html();
		expect(compressed(request({}), plain)).toBe(plain);
		const audio = new Response('OggS', { headers: { 'content-type': 'audio/ogg' } });
		expect(compressed(request(), audio)).toBe(audio);
		const empty = new Response(null, { status: 204 });
		expect(compressed(request(), empty)).toBe(empty);
		const encoded = new Response('x', {
			headers: { 'content-type': 'text/html', 'content-encoding': 'br' }
		});
		expect(compressed(request(), encoded)).toBe(encoded);
	});
});

/** What a gzip stream cut short decodes to so far. */
function gunzipPartial(chunks: Uint8Array[]): string {
	if (chunks.length === 0) return '';
	return gunzipSync(Buffer.concat(chunks), { finishFlush: 2 /* Z_SYNC_FLUSH */ }).toString('utf8');
}
