import { error, fail } from '@sveltejs/kit';
import * as v from 'valibot';
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
import { formFields, formFiles, optionalText, parse } from '$lib/validation';

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

/**
 * The form (valibot, `$lib/validation`): two selects and the file field `file`. A missing or foreign
 * organization is the service's refusal (403); a language not offered reads as Vietnamese.
 */
const ExchangeForm = v.object({
	organizationId: optionalText(100),
	language: v.pipe(
		optionalText(10),
		v.transform((value): ItemLanguage =>
			(ITEM_LANGUAGES as readonly string[]).includes(value) ? (value as ItemLanguage) : 'vi'
		)
	)
});

async function readForm(request: Request) {
	const form = await request.formData();
	const parsed = parse(ExchangeForm, formFields(form));
	// Two selects and an id cut to their length: only a request no page sends gets here.
	if (!parsed.ok) error(400, m.error_unexpected());
	const { organizationId, language } = parsed.data;
	const file = formFiles(form).get('file');
	const values = { organizationId, language };
	if (!file) return { values, input: null };
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
