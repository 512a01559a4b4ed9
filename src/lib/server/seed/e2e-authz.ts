import { eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import {
	testItem,
	cohort,
	candidate,
	membership,
	organization,
	program,
	ratingRequest,
	recording,
	user,
	type Role
} from '$lib/server/db/schema';
import { hashPassword } from '$lib/server/auth/password';

/**
 * For the authorization table and the fuzz suite only (loaded when E2E_AUTHZ_FIXTURE=1; never
 * otherwise): two organizations of their own, so what those suites post never touches the demo
 * accounts other end-to-end tests use. Organization A has one account per role; everything the
 * table opens exists once in A ("own") and once in B ("other"). Ids and usernames are fixed so the
 * table (tests/e2e/authorization/table.ts) can name them.
 */
export const AUTHZ_PASSWORD = 'authz-fixture-password';

const ORGS = { a: 'org-authz-a', b: 'org-authz-b' } as const;
type Side = keyof typeof ORGS;

/** Accounts: `authz-<role>-a` in A, and a learner in B who owns B's candidacy and recording. */
const ACCOUNTS: { username: string; side: Side; role: Role }[] = [
	{ username: 'authz-learner-a', side: 'a', role: 'learner' },
	{ username: 'authz-instructor-a', side: 'a', role: 'instructor' },
	{ username: 'authz-officer-a', side: 'a', role: 'admissions' },
	{ username: 'authz-admin-a', side: 'a', role: 'admin' },
	{ username: 'authz-learner-b', side: 'b', role: 'learner' }
];

/** A platform administrator with no membership: the admin role everywhere, nothing else. */
export const AUTHZ_PLATFORM_ADMIN = 'authz-platform';

/** Fixed ids of what each side owns. Rating requests and recordings have uuid ids (src/params). */
export const AUTHZ_IDS = {
	a: {
		organization: ORGS.a,
		program: 'authz-program-a',
		candidate: 'authz-candidate-a',
		ratingRequest: '0a000000-0000-4000-8000-00000000000a',
		recording: '0a000000-0000-4000-8000-0000000000aa',
		class: '0a000000-0000-4000-8000-000000000c1a',
		item: 'authz-item-a'
	},
	b: {
		organization: ORGS.b,
		program: 'authz-program-b',
		candidate: 'authz-candidate-b',
		ratingRequest: '0b000000-0000-4000-8000-00000000000b',
		recording: '0b000000-0000-4000-8000-0000000000bb',
		class: '0b000000-0000-4000-8000-000000000c1b',
		item: 'authz-item-b'
	}
} as const;

export async function seedAuthzFixture(db: DB, now = new Date()): Promise<void> {
	const [seeded] = await db
		.select({ id: organization.id })
		.from(organization)
		.where(eq(organization.id, ORGS.a));
	if (seeded) return;
	const passwordHash = await hashPassword(AUTHZ_PASSWORD);
	const day = 86_400_000;
	await db.transaction(async (tx) => {
		await tx.insert(organization).values([
			{ id: ORGS.a, name: 'Trường Kiểm thử A (authz)', country: 'VN' },
			{ id: ORGS.b, name: 'ໂຮງຮຽນທົດສອບ B (authz)', country: 'LA' }
		]);
		for (const account of ACCOUNTS) {
			await tx.insert(user).values({
				id: account.username,
				username: account.username,
				displayName: account.username,
				phone: '+8560000000',
				locale: 'vi',
				passwordHash
			});
			await tx.insert(membership).values({
				userId: account.username,
				organizationId: ORGS[account.side],
				role: account.role
			});
		}
		await tx.insert(user).values({
			id: AUTHZ_PLATFORM_ADMIN,
			username: AUTHZ_PLATFORM_ADMIN,
			displayName: AUTHZ_PLATFORM_ADMIN,
			locale: 'vi',
			passwordHash,
			isPlatformAdmin: true
		});
		for (const side of ['a', 'b'] as const) {
			const ids = AUTHZ_IDS[side];
			// A draft test item of each side (the item editor's rows).
			await tx.insert(testItem).values({
				id: ids.item,
				bankId: 'vi-placement',
				skill: 'vocabulary_grammar',
				level: 2,
				kind: 'choice',
				content: {
					instruction: 'fill_gap',
					prompt: 'Tôi ___ sinh viên.',
					options: ['là', 'có', 'ở']
				},
				answerKey: { answer: 0 },
				a: 1,
				b: -1.5,
				status: 'draft',
				ownerOrganizationId: ids.organization
			});
			await tx.insert(program).values({
				id: ids.program,
				organizationId: ids.organization,
				name: `Chương trình kiểm thử ${side.toUpperCase()}`,
				intake: 'authz',
				bankId: 'vi-placement',
				minOverallLevel: 1,
				windowOpensAt: new Date(now.getTime() - day),
				windowClosesAt: new Date(now.getTime() + 30 * day),
				timeLimitMinutes: 60,
				maxAttempts: 2,
				retakeCooldownDays: 0,
				resultValidityMonths: 24
			});
			await tx.insert(cohort).values({
				id: ids.class,
				organizationId: ids.organization,
				name: `Lớp kiểm thử ${side.toUpperCase()}`,
				joinCode: `AUTHZ-CLS${side.toUpperCase()}`
			});
			await tx.insert(candidate).values({
				id: ids.candidate,
				programId: ids.program,
				userId: `authz-learner-${side}`,
				fullName: `Ứng viên ${side.toUpperCase()}`,
				invitationCode: `AUTHZ-${side.toUpperCase()}`
			});
			await tx.insert(recording).values({
				id: ids.recording,
				ownerId: `authz-learner-${side}`,
				mimeType: 'audio/webm',
				bytes: new Uint8Array([0x1a, 0x45, 0xdf, 0xa3])
			});
			await tx.insert(ratingRequest).values({
				id: ids.ratingRequest,
				organizationId: ids.organization,
				source: 'lesson',
				sourceId: `authz-answer-${side}`,
				skill: 'speaking',
				response: { recordingId: ids.recording },
				createdAt: now
			});
		}
	});
}
