import type { DB } from '$lib/server/db/client';
import { hashPassword } from '$lib/server/auth/password';
import { findUserByUsername, grantMembership, insertUser } from '$lib/server/accounts/repository';
import { DEMO_PASSWORD } from './demo';

/**
 * The item bank e2e test (E2E_ITEMS_FIXTURE=1): a second instructor of the demo school, with a Lao
 * interface, who reviews what the demo instructor writes (authors never approve their own items).
 * With the flag, the calibration page also offers to add simulated candidates' answers. Tests only.
 */
export const E2E_REVIEWER = 'instructor.reviewer';

export async function seedItemsFixture(db: DB): Promise<void> {
	if (await findUserByUsername(db, E2E_REVIEWER)) return;
	const id = crypto.randomUUID();
	await db.transaction(async (tx) => {
		await insertUser(tx, {
			id,
			username: E2E_REVIEWER,
			displayName: 'ບຸນມີ ພົມມະວົງ',
			locale: 'lo',
			passwordHash: await hashPassword(DEMO_PASSWORD),
			isPlatformAdmin: false
		});
		await grantMembership(tx, {
			userId: id,
			organizationId: 'org-thanh-hoa-political-school',
			role: 'instructor'
		});
	});
}
