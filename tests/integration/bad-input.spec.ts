import { beforeAll, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import type { DB } from '$lib/server/db/client';
import { candidate, program } from '$lib/server/db/schema';
import { seedItemBanks } from '$lib/server/placement/banks';
import { rolesOf } from '$lib/server/accounts/service';
import type { Actor } from '$lib/server/auth/actor';
import { createProgram } from '$lib/server/admissions/programs';
import { inviteCandidates } from '$lib/server/admissions/candidates';
import { isCalendarDay } from '$lib/validation';
import { parseCandidatesCsv } from '$lib/screening/candidates-csv';
import {
	defaultValues,
	toProgramInput
} from '../../src/routes/(admissions)/admissions/programs/program-form';
import { withTestDatabase } from '../factories/databases';
import { makeOrganization, makeUser } from '../factories/accounts';

/** The 5xx the fuzz suite (tests/e2e/fuzz) and the issue 9 probe found, as 4xx or stored whole. */
withTestDatabase('bad input the database refused', (database) => {
	let db: DB;
	let officer: Actor;
	let school: { id: string };

	beforeAll(async () => {
		db = database.db;
		await seedItemBanks(db);
		school = await makeOrganization(db);
		const u = await makeUser(db, { roles: [{ organizationId: school.id, role: 'admissions' }] });
		officer = { id: u.id, isPlatformAdmin: false, memberships: await rolesOf(db, u.id) };
	});

	async function programCount() {
		const [row] = await db
			.select({ n: count() })
			.from(program)
			.where(eq(program.organizationId, school.id));
		return row.n;
	}

	it('refuses a test window in a year the database has no room for, and stores nothing', async () => {
		for (const [opens, closes] of [
			['0000-01-01', '2027-01-01'],
			['0001-01-01', '2027-01-01'],
			['2027-01-01', '275760-09-13'],
			['2027-02-29', '2027-03-01']
		]) {
			const values = {
				...defaultValues(school.id),
				name: 'Lớp thử',
				intake: 'Khoá 1',
				windowOpensAt: opens,
				windowClosesAt: closes
			};
			const result = await createProgram(db, officer, toProgramInput(values));
			expect(result.ok, `${opens} – ${closes}`).toBe(false);
		}
		expect(await programCount()).toBe(0);
		expect(isCalendarDay('0000-01-01')).toBe(false);
		expect(isCalendarDay('2026-06-30')).toBe(true);
	});

	it('invites a 9,000-row candidate list whole (the probe sent 8,000), in chunks the database accepts', async () => {
		const created = await createProgram(
			db,
			officer,
			toProgramInput({ ...defaultValues(school.id), name: 'Lớp đông', intake: 'Khoá 2' })
		);
		if (!created.ok) throw new Error(JSON.stringify(created.errors));
		const csv = [
			'Họ và tên;Chức vụ;Đơn vị cử;Ngày sinh;Số điện thoại',
			...Array.from(
				{ length: 9_000 },
				(_, i) => `Người ${i};Chuyên viên;"Huaphan; Xam Neua";1990-01-0${(i % 9) + 1};+856 ${i}`
			)
		].join('\r\n');
		const parsed = parseCandidatesCsv(csv);
		expect(parsed.rows).toHaveLength(9_000);
		expect(parsed.rows[1].sendingOrganization).toBe('Huaphan; Xam Neua');
		await inviteCandidates(db, officer, created.id, parsed.rows);
		const [row] = await db
			.select({ n: count() })
			.from(candidate)
			.where(eq(candidate.programId, created.id));
		expect(row.n).toBe(9_000);
	});
});
