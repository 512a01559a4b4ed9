import { error, fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
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
import { readItemForm } from '../item-form';
import { withPostedRecording } from '../recording';
import { optionalText, parseHiddenForm } from '$lib/validation';

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

/** The small forms of this page (valibot, `$lib/validation`); the editor's is `readItemForm`. */
const schemas = {
	transition: v.object({ step: optionalText(40) }),
	copy: v.object({ organizationId: optionalText(100) }),
	collection: v.object({ collectionId: optionalText(100), member: optionalText(10) })
};

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
			const { draft, version, recording } = await readItemForm(event.request);
			const posted = await withPostedRecording(
				db,
				actor,
				recording,
				{ ...draft, language: item.language },
				item.ownerOrganizationId
			);
			const saved = posted.problem
				? null
				: await updateDraftItem(db, actor, item.id, posted.draft, {
						seenVersion: version || undefined
					});
			if (!saved?.ok) {
				const reason = saved && 'reason' in saved ? saved.reason : null;
				return fail(reason === 'changed_elsewhere' ? 409 : 400, {
					values: posted.draft,
					// Saved by someone else meanwhile: saving again replaces their version knowingly.
					version: saved && 'version' in saved ? saved.version : version,
					errors: saved && 'errors' in saved ? saved.errors : {},
					audioUrl: itemAudioUrl(posted.draft.audio || undefined),
					message:
						posted.problem ??
						(reason === 'changed_elsewhere'
							? m.items_error_changed_elsewhere()
							: reason === 'not_draft'
								? m.items_error_not_draft()
								: m.items_error_form())
				});
			}
			redirect(303, `${routes.author.item(item.id)}?saved`);
		}),
	transition: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const step = (await parseHiddenForm(schemas.transition, event.request)).step as ItemAction;
			if (!ITEM_ACTIONS.includes(step) || step === 'accept_calibration') {
				error(400, m.error_unexpected());
			}
			const moved = await transitionItem(db, actor, event.params.itemId, step);
			if (!moved.ok) return fail(400, { refused: moved.reason });
			return { moved: moved.status };
		}),
	copy: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const { organizationId } = await parseHiddenForm(schemas.copy, event.request);
			const copied = await copySharedItem(db, actor, event.params.itemId, organizationId);
			if (!copied.ok) return fail(400, { refused: 'incomplete' });
			redirect(303, routes.author.item(copied.id));
		}),
	collection: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const { collectionId, member } = await parseHiddenForm(schemas.collection, event.request);
			await setCollectionItem(db, actor, {
				collectionId,
				itemId: event.params.itemId,
				member: member === 'true'
			});
			return { collectionChanged: true };
		})
};
