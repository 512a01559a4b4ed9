import type { ParamMatcher } from '@sveltejs/kit';

/** Ids the server makes with `crypto.randomUUID()`: rating requests and recordings. */
export const match = ((param) =>
	/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(
		param
	)) satisfies ParamMatcher;
