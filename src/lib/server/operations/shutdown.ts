import type { Logger } from 'pino';

/**
 * How a built server (`node build`) stops. adapter-node, on SIGTERM or SIGINT, stops accepting
 * connections, closes idle keep-alive ones, lets the requests in flight finish for up to
 * SHUTDOWN_TIMEOUT seconds (30 by default), then closes every connection left and emits
 * `sveltekit:shutdown`. Here, on that event: the database is closed, within `closeSeconds`, and the
 * process exits 0 — a handle something still holds (a handler abandoned by its client and still
 * awaiting the database, a library's timer) cannot keep it running after its connections are gone.
 * A deadline armed at the signal (drain + close + margin) ends the process anyway should the event
 * never come, and says what was still open, so a stop under a supervisor (systemd, a container) is
 * bounded whatever the cause.
 */
export type ShutdownOptions = {
	/** Closes the database (PGlite close, postgres.js end). */
	close: () => Promise<void>;
	/** adapter-node's drain time, SHUTDOWN_TIMEOUT, in seconds. */
	drainSeconds: number;
	/** How long the database may take to close before the process exits without waiting more. */
	closeSeconds?: number;
	log: Pick<Logger, 'info' | 'warn'>;
	/** The process's events; a test passes its own emitter. */
	events?: Pick<NodeJS.EventEmitter, 'once' | 'listenerCount'>;
	exit?: (code: number) => void;
	/** What still holds the event loop (names only), for the deadline's warning. */
	openResources?: () => string[];
};

/** Seconds beyond drain + close before the deadline ends the process: adapter-node's own work. */
export const DEADLINE_MARGIN_SECONDS = 5;

export function stopCleanly({
	close,
	drainSeconds,
	closeSeconds = 5,
	log,
	events = process,
	exit = (code) => process.exit(code),
	openResources = () => process.getActiveResourcesInfo()
}: ShutdownOptions): void {
	let stopping = false;
	let finishing = false;
	const finish = async (stage: string) => {
		if (finishing) return;
		finishing = true;
		const closed = await Promise.race([
			close().then(
				() => 'closed' as const,
				(error: unknown) => (error instanceof Error ? error.message : String(error))
			),
			new Promise<'timeout'>((resolve) =>
				setTimeout(resolve, closeSeconds * 1000, 'timeout').unref()
			)
		]);
		if (closed === 'closed') log.info({ stage }, 'stopped: database closed');
		else log.warn({ stage, database: closed }, 'stopped: the database did not close cleanly');
		exit(0);
	};
	const onSignal = (signal: NodeJS.Signals) => {
		if (stopping) return;
		stopping = true;
		// adapter-node listens for the signal only once the app has started (its `init` done: migrations,
		// seeding). Before that there is nothing to drain: stop now, as the signal alone would have.
		if (events.listenerCount(signal) === 0) {
			log.info({ signal }, 'stopping during start-up');
			void finish('start-up');
			return;
		}
		log.info({ signal, drainSeconds }, 'stopping: finishing requests in flight');
		const deadlineSeconds = drainSeconds + closeSeconds + DEADLINE_MARGIN_SECONDS;
		// unref: the deadline itself must not keep a process alive that would otherwise exit.
		setTimeout(() => {
			log.warn(
				{ deadlineSeconds, open: openResources() },
				'stopping: still running at the deadline, exiting'
			);
			exit(0);
		}, deadlineSeconds * 1000).unref();
	};
	events.once('SIGTERM', onSignal);
	events.once('SIGINT', onSignal);
	events.once('sveltekit:shutdown', () => void finish('requests finished'));
}
