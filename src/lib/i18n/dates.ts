/**
 * Dates in the interface language, as days where the schools are. Vietnam and Laos both keep
 * Indochina Time (UTC+7, no daylight saving), so a test window that opens at 00:00 ICT is shown on
 * its own day, not the evening before in UTC. Chromium ships no Lao locale data (stack notes), so
 * Lao dates are built from our own month names; Vietnamese and English use Intl.
 */
const LAO_MONTHS = [
	'ມັງກອນ',
	'ກຸມພາ',
	'ມີນາ',
	'ເມສາ',
	'ພຶດສະພາ',
	'ມິຖຸນາ',
	'ກໍລະກົດ',
	'ສິງຫາ',
	'ກັນຍາ',
	'ຕຸລາ',
	'ພະຈິກ',
	'ທັນວາ'
];

/** UTC+7 in milliseconds: Indochina Time. */
export const ICT_OFFSET_MS = 7 * 3_600_000;

/** The instant as wall-clock time in Indochina, read through the UTC getters. */
function inIct(date: Date): Date {
	return new Date(date.getTime() + ICT_OFFSET_MS);
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in Indochina. */
export function ictDay(date: Date): string {
	return inIct(date).toISOString().slice(0, 10);
}

export function formatDate(date: Date, locale: string): string {
	const ict = inIct(date);
	if (locale === 'lo') {
		return `${ict.getUTCDate()} ${LAO_MONTHS[ict.getUTCMonth()]} ${ict.getUTCFullYear()}`;
	}
	return new Intl.DateTimeFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(ict);
}

/**
 * The day as digits, day first (`3/12/2026`), as Vietnam and Laos write it: for table columns, where
 * a month's name would widen the column past a laptop's width.
 */
export function formatShortDate(date: Date): string {
	const ict = inIct(date);
	return `${ict.getUTCDate()}/${ict.getUTCMonth() + 1}/${ict.getUTCFullYear()}`;
}

/** Date and time of day (24-hour, Indochina Time), for entries that happen several times a day. */
export function formatDateTime(date: Date, locale: string): string {
	return `${formatDate(date, locale)} ${inIct(date).toISOString().slice(11, 16)}`;
}
