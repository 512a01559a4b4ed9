import { beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '$lib/server/db/client';
import { attempt, candidate, itemBank, program } from '$lib/server/db/schema';
import { authenticate, registerAccount } from '$lib/server/accounts/service';
import { verifyFromAddress } from '$lib/server/admissions/verification';
import { generateCode } from '$lib/server/auth/codes';
import { LOCK_MS } from '$lib/server/auth/throttle';
import { withTestDatabase } from '../factories/databases';
import { makeInvitationCode, makeOrganization, TEST_PASSWORD } from '../factories/accounts';

const DAY = 86_400_000;
let addressCount = 0;
/** A client address of its own for each test, so their counts never meet. */
const freshAddress = () => `10.77.${Math.floor(addressCount / 250)}.${addressCount++ % 250}`;
const unknownCode = () => generateCode().replace(/^./, 'Z');

/**
 * The one throttle of guessable secrets (auth/throttle.ts) as each door meets it: registration's
 * invitation and personal codes, the public verification page, and login.
 */
withTestDatabase('throttle of typed codes', (database) => {
	let db: DB;
	let organizationId: string;
	let verificationCode: string;

	beforeAll(async () => {
		db = database.db;
		organizationId = (await makeOrganization(db)).id;
		verificationCode = await sealedResult(db, organizationId);
	});

	const register = (clientAddress: string, invitationCode: string, now?: Date) =>
		registerAccount(
			db,
			{
				username: `u${crypto.randomUUID().slice(0, 12)}`,
				displayName: 'ບຸນມີ',
				password: 'long enough',
				invitationCode,
				clientAddress
			},
			now
		);

	describe('registration', () => {
		it('refuses codes from an address after 20 wrong ones, even the right code, until the lock ends', async () => {
			const address = freshAddress();
			const now = new Date();
			for (let i = 0; i < 19; i++) {
				expect(await register(address, unknownCode(), now)).toEqual({
					ok: false,
					errors: { invitationCode: 'code_invalid' }
				});
			}
			const twentieth = await register(address, unknownCode(), now);
			expect(twentieth).toMatchObject({ ok: false, errors: { invitationCode: 'codes_throttled' } });
			const { code } = await makeInvitationCode(db, organizationId);
			const refused = await register(address, code, now);
			expect(refused).toMatchObject({ ok: false, errors: { invitationCode: 'codes_throttled' } });
			if (!refused.ok) expect(refused.retryAt!.getTime()).toBe(now.getTime() + LOCK_MS);
			// Another address is not held up, and the lock ends.
			expect(await register(freshAddress(), code, now)).toMatchObject({ ok: true });
			const { code: next } = await makeInvitationCode(db, organizationId);
			expect(await register(address, next, new Date(now.getTime() + LOCK_MS + 1000))).toMatchObject(
				{ ok: true }
			);
		});

		it('counts only wrong codes: right codes never lock', async () => {
			const address = freshAddress();
			const { code } = await makeInvitationCode(db, organizationId, { maxUses: 21 });
			for (let i = 0; i < 21; i++)
				expect(await register(address, code)).toMatchObject({ ok: true });
			expect(await register(address, unknownCode())).toMatchObject({
				errors: { invitationCode: 'code_invalid' }
			});
		});
	});

	describe('verification', () => {
		it('answers a known code and refuses an unknown one', async () => {
			const address = freshAddress();
			const found = await verifyFromAddress(db, verificationCode.toLowerCase(), address);
			expect(found).toMatchObject({ ok: true, value: { fullName: 'ສົມສັກ ແກ້ວມະນີ', valid: true } });
			expect(await verifyFromAddress(db, unknownCode(), address)).toEqual({
				ok: false,
				reason: 'not_found'
			});
		});

		it('locks an address after 20 unknown codes, then refuses even a real one without looking', async () => {
			const address = freshAddress();
			const now = new Date();
			for (let i = 0; i < 20; i++) await verifyFromAddress(db, unknownCode(), address, now);
			expect(await verifyFromAddress(db, verificationCode, address, now)).toMatchObject({
				ok: false,
				reason: 'throttled'
			});
			expect(await verifyFromAddress(db, verificationCode, freshAddress(), now)).toMatchObject({
				ok: true
			});
			const later = new Date(now.getTime() + LOCK_MS + 1000);
			expect(await verifyFromAddress(db, verificationCode, address, later)).toMatchObject({
				ok: true
			});
		});
	});

	it('counts wrong codes at registration and at verification together', async () => {
		const address = freshAddress();
		const now = new Date();
		for (let i = 0; i < 10; i++) await register(address, unknownCode(), now);
		for (let i = 0; i < 10; i++) await verifyFromAddress(db, unknownCode(), address, now);
		expect(await verifyFromAddress(db, verificationCode, address, now)).toMatchObject({
			reason: 'throttled'
		});
		expect(await register(address, unknownCode(), now)).toMatchObject({
			errors: { invitationCode: 'codes_throttled' }
		});
	});

	it('keeps failed logins and wrong codes apart: a locked login does not lock codes', async () => {
		const address = freshAddress();
		for (let i = 0; i < 20; i++)
			await authenticate(db, {
				username: `nobody${i}`,
				password: TEST_PASSWORD,
				clientAddress: address
			});
		expect(
			await authenticate(db, {
				username: 'nobody',
				password: TEST_PASSWORD,
				clientAddress: address
			})
		).toMatchObject({ reason: 'throttled' });
		expect(await verifyFromAddress(db, verificationCode, address)).toMatchObject({ ok: true });
	});
});

/** A finished, passing result with its verification code, as the lifecycle seals it. */
async function sealedResult(db: DB, organizationId: string): Promise<string> {
	const now = Date.now();
	const bankId = `bank-${crypto.randomUUID()}`;
	await db.insert(itemBank).values({ id: bankId, language: 'vi', version: '1' });
	const programId = crypto.randomUUID();
	await db.insert(program).values({
		id: programId,
		organizationId,
		name: 'Trung cấp lý luận chính trị',
		intake: 'Lớp Lào khoá 6',
		bankId,
		minOverallLevel: 3,
		windowOpensAt: new Date(now - DAY),
		windowClosesAt: new Date(now + DAY),
		timeLimitMinutes: 60,
		maxAttempts: 1,
		retakeCooldownDays: 14,
		resultValidityMonths: 24
	});
	const candidateId = crypto.randomUUID();
	await db.insert(candidate).values({
		id: candidateId,
		programId,
		fullName: 'ສົມສັກ ແກ້ວມະນີ',
		invitationCode: generateCode()
	});
	const code = generateCode();
	await db.insert(attempt).values({
		id: crypto.randomUUID(),
		candidateId,
		status: 'completed',
		catState: {},
		startedAt: new Date(now - 3_600_000),
		deadlineAt: new Date(now),
		finishedAt: new Date(now - 60_000),
		bankVersion: '1',
		engineConfig: {},
		overallLevel: 4,
		skillLevels: { listening: 4 },
		passed: true,
		verificationCode: code,
		validUntil: new Date(now + 365 * DAY)
	});
	return code;
}
