import type { DB } from '$lib/server/db/client';
import { invitationCode, membership, organization, user, type Role } from '$lib/server/db/schema';
import { hashPassword } from '$lib/server/auth/password';
import { generateCode } from '$lib/server/auth/codes';

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function makeOrganization(
	db: DB,
	overrides: Partial<typeof organization.$inferInsert> = {}
) {
	const row = { id: unique('org-'), name: unique('Org '), country: 'VN' as const, ...overrides };
	await db.insert(organization).values(row);
	return row;
}

export const TEST_PASSWORD = 'correct horse battery';
let testPasswordHash: Promise<string> | undefined;

export async function makeUser(
	db: DB,
	options: {
		roles?: { organizationId: string; role: Role }[];
		isPlatformAdmin?: boolean;
		username?: string;
		displayName?: string;
	} = {}
) {
	testPasswordHash ??= hashPassword(TEST_PASSWORD);
	const row = {
		id: crypto.randomUUID(),
		username: options.username ?? unique('user'),
		displayName: options.displayName ?? 'Test Person',
		passwordHash: await testPasswordHash,
		isPlatformAdmin: options.isPlatformAdmin ?? false
	};
	await db.insert(user).values(row);
	for (const r of options.roles ?? []) await db.insert(membership).values({ userId: row.id, ...r });
	return row;
}

export async function makeInvitationCode(
	db: DB,
	organizationId: string,
	overrides: Partial<typeof invitationCode.$inferInsert> = {}
) {
	const code = overrides.code ?? generateCode();
	const row = { code, organizationId, role: 'learner' as const, maxUses: 1, ...overrides };
	await db.insert(invitationCode).values(row);
	return row;
}
