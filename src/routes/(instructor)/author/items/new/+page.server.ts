import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { organizationsWithRole } from '$lib/server/accounts/home';
import { createDraftItem, itemAudioUrl, passageGroups } from '$lib/server/placement/items';
import { emptyDraft, readItemForm } from '../item-form';
import { withPostedRecording } from '../recording';

export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const language = event.url.searchParams.get('language') === 'lo' ? 'lo' : 'vi';
		return {
			draft: emptyDraft(event.url.searchParams.get('kind'), language),
			organizations: organizationsWithRole(event.locals, 'instructor'),
			passageGroups: await passageGroups(db, actor)
		};
	});

export const actions: Actions = {
	save: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const { organizationId, draft, recording } = await readItemForm(event.request);
			const orgs = organizationsWithRole(event.locals, 'instructor').map((o) => o.organizationId);
			if (!orgs.includes(organizationId)) {
				return fail(400, {
					values: draft,
					errors: {},
					audioUrl: null,
					message: m.items_error_form()
				});
			}
			const posted = await withPostedRecording(db, actor, recording, draft, organizationId);
			const created = posted.problem
				? null
				: await createDraftItem(db, actor, { organizationId, draft: posted.draft });
			if (!created?.ok) {
				return fail(400, {
					values: posted.draft,
					errors: created?.ok === false ? created.errors : {},
					audioUrl: itemAudioUrl(posted.draft.audio || undefined),
					message: posted.problem ?? m.items_error_form()
				});
			}
			redirect(303, `${routes.author.item(created.id)}?saved`);
		})
};
