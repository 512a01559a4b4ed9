/**
 * CSV for spreadsheets: a UTF-8 byte-order mark so Excel reads Vietnamese and Lao correctly, CRLF
 * line ends (RFC 4180), and cells that a spreadsheet would run as a formula prefixed with ' (OWASP
 * "CSV injection").
 */
export function csvResponse(filename: string, rows: (string | number | null | undefined)[][]) {
	const cell = (value: string | number | null | undefined) => {
		let text = value === null || value === undefined ? '' : String(value);
		if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
		return /[",;\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
	};
	const body = '\uFEFF' + rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'private, no-store'
		}
	});
}

/** A file name from a program's name: ASCII only, so every browser keeps it. */
export function fileSlug(text: string): string {
	const ascii = text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[đĐ]/g, 'd')
		.replace(/[^A-Za-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.toLowerCase();
	return ascii || 'list';
}
