import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { raterAgreement } from '$lib/server/rating/service';

/** Every rater of the instructor's organizations: agreement with the others on shared answers. */
export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => ({
		raters: await raterAgreement(db, actor, 'organization')
	}));
