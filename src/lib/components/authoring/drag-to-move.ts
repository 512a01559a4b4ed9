import { deserialize } from '$app/forms';
import { invalidateAll } from '$app/navigation';

/**
 * Drag an item of a list onto another to move it there (the same form action the ↑ ↓ buttons post,
 * which are the keyboard's and the no-JavaScript way). `fields` names the item; `to` is added.
 */
export type DragToMove = {
	action: string;
	fields: Record<string, string>;
	index: number;
	group: string;
};

let dragged: DragToMove | null = null;

export function dragToMove(node: HTMLElement, options: DragToMove) {
	let current = options;
	node.draggable = true;
	const start = (event: DragEvent) => {
		dragged = current;
		event.dataTransfer?.setData('text/plain', current.fields.id ?? '');
		node.classList.add('dragging');
	};
	const end = () => node.classList.remove('dragging', 'drop-target');
	const over = (event: DragEvent) => {
		if (!dragged || dragged.group !== current.group) return;
		event.preventDefault();
		node.classList.add('drop-target');
	};
	const leave = () => node.classList.remove('drop-target');
	const drop = async (event: DragEvent) => {
		node.classList.remove('drop-target');
		if (!dragged || dragged.group !== current.group || dragged.index === current.index) return;
		event.preventDefault();
		const body = new FormData();
		for (const [k, v] of Object.entries(dragged.fields)) body.set(k, v);
		body.set('to', String(current.index));
		dragged = null;
		const response = await fetch(current.action, {
			method: 'POST',
			body,
			headers: { 'x-sveltekit-action': 'true' }
		});
		deserialize(await response.text());
		await invalidateAll();
	};
	node.addEventListener('dragstart', start);
	node.addEventListener('dragend', end);
	node.addEventListener('dragover', over);
	node.addEventListener('dragleave', leave);
	const onDrop = (event: DragEvent) => void drop(event);
	node.addEventListener('drop', onDrop);
	return {
		update(next: DragToMove) {
			current = next;
		},
		destroy() {
			node.removeEventListener('dragstart', start);
			node.removeEventListener('dragend', end);
			node.removeEventListener('dragover', over);
			node.removeEventListener('dragleave', leave);
			node.removeEventListener('drop', onDrop);
		}
	};
}
