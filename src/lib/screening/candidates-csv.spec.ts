import { describe, expect, it } from 'vitest';
import { parseCandidatesCsv } from './candidates-csv';

describe('parseCandidatesCsv', () => {
	it('reads English headers in any order, with quoted commas', () => {
		const parsed = parseCandidatesCsv(
			'phone,name,position,sending organization,date of birth\n020 5555 1234,"ສົມພອນ, ແກ້ວ",Deputy head,ຄະນະຈັດຕັ້ງແຂວງຫົວພັນ,1985-03-02\n'
		);
		expect(parsed.rows).toEqual([
			{
				fullName: 'ສົມພອນ, ແກ້ວ',
				position: 'Deputy head',
				sendingOrganization: 'ຄະນະຈັດຕັ້ງແຂວງຫົວພັນ',
				dateOfBirth: '1985-03-02',
				phone: '020 5555 1234'
			}
		]);
	});
	it('reads Vietnamese headers with semicolons (spreadsheets in vi-VN export so)', () => {
		const parsed = parseCandidatesCsv(
			'\uFEFFHọ và tên;Chức vụ;Đơn vị cử\nBounmy;Chuyên viên;Huaphan\n;;\nVanna;;\n'
		);
		expect(parsed.rows.map((r) => r.fullName)).toEqual(['Bounmy', 'Vanna']);
		expect(parsed.rows[0].position).toBe('Chuyên viên');
		expect(parsed.errors).toEqual([{ line: 3, message: 'missing_name' }]);
	});
	it('reports rows without a name and a file without a name column', () => {
		expect(parseCandidatesCsv('name,phone\n,123\nA,1').errors).toEqual([
			{ line: 2, message: 'missing_name' }
		]);
		expect(parseCandidatesCsv('phone\n123').missingNameColumn).toBe(true);
	});
	it('keeps line breaks and quotes inside quoted fields, and reads 8,000 rows', () => {
		const parsed = parseCandidatesCsv('name;position\n"Bounmy ""Mee""";"Line 1\nLine 2"\n');
		expect(parsed.rows[0].fullName).toBe('Bounmy "Mee"');
		expect(parsed.rows[0].position).toBe('Line 1\nLine 2');
		const big = ['name,phone', ...Array.from({ length: 8_000 }, (_, i) => `Người ${i},${i}`)];
		expect(parseCandidatesCsv(big.join('\r\n')).rows).toHaveLength(8_000);
	});
});
