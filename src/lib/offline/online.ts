import { online } from 'svelte/reactivity/window';

/**
 * Whether the browser says it has no network (`navigator.onLine` and its online/offline events, through
 * Svelte's reactive `online`). Reactive where it is read: a template, `$derived` or `$effect`. On the server
 * it is false: a page is rendered as online, and the browser corrects it once it runs.
 */
export function isOffline(): boolean {
	return online.current === false;
}
