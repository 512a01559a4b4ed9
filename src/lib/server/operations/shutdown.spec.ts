import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEADLINE_MARGIN_SECONDS, stopCleanly } from './shutdown';

/** A process stand-in: its signals and adapter-node's event, a recorded exit and log. */
function setUp(close: () => Promise<void>, adapterListening = true) {
	const events = new EventEmitter();
	// adapter-node's own listener, registered once the app has started.
	if (adapterListening) for (const s of ['SIGTERM', 'SIGINT']) events.on(s, () => {});
	const exits: number[] = [];
	const lines: string[] = [];
	const log = {
		info: (...args: unknown[]) => void lines.push(String(args.at(-1))),
		warn: (...args: unknown[]) => void lines.push(String(args.at(-1)))
	};
	stopCleanly({
		close,
		drainSeconds: 30,
		closeSeconds: 5,
		log: log as never,
		events,
		exit: (code) => void exits.push(code),
		openResources: () => ['TCPSocketWrap']
	});
	return { events, exits, lines };
}

describe('stopCleanly', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('closes the database after adapter-node has drained, then exits 0', async () => {
		const close = vi.fn(() => Promise.resolve());
		const { events, exits, lines } = setUp(close);
		events.emit('SIGTERM', 'SIGTERM');
		expect(close).not.toHaveBeenCalled();
		expect(exits).toEqual([]);
		events.emit('sveltekit:shutdown', 'SIGTERM');
		await vi.advanceTimersByTimeAsync(0);
		expect(close).toHaveBeenCalledOnce();
		expect(exits).toEqual([0]);
		expect(lines.at(-1)).toBe('stopped: database closed');
	});

	it('exits 0 at the deadline when adapter-node never finishes, saying what was open', async () => {
		const close = vi.fn(() => Promise.resolve());
		const { events, exits, lines } = setUp(close);
		events.emit('SIGTERM', 'SIGTERM');
		await vi.advanceTimersByTimeAsync((30 + 5 + DEADLINE_MARGIN_SECONDS) * 1000 - 1);
		expect(exits).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		expect(exits).toEqual([0]);
		expect(lines.at(-1)).toBe('stopping: still running at the deadline, exiting');
	});

	it('does not wait more than closeSeconds for a database that does not close', async () => {
		const { events, exits, lines } = setUp(() => new Promise<void>(() => {}));
		events.emit('SIGINT', 'SIGINT');
		events.emit('sveltekit:shutdown', 'SIGINT');
		await vi.advanceTimersByTimeAsync(4999);
		expect(exits).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		expect(exits).toEqual([0]);
		expect(lines.at(-1)).toBe('stopped: the database did not close cleanly');
	});

	it('stops at once when the signal comes during start-up (adapter-node not listening yet)', async () => {
		const close = vi.fn(() => Promise.resolve());
		const { events, exits } = setUp(close, false);
		events.emit('SIGTERM', 'SIGTERM');
		await vi.advanceTimersByTimeAsync(0);
		expect(close).toHaveBeenCalledOnce();
		expect(exits).toEqual([0]);
	});

	it('a second signal while draining changes nothing', async () => {
		const close = vi.fn(() => Promise.resolve());
		const { events, exits } = setUp(close);
		events.emit('SIGTERM', 'SIGTERM');
		events.emit('SIGINT', 'SIGINT');
		await vi.advanceTimersByTimeAsync(1000);
		expect(exits).toEqual([]);
		events.emit('sveltekit:shutdown', 'SIGTERM');
		await vi.advanceTimersByTimeAsync(0);
		expect(exits).toEqual([0]);
		expect(close).toHaveBeenCalledOnce();
	});
});
