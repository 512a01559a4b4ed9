import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { db } from '$lib/server/db';
import type { Actor } from '$lib/server/auth/actor';
import { actAs } from '$lib/server/auth/act-as';
import { programForOfficer } from '$lib/server/admissions/programs';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import {
	candidatesWithResults,
	inviteCandidates,
	repeatedInvitations
} from '$lib/server/admissions/candidates';
import {
	checkbox,
	formFields,
	formFiles,
	optionalText,
	parse,
	requiredText
} from '$lib/validation';
import { parseCandidatesCsv } from '$lib/screening/candidates-csv';
import { countByStatus, levelDistribution, listCandidates, readListQuery } from './candidate-list';
import { programSummary } from './program-view';

/** A pasted or uploaded list bigger than this is not a list of candidates (about 10,000 rows). */
const MAX_CSV_BYTES = 1_000_000;

export const load: PageServerLoad = (event) =>
	actAs(event, 'admissions', async (actor) => {
		const { programId } = event.params;
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
			statusCounts: countByStatus(everyone),
			candidates: listCandidates(everyone, query),
			distribution: levelDistribution(everyone)
		};
	});

type Submitted = { actor: Actor; programId: string; form: FormData };

const act = <T>(event: RequestEvent, run: (submitted: Submitted) => Promise<T>) =>
	actAs(event, 'admissions', async (actor) => {
		const { programId } = event.params;
		// Before reading anything the officer sent: is this program theirs?
		await programForOfficer(db, actor, programId);
		return run({ actor, programId, form: await event.request.formData() });
	});

/** One candidate typed in the form; `inviteAgain`: the officer confirmed a namesake is another person. */
const InviteOne = v.object({
	fullName: requiredText(200, m.adm_error_full_name_required),
	position: optionalText(200),
	sendingOrganization: optionalText(200),
	dateOfBirth: optionalText(40),
	phone: optionalText(40),
	inviteAgain: checkbox()
});

/** A pasted list (an uploaded file is read beside it, `formFiles`). */
const InviteCsv = v.object({
	csv: v.pipe(
		v.optional(v.string(), ''),
		v.maxLength(MAX_CSV_BYTES, () => m.validation_too_long({ max: MAX_CSV_BYTES }))
	)
});

export const actions: Actions = {
	invite: (event) =>
		act(event, async ({ actor, programId, form }) => {
			const parsed = parse(InviteOne, formFields(form));
			if (!parsed.ok)
				return fail(400, {
					action: 'invite' as const,
					values: parsed.values,
					errors: parsed.errors
				});
			const { inviteAgain, ...values } = parsed.data;
			const [repeated] = await repeatedInvitations(db, actor, programId, [values]);
			if (repeated && !inviteAgain) {
				// Asked, not refused: two people may share a name (and neither gave a date of birth).
				return fail(400, {
					action: 'invite' as const,
					values: parsed.data,
					errors: { fullName: m.adm_error_already_invited({ name: repeated.matches }) },
					repeated: repeated.matches
				});
			}
			await inviteCandidates(db, actor, programId, [values]);
			return { action: 'invite' as const, invited: 1, skippedLines: [] as number[] };
		}),
	inviteCsv: (event) =>
		act(event, async ({ actor, programId, form }) => {
			const parsed = parse(InviteCsv, formFields(form));
			if (!parsed.ok)
				return fail(400, {
					action: 'inviteCsv' as const,
					values: { csv: '' },
					error: parsed.errors.csv ?? 'csv_empty'
				});
			const pasted = parsed.data.csv;
			const file = formFiles(form).get('file');
			const values = { csv: pasted };
			if (file && file.size > MAX_CSV_BYTES) {
				return fail(400, {
					action: 'inviteCsv' as const,
					values,
					error: m.validation_too_long({ max: MAX_CSV_BYTES })
				});
			}
			const csv = file ? await file.text() : pasted;
			if (!csv.trim())
				return fail(400, { action: 'inviteCsv' as const, values, error: 'csv_empty' });
			const list = parseCandidatesCsv(csv);
			if (list.missingNameColumn) {
				return fail(400, { action: 'inviteCsv' as const, values, error: 'csv_no_name_column' });
			}
			const skippedLines = list.errors.map((e) => e.line);
			if (list.rows.length === 0) {
				return fail(400, {
					action: 'inviteCsv' as const,
					values,
					error: 'csv_empty',
					skippedLines
				});
			}
			// Someone already invited, or listed twice, is not given a second code.
			const repeated = await repeatedInvitations(db, actor, programId, list.rows);
			const fresh = list.rows.filter((_, i) => !repeated.some((r) => r.index === i));
			const notInvitedAgain = repeated.map((r) => list.rows[r.index].fullName);
			if (fresh.length === 0) {
				return fail(400, {
					action: 'inviteCsv' as const,
					values,
					error: 'csv_all_repeated',
					skippedLines,
					notInvitedAgain
				});
			}
			await inviteCandidates(db, actor, programId, fresh);
			return { action: 'inviteCsv' as const, invited: fresh.length, skippedLines, notInvitedAgain };
		})
};
