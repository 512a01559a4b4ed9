/**
 * Candidate lists as partner provinces send them: CSV with a header row naming the columns
 * name, position, sending organization, date of birth, phone (in any order; Vietnamese, Lao or English
 * headers). Commas or semicolons; quoted fields may contain either.
 */
import Papa from 'papaparse';

export type CandidateRow = {
	fullName: string;
	position: string;
	sendingOrganization: string;
	dateOfBirth: string;
	phone: string;
};

const HEADERS: Record<keyof CandidateRow, string[]> = {
	fullName: ['name', 'full name', 'họ và tên', 'họ tên', 'ຊື່ ແລະ ນາມສະກຸນ', 'ຊື່'],
	position: ['position', 'chức vụ', 'ຕຳແໜ່ງ'],
	sendingOrganization: [
		'sending organization',
		'organization',
		'đơn vị cử',
		'đơn vị',
		'ອົງການ',
		'ອົງການສົ່ງ'
	],
	dateOfBirth: ['date of birth', 'ngày sinh', 'ວັນເດືອນປີເກີດ'],
	phone: ['phone', 'số điện thoại', 'điện thoại', 'ເບີໂທ', 'ເບີໂທລະສັບ']
};

export type ParsedCandidates = {
	rows: CandidateRow[];
	errors: { line: number; message: 'missing_name' }[];
	missingNameColumn: boolean;
};

/**
 * Parsed with papaparse (RFC 4180: quoted separators, doubled quotes, line breaks inside quotes).
 * The separator is the one of `,` and `;` the file uses; blank lines are skipped, and line numbers
 * in `errors` count the lines that are not blank, header first (as the officer sees them listed).
 */
export function parseCandidatesCsv(text: string): ParsedCandidates {
	const { data } = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
		delimitersToGuess: [',', ';'],
		skipEmptyLines: true
	});
	const lines = data.map((fields) => fields.map((f) => f.trim().normalize('NFC')));
	if (lines.length === 0) return { rows: [], errors: [], missingNameColumn: true };
	const header = lines[0].map((h) => h.toLowerCase());
	const column = {} as Record<keyof CandidateRow, number>;
	for (const key of Object.keys(HEADERS) as (keyof CandidateRow)[]) {
		column[key] = header.findIndex((h) => HEADERS[key].includes(h));
	}
	if (column.fullName < 0) return { rows: [], errors: [], missingNameColumn: true };
	const rows: CandidateRow[] = [];
	const errors: ParsedCandidates['errors'] = [];
	lines.slice(1).forEach((fields, i) => {
		const get = (key: keyof CandidateRow) => (column[key] >= 0 ? (fields[column[key]] ?? '') : '');
		if (!get('fullName')) {
			errors.push({ line: i + 2, message: 'missing_name' });
			return;
		}
		rows.push({
			fullName: get('fullName'),
			position: get('position'),
			sendingOrganization: get('sendingOrganization'),
			dateOfBirth: get('dateOfBirth'),
			phone: get('phone')
		});
	});
	return { rows, errors, missingNameColumn: false };
}
