import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { listPrograms } from '$lib/server/admissions/programs';

export const load: PageServerLoad = (event) =>
	actAs(event, 'admissions', async (actor) => ({ programs: await listPrograms(db, actor) }));
