import { eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { user } from '$lib/server/db/schema';
import { hashPassword } from '$lib/server/auth/password';
import { grantMembership, insertUser } from '$lib/server/accounts/repository';
import { DEMO_PASSWORD } from './demo';

/**
 * For the recording-queue e2e test only (loaded when E2E_MEDIA_FIXTURE=1): an instructor of another
 * school (Lai Châu College), who must be refused the demo school's courses. Never loaded otherwise.
 */
export const E2E_OTHER_INSTRUCTOR = 'instructor.laichau';

export async function seedMediaFixture(db: DB): Promise<void> {
	const [existing] = await db
		.select({ id: user.id })
		.from(user)
		.where(eq(user.username, E2E_OTHER_INSTRUCTOR));
	if (existing) return;
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	await db.transaction(async (tx) => {
		const id = crypto.randomUUID();
		await insertUser(tx, {
			id,
			username: E2E_OTHER_INSTRUCTOR,
			displayName: 'Lò Văn Minh',
			locale: 'vi',
			passwordHash,
			isPlatformAdmin: false
		});
		await grantMembership(tx, {
			userId: id,
			organizationId: 'org-lai-chau-college',
			role: 'instructor'
		});
	});
}
