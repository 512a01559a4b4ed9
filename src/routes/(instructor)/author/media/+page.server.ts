import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { organizationsWithRole } from '$lib/server/accounts/home';
import { imageLibrary, uploadToLibrary } from '$lib/server/media/service';

/** The pictures of the instructor's organizations, to attach to lessons by their link. */
export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => ({
		organizations: organizationsWithRole(event.locals, 'instructor'),
		images: await imageLibrary(db, actor)
	}));

export const actions: Actions = {
	upload: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const organizationId = String(form.get('organizationId') ?? '');
			const label = String(form.get('label') ?? '');
			const file = form.get('image');
			if (!(file instanceof File) || file.size === 0)
				return fail(400, { label, organizationId, error: m.media_error_empty() });
			const outcome = await uploadToLibrary(db, actor, {
				organizationId,
				kind: 'image',
				bytes: new Uint8Array(await file.arrayBuffer()),
				label: label || file.name
			});
			if (!outcome.ok)
				return fail(400, {
					label,
					organizationId,
					error:
						outcome.problem === 'too_large'
							? m.media_error_image_too_large()
							: outcome.problem === 'wrong_type'
								? m.media_error_image_type()
								: m.media_error_empty()
				});
			redirect(303, routes.author.media());
		})
};
