import { describe, expect, it } from 'vitest';
import { repeatedInvitees, samePerson } from './same-person';

describe('samePerson', () => {
	const bunmi = { fullName: 'ບຸນມີ ສີສຸວັນ', dateOfBirth: '1985-04-02' };
	it('sees the same name typed another way: NFD, case, spacing, zero-width characters', () => {
		expect(samePerson(bunmi, { ...bunmi, fullName: ' ບຸນມີ  ສີສຸວັນ\u200B ' })).toBe(true);
		const nguyen = { fullName: 'Nguyễn Văn Ánh', dateOfBirth: null };
		expect(
			samePerson(nguyen, { fullName: 'nguyễn văn ánh'.normalize('NFD'), dateOfBirth: null })
		).toBe(true);
	});
	it('tells apart two people of one name by their dates of birth, when both are known', () => {
		expect(samePerson(bunmi, { ...bunmi, dateOfBirth: '1990-01-01' })).toBe(false);
		expect(samePerson(bunmi, { ...bunmi, dateOfBirth: '' })).toBe(true);
		expect(samePerson(bunmi, { fullName: 'ບຸນມີ ພົມມະວົງ', dateOfBirth: '1985-04-02' })).toBe(false);
	});
});

describe('repeatedInvitees', () => {
	it('finds rows matching someone invited and rows repeating an earlier row', () => {
		const invited = [{ fullName: 'Somsak', dateOfBirth: null }];
		const rows = [
			{ fullName: 'Vilayphone', dateOfBirth: null },
			{ fullName: 'SOMSAK', dateOfBirth: '1980-01-01' },
			{ fullName: 'vilayphone', dateOfBirth: null },
			{ fullName: 'Khamla', dateOfBirth: null }
		];
		expect(repeatedInvitees(invited, rows)).toEqual([
			{ index: 1, matches: 'Somsak' },
			{ index: 2, matches: 'Vilayphone' }
		]);
	});
});
