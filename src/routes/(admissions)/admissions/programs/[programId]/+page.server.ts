import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import { actorOf, requireRole } from '$lib/server/auth/guards';
import { withForbidden } from '$lib/server/admin/http';
import {
	candidatesWithResults,
	inviteCandidates,
	programForOfficer
} from '$lib/server/screening/admissions';
import { parseCandidatesCsv } from '$lib/screening/candidates-csv';
import { levelDistribution, listCandidates, readListQuery } from './candidate-list';
import { programSummary } from './program-view';

/** A pasted or uploaded list bigger than this is not a list of candidates (about 10,000 rows). */
const MAX_CSV_BYTES = 1_000_000;

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admissions');
	const actor = actorOf(event.locals);
	const { programId } = event.params;
	return withForbidden(async () => {
		const program = await programForOfficer(db, actor, programId);
		const everyone = (await candidatesWithResults(db, actor, programId)).map((c) => ({
			id: c.id,
			fullName: c.fullName,
			sendingOrganization: c.sendingOrganization,
			status: c.status,
			attempts: c.attempts,
			latest: c.latest && {
				overallLevel: c.latest.overallLevel,
				skillLevels: c.latest.skillLevels,
				theta: c.latest.theta,
				standardError: c.latest.standardError,
				passed: c.latest.passed,
				finishedAt: c.latest.finishedAt
			},
			decision: c.decision && { decision: c.decision.decision, decidedAt: c.decision.decidedAt }
		}));
		const query = readListQuery(event.url.searchParams);
		return {
			program: programSummary(program),
			query,
			total: everyone.length,
			candidates: listCandidates(everyone, query),
			distribution: levelDistribution(everyone)
		};
	});
};

async function prepare(event: RequestEvent) {
	requireRole(event, 'admissions');
	const actor = actorOf(event.locals);
	const { programId } = event.params;
	// Before reading anything the officer sent: is this program theirs?
	await withForbidden(() => programForOfficer(db, actor, programId));
	return { actor, programId, form: await event.request.formData() };
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const actions: Actions = {
	invite: async (event) => {
		const { actor, programId, form } = await prepare(event);
		const values = {
			fullName: text(form, 'fullName'),
			position: text(form, 'position'),
			sendingOrganization: text(form, 'sendingOrganization'),
			dateOfBirth: text(form, 'dateOfBirth'),
			phone: text(form, 'phone')
		};
		if (!values.fullName) {
			return fail(400, {
				action: 'invite' as const,
				values,
				errors: { fullName: 'full_name_required' }
			});
		}
		await withForbidden(() => inviteCandidates(db, actor, programId, [values]));
		return { action: 'invite' as const, invited: 1, skippedLines: [] as number[] };
	},
	inviteCsv: async (event) => {
		const { actor, programId, form } = await prepare(event);
		const pasted = String(form.get('csv') ?? '');
		const file = form.get('file');
		const values = { csv: pasted };
		const fromFile = file instanceof File && file.size > 0;
		if ((fromFile && file.size > MAX_CSV_BYTES) || pasted.length > MAX_CSV_BYTES) {
			return fail(400, { action: 'inviteCsv' as const, values, error: 'csv_empty' });
		}
		const csv = fromFile ? await file.text() : pasted;
		if (!csv.trim()) return fail(400, { action: 'inviteCsv' as const, values, error: 'csv_empty' });
		const parsed = parseCandidatesCsv(csv);
		if (parsed.missingNameColumn) {
			return fail(400, { action: 'inviteCsv' as const, values, error: 'csv_no_name_column' });
		}
		const skippedLines = parsed.errors.map((e) => e.line);
		if (parsed.rows.length === 0) {
			return fail(400, { action: 'inviteCsv' as const, values, error: 'csv_empty', skippedLines });
		}
		await withForbidden(() => inviteCandidates(db, actor, programId, parsed.rows));
		return { action: 'inviteCsv' as const, invited: parsed.rows.length, skippedLines };
	}
};
