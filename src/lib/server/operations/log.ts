import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * The app server's structured log: one JSON line per request and per unexpected error, on stdout,
 * for whatever collects the servers' output (README, "Deployment"). A line names what happened and
 * who asked, never what was sent: no bodies (passwords, answers, recordings), no query strings
 * (invitation and result codes), no headers (cookies, session tokens). The fields below are all a
 * line can carry; `redact` is a second guard should a caller pass more.
 */
export type RequestLine = {
	requestId: string;
	method: string;
	/** SvelteKit's route id (`/learn/screening/[candidateId]/test`), not the path with its ids. */
	route: string | null;
	status: number;
	durationMs: number;
	userId: string | null;
};

export const REDACTED_PATHS = [
	'password',
	'*.password',
	'cookie',
	'*.cookie',
	'headers',
	'*.headers',
	'token',
	'*.token',
	'body',
	'*.body'
];

export function createLogger(level = 'info', destination?: DestinationStream): Logger {
	return pino(
		{
			level,
			base: { pid: process.pid },
			timestamp: pino.stdTimeFunctions.isoTime,
			redact: { paths: REDACTED_PATHS, remove: true }
		},
		destination
	);
}

/** A client's own request id when it is a plain token (a proxy's, say), else a new one. */
export function requestIdOf(headers: Headers): string {
	const given = headers.get('x-request-id');
	return given && /^[\w.:-]{1,100}$/.test(given) ? given : crypto.randomUUID();
}

export function logRequest(log: Logger, line: RequestLine): void {
	const entry: RequestLine = {
		requestId: line.requestId,
		method: line.method,
		route: line.route,
		status: line.status,
		durationMs: Math.round(line.durationMs * 10) / 10,
		userId: line.userId
	};
	if (line.status >= 500) log.error(entry, 'request failed');
	else log.info(entry, 'request');
}

/**
 * An unexpected error with the request it broke: its kind, message and stack only, since a driver's
 * error can carry the query's parameters (a password hash, an answer) among its other fields.
 */
export function logError(
	log: Logger,
	context: { requestId: string | undefined; route: string | null; status: number },
	error: unknown
): void {
	const details =
		error instanceof Error
			? { type: error.name, message: error.message, stack: error.stack }
			: { type: typeof error, message: String(error) };
	log.error({ ...context, error: details }, 'unexpected error');
}
