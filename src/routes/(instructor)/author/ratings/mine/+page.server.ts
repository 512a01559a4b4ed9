import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { myRatings, raterAgreement } from '$lib/server/rating/service';

/** The ratings the instructor gave, newest first; blind like the queue (no names). */
export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => ({
		ratings: (await myRatings(db, actor)).map((r) => ({
			id: r.id,
			source: r.source,
			skill: r.skill,
			origin: r.origin,
			itemLevel: r.itemLevel,
			ratedAt: r.ratedAt,
			// Points per criterion in the rubric's order: "2 · 3 · 1".
			scores: Object.entries(r.criterionScores ?? {})
				.sort(([a], [b]) => Number(a) - Number(b))
				.map(([, points]) => points),
			level: r.level,
			stage: r.stage,
			canReopen: r.canReopen
		})),
		// Only the instructor's own figures: their agreement with whoever rated the same answers.
		agreement: await raterAgreement(db, actor, 'own')
	}));
