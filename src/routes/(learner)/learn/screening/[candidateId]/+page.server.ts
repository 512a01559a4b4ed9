import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { requireOwnCandidacy } from '$lib/server/screening/candidate-guard';
import { attemptsOf, decisionOfCandidate } from '$lib/server/screening/context';
import { eligibilityOf, startOrResumeAttempt } from '$lib/server/screening/delivery';
import { expireIfOverdue } from '$lib/server/screening/lifecycle';
import { routes } from '$lib/routes';
import { bankLanguage } from '$lib/server/placement/banks';

export const load: PageServerLoad = async (event) => {
	const ctx = await requireOwnCandidacy(event);
	const now = new Date();
	for (const row of await attemptsOf(db, ctx.candidate.id))
		await expireIfOverdue(db, row, ctx, now);
	const attempts = await attemptsOf(db, ctx.candidate.id);
	const latest = [...attempts].reverse().find((a) => a.status !== 'in_progress') ?? null;
	return {
		program: {
			name: ctx.program.name,
			intake: ctx.program.intake,
			timeLimitMinutes: ctx.program.timeLimitMinutes,
			// A class's exit test: the same test, with no admission, pass mark or certificate.
			exit: ctx.program.purpose === 'exit',
			// A speaking part: the microphone is checked before the test starts.
			speaking: ctx.program.ratedSections.includes('speaking')
		},
		language: await bankLanguage(db, ctx.program.bankId),
		eligibility: await eligibilityOf(db, ctx, now),
		decision: await decisionOfCandidate(db, ctx.candidate.id),
		latest: latest && {
			status: latest.status,
			overallLevel: latest.overallLevel,
			skillLevels: latest.skillLevels ?? {},
			passed: latest.passed,
			validUntil: latest.validUntil,
			verificationCode: latest.verificationCode
		}
	};
};

export const actions: Actions = {
	start: async (event) => {
		const ctx = await requireOwnCandidacy(event);
		const started = await startOrResumeAttempt(db, ctx);
		if (started.ok) redirect(303, routes.learn.screening.test(ctx.candidate.id));
		redirect(303, routes.learn.screening.overview(ctx.candidate.id));
	}
};
