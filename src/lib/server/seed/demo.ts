import type { DB } from '$lib/server/db/client';
import { organization, type Role } from '$lib/server/db/schema';
import { hashPassword } from '$lib/server/auth/password';
import { grantMembership, insertInvitationCode, insertUser } from '$lib/server/accounts/repository';
import { insertOrganizations } from '$lib/server/admin/repository';
import { giveSeedCourse } from '$lib/server/learning/publish';
import { seedShowcase } from './demo-showcase';
import { CLASS_LEARNERS, HISTORY_LEARNER } from './demo-people';

/**
 * The demo, seeded on a first start unless SEED_DEMO=false: loaded by hooks.server.ts only when
 * seeding, and written through the owning domains' functions like any other data.
 */

/**
 * Demo organizations from the field (design.md §1): two Vietnamese schools that train Lao cadres,
 * and the two Lao bodies that send them.
 */
export const DEMO_ORGANIZATIONS = [
	{ id: 'org-thanh-hoa-political-school', name: 'Trường Chính trị tỉnh Thanh Hoá', country: 'VN' },
	{ id: 'org-lai-chau-college', name: 'Trường Cao đẳng Lai Châu', country: 'VN' },
	// Huaphan (Houaphanh) Provincial Organization Committee
	{ id: 'org-huaphan-organization-committee', name: 'ຄະນະຈັດຕັ້ງແຂວງຫົວພັນ', country: 'LA' },
	// Oudomxay Provincial Department of Education and Sports
	{ id: 'org-oudomxay-education', name: 'ພະແນກສຶກສາທິການ ແລະ ກິລາ ແຂວງອຸດົມໄຊ', country: 'LA' }
] as const;

export const INDEPENDENT_LEARNERS_ORG = {
	id: 'org-independent-learners',
	name: 'Mittaphap — independent learners',
	country: 'VN'
} as const;

/** Printed at start-up and listed in README.md. Demo only: change or disable them in production. */
export const DEMO_PASSWORD = 'mittaphap-demo';
export const DEMO_ACCOUNTS: {
	username: string;
	displayName: string;
	locale: 'vi' | 'lo' | 'en';
	role: Role;
	organizationId: string;
	isPlatformAdmin?: boolean;
}[] = [
	{
		username: 'learner',
		displayName: 'ສົມພອນ',
		locale: 'lo',
		role: 'learner',
		organizationId: 'org-huaphan-organization-committee'
	},
	{
		username: 'instructor',
		displayName: 'Nguyễn Thị Lan',
		locale: 'vi',
		role: 'instructor',
		organizationId: 'org-thanh-hoa-political-school'
	},
	{
		username: 'officer',
		displayName: 'Lê Văn Hùng',
		locale: 'vi',
		role: 'admissions',
		organizationId: 'org-thanh-hoa-political-school'
	},
	{
		username: 'admin',
		displayName: 'Trần Minh Đức',
		locale: 'vi',
		role: 'admin',
		organizationId: 'org-thanh-hoa-political-school',
		isPlatformAdmin: true
	}
];

/** A reusable code so a visitor can try registration: 50 learners at the Huaphan committee. */
export const DEMO_INVITATION_CODE = 'HUAP-2026';

export async function isSeeded(db: DB): Promise<boolean> {
	const [row] = await db.select({ id: organization.id }).from(organization).limit(1);
	return Boolean(row);
}

/**
 * Seeds the demo once: does nothing when any organization exists already. All in one transaction:
 * a start that fails half-way leaves nothing, and the next start seeds again. `showcase: false`
 * (SEED_DEMO=accounts) stops at the organizations and accounts: the end-to-end suite's server, whose
 * tests count what the demo accounts see and start it many times.
 */
export async function seedDemo(
	db: DB,
	{ showcase = true, now = new Date() }: { showcase?: boolean; now?: Date } = {}
): Promise<boolean> {
	if (await isSeeded(db)) return false;
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	await db.transaction(async (tx) => {
		const ids = new Map<string, string>();
		await insertOrganizations(tx, [
			...DEMO_ORGANIZATIONS,
			{ ...INDEPENDENT_LEARNERS_ORG, isIndependentLearners: true }
		]);
		let adminId: string | undefined;
		for (const account of DEMO_ACCOUNTS) {
			const id = crypto.randomUUID();
			ids.set(account.username, id);
			if (account.username === 'admin') adminId = id;
			await insertUser(tx, {
				id,
				username: account.username,
				displayName: account.displayName,
				locale: account.locale,
				passwordHash,
				isPlatformAdmin: account.isPlatformAdmin ?? false
			});
			await grantMembership(tx, {
				userId: id,
				organizationId: account.organizationId,
				role: account.role
			});
		}
		await insertInvitationCode(tx, {
			code: DEMO_INVITATION_CODE,
			organizationId: 'org-huaphan-organization-committee',
			role: 'learner',
			maxUses: 50,
			note: 'Demo',
			createdBy: adminId
		});
		// The seed courses (loaded before the demo) are the school's to edit, publish and record.
		for (const courseId of ['vi-for-lo', 'lo-for-vi'])
			await giveSeedCourse(tx, courseId, 'org-thanh-hoa-political-school');
		// The screening programs, the class and its learners' weeks of study (demo-showcase.ts).
		if (showcase)
			await seedShowcase(
				tx,
				{ officerId: ids.get('officer')!, instructorId: ids.get('instructor')! },
				DEMO_PASSWORD,
				now
			);
	});
	return true;
}

/** What `npm start` prints: the accounts, with the showcase's learners when it was seeded. */
export function demoAccountsTable(showcase = true): string {
	const rows = DEMO_ACCOUNTS.map((a) => `  ${a.username.padEnd(12)} ${DEMO_PASSWORD}   ${a.role}`);
	const classmates = CLASS_LEARNERS.filter((l) => l.username !== HISTORY_LEARNER);
	const learners = [
		`  ${HISTORY_LEARNER.padEnd(12)} ${DEMO_PASSWORD}   learner with six weeks of study, in the instructor's class`,
		`  ${classmates[0].username}…${classmates.at(-1)!.username} ${DEMO_PASSWORD}   the class's other learners`
	];
	return [
		'Demo accounts (username, password, role):',
		...rows,
		...(showcase ? learners : []),
		`Demo invitation code for learners: ${DEMO_INVITATION_CODE}`
	].join('\n');
}
