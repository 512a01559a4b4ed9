import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { constants, createGzip } from 'node:zlib';

/** Text worth compressing: pages, their data (`__data.json`) and JSON endpoints, scripts served by routes. */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json|xml))/;

/**
 * Bodies known to be smaller are sent as they are: below about one network packet gzip saves no round
 * trip, and on the sync endpoint's small answers it cost about 5 % of the server's CPU.
 */
const MIN_BYTES = 1024;

/**
 * The response gzip-compressed, when the browser accepts gzip and the body is text: adapter-node
 * serves pages uncompressed, and a course map's HTML is about 130 kB that way (15–20 kB gzipped) — on
 * a slow phone connection, most of the page's load. Each chunk is flushed as it comes (Z_SYNC_FLUSH),
 * so streamed page data still arrives as soon as it is ready. Anything else is returned as it is.
 */
export function compressed(request: Request, response: Response): Response {
	const type = response.headers.get('content-type') ?? '';
	if (
		!response.body ||
		request.method === 'HEAD' ||
		response.status === 204 ||
		response.status === 304 ||
		response.headers.has('content-encoding') ||
		!COMPRESSIBLE.test(type) ||
		Number(response.headers.get('content-length') ?? Infinity) < MIN_BYTES ||
		!/\bgzip\b/.test(request.headers.get('accept-encoding') ?? '')
	)
		return response;
	const gzip = createGzip({ flush: constants.Z_SYNC_FLUSH });
	const body = Readable.toWeb(
		Readable.fromWeb(response.body as unknown as NodeReadableStream).pipe(gzip)
	) as unknown as ReadableStream<Uint8Array>;
	const headers = new Headers(response.headers);
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	// Another encoding of the body is not the same bytes: a strong validator becomes weak (RFC 9110 8.8.1).
	const etag = headers.get('etag');
	if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
	headers.append('vary', 'Accept-Encoding');
	return new Response(body, { status: response.status, statusText: response.statusText, headers });
}
