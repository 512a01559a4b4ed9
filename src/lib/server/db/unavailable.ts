/**
 * Whether an error means the database cannot be reached right now (refused or dropped connection,
 * the server shutting down or starting up) rather than a fault of the request or of the code: the
 * app then says so in the user's language and keeps running; postgres.js reconnects by itself on
 * the next query once the database is back.
 */
const NETWORK_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'EHOSTUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN',
	// postgres.js's own codes for a connection it lost or could not open in time.
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED',
	'CONNECT_TIMEOUT'
]);

/** SQLSTATE class 08 (connection exception) and 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now). */
const SQLSTATE = /^(08\d{3}|57P0[123])$/;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
	if (!error || typeof error !== 'object' || depth > 5) return false;
	const code = (error as { code?: unknown }).code;
	if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
	// drizzle wraps driver errors; an AggregateError holds one per address tried.
	const { cause, errors } = error as { cause?: unknown; errors?: unknown };
	if (isDatabaseUnavailable(cause, depth + 1)) return true;
	return Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1));
}
