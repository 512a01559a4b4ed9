import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import {
	copySharedItem,
	itemAudioUrl,
	itemForEditor,
	passageGroups,
	transitionItem,
	updateDraftItem
} from '$lib/server/placement/items';
import { collectionsOfItem, setCollectionItem } from '$lib/server/placement/collections';
import { ITEM_ACTIONS, type ItemAction } from '$lib/placement/item-workflow';
import { draftFromForm } from '../item-form';
import { withPostedRecording } from '../recording';

export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const item = await itemForEditor(db, actor, event.params.itemId);
		return {
			item,
			passageGroups: item.editable ? await passageGroups(db, actor) : [],
			collections: item.ownerOrganizationId
				? await collectionsOfItem(db, actor, item.id, item.ownerOrganizationId)
				: [],
			saved: event.url.searchParams.has('saved')
		};
	});

export const actions: Actions = {
	save: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const item = await itemForEditor(db, actor, event.params.itemId);
			if (!item.editable || !item.ownerOrganizationId) {
				return fail(400, {
					values: null,
					errors: {},
					audioUrl: null,
					message: m.items_error_not_draft()
				});
			}
			const form = await event.request.formData();
			const posted = await withPostedRecording(
				db,
				actor,
				form,
				{ ...draftFromForm(form), language: item.language },
				item.ownerOrganizationId
			);
			const saved = posted.problem ? null : await updateDraftItem(db, actor, item.id, posted.draft);
			if (!saved?.ok) {
				return fail(400, {
					values: posted.draft,
					errors: saved && !saved.ok && 'errors' in saved ? saved.errors : {},
					audioUrl: itemAudioUrl(posted.draft.audio || undefined),
					message:
						posted.problem ??
						(saved && 'reason' in saved ? m.items_error_not_draft() : m.items_error_form())
				});
			}
			redirect(303, `${routes.author.item(item.id)}?saved`);
		}),
	transition: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const step = String(form.get('step') ?? '') as ItemAction;
			if (!ITEM_ACTIONS.includes(step) || step === 'accept_calibration') {
				error(400, m.error_unexpected());
			}
			const moved = await transitionItem(db, actor, event.params.itemId, step);
			if (!moved.ok) return fail(400, { refused: moved.reason });
			return { moved: moved.status };
		}),
	copy: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const copied = await copySharedItem(
				db,
				actor,
				event.params.itemId,
				String(form.get('organizationId') ?? '')
			);
			if (!copied.ok) return fail(400, { refused: 'incomplete' });
			redirect(303, routes.author.item(copied.id));
		}),
	collection: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			await setCollectionItem(db, actor, {
				collectionId: String(form.get('collectionId') ?? ''),
				itemId: event.params.itemId,
				member: form.get('member') === 'true'
			});
			return { collectionChanged: true };
		})
};
