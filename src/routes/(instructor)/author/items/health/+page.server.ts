import type { PageServerLoad } from './$types';
import { db } from '$lib/server/db';
import { actAs } from '$lib/server/auth/act-as';
import { bankHealth } from '$lib/server/placement/item-calibration';
import { programRequirementsOf } from '$lib/server/admissions/admitted';
import { itemScope } from '../scope';

export const load: PageServerLoad = (event) =>
	actAs(event, 'instructor', async (actor) => {
		const scope = itemScope(event.locals, event.url.searchParams);
		return {
			...scope,
			health: scope.organizationId
				? await bankHealth(db, actor, {
						organizationId: scope.organizationId,
						language: scope.language,
						programs: await programRequirementsOf(db, [scope.organizationId])
					})
				: null
		};
	});
