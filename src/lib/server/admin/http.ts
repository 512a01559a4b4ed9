import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { Forbidden } from './service';

/** Runs a service call and turns its policy refusal into the translated 403 page. */
export async function withForbidden<T>(call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (e) {
		if (e instanceof Forbidden) error(403, m.error_forbidden());
		throw e;
	}
}
