import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { holdsRole } from '$lib/server/auth/guards';
import { auditFilterChoices, auditLogForOfficer } from '$lib/server/admissions/audit-log';
import { routes } from '$lib/routes';
import { AUDIT_READERS } from './audit-access';
import { auditQueryString, readAuditFilter } from './audit-filter';

export const load: PageServerLoad = (event) =>
	actAs(event, AUDIT_READERS, async (actor) => {
		const choices = await auditFilterChoices(db, actor);
		const { query, filter, ignored } = readAuditFilter(event.url.searchParams, choices.people);
		return {
			entries: await auditLogForOfficer(db, actor, filter),
			choices,
			query,
			filtered: auditQueryString(query) !== '',
			ignored,
			// The CSV holds what the page shows: the same filter.
			exportHref: routes.admissions.auditExport() + auditQueryString(query),
			// Administrators who run no admissions came from their own area: the way back leads there.
			cameFromAdmin: !holdsRole(event.locals, 'admissions')
		};
	});
