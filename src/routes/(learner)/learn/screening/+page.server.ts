import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { candidaciesOfUser } from '$lib/server/screening/context';

export const load: PageServerLoad = (event) =>
	actAs(event, 'learner', async (actor) => ({
		candidacies: await candidaciesOfUser(db, actor.id)
	}));
