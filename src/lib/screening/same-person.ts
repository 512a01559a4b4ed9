/**
 * Whether two invitations are for the same person, so that inviting someone twice to one program is
 * caught instead of giving them two personal codes. Names are compared as a reader would: Unicode
 * normalized (a name typed in NFD on one phone and NFC on another is the same name), case and spacing
 * ignored, zero-width characters dropped. A date of birth tells two people of the same name apart;
 * when either invitation has none, the name alone decides.
 */
export type Invitee = { fullName: string; dateOfBirth: string | null };

function nameKey(name: string): string {
	return name
		.normalize('NFC')
		.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
		.trim()
		.replace(/\s+/g, ' ')
		.toLocaleLowerCase();
}

export function samePerson(a: Invitee, b: Invitee): boolean {
	if (nameKey(a.fullName) !== nameKey(b.fullName)) return false;
	const birthA = a.dateOfBirth?.trim() ?? '';
	const birthB = b.dateOfBirth?.trim() ?? '';
	return !birthA || !birthB || birthA === birthB;
}

/**
 * The rows (by index) that look like someone already invited or like an earlier row of the same
 * list, each with the name it matches.
 */
export function repeatedInvitees(
	invited: Invitee[],
	rows: Invitee[]
): { index: number; matches: string }[] {
	const repeated: { index: number; matches: string }[] = [];
	rows.forEach((row, index) => {
		const match =
			invited.find((person) => samePerson(person, row)) ??
			rows.slice(0, index).find((earlier) => samePerson(earlier, row));
		if (match) repeated.push({ index, matches: match.fullName });
	});
	return repeated;
}
