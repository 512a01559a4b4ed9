import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { organizationsWithRole } from '$lib/server/accounts/home';
import { learnerHome } from '$lib/server/learning/home';
import { candidaciesOfUser } from '$lib/server/screening/context';
import { speakingRatingsOf } from '$lib/server/learning/lesson-ratings';

export const load: PageServerLoad = (event) =>
	actAs(event, 'learner', async (actor, user) => ({
		displayName: user.displayName,
		organizations: organizationsWithRole(event.locals, 'learner'),
		// The placement test is reached through an invitation: without one, no button leads to an empty page.
		invitedToTests: (await candidaciesOfUser(db, actor.id)).length > 0,
		...(await learnerHome(db, actor.id)),
		speakingRatings: (await speakingRatingsOf(db, actor.id)).map((r) => ({
			answerId: r.answerId,
			lessonTitle: r.lessonTitle,
			interfaceLanguage: r.interfaceLanguage,
			text: r.text,
			recordingId: r.recordingId,
			status: r.status,
			level: r.level,
			comment: r.comment,
			ratedAt: r.ratedAt
		}))
	}));
