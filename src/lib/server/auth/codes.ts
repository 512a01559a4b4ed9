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

/**
 * A code as a person types it, in the form it was generated in, or null when it cannot be one: the
 * dash and spaces may be left out or put anywhere, letters may be lower case, and the letters
 * Crockford's base32 reads as digits (O as 0, I and L as 1) are read so. Anything else — a dot, a
 * slash, a letter outside the alphabet, too few or too many symbols — is no code at all.
 */
export function normalizeCode(typed: string): string | null {
	const symbols = typed
		.toUpperCase()
		.replace(/[\s\-‐-―]/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
	if (symbols.length !== 8 || [...symbols].some((c) => !CODE_ALPHABET.includes(c))) return null;
	return `${symbols.slice(0, 4)}-${symbols.slice(4)}`;
}
