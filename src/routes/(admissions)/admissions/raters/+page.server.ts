import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { raterAgreement } from '$lib/server/rating/service';

/** The officer's view of how well the organization's raters agree (their ratings decide results). */
export const load: PageServerLoad = (event) =>
	actAs(event, 'admissions', async (actor) => ({
		raters: await raterAgreement(db, actor, 'organization')
	}));
