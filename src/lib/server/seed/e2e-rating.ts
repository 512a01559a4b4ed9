import type { DB } from '$lib/server/db/client';
import { candidate, program } from '$lib/server/db/schema';
import { hashPassword } from '$lib/server/auth/password';
import { findUserByUsername, grantMembership, insertUser } from '$lib/server/accounts/repository';
import { DEMO_PASSWORD } from './demo';

/**
 * For the rating e2e test only (loaded when E2E_RATING_FIXTURE=1): a program of the demo
 * instructor's school whose writing and speaking are rated, and candidates with known invitation
 * codes. The officer's new-program form does not offer rated sections yet, so the test cannot set
 * this up through the interface. Never loaded otherwise.
 */
export const E2E_RATED_PROGRAM_ID = 'e2e-rated-program';
export const E2E_RATED_CODES = ['RATE-E2E1', 'RATE-E2E2', 'RATE-E2E3'];
/**
 * The two-raters test: a program with rated writing, whose officer turns "two independent ratings"
 * on in the form; its candidate; and two more instructors of the demo school, so that three
 * different people can rate one answer (the demo instructor, then these two).
 */
export const E2E_TWO_RATERS_PROGRAM_ID = 'e2e-two-raters';
export const E2E_TWO_RATERS_CODE = 'RATE-TWO1';
export const E2E_RATERS = [
	{ username: 'rater.two', displayName: 'ວົງພະຈັນ ສີສະຫວາດ', locale: 'lo' as const },
	{ username: 'rater.three', displayName: 'ແກ້ວ ພົມມະຈັນ', locale: 'lo' as const }
];

export async function seedRatingFixture(db: DB, now = new Date()): Promise<void> {
	const day = 86_400_000;
	await db
		.insert(program)
		.values({
			id: E2E_RATED_PROGRAM_ID,
			organizationId: 'org-thanh-hoa-political-school',
			name: 'Trung cấp lý luận chính trị (e2e)',
			intake: 'Lớp Lào khoá 6',
			bankId: 'vi-placement',
			minOverallLevel: 1,
			skillMinimums: { writing: 2, speaking: 2 },
			ratedSections: ['writing', 'speaking'],
			windowOpensAt: new Date(now.getTime() - day),
			windowClosesAt: new Date(now.getTime() + 30 * day),
			timeLimitMinutes: 90,
			maxAttempts: 2,
			retakeCooldownDays: 0,
			resultValidityMonths: 24
		})
		.onConflictDoNothing();
	await db
		.insert(candidate)
		.values(
			E2E_RATED_CODES.map((code, i) => ({
				id: `e2e-rated-candidate-${i + 1}`,
				programId: E2E_RATED_PROGRAM_ID,
				fullName: `ບຸນມີ ${i + 1}`,
				invitationCode: code
			}))
		)
		.onConflictDoNothing();
}

export async function seedTwoRatersFixture(db: DB, now = new Date()): Promise<void> {
	const day = 86_400_000;
	await db
		.insert(program)
		.values({
			id: E2E_TWO_RATERS_PROGRAM_ID,
			organizationId: 'org-thanh-hoa-political-school',
			name: 'Cao cấp lý luận chính trị (e2e hai người chấm)',
			intake: 'Khoá 2027',
			bankId: 'vi-placement',
			minOverallLevel: 1,
			skillMinimums: { writing: 1 },
			ratedSections: ['writing'],
			windowOpensAt: new Date(now.getTime() - day),
			windowClosesAt: new Date(now.getTime() + 30 * day),
			timeLimitMinutes: 90,
			maxAttempts: 2,
			retakeCooldownDays: 0,
			resultValidityMonths: 24
		})
		.onConflictDoNothing();
	await db
		.insert(candidate)
		.values({
			id: 'e2e-two-raters-candidate',
			programId: E2E_TWO_RATERS_PROGRAM_ID,
			fullName: 'ສົມພອນ ແກ້ວມະນີ',
			invitationCode: E2E_TWO_RATERS_CODE
		})
		.onConflictDoNothing();
	for (const rater of E2E_RATERS) {
		if (await findUserByUsername(db, rater.username)) continue;
		const id = crypto.randomUUID();
		await db.transaction(async (tx) => {
			await insertUser(tx, {
				id,
				...rater,
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
}
