import type { DB } from '$lib/server/db/client';
import { hashPassword } from '$lib/server/auth/password';
import { findUserByUsername, grantMembership, insertUser } from '$lib/server/accounts/repository';
import { DEMO_PASSWORD } from './demo';

/**
 * The course editor's e2e test: an instructor of another organization (Lai Châu College), who must
 * be refused every course of the demo school. Tests only (E2E_AUTHORING_FIXTURE=1).
 */
export async function seedAuthoringFixture(db: DB): Promise<void> {
	if (await findUserByUsername(db, 'instructor.laichau')) return;
	const id = crypto.randomUUID();
	await db.transaction(async (tx) => {
		await insertUser(tx, {
			id,
			username: 'instructor.laichau',
			displayName: 'Lò Văn Minh',
			locale: 'vi',
			passwordHash: await hashPassword(DEMO_PASSWORD),
			isPlatformAdmin: false
		});
		await grantMembership(tx, {
			userId: id,
			organizationId: 'org-lai-chau-college',
			role: 'instructor'
		});
	});
}
