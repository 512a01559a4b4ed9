import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { itemsForActor, type ItemFilter } from '$lib/server/placement/items';
import { ITEM_STATUS_ORDER, type ItemStatus } from '$lib/placement/item-workflow';

/** The items the instructor's organizations hold or use; the seed bank's when a language is chosen. */
export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const language = event.url.searchParams.get('language');
		const status = event.url.searchParams.get('status');
		const filter: ItemFilter = {
			...(language === 'vi' || language === 'lo' ? { language: language as 'vi' | 'lo' } : {}),
			...((ITEM_STATUS_ORDER as readonly string[]).includes(status ?? '')
				? { status: status as ItemStatus }
				: {})
		};
		const items = await itemsForActor(db, actor, filter);
		return {
			filter: { language: filter.language ?? '', status: filter.status ?? '' },
			items: items.slice(0, 300).map((i) => ({
				id: i.id,
				prompt: i.prompt,
				skill: i.skill,
				level: i.level,
				kind: i.kind,
				status: i.status,
				language: i.language,
				ownerName: i.ownerName,
				held: i.held
			})),
			total: items.length
		};
	});
