import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { routes } from '$lib/routes';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { organizationsWithRole } from '$lib/server/accounts/home';
import { imageLibrary, uploadToLibrary } from '$lib/server/media/service';
import { formFields, formFiles, optionalText, parse, typedValues } from '$lib/validation';

/** The pictures of the instructor's organizations, to attach to lessons by their link. */
export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => ({
		organizations: organizationsWithRole(event.locals, 'instructor'),
		images: await imageLibrary(db, actor)
	}));

/** The upload form's text (valibot, `$lib/validation`); the picture is its file field `image`. */
const UploadForm = v.object({ organizationId: optionalText(100), label: optionalText(120) });

export const actions: Actions = {
	upload: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const form = await event.request.formData();
			const parsed = parse(UploadForm, formFields(form));
			if (!parsed.ok)
				return fail(400, {
					...typedValues(parsed.values, ['label', 'organizationId']),
					error: Object.values(parsed.errors)[0]
				});
			const { organizationId, label } = parsed.data;
			const file = formFiles(form).get('image');
			if (!file) return fail(400, { label, organizationId, error: m.media_error_empty() });
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
