import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { audioCoverage } from '$lib/server/media/service';

/** Every course of the instructor's organizations: how much of it has audio, and its latest recordings. */
export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => ({ courses: await audioCoverage(db, actor) }));
