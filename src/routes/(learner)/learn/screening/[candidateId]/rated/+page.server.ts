import { fail, redirect } from '@sveltejs/kit';
import * as v from 'valibot';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { openAttemptOf, requireOwnCandidacy } from '$lib/server/screening/candidate-guard';
import {
	saveWritingDraft,
	submitRecording,
	submitWriting,
	RECORDING_MAX_BYTES,
	WRITING_MAX_CHARS,
	type RatedOutcome
} from '$lib/server/screening/rated-part';
import { currentRatedTask, ratedTasksOf } from '$lib/server/screening/rated-tasks';
import { publicItemId } from '$lib/server/screening/item-ids';
import { routes } from '$lib/routes';
import { minimumSeconds } from '$lib/screening/speaking-time';
import {
	formFields,
	formFiles,
	optionalText,
	parse,
	typedText,
	typedValues
} from '$lib/validation';

/**
 * The answer forms (valibot, `$lib/validation`): the task's opaque id and the text as typed, or the
 * recording as the file field `audio`. How long an answer may be is the rated part's rule
 * (`too_long`); the schema only stops text far beyond it (even in decomposed Unicode).
 */
const AnswerForm = v.object({
	itemId: optionalText(100),
	text: typedText(WRITING_MAX_CHARS * 4)
});

/** The answer as sent, or the refusal a form no page sends gets (the same as the rated part's). */
async function readAnswer(request: Request) {
	const form = await request.formData();
	const parsed = parse(AnswerForm, formFields(form));
	if (parsed.ok) return { answer: parsed.data, audio: formFiles(form).get('audio') };
	const { text } = typedValues(parsed.values, ['text']);
	return {
		refusal: parsed.errors.text
			? fail(400, { error: 'too_long' as const, text })
			: fail(409, { error: 'not_current' as const, text })
	};
}

export const load: PageServerLoad = async (event) => {
	const ctx = await requireOwnCandidacy(event);
	const overview = routes.learn.screening.overview(ctx.candidate.id);
	const row = await openAttemptOf(ctx);
	if (!row || row.status !== 'in_progress') redirect(303, overview);
	const tasks = await ratedTasksOf(db, row.id);
	const task = currentRatedTask(tasks);
	if (!task) redirect(303, overview);
	return {
		candidateId: ctx.candidate.id,
		number: tasks.indexOf(task) + 1,
		total: tasks.length,
		// The server's clock decides; the page only counts down from what it is told.
		secondsLeft: Math.max(0, Math.floor((row.deadlineAt.getTime() - Date.now()) / 1000)),
		maxBytes: RECORDING_MAX_BYTES,
		task: {
			// The attempt's opaque id: the item's own id would tell its level (item-ids.ts).
			itemId: publicItemId(row, task.itemId),
			skill: task.skill,
			prompt: task.prompt,
			promptGloss: task.promptGloss,
			// Timed speaking: the shortest recording accepted (0: any length), checked again by the server.
			minimumSeconds: minimumSeconds(task.speakingTime),
			draft: task.response.text ?? ''
		}
	};
};

/** Where a refused answer leaves the candidate: an error to show, or the page that now applies. */
function refused(outcome: RatedOutcome & { ok: false }, overview: string, text: string) {
	switch (outcome.reason) {
		case 'empty':
		case 'too_long':
		case 'too_large':
		case 'unreadable':
			return fail(400, { error: outcome.reason, text });
		case 'too_short':
			return fail(400, { error: outcome.reason, text, minimumSeconds: outcome.minimumSeconds });
		case 'not_current':
			return fail(409, { error: outcome.reason, text });
		default:
			redirect(303, overview);
	}
}

export const actions: Actions = {
	/** The draft, saved on the server so it survives a reload or a dropped connection. */
	save: async (event) => {
		const ctx = await requireOwnCandidacy(event);
		const overview = routes.learn.screening.overview(ctx.candidate.id);
		const sent = await readAnswer(event.request);
		if (!sent.answer) return sent.refusal;
		const { itemId, text } = sent.answer;
		const row = await openAttemptOf(ctx);
		if (!row || row.status !== 'in_progress') redirect(303, overview);
		const outcome = await saveWritingDraft(db, row, ctx, { itemId, text });
		if (!outcome.ok) return refused(outcome, overview, text);
		return { saved: true, text };
	},
	submit: async (event) => {
		const ctx = await requireOwnCandidacy(event);
		const overview = routes.learn.screening.overview(ctx.candidate.id);
		const sent = await readAnswer(event.request);
		if (!sent.answer) return sent.refusal;
		const { itemId, text } = sent.answer;
		const row = await openAttemptOf(ctx);
		if (!row || row.status !== 'in_progress') redirect(303, overview);
		const outcome = await submitWriting(db, row, ctx, { itemId, text });
		if (!outcome.ok) return refused(outcome, overview, text);
		redirect(303, outcome.closed ? overview : `${overview}/rated`);
	},
	/** Without a recorder in the browser: a file from the phone's own voice recorder. */
	upload: async (event) => {
		const ctx = await requireOwnCandidacy(event);
		const overview = routes.learn.screening.overview(ctx.candidate.id);
		const sent = await readAnswer(event.request);
		if (!sent.answer) return sent.refusal;
		const { itemId } = sent.answer;
		const file = sent.audio;
		if (!file) return fail(400, { error: 'empty', text: '' });
		if (file.size > RECORDING_MAX_BYTES) return fail(400, { error: 'too_large', text: '' });
		const row = await openAttemptOf(ctx);
		if (!row || row.status !== 'in_progress') redirect(303, overview);
		const outcome = await submitRecording(db, row, ctx, {
			itemId,
			bytes: new Uint8Array(await file.arrayBuffer()),
			mimeType: file.type
		});
		if (!outcome.ok) return refused(outcome, overview, '');
		redirect(303, outcome.closed ? overview : `${overview}/rated`);
	}
};
