/**
 * Candidate lists as partner provinces send them: CSV with a header row naming the columns
 * name, position, sending organization, date of birth, phone (in any order; Vietnamese, Lao or English
 * headers). Commas or semicolons; quoted fields may contain either.
 */
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

/** One CSV line split on `separator`; quoted fields may contain it (and "" for a quote). */
export function splitLine(line: string, separator: string): string[] {
	const fields: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < line.length; i++) {
		const ch = line[i];
		if (quoted) {
			if (ch === '"' && line[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === separator) {
			fields.push(field);
			field = '';
		} else field += ch;
	}
	fields.push(field);
	return fields.map((f) => f.trim().normalize('NFC'));
}

export type ParsedCandidates = {
	rows: CandidateRow[];
	errors: { line: number; message: 'missing_name' }[];
	missingNameColumn: boolean;
};

export function parseCandidatesCsv(text: string): ParsedCandidates {
	const lines = text
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.filter((l) => l.trim() !== '');
	if (lines.length === 0) return { rows: [], errors: [], missingNameColumn: true };
	const separator =
		(lines[0].match(/;/g)?.length ?? 0) > (lines[0].match(/,/g)?.length ?? 0) ? ';' : ',';
	const header = splitLine(lines[0], separator).map((h) => h.toLowerCase());
	const column = {} as Record<keyof CandidateRow, number>;
	for (const key of Object.keys(HEADERS) as (keyof CandidateRow)[]) {
		column[key] = header.findIndex((h) => HEADERS[key].includes(h));
	}
	if (column.fullName < 0) return { rows: [], errors: [], missingNameColumn: true };
	const rows: CandidateRow[] = [];
	const errors: ParsedCandidates['errors'] = [];
	lines.slice(1).forEach((line, i) => {
		const fields = splitLine(line, separator);
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
