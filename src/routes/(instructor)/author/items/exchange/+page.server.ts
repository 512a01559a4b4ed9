import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { organizationsWithRole } from '$lib/server/accounts/home';
import {
	exchangeBanks,
	exchangeOrganizations,
	importItems,
	ITEM_LANGUAGES,
	previewImport,
	type ImportInput,
	type ItemLanguage
} from '$lib/server/placement/exchange';

/** The instructor's organizations (to import into) and the banks they own (to export). */
export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const allowed = new Set(exchangeOrganizations(actor));
		return {
			organizations: organizationsWithRole(event.locals, 'instructor')
				.filter((o) => allowed.has(o.organizationId))
				.map((o) => ({ id: o.organizationId, name: o.organizationName })),
			banks: await exchangeBanks(db, actor)
		};
	});

/** The form's fields; a missing or foreign organization is the service's refusal (403). */
async function readForm(request: Request) {
	const form = await request.formData();
	const organizationId = String(form.get('organizationId') ?? '');
	const languageField = String(form.get('language') ?? 'vi');
	const language: ItemLanguage = (ITEM_LANGUAGES as readonly string[]).includes(languageField)
		? (languageField as ItemLanguage)
		: 'vi';
	const file = form.get('file');
	const values = { organizationId, language };
	if (!(file instanceof File) || file.size === 0) return { values, input: null };
	const input: ImportInput = {
		organizationId,
		language,
		fileName: file.name,
		bytes: new Uint8Array(await file.arrayBuffer())
	};
	return { values, input };
}

export const actions: Actions = {
	preview: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const { values, input } = await readForm(event.request);
			if (!input) return fail(400, { ...values, error: m.exchange_error_empty() });
			const report = await previewImport(db, actor, input);
			return { ...values, report, imported: false };
		}),
	import: (event) =>
		actAs(event, 'instructor', async (actor) => {
			const { values, input } = await readForm(event.request);
			if (!input) return fail(400, { ...values, error: m.exchange_error_empty() });
			const result = await importItems(db, actor, input);
			if (!result.ok)
				return fail(400, { ...values, report: result.report, error: m.exchange_error_refused() });
			return { ...values, report: result.report, imported: true };
		})
};
