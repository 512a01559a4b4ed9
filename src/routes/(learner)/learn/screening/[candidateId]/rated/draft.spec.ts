import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftAutosave } from './draft.svelte';

/** The rated page's `?/save` action, answering as SvelteKit does to an action called with fetch. */
function saveAction(type: 'success' | 'failure') {
	const posted: string[] = [];
	vi.stubGlobal(
		'fetch',
		vi.fn(async (_url: string, init: RequestInit) => {
			posted.push(String((init.body as FormData).get('text')));
			return new Response(JSON.stringify({ type, status: type === 'success' ? 200 : 400 }));
		})
	);
	return posted;
}

describe('DraftAutosave', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('saves once typing has paused, the last text only', async () => {
		const posted = saveAction('success');
		const draft = new DraftAutosave('w1', { text: '', saved: '' });
		expect(draft.saveState).toBe('idle');
		draft.text = 'Tôi';
		draft.typed();
		await vi.advanceTimersByTimeAsync(1000);
		draft.text = 'Tôi tên là Bun-mi.';
		draft.typed();
		await vi.advanceTimersByTimeAsync(1000);
		expect(posted).toEqual([]);
		await vi.advanceTimersByTimeAsync(600);
		expect(posted).toEqual(['Tôi tên là Bun-mi.']);
		expect(draft.saveState).toBe('saved');
	});

	it('does not send what the server already holds', async () => {
		const posted = saveAction('success');
		const draft = new DraftAutosave('w1', { text: 'Xin chào', saved: 'Xin chào' });
		expect(draft.saveState).toBe('saved');
		draft.typed();
		await vi.advanceTimersByTimeAsync(2000);
		expect(posted).toEqual([]);
	});

	it('says so when the server refuses or the network fails', async () => {
		saveAction('failure');
		const draft = new DraftAutosave('w1', { text: '', saved: '' });
		draft.text = 'Xin chào';
		await draft.save();
		expect(draft.saveState).toBe('failed');
		vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('offline')));
		draft.text = 'Xin chào các bạn';
		await draft.save();
		expect(draft.saveState).toBe('failed');
	});

	it('drops a waiting save when the answer is submitted', async () => {
		const posted = saveAction('success');
		const draft = new DraftAutosave('w1', { text: '', saved: '' });
		draft.text = 'Xin chào';
		draft.typed();
		draft.cancel();
		await vi.advanceTimersByTimeAsync(2000);
		expect(posted).toEqual([]);
	});
});
