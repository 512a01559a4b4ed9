/** Crockford's base32 without I, L, O, U: nothing to misread on a printed list or certificate. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The one generator of codes people type: organizations' and candidates' invitation codes, and the
 * verification codes of screening results. `XXXX-XXXX`, 8 symbols of 5 bits = 40 bits, enough that
 * guessing a valid code among thousands is hopeless and short enough to read over the phone.
 */
export function generateCode(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(8));
	const chars = [...bytes].map((b) => CODE_ALPHABET[b % 32]).join('');
	return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}
